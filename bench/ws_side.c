/* Winsock side of the benchmark: ordinary Windows code (blocking send/recv, CreateThread,
 * QueryPerformanceCounter). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

#define CHUNK 65536

static double now(void)
{
	LARGE_INTEGER t, f;

	QueryPerformanceCounter(&t);
	QueryPerformanceFrequency(&f);
	return (double)t.QuadPart / (double)f.QuadPart;
}

static int pair(SOCKET *a, SOCKET *b)
{
	struct sockaddr_in sa;
	int len = sizeof sa, one = 1;
	SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	*a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	if (*a == INVALID_SOCKET || connect(*a, (struct sockaddr *)&sa, sizeof sa))
		return -1;
	*b = accept(l, NULL, NULL);
	closesocket(l);
	if (*b == INVALID_SOCKET)
		return -1;
	setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
	setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
	return 0;
}

static DWORD WINAPI echo(LPVOID p)
{
	SOCKET s = *(SOCKET *)p;
	char c;

	while (recv(s, &c, 1, 0) == 1)
		if (send(s, &c, 1, 0) != 1)
			break;
	return 0;
}

double ws_rtt(int n)
{
	WSADATA d;
	SOCKET a, b;
	HANDLE th;
	double t0 = 0, t1;

	if (WSAStartup(MAKEWORD(2, 2), &d) || pair(&a, &b)) {
		printf("FAIL ws_rtt setup: %d\n", WSAGetLastError());
		return -1;
	}
	th = CreateThread(NULL, 0, echo, &b, 0, NULL);
	for (int i = -100; i < n; i++) {
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (send(a, &out, 1, 0) != 1 || recv(a, &in, 1, 0) != 1 || in != out) {
			printf("FAIL ws_rtt round trip %d: %d\n", i, WSAGetLastError());
			return -1;
		}
	}
	t1 = now();
	closesocket(a);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);
	closesocket(b);
	WSACleanup();
	return t1 - t0;
}

struct bulk_arg {
	SOCKET s;
	long long total;
	int ok;
};

static DWORD WINAPI sink(LPVOID p)
{
	struct bulk_arg *a = p;
	static char buf[CHUNK];
	long long off = 0;
	int n;

	while ((n = recv(a->s, buf, sizeof buf, 0)) > 0) {
		for (int i = 0; i < n; i++)
			if ((unsigned char)buf[i] != (unsigned char)((off + i) % 251))
				return 0;
		off += n;
	}
	a->ok = n == 0 && off == a->total;
	return 0;
}

double ws_bulk(int mib)
{
	WSADATA d;
	SOCKET a, b;
	HANDLE th;
	static char buf[CHUNK + 251];
	struct bulk_arg arg;
	long long total = (long long)mib << 20, sent = 0;
	double t0, t1;

	if (WSAStartup(MAKEWORD(2, 2), &d) || pair(&a, &b)) {
		printf("FAIL ws_bulk setup: %d\n", WSAGetLastError());
		return -1;
	}
	for (int i = 0; i < (int)sizeof buf; i++)
		buf[i] = (char)(i % 251);
	arg.s = b;
	arg.total = total;
	arg.ok = 0;
	th = CreateThread(NULL, 0, sink, &arg, 0, NULL);
	t0 = now();
	while (sent < total) {
		/* The pattern continues across calls: start at the right phase. */
		int n = send(a, buf + sent % 251, CHUNK, 0);
		if (n <= 0) {
			printf("FAIL ws_bulk send: %d\n", WSAGetLastError());
			return -1;
		}
		sent += n;
	}
	shutdown(a, SD_SEND);
	WaitForSingleObject(th, INFINITE);
	t1 = now();
	CloseHandle(th);
	closesocket(a);
	closesocket(b);
	WSACleanup();
	if (!arg.ok) {
		printf("FAIL ws_bulk: received stream differs from what was sent\n");
		return -1;
	}
	return t1 - t0;
}
