/* I/O on duplicated socket handles (DuplicateHandle in one process): the handles share one
 * socket, as Windows' share one file object, so closing one of them cancels nothing while
 * another is open; the last close aborts what is still pending (spec handles.md §7-8). */
#include "overlapped_util.h"

static SOCKET dup_of(SOCKET s)
{
	HANDLE out = NULL;

	ASSERT_EQ(DuplicateHandle(GetCurrentProcess(), (HANDLE)s, GetCurrentProcess(), &out, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), TRUE);
	return (SOCKET)out;
}

static void post_recv(SOCKET s, OVERLAPPED *ov, char *buf, ULONG len)
{
	WSABUF b = { len, buf };
	DWORD flags = 0;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSARecv(s, &b, 1, NULL, &flags, ov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

/* through: which handle issues the receive; closed: which one is closed first. */
static void close_one(int through_dup, int close_dup)
{
	SOCKET c, a, d, issuer, closed, other;
	OVERLAPPED ov;
	DWORD n = 0, flags = 0;
	char buf[8];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d = dup_of(a);
	issuer = through_dup ? d : a;
	closed = close_dup ? d : a;
	other = close_dup ? a : d;
	ov_init(&ov, WSACreateEvent());
	post_recv(issuer, &ov, buf, sizeof buf);
	ASSERT_EQ(closesocket(closed), 0);
	/* Still pending: the socket is open through the other handle. */
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(!ov_completed(&ov));
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(WSAGetOverlappedResult(other, &ov, &n, FALSE, &flags), TRUE);
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf, "abc", 3);
	/* The remaining handle still talks to the peer. */
	ASSERT_EQ(send(other, "q", 1, 0), 1);
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 1);
	ASSERT_EQ(closesocket(other), 0);
	ASSERT_EQ(closesocket(c), 0);
	WSACloseEvent(ov.hEvent);
	WSACleanup();
}

TEST(DuplicateHandle_close_issuer_keeps_io)
{
	close_one(0, 0);
}

TEST(DuplicateHandle_close_other_keeps_io)
{
	close_one(0, 1);
}

TEST(DuplicateHandle_close_source_keeps_dup_io)
{
	close_one(1, 0);
}

/* The last close aborts the operations issued through every handle of the socket. */
TEST(DuplicateHandle_last_close_aborts)
{
	SOCKET c, a, d;
	OVERLAPPED ov1, ov2;
	DWORD n = 0, flags = 0;
	char b1[4], b2[4];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d = dup_of(a);
	ov_init(&ov1, WSACreateEvent());
	ov_init(&ov2, WSACreateEvent());
	post_recv(a, &ov1, b1, sizeof b1);
	post_recv(d, &ov2, b2, sizeof b2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(ov1.hEvent, 0), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForSingleObject(ov2.hEvent, 0), WAIT_TIMEOUT);
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(WaitForSingleObject(ov1.hEvent, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(ov2.hEvent, INFINITE), WAIT_OBJECT_0);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov1, &n, FALSE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetOverlappedResult((HANDLE)d, &ov2, &n, FALSE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	(void)flags;
	ASSERT_EQ(closesocket(c), 0);
	WSACloseEvent(ov1.hEvent);
	WSACloseEvent(ov2.hEvent);
	WSACleanup();
}

struct blocked {
	SOCKET s;
	volatile LONG started;
	volatile LONG result, err;
};

static DWORD WINAPI blocked_recv(LPVOID p)
{
	struct blocked *b = p;
	char buf[4];

	WSASetLastError(0xdeadbeef);
	InterlockedExchange(&b->started, 1);
	b->result = recv(b->s, buf, sizeof buf, 0);
	b->err = WSAGetLastError();
	return 0;
}

/* A call blocked through the closed handle fails (WSAEINTR), but the socket is not shut down:
 * the duplicate goes on sending and receiving. */
TEST(DuplicateHandle_close_wakes_blocked_call_only)
{
	SOCKET c, a, d;
	struct blocked b;
	HANDLE t;
	char buf[4];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d = dup_of(a);
	memset(&b, 0, sizeof b);
	b.s = a;
	t = CreateThread(NULL, 0, blocked_recv, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	while (!InterlockedCompareExchange(&b.started, 0, 0))
		Sleep(1);
	Sleep(20);	/* most likely inside recv by now; either way the close ends the call */
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(b.result, SOCKET_ERROR);
	/* WSAENOTSOCK only if the close came before recv looked the handle up. */
	ASSERT_TRUE(b.err == WSAEINTR || b.err == WSAENOTSOCK);
	ASSERT_EQ(send(c, "hi", 2, 0), 2);
	ASSERT_EQ(recv(d, buf, sizeof buf, 0), 2);
	ASSERT_EQ(send(d, "yo", 2, 0), 2);
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 2);
	ASSERT_MEM_EQ(buf, "yo", 2);
	ASSERT_EQ(CloseHandle(t), TRUE);
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(closesocket(c), 0);
	WSACleanup();
}

/* A duplicate of a port-bound socket posts to the same port with the same key. */
TEST(DuplicateHandle_port_binding_shared)
{
	SOCKET c, a, d;
	HANDLE port;
	OVERLAPPED ov, *got = NULL;
	DWORD n = 0;
	ULONG_PTR key = 0;
	char buf[4];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 0x42, 0);
	ASSERT_TRUE(port != NULL);
	d = dup_of(a);
	ov_init(&ov, NULL);
	post_recv(d, &ov, buf, sizeof buf);
	ASSERT_EQ(send(c, "pk", 2, 0), 2);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, INFINITE), TRUE);
	ASSERT_TRUE(got == &ov);
	ASSERT_EQ(key, 0x42);
	ASSERT_EQ(n, 2);
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(CloseHandle(port), TRUE);
	WSACleanup();
}
