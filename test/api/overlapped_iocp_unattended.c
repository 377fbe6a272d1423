/* A handle bound to a completion port makes progress with no thread in
 * GetQueuedCompletionStatus, as Windows' kernel completes the I/O regardless: the event of an
 * operation whose hEvent has the low bit set (no packet) is set, WSAEventSelect records,
 * GetOverlappedResult(bWait=TRUE) returns -- and the packet is still there for a later
 * GetQueuedCompletionStatus (spec data-transfer.md §11-12). */
#include "overlapped_util.h"

static HANDLE bound_pair(SOCKET *c, SOCKET *a)
{
	HANDLE port;

	ov_start();
	ov_tcp_pair(AF_INET, c, a);
	port = CreateIoCompletionPort((HANDLE)*a, NULL, 9, 0);
	ASSERT_TRUE(port != NULL);
	return port;
}

static void post_recv(SOCKET s, OVERLAPPED *ov, char *buf, ULONG len)
{
	WSABUF b = { len, buf };
	DWORD flags = 0;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSARecv(s, &b, 1, NULL, &flags, ov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

static void finish(HANDLE port, SOCKET c, SOCKET a)
{
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(CloseHandle(port), TRUE);
	WSACleanup();
}

TEST(iocp_unattended_lowbit_event)
{
	SOCKET c, a;
	HANDLE port, ev = CreateEventW(NULL, TRUE, FALSE, NULL);
	OVERLAPPED ov, *got = NULL;
	DWORD n = 0, flags = 0;
	ULONG_PTR key;
	char buf[8];

	port = bound_pair(&c, &a);
	ov_init(&ov, (HANDLE)((ULONG_PTR)ev | 1));
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(send(c, "lo", 2, 0), 2);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &n, TRUE, &flags), TRUE);
	ASSERT_EQ(n, 2);
	ASSERT_MEM_EQ(buf, "lo", 2);
	/* No packet for it. */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, 0), FALSE);
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_EQ(CloseHandle(ev), TRUE);
	finish(port, c, a);
}

static void getoverlappedresult_waits(int with_event)
{
	SOCKET c, a;
	HANDLE port, ev = with_event ? CreateEventW(NULL, TRUE, FALSE, NULL) : NULL;
	OVERLAPPED ov, *got = NULL;
	DWORD n = 0;
	ULONG_PTR key = 0;
	char buf[8];

	port = bound_pair(&c, &a);
	ov_init(&ov, ev);
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(send(c, "gor", 3, 0), 3);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE), TRUE);
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf, "gor", 3);
	/* The packet is still queued for the port's threads. */
	n = 0;
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, INFINITE), TRUE);
	ASSERT_TRUE(got == &ov);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(key, 9);
	if (ev)
		ASSERT_EQ(CloseHandle(ev), TRUE);
	finish(port, c, a);
}

TEST(iocp_unattended_GetOverlappedResult_no_event)
{
	getoverlappedresult_waits(0);
}

TEST(iocp_unattended_GetOverlappedResult_event)
{
	getoverlappedresult_waits(1);
}

TEST(iocp_unattended_WSAEventSelect)
{
	SOCKET c, a;
	HANDLE port;
	WSAEVENT ev = WSACreateEvent();
	WSANETWORKEVENTS ne;

	port = bound_pair(&c, &a);
	ASSERT_EQ(WSAEventSelect(a, ev, FD_READ), 0);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_EQ(send(c, "es", 2, 0), 2);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, WSA_INFINITE, FALSE), WSA_WAIT_EVENT_0);
	ASSERT_EQ(WSAEnumNetworkEvents(a, ev, &ne), 0);
	ASSERT_TRUE(ne.lNetworkEvents & FD_READ);
	ASSERT_EQ(WSAEventSelect(a, NULL, 0), 0);
	ASSERT_EQ(WSACloseEvent(ev), TRUE);
	finish(port, c, a);
}

/* Bound after WSAEventSelect: still recorded. */
TEST(iocp_unattended_WSAEventSelect_then_bind)
{
	SOCKET c, a;
	HANDLE port;
	WSAEVENT ev = WSACreateEvent();
	WSANETWORKEVENTS ne;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(WSAEventSelect(a, ev, FD_READ), 0);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 9, 0);
	ASSERT_TRUE(port != NULL);
	ASSERT_EQ(send(c, "eb", 2, 0), 2);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, WSA_INFINITE, FALSE), WSA_WAIT_EVENT_0);
	ASSERT_EQ(WSAEnumNetworkEvents(a, ev, &ne), 0);
	ASSERT_TRUE(ne.lNetworkEvents & FD_READ);
	ASSERT_EQ(WSAEventSelect(a, NULL, 0), 0);
	ASSERT_EQ(WSACloseEvent(ev), TRUE);
	finish(port, c, a);
}

/* The keeper hands the port back: a worker that comes later still gets every packet. */
struct worker {
	HANDLE port;
	int n;
	volatile LONG got;
};

static DWORD WINAPI worker_main(LPVOID p)
{
	struct worker *w = p;
	DWORD n;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	for (int i = 0; i < w->n; i++) {
		ASSERT_EQ(GetQueuedCompletionStatus(w->port, &n, &key, &ov, INFINITE), TRUE);
		InterlockedIncrement(&w->got);
	}
	return 0;
}

TEST(iocp_unattended_then_worker)
{
	SOCKET c, a;
	HANDLE port, ev = CreateEventW(NULL, TRUE, FALSE, NULL), t;
	OVERLAPPED ov1, ov2;
	char b1[4], b2[4];
	struct worker w;

	port = bound_pair(&c, &a);
	/* Unattended: a low-bit op completes through the keeper. */
	ov_init(&ov1, (HANDLE)((ULONG_PTR)ev | 1));
	post_recv(a, &ov1, b1, 1);
	ASSERT_EQ(send(c, "1", 1, 0), 1);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	/* A worker arrives; the next completion is a packet it gets. */
	w.port = port;
	w.n = 1;
	w.got = 0;
	t = CreateThread(NULL, 0, worker_main, &w, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ov_init(&ov2, NULL);
	post_recv(a, &ov2, b2, 1);
	ASSERT_EQ(send(c, "2", 1, 0), 1);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(w.got, 1);
	ASSERT_EQ(b2[0], '2');
	ASSERT_EQ(CloseHandle(t), TRUE);
	ASSERT_EQ(CloseHandle(ev), TRUE);
	finish(port, c, a);
}

/* The status block was written for a GetOverlappedResult waiter before the packet was
 * dequeued; the program then reuses the OVERLAPPED for a new receive. Dequeuing the old packet
 * must not write the old status over the new, still pending operation. */
TEST(iocp_unattended_dequeue_after_reuse)
{
	SOCKET c, a;
	HANDLE port;
	OVERLAPPED ov, *got = NULL;
	DWORD n = 0;
	ULONG_PTR key = 0;
	char buf[8], buf2[8];

	port = bound_pair(&c, &a);
	ov_init(&ov, NULL);
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(send(c, "one", 3, 0), 3);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE), TRUE);
	ASSERT_EQ(n, 3);
	ov_init(&ov, NULL);
	post_recv(a, &ov, buf2, sizeof buf2);		/* same OVERLAPPED, new operation */
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, INFINITE), TRUE);
	ASSERT_TRUE(got == &ov);
	ASSERT_EQ(n, 3);				/* the first receive's packet */
	ASSERT_EQ(HasOverlappedIoCompleted(&ov), FALSE);	/* the second is still pending */
	ASSERT_EQ(send(c, "two", 3, 0), 3);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, INFINITE), TRUE);
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf2, "two", 3);
	finish(port, c, a);
}
