/* An I/O completion port echo server written the way Windows servers are written: one
 * completion port, a few worker threads in GetQueuedCompletionStatus, every accepted socket
 * associated with the port, and one overlapped WSARecv or WSASend in flight per connection.
 * No Linux-specific line: it builds with a Windows compiler as it is.
 * usage: iocp_echo_server [port] [connections] [workers]   (defaults: 27015, 64, 2)
 * It serves that many connections, and exits once every one of them has been closed by its
 * client, printing what it echoed. */
#undef UNICODE
#define WIN32_LEAN_AND_MEAN

#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

#define PORT "27015"
#define BUF_LEN 4096
#define MAX_WORKERS 16
#define KEY_QUIT 1	/* completion key of the packet that stops a worker */

/* Per-connection state. The OVERLAPPED comes first, so the pointer the port hands back with
 * each completion is the connection itself. */
typedef struct {
	OVERLAPPED ov;
	SOCKET sock;
	BOOL sending;
	DWORD len;		/* bytes received, to be echoed */
	DWORD sent;		/* of them, bytes sent so far */
	WSABUF wsabuf;
	char buf[BUF_LEN];
} CONNECTION;

static HANDLE g_port;
static int g_workers;
static volatile LONG g_open;		/* connections still open */
static volatile LONG g_failures;

/* What one worker echoed (each worker counts its own, summed at the end). */
typedef struct {
	LONGLONG messages, bytes;
} WORKER_STATS;

static void close_connection(CONNECTION *c, DWORD error)
{
	/* A client that resets its connection is done with it, not a failure. */
	if (error != 0 && error != WSAECONNRESET && error != ERROR_NETNAME_DELETED) {
		printf("server: connection failed with error %lu\n", (unsigned long)error);
		InterlockedIncrement(&g_failures);
	}
	closesocket(c->sock);
	free(c);
	if (InterlockedDecrement(&g_open) == 0) {
		/* The last one: wake every worker with a packet that tells it to leave. */
		for (int i = 0; i < g_workers; i++)
			PostQueuedCompletionStatus(g_port, 0, KEY_QUIT, NULL);
	}
}

/* Starts the connection's next operation: a receive, or the send of what is left to echo.
 * Its completion (even an immediate one) arrives through the port. */
static void post_next(CONNECTION *c)
{
	DWORD flags = 0;
	int rc;

	ZeroMemory(&c->ov, sizeof(c->ov));
	if (c->sending) {
		c->wsabuf.buf = c->buf + c->sent;
		c->wsabuf.len = c->len - c->sent;
		rc = WSASend(c->sock, &c->wsabuf, 1, NULL, 0, &c->ov, NULL);
	} else {
		c->wsabuf.buf = c->buf;
		c->wsabuf.len = BUF_LEN;
		rc = WSARecv(c->sock, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL);
	}
	if (rc == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING)
		close_connection(c, (DWORD)WSAGetLastError());
}

static DWORD WINAPI worker(LPVOID param)
{
	WORKER_STATS *stats = (WORKER_STATS *)param;

	for (;;) {
		DWORD bytes = 0;
		ULONG_PTR key = 0;
		OVERLAPPED *ov = NULL;
		BOOL ok = GetQueuedCompletionStatus(g_port, &bytes, &key, &ov, INFINITE);
		CONNECTION *c = (CONNECTION *)ov;

		if (ov == NULL) {
			if (key == KEY_QUIT)
				return 0;
			printf("GetQueuedCompletionStatus failed with error: %lu\n", (unsigned long)GetLastError());
			InterlockedIncrement(&g_failures);
			return 1;
		}
		if (!ok) {
			close_connection(c, GetLastError());
			continue;
		}
		if (!c->sending) {
			if (bytes == 0) {	/* the client closed its side */
				close_connection(c, 0);
				continue;
			}
			c->len = bytes;
			c->sent = 0;
			c->sending = TRUE;
			stats->messages++;
		} else {
			c->sent += bytes;
			stats->bytes += bytes;
			if (c->sent == c->len)
				c->sending = FALSE;
		}
		post_next(c);
	}
}

int main(int argc, char **argv)
{
	WSADATA wsa;
	struct addrinfo hints, *list = NULL;
	SOCKET listener;
	HANDLE threads[MAX_WORKERS];
	WORKER_STATS stats[MAX_WORKERS];
	LONGLONG messages = 0, bytes = 0;
	int rc, wanted = argc > 2 ? atoi(argv[2]) : 64;
	LARGE_INTEGER freq, t0, t1;
	double secs;

	g_workers = argc > 3 ? atoi(argv[3]) : 2;
	ZeroMemory(stats, sizeof(stats));
	if (wanted < 1 || g_workers < 1 || g_workers > MAX_WORKERS) {
		printf("usage: iocp_echo_server [port] [connections] [workers 1-%d]\n", MAX_WORKERS);
		return 1;
	}
	rc = WSAStartup(MAKEWORD(2, 2), &wsa);
	if (rc != 0) {
		printf("WSAStartup failed with error: %d\n", rc);
		return 1;
	}

	ZeroMemory(&hints, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	hints.ai_flags = AI_PASSIVE;
	rc = getaddrinfo(NULL, argc > 1 ? argv[1] : PORT, &hints, &list);
	if (rc != 0) {
		printf("getaddrinfo failed with error: %d\n", rc);
		WSACleanup();
		return 1;
	}
	listener = socket(list->ai_family, list->ai_socktype, list->ai_protocol);
	if (listener == INVALID_SOCKET || bind(listener, list->ai_addr, (int)list->ai_addrlen) == SOCKET_ERROR ||
	    listen(listener, SOMAXCONN) == SOCKET_ERROR) {
		printf("listening socket failed with error: %d\n", WSAGetLastError());
		freeaddrinfo(list);
		WSACleanup();
		return 1;
	}
	freeaddrinfo(list);

	/* Concurrency 0: as many threads running at once as the machine has processors. */
	g_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	if (g_port == NULL) {
		printf("CreateIoCompletionPort failed with error: %lu\n", (unsigned long)GetLastError());
		WSACleanup();
		return 1;
	}
	for (int i = 0; i < g_workers; i++)
		threads[i] = CreateThread(NULL, 0, worker, &stats[i], 0, NULL);
	g_open = wanted;
	printf("server: listening on port %s, %d workers on one completion port\n", argc > 1 ? argv[1] : PORT,
	       g_workers);
	fflush(stdout);

	QueryPerformanceFrequency(&freq);
	for (int i = 0; i < wanted; i++) {
		CONNECTION *c;
		BOOL nodelay = TRUE;
		SOCKET s = accept(listener, NULL, NULL);

		if (s == INVALID_SOCKET) {
			printf("accept failed with error: %d\n", WSAGetLastError());
			return 1;
		}
		if (i == 0)
			QueryPerformanceCounter(&t0);
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&nodelay, sizeof(nodelay));
		c = (CONNECTION *)calloc(1, sizeof(*c));
		if (c == NULL) {
			printf("out of memory\n");
			return 1;
		}
		c->sock = s;
		if (CreateIoCompletionPort((HANDLE)s, g_port, 0, 0) == NULL) {
			printf("CreateIoCompletionPort failed with error: %lu\n", (unsigned long)GetLastError());
			return 1;
		}
		post_next(c);
	}
	closesocket(listener);

	WaitForMultipleObjects((DWORD)g_workers, threads, TRUE, INFINITE);
	QueryPerformanceCounter(&t1);
	secs = (double)(t1.QuadPart - t0.QuadPart) / (double)freq.QuadPart;
	for (int i = 0; i < g_workers; i++) {
		CloseHandle(threads[i]);
		messages += stats[i].messages;
		bytes += stats[i].bytes;
	}
	CloseHandle(g_port);
	WSACleanup();

	printf("server: echoed %lld messages (%lld bytes) on %d connections in %.2f s\n", (long long)messages,
	       (long long)bytes, wanted, secs);
	if (g_failures) {
		printf("server: %ld failure(s)\n", (long)g_failures);
		return 1;
	}
	return 0;
}
