/* Winsock side of the readiness benchmark (issue #6): ordinary Windows code. 64 connected
 * loopback TCP pairs; each round one peer sends a byte, and one WSAPoll (mode 0) or select
 * (mode 1) over the 64 receiving sockets finds the one that is readable, which is then read. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

#define NSOCK 64

static double now(void)
{
	LARGE_INTEGER t, f;

	QueryPerformanceCounter(&t);
	QueryPerformanceFrequency(&f);
	return (double)t.QuadPart / (double)f.QuadPart;
}

/* NSOCK pairs through one listener: snd[i] connected to rcv[i]. */
static int pairs(SOCKET *snd, SOCKET *rcv)
{
	struct sockaddr_in sa;
	int len = sizeof sa, one = 1;
	SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 8) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	for (int i = 0; i < NSOCK; i++) {
		snd[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		if (snd[i] == INVALID_SOCKET || connect(snd[i], (struct sockaddr *)&sa, sizeof sa))
			return -1;
		rcv[i] = accept(l, NULL, NULL);
		if (rcv[i] == INVALID_SOCKET)
			return -1;
		setsockopt(snd[i], IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
	}
	closesocket(l);
	return 0;
}

double ws_poll64(int n, int mode)
{
	WSADATA d;
	SOCKET snd[NSOCK], rcv[NSOCK];
	WSAPOLLFD pfd[NSOCK];
	fd_set all, rd;
	double t0 = 0, t1;

	if (WSAStartup(MAKEWORD(2, 2), &d) || pairs(snd, rcv)) {
		printf("FAIL ws_poll64 setup: %d\n", WSAGetLastError());
		return -1;
	}
	FD_ZERO(&all);
	for (int i = 0; i < NSOCK; i++) {
		pfd[i].fd = rcv[i];
		pfd[i].events = POLLRDNORM;
		FD_SET(rcv[i], &all);
	}
	for (int i = -100; i < n; i++) {
		int k = (int)(((unsigned)(i + 100) * 37u) % NSOCK), found = -1, ready;
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (send(snd[k], &out, 1, 0) != 1) {
			printf("FAIL ws_poll64 send: %d\n", WSAGetLastError());
			return -1;
		}
		if (mode == 0) {
			ready = WSAPoll(pfd, NSOCK, -1);
			for (int j = 0; j < NSOCK; j++)
				if (pfd[j].revents & POLLRDNORM)
					found = j;
		} else {
			rd = all;
			ready = select(0, &rd, NULL, NULL, NULL);
			for (int j = 0; j < NSOCK; j++)
				if (FD_ISSET(rcv[j], &rd))
					found = j;
		}
		if (ready != 1 || found != k || recv(rcv[k], &in, 1, 0) != 1 || in != out) {
			printf("FAIL ws_poll64 round %d: ready %d, found %d of %d, error %d\n", i, ready, found, k,
			       WSAGetLastError());
			return -1;
		}
	}
	t1 = now();
	for (int i = 0; i < NSOCK; i++) {
		closesocket(snd[i]);
		closesocket(rcv[i]);
	}
	WSACleanup();
	return t1 - t0;
}
