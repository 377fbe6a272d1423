/* linsock-bench-ext, Windows side: the same workloads written as a Windows server would. */
#include <stdio.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "ext_bench.h"

#define MAX_POSTED 64
#define SLOT (sizeof(struct sockaddr_in) + 16)

static SOCKET listener(int *port)
{
	struct sockaddr_in a;
	int len = sizeof a;
	SOCKET l = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, SOMAXCONN) != 0 ||
	    getsockname(l, (struct sockaddr *)&a, &len) != 0) {
		printf("FAIL listener: %d\n", WSAGetLastError());
		if (l != INVALID_SOCKET)
			closesocket(l);
		return INVALID_SOCKET;
	}
	*port = ntohs(a.sin_port);
	return l;
}

struct post {
	OVERLAPPED ov;		/* first: the completion's OVERLAPPED pointer is the post */
	SOCKET s;
	char buf[2 * SLOT];
};

static int post_accept(SOCKET l, struct post *p)
{
	DWORD n = 0;

	memset(&p->ov, 0, sizeof p->ov);
	p->s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
	if (p->s == INVALID_SOCKET)
		return -1;
	if (!AcceptEx(l, p->s, p->buf, 0, SLOT, SLOT, &n, &p->ov) && WSAGetLastError() != ERROR_IO_PENDING)
		return -1;
	return 0;
}

double ws_accept(int n, int posted)
{
	static struct post posts[MAX_POSTED];
	volatile int accepted = 0;
	HANDLE port;
	SOCKET l;
	void *c;
	double t0, t;
	int p, done = 0;

	if (posted > MAX_POSTED)
		posted = MAX_POSTED;
	l = listener(&p);
	if (l == INVALID_SOCKET)
		return -1;
	port = CreateIoCompletionPort((HANDLE)l, NULL, 1, 1);
	for (int i = 0; i < posted; i++)
		if (post_accept(l, &posts[i]) != 0) {
			printf("FAIL AcceptEx: %d\n", WSAGetLastError());
			closesocket(l);
			CloseHandle(port);
			return -1;
		}
	t0 = ext_now();
	c = ext_client_start(p, n, &accepted);
	while (done < n) {
		OVERLAPPED *ov = NULL;
		ULONG_PTR key = 0;
		DWORD bytes = 0;
		struct post *pp;

		if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 10000) && !ov) {
			printf("FAIL GetQueuedCompletionStatus: %lu\n", (unsigned long)GetLastError());
			break;
		}
		pp = (struct post *)ov;
		closesocket(pp->s);
		__atomic_store_n(&accepted, ++done, __ATOMIC_RELEASE);
		if (post_accept(l, pp) != 0) {
			printf("FAIL AcceptEx: %d\n", WSAGetLastError());
			break;
		}
	}
	t = ext_now() - t0;
	if (!c || ext_client_join(c) != 0 || done != n) {
		printf("FAIL ws_accept: %d of %d\n", done, n);
		t = -1;
	}
	closesocket(l);	/* aborts the AcceptEx calls still posted */
	for (int i = 0; i < posted; i++) {
		OVERLAPPED *ov = NULL;
		ULONG_PTR key = 0;
		DWORD bytes = 0;
		GetQueuedCompletionStatus(port, &bytes, &key, &ov, 1000);
		if (ov)
			closesocket(((struct post *)ov)->s);
	}
	CloseHandle(port);
	return t;
}

double ws_transmitfile(const char *path, long long size, int overlapped)
{
	OVERLAPPED ov;
	HANDLE f;
	SOCKET l, s;
	void *sink;
	long long got;
	double t0, t;
	int port, ok = 1;

	l = listener(&port);
	if (l == INVALID_SOCKET)
		return -1;
	f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	if (f == INVALID_HANDLE_VALUE) {
		printf("FAIL CreateFile: %lu\n", (unsigned long)GetLastError());
		closesocket(l);
		return -1;
	}
	memset(&ov, 0, sizeof ov);
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	t0 = ext_now();
	sink = ext_sink_start(port, size);
	s = accept(l, NULL, NULL);
	if (s == INVALID_SOCKET) {
		ok = 0;
	} else if (!overlapped) {
		ok = TransmitFile(s, f, 0, 0, NULL, NULL, 0);
	} else if (!TransmitFile(s, f, 0, 0, &ov, NULL, 0)) {
		DWORD n = 0;
		ok = WSAGetLastError() == WSA_IO_PENDING && GetOverlappedResult((HANDLE)s, &ov, &n, TRUE) &&
		     n == (DWORD)size;
	}
	if (!ok) {
		printf("FAIL TransmitFile: %d\n", WSAGetLastError());
		fflush(stdout);
		shutdown(s, SD_BOTH);
	}
	got = sink ? ext_sink_join(sink) : 0;
	t = ext_now() - t0;
	if (s != INVALID_SOCKET)
		closesocket(s);
	CloseHandle(ov.hEvent);
	CloseHandle(f);
	closesocket(l);
	if (!ok || got != size) {
		printf("FAIL ws_transmitfile: %lld of %lld bytes\n", got, size);
		return -1;
	}
	return t;
}
