/* Raw Linux twin of poll_side.c: the same 64 loopback TCP pairs and rounds, found with one
 * poll(2) over the 64 receiving sockets, as a hand-written Linux port would. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define NSOCK 64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int pairs(int *snd, int *rcv)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int one = 1, l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 8) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	for (int i = 0; i < NSOCK; i++) {
		snd[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (snd[i] < 0 || connect(snd[i], (struct sockaddr *)&sa, sizeof sa))
			return -1;
		rcv[i] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		if (rcv[i] < 0)
			return -1;
		setsockopt(snd[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	}
	close(l);
	return 0;
}

double raw_poll64(int n)
{
	int snd[NSOCK], rcv[NSOCK];
	struct pollfd pfd[NSOCK];
	double t0 = 0, t1;

	if (pairs(snd, rcv)) {
		perror("FAIL raw_poll64 setup");
		return -1;
	}
	for (int i = 0; i < NSOCK; i++) {
		pfd[i].fd = rcv[i];
		pfd[i].events = POLLIN;
	}
	for (int i = -100; i < n; i++) {
		int k = (int)(((unsigned)(i + 100) * 37u) % NSOCK), found = -1, ready;
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (send(snd[k], &out, 1, MSG_NOSIGNAL) != 1) {
			perror("FAIL raw_poll64 send");
			return -1;
		}
		ready = poll(pfd, NSOCK, -1);
		for (int j = 0; j < NSOCK; j++)
			if (pfd[j].revents & POLLIN)
				found = j;
		if (ready != 1 || found != k || recv(rcv[k], &in, 1, 0) != 1 || in != out) {
			printf("FAIL raw_poll64 round %d: ready %d, found %d of %d\n", i, ready, found, k);
			return -1;
		}
	}
	t1 = now();
	for (int i = 0; i < NSOCK; i++) {
		close(snd[i]);
		close(rcv[i]);
	}
	return t1 - t0;
}
