/* Completion-port side of the async benchmarks (issue #5 item 7), written as Windows code:
 * an IOCP echo server (one port, W workers in GetQueuedCompletionStatus, one overlapped
 * receive or send in flight per connection) and a completion-routine ping-pong (WSARecv/
 * WSASend with completion routines, each thread in SleepEx alertable). Nothing here is
 * Linux-specific; the raw Linux client that drives the server is in echo_raw.c. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define QUIT_KEY ((ULONG_PTR)1)
#define MAX_WORKERS 16

/* One connection: the OVERLAPPED first, so the pointer GetQueuedCompletionStatus hands back
 * is the connection. One operation in flight at a time (receive, then send of what came). */
struct conn {
	OVERLAPPED ov;
	SOCKET s;
	int sending;
	DWORD len, off;	/* bytes received; bytes of them sent so far */
	char buf[];
};

static struct {
	int mode, workers, nconns, bufsize;
	SOCKET listener;
	HANDLE port, acceptor, threads[MAX_WORKERS];
	LONG live, errors, started;
	struct conn **conns;
} srv;

static struct conn *conn_at(int i)
{
	return srv.conns[i];
}

size_t ws_echo_conn_bytes(int bufsize)
{
	return sizeof(struct conn) + (size_t)bufsize;
}

static void conn_close(struct conn *c, int failed)
{
	if (failed)
		InterlockedIncrement(&srv.errors);
	closesocket(c->s);
	c->s = INVALID_SOCKET;
	/* The last connection gone: release every worker. */
	if (InterlockedDecrement(&srv.live) == 0)
		for (int i = 0; i < srv.workers; i++)
			PostQueuedCompletionStatus(srv.port, 0, QUIT_KEY, NULL);
}

/* Issue c's next operation. Returns 1 if it completed at once and no packet will come
 * (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, mode 2), with *n the bytes; 0 if a packet will come;
 * -1 if it failed (connection closed here). */
static int issue(struct conn *c, DWORD *n)
{
	BOOL ok;
	DWORD err, flags = 0;
	WSABUF wb;

	memset(&c->ov, 0, sizeof c->ov);
	*n = 0;
	if (srv.mode == 1) {
		if (c->sending)
			ok = WriteFile((HANDLE)c->s, c->buf + c->off, c->len - c->off, n, &c->ov);
		else
			ok = ReadFile((HANDLE)c->s, c->buf, (DWORD)srv.bufsize, n, &c->ov);
		err = ok ? 0 : GetLastError();
	} else {
		int rc;
		if (c->sending) {
			wb.buf = c->buf + c->off;
			wb.len = c->len - c->off;
			rc = WSASend(c->s, &wb, 1, n, 0, &c->ov, NULL);
		} else {
			wb.buf = c->buf;
			wb.len = (ULONG)srv.bufsize;
			rc = WSARecv(c->s, &wb, 1, n, &flags, &c->ov, NULL);
		}
		err = rc == 0 ? 0 : (DWORD)WSAGetLastError();
	}
	if (err == 0)
		return srv.mode == 2 ? 1 : 0;
	if (err == ERROR_IO_PENDING)
		return 0;
	/* A reset by a client that left is an end, not a benchmark failure. */
	conn_close(c, err != WSAECONNRESET && err != ERROR_NETNAME_DELETED);
	return -1;
}

/* c's operation finished with n bytes: go on with the next one until one is pending. */
static void advance(struct conn *c, DWORD n)
{
	for (;;) {
		if (!c->sending) {
			if (n == 0) {	/* the client closed its end */
				conn_close(c, 0);
				return;
			}
			c->sending = 1;
			c->len = n;
			c->off = 0;
		} else {
			c->off += n;
			if (c->off >= c->len)
				c->sending = 0;
		}
		if (issue(c, &n) != 1)
			return;
	}
}

static DWORD WINAPI worker(LPVOID arg)
{
	(void)arg;
	for (;;) {
		DWORD n = 0;
		ULONG_PTR key = 0;
		OVERLAPPED *ov = NULL;
		BOOL ok = GetQueuedCompletionStatus(srv.port, &n, &key, &ov, INFINITE);

		if (ov == NULL) {
			if (key == QUIT_KEY)
				return 0;
			InterlockedIncrement(&srv.errors);	/* the port itself failed */
			return 1;
		}
		if (!ok) {
			DWORD err = GetLastError();
			conn_close((struct conn *)ov, err != ERROR_NETNAME_DELETED && err != WSAECONNRESET);
			continue;
		}
		advance((struct conn *)ov, n);
	}
}

/* Accepts the connections one by one, binds each to the port and posts its first receive. */
static DWORD WINAPI acceptor(LPVOID arg)
{
	(void)arg;
	for (int i = 0; i < srv.nconns; i++) {
		int one = 1;
		DWORD n;
		struct conn *c = conn_at(i);

		c->s = accept(srv.listener, NULL, NULL);
		if (c->s == INVALID_SOCKET) {
			printf("FAIL iocp accept %d: %d\n", i, WSAGetLastError());
			InterlockedIncrement(&srv.errors);
			/* Unblock the workers: the missing connections will never close. */
			for (int k = i; k < srv.nconns; k++)
				if (InterlockedDecrement(&srv.live) == 0)
					for (int w = 0; w < srv.workers; w++)
						PostQueuedCompletionStatus(srv.port, 0, QUIT_KEY, NULL);
			return 1;
		}
		setsockopt(c->s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
		if (CreateIoCompletionPort((HANDLE)c->s, srv.port, 0, 0) == NULL) {
			if (!srv.errors)
				printf("FAIL iocp CreateIoCompletionPort: %lu\n", (unsigned long)GetLastError());
			conn_close(c, 1);
			continue;
		}
		if (srv.mode == 2 &&
		    !SetFileCompletionNotificationModes((HANDLE)c->s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)) {
			if (!srv.errors)
				printf("FAIL SetFileCompletionNotificationModes: %lu\n", (unsigned long)GetLastError());
			conn_close(c, 1);
			continue;
		}
		if (issue(c, &n) == 1)
			advance(c, n);
	}
	return 0;
}

int ws_echo_start(int mode, int workers, int nconns, int bufsize)
{
	WSADATA d;
	struct sockaddr_in sa;
	int len = sizeof sa;

	memset(&srv, 0, sizeof srv);
	srv.mode = mode;
	srv.workers = workers < 1 ? 1 : workers > MAX_WORKERS ? MAX_WORKERS : workers;
	srv.nconns = nconns;
	srv.bufsize = bufsize;
	srv.live = nconns;
	if (WSAStartup(MAKEWORD(2, 2), &d)) {
		printf("FAIL WSAStartup\n");
		return -1;
	}
	/* One block per connection, as a server sizes its per-connection records up front. */
	srv.conns = calloc((size_t)nconns, sizeof *srv.conns);
	for (int i = 0; srv.conns && i < nconns; i++)
		if (!(srv.conns[i] = calloc(1, ws_echo_conn_bytes(bufsize))))
			return -1;
		else
			srv.conns[i]->s = INVALID_SOCKET;	/* touched now: part of the baseline */
	srv.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	srv.listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (!srv.conns || srv.port == NULL || srv.listener == INVALID_SOCKET ||
	    bind(srv.listener, (struct sockaddr *)&sa, sizeof sa) || listen(srv.listener, SOMAXCONN) ||
	    getsockname(srv.listener, (struct sockaddr *)&sa, &len)) {
		printf("FAIL iocp server setup: %d\n", WSAGetLastError());
		return -1;
	}
	for (int i = 0; i < srv.workers; i++)
		srv.threads[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
	srv.acceptor = CreateThread(NULL, 0, acceptor, NULL, 0, NULL);
	return ntohs(sa.sin_port);
}

int ws_echo_ready(void)
{
	DWORD code = 1;

	WaitForSingleObject(srv.acceptor, INFINITE);
	GetExitCodeThread(srv.acceptor, &code);
	return code == 0 ? 0 : -1;
}

int ws_echo_wait(void)
{
	int failed = ws_echo_ready() != 0;

	WaitForMultipleObjects((DWORD)srv.workers, srv.threads, TRUE, INFINITE);
	for (int i = 0; i < srv.workers; i++)
		CloseHandle(srv.threads[i]);
	CloseHandle(srv.acceptor);
	CloseHandle(srv.port);
	closesocket(srv.listener);
	for (int i = 0; i < srv.nconns; i++)
		free(srv.conns[i]);
	free(srv.conns);
	WSACleanup();
	if (srv.errors) {
		printf("FAIL iocp echo server: %ld connection(s) failed\n", (long)srv.errors);
		failed = 1;
	}
	return failed ? -1 : 0;
}

/* ---- Completion-routine ping-pong ----
 * Two threads, one socket each; each waits for its own operation's routine in SleepEx
 * (alertable) before issuing the next: the initiator sends one byte and receives the echo,
 * the responder receives and sends it back. */
struct pp_side {
	SOCKET s;
	int n, initiator, failed;
	WSAOVERLAPPED ov;
	volatile DWORD done, bytes, err;
};

static void CALLBACK pp_done(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	struct pp_side *p = (struct pp_side *)((char *)ov - offsetof(struct pp_side, ov));

	(void)flags;
	p->err = err;
	p->bytes = bytes;
	p->done = 1;
}

/* One overlapped op with a completion routine, then alertable sleep until the routine ran.
 * Returns the bytes moved or -1. */
static int pp_op(struct pp_side *p, char *c, int send)
{
	WSABUF wb = { 1, c };
	DWORD n = 0, flags = 0;
	int rc;

	memset(&p->ov, 0, sizeof p->ov);
	p->done = 0;
	rc = send ? WSASend(p->s, &wb, 1, &n, 0, &p->ov, pp_done) : WSARecv(p->s, &wb, 1, &n, &flags, &p->ov, pp_done);
	if (rc != 0 && WSAGetLastError() != WSA_IO_PENDING)
		return -1;
	/* Windows queues the routine even when the call completed at once. */
	while (!p->done)
		if (SleepEx(INFINITE, TRUE) != WAIT_IO_COMPLETION)
			return -1;
	return p->err ? -1 : (int)p->bytes;
}

static DWORD WINAPI pp_responder(LPVOID arg)
{
	struct pp_side *p = arg;
	char c;

	for (;;) {
		int got = pp_op(p, &c, 0);
		if (got == 0)
			return 0;	/* the initiator closed */
		if (got != 1 || pp_op(p, &c, 1) != 1) {
			p->failed = 1;
			return 1;
		}
	}
}

static double now(void)
{
	LARGE_INTEGER t, f;

	QueryPerformanceCounter(&t);
	QueryPerformanceFrequency(&f);
	return (double)t.QuadPart / (double)f.QuadPart;
}

double ws_apc_pingpong(int n)
{
	WSADATA d;
	struct sockaddr_in sa;
	int len = sizeof sa, one = 1;
	SOCKET l, a, b;
	struct pp_side ini, rsp;
	HANDLE th;
	double t0 = 0, t1;

	memset(&ini, 0, sizeof ini);
	memset(&rsp, 0, sizeof rsp);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (WSAStartup(MAKEWORD(2, 2), &d))
		return -1;
	l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	a = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
	if (l == INVALID_SOCKET || a == INVALID_SOCKET || bind(l, (struct sockaddr *)&sa, sizeof sa) ||
	    listen(l, 1) || getsockname(l, (struct sockaddr *)&sa, &len) ||
	    connect(a, (struct sockaddr *)&sa, sizeof sa) || (b = accept(l, NULL, NULL)) == INVALID_SOCKET) {
		printf("FAIL apc ping-pong setup: %d\n", WSAGetLastError());
		return -1;
	}
	closesocket(l);
	setsockopt(a, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
	setsockopt(b, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
	ini.s = a;
	rsp.s = b;
	th = CreateThread(NULL, 0, pp_responder, &rsp, 0, NULL);
	for (int i = -100; i < n; i++) {
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (pp_op(&ini, &out, 1) != 1 || pp_op(&ini, &in, 0) != 1 || in != out) {
			printf("FAIL apc ping-pong round %d: %d\n", i, WSAGetLastError());
			closesocket(a);
			WaitForSingleObject(th, INFINITE);
			return -1;
		}
	}
	t1 = now();
	closesocket(a);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);
	closesocket(b);
	WSACleanup();
	if (rsp.failed) {
		printf("FAIL apc ping-pong responder\n");
		return -1;
	}
	return t1 - t0;
}
