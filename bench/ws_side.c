/* Winsock side of the benchmark: ordinary Windows code (blocking send/recv, CreateThread,
 * QueryPerformanceCounter). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define CHUNK 65536

/* CHUNK + 251 bytes of the stream pattern (byte o is o % 251), filled once. */
static char pattern[CHUNK + 251];

static void pattern_init(void)
{
	for (int i = 0; i < (int)sizeof pattern; i++)
		pattern[i] = (char)(i % 251);
}

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

/* One byte out and one in, with send/recv (mode 0) or WriteFile/ReadFile on the socket
 * handle, NULL OVERLAPPED (mode 1). */
static int put1(SOCKET s, char c, int mode)
{
	DWORD n = 0;

	if (mode == 0)
		return send(s, &c, 1, 0) == 1;
	return WriteFile((HANDLE)s, &c, 1, &n, NULL) && n == 1;
}

static int get1(SOCKET s, char *c, int mode)
{
	DWORD n = 0;

	if (mode == 0)
		return recv(s, c, 1, 0) == 1;
	return ReadFile((HANDLE)s, c, 1, &n, NULL) && n == 1;
}

struct echo_arg {
	SOCKET s;
	int mode;
};

static DWORD WINAPI echo(LPVOID p)
{
	struct echo_arg *a = p;
	char c;

	while (get1(a->s, &c, a->mode))
		if (!put1(a->s, c, a->mode))
			break;
	return 0;
}

double ws_rtt(int n, int mode)
{
	WSADATA d;
	SOCKET a, b;
	HANDLE th;
	struct echo_arg ea;
	double t0 = 0, t1;

	if (WSAStartup(MAKEWORD(2, 2), &d) || pair(&a, &b)) {
		printf("FAIL ws_rtt setup: %d\n", WSAGetLastError());
		return -1;
	}
	ea.s = b;
	ea.mode = mode;
	th = CreateThread(NULL, 0, echo, &ea, 0, NULL);
	for (int i = -100; i < n; i++) {
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (!put1(a, out, mode) || !get1(a, &in, mode) || in != out) {
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
	int ok, mode;
};

static DWORD WINAPI sink(LPVOID p)
{
	struct bulk_arg *a = p;
	static char buf[CHUNK];
	long long off = 0;
	int n;

	for (;;) {
		DWORD got = 0;
		if (a->mode == 0)
			n = recv(a->s, buf, sizeof buf, 0);
		else
			n = ReadFile((HANDLE)a->s, buf, sizeof buf, &got, NULL) ? (int)got : -1;
		if (n <= 0)
			break;
		/* Byte o of the stream is o % 251: compare with the pattern at the right phase. */
		if (memcmp(buf, pattern + off % 251, (size_t)n) != 0)
			return 0;
		off += n;
	}
	a->ok = n == 0 && off == a->total;
	return 0;
}

double ws_bulk(int mib, int mode)
{
	WSADATA d;
	SOCKET a, b;
	HANDLE th;
	const char *buf = pattern;
	struct bulk_arg arg;
	long long total = (long long)mib << 20, sent = 0;
	double t0, t1;

	if (WSAStartup(MAKEWORD(2, 2), &d) || pair(&a, &b)) {
		printf("FAIL ws_bulk setup: %d\n", WSAGetLastError());
		return -1;
	}
	pattern_init();
	arg.s = b;
	arg.total = total;
	arg.ok = 0;
	arg.mode = mode;
	th = CreateThread(NULL, 0, sink, &arg, 0, NULL);
	t0 = now();
	while (sent < total) {
		/* The pattern continues across calls: start at the right phase. */
		DWORD w = 0;
		int n = mode == 0 ? send(a, buf + sent % 251, CHUNK, 0)
				  : WriteFile((HANDLE)a, buf + sent % 251, CHUNK, &w, NULL) ? (int)w : -1;
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

/* One WriteFile of mib MiB (up to 4095) on a blocking socket: it must complete however often the
 * send buffer fills (issue #4). */
double ws_big_write(int mib)
{
	WSADATA d;
	SOCKET a, b;
	HANDLE th;
	struct bulk_arg arg;
	DWORD total = (DWORD)mib << 20, w = 0;
	char *buf = malloc(total);
	double t0, t1;

	if (!buf || WSAStartup(MAKEWORD(2, 2), &d) || pair(&a, &b)) {
		printf("FAIL ws_big_write setup\n");
		return -1;
	}
	pattern_init();
	for (DWORD i = 0; i < total; i++)
		buf[i] = (char)(i % 251);
	arg.s = b;
	arg.total = total;
	arg.ok = 0;
	arg.mode = 1;
	th = CreateThread(NULL, 0, sink, &arg, 0, NULL);
	t0 = now();
	if (!WriteFile((HANDLE)a, buf, total, &w, NULL) || w != total) {
		printf("FAIL ws_big_write: WriteFile wrote %lu of %lu, GetLastError %lu\n", (unsigned long)w,
		       (unsigned long)total, (unsigned long)GetLastError());
		return -1;
	}
	shutdown(a, SD_SEND);
	WaitForSingleObject(th, INFINITE);
	t1 = now();
	CloseHandle(th);
	closesocket(a);
	closesocket(b);
	WSACleanup();
	free(buf);
	if (!arg.ok) {
		printf("FAIL ws_big_write: received stream differs from what was sent\n");
		return -1;
	}
	return t1 - t0;
}
