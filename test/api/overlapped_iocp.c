/* Sockets with completion ports: WSARecv completing through GetQueuedCompletionStatus (key,
 * bytes, OVERLAPPED; the status block written at dequeue), failure packets (a reset is FALSE +
 * ERROR_NETNAME_DELETED there, WSAECONNRESET from WSAGetOverlappedResult),
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, a low-bit hEvent keeping the packet off the port, and a
 * Winsock routine on a port-bound socket (the port wins: linsock's choice for a combination
 * Windows does not support) (spec data-transfer.md §3, §11). */
#include "overlapped_util.h"

static volatile LONG calls;

static void CALLBACK routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)err, (void)bytes, (void)ov, (void)flags;
	calls++;
}

static void port_recv(int af)
{
	SOCKET c, a;
	OVERLAPPED ov, *got_ov = NULL;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, n = 0, fl;
	ULONG_PTR key = 0;
	HANDLE port;

	ov_start();
	ov_tcp_pair(af, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 0x77, 0);
	ASSERT_TRUE(port != NULL);
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "port", 4, 0), 4);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE));
	ASSERT_EQ(n, 4);
	ASSERT_EQ(key, 0x77);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 4);
	ASSERT_MEM_EQ(buf, "port", 4);
	/* Completed at once: still a packet (no skip mode yet). */
	ASSERT_EQ(send(c, "now", 3, 0), 3);
	ASSERT_EQ(recv(a, buf, 3, MSG_PEEK | MSG_WAITALL), 3);
	ov_init(&ov, NULL);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), 0);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 0));
	ASSERT_EQ(n, 3);
	/* A reset: a failure packet. */
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ov_abort(c);
	got_ov = NULL;
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE), ERROR_NETNAME_DELETED);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(key, 0x77);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &n, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(overlapped_iocp_recv_v4) { port_recv(AF_INET); }
TEST(overlapped_iocp_recv_v6) { port_recv(AF_INET6); }

/* A port's I/O is driven by the threads waiting on it (docs/design.md E): a worker parks in
 * GetQueuedCompletionStatus as in any port server, and reports the key of its first packet. */
struct worker {
	HANDLE port;
	ULONG_PTR first_key;
};

static DWORD WINAPI worker_main(LPVOID p)
{
	struct worker *w = p;
	OVERLAPPED *ov;
	DWORD n;

	GetQueuedCompletionStatus(w->port, &n, &w->first_key, &ov, INFINITE);
	return 0;
}

TEST(overlapped_iocp_skip_on_success_and_low_bit)
{
	struct worker w;
	HANDLE t;
	DWORD tid;
	SOCKET c, a;
	OVERLAPPED ov, *got_ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, n;
	ULONG_PTR key;
	HANDLE port, ev = WSACreateEvent();

	ov_start();
	calls = 0;
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 5, 0);
	ASSERT_TRUE(port != NULL);
	/* Low bit on hEvent: the event is set, no packet (the worker's first packet is the one
	 * posted afterwards). */
	w.port = port;
	w.first_key = 0;
	t = CreateThread(NULL, 0, worker_main, &w, 0, &tid);
	ov_init(&ov, (HANDLE)((ULONG_PTR)ev | 1));
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "lb", 2, 0), 2);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE));
	ASSERT_EQ(n, 2);
	ASSERT_TRUE(PostQueuedCompletionStatus(port, 0, 0xdead, NULL));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_EQ(w.first_key, 0xdead);
	got_ov = &ov;
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(got_ov == NULL);
	/* A routine on a port-bound socket: the packet goes to the port, no routine. */
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, routine), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "rt", 2, 0), 2);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE));
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(calls, 0);
	/* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: immediate success queues nothing; pending still
	 * does. */
	ASSERT_TRUE(SetFileCompletionNotificationModes((HANDLE)a, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
	ASSERT_EQ(send(c, "sk", 2, 0), 2);
	ASSERT_EQ(recv(a, buf, 2, MSG_PEEK | MSG_WAITALL), 2);
	ov_init(&ov, NULL);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), 0);
	ASSERT_EQ(n, 2);
	ASSERT_EQ(ov.Internal, 0);	/* handled inline: the status block is written */
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 0), WAIT_TIMEOUT);
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "pd", 2, 0), 2);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE));
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(key, 5);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}
