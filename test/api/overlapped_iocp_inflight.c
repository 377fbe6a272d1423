/* Receives on a port-bound socket that wait while a GetQueuedCompletionStatus caller polls the
 * port (linsock's io_uring backend hands such a receive to the kernel: docs/design.md P2). The
 * Windows rules must not change: receives fill in call order, a cancelled or closed receive
 * completes exactly once, aborted, and a port's I/O goes on after the thread that issued it (or
 * that was polling the port) ends (spec data-transfer.md §3, §11). */
#include "overlapped_util.h"

/* A GetQueuedCompletionStatus that finds nothing: the calling thread polls the port meanwhile. */
static void poll_port_empty(HANDLE port, DWORD ms)
{
	OVERLAPPED *got_ov = (OVERLAPPED *)1;
	ULONG_PTR key;
	DWORD n;

	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, ms), WAIT_TIMEOUT);
	ASSERT_TRUE(got_ov == NULL);
}

static void bound_pair(SOCKET *c, SOCKET *a, HANDLE *port)
{
	ov_start();
	ov_tcp_pair(AF_INET, c, a);
	*port = CreateIoCompletionPort((HANDLE)*a, NULL, 0x51, 0);
	ASSERT_TRUE(*port != NULL);
}

/* One aborted packet for ov, then nothing more. */
static void expect_aborted_once(HANDLE port, OVERLAPPED *ov)
{
	OVERLAPPED *got_ov = NULL;
	ULONG_PTR key = 0;
	DWORD n = 1;

	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(got_ov == ov);
	ASSERT_EQ(key, 0x51);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(ov->Internal, 0xC0000120);	/* STATUS_CANCELLED */
	poll_port_empty(port, 60);
}

/* CancelIoEx of a receive waiting while the port was polled, then the close: one packet. */
TEST(overlapped_iocp_inflight_cancel_then_close)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0;
	HANDLE port;

	bound_pair(&c, &a, &port);
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(port, 30);
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov));
	expect_aborted_once(port, &ov);
	FAILS32(CancelIoEx((HANDLE)a, &ov), ERROR_NOT_FOUND);	/* it is over */
	ASSERT_EQ(closesocket(a), 0);
	poll_port_empty(port, 30);
	/* The data sent now went nowhere: the socket is closed. */
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Cancelled before any thread polled the port: the same single packet. */
TEST(overlapped_iocp_inflight_cancel_before_poll)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0;
	HANDLE port;

	bound_pair(&c, &a, &port);
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov));
	expect_aborted_once(port, &ov);
	/* The socket still works: a new receive gets the next data. */
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(port, 20);
	ASSERT_EQ(send(c, "after", 5, 0), 5);
	{
		OVERLAPPED *got_ov = NULL;
		ULONG_PTR key = 0;
		DWORD n = 0;
		ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE));
		ASSERT_TRUE(got_ov == &ov);
		ASSERT_EQ(n, 5);
		ASSERT_MEM_EQ(buf, "after", 5);
	}
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* closesocket of a socket whose receives wait (the first while the port was polled): each
 * completes exactly once, aborted, in order. */
TEST(overlapped_iocp_inflight_close)
{
	SOCKET c, a;
	OVERLAPPED ov1, ov2;
	char b1[8], b2[8];
	WSABUF w1 = { sizeof b1, b1 }, w2 = { sizeof b2, b2 };
	DWORD flags = 0;
	HANDLE port;

	bound_pair(&c, &a, &port);
	ov_init(&ov1, NULL);
	FAILS(WSARecv(a, &w1, 1, NULL, &flags, &ov1, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(port, 30);
	ov_init(&ov2, NULL);
	FAILS(WSARecv(a, &w2, 1, NULL, &flags, &ov2, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(closesocket(a), 0);
	{
		OVERLAPPED *got_ov = NULL, *seen[2] = { NULL, NULL };
		ULONG_PTR key;
		DWORD n;
		for (int i = 0; i < 2; i++) {
			FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE), ERROR_OPERATION_ABORTED);
			seen[i] = got_ov;
		}
		/* Both, once each (Windows does not promise the order of aborted packets). */
		ASSERT_TRUE((seen[0] == &ov1 && seen[1] == &ov2) || (seen[0] == &ov2 && seen[1] == &ov1));
	}
	poll_port_empty(port, 60);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Several receives waiting: the data fills them in call order, one or several buffers each. */
TEST(overlapped_iocp_inflight_order)
{
	SOCKET c, a;
	OVERLAPPED ov[3];
	char b[3][4];
	WSABUF w[4] = { { 2, b[0] }, { 2, b[1] }, { 2, b[1] + 2 }, { 2, b[2] } };
	DWORD flags = 0;
	HANDLE port;

	bound_pair(&c, &a, &port);
	ov_init(&ov[0], NULL);
	FAILS(WSARecv(a, &w[0], 1, NULL, &flags, &ov[0], NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ov_init(&ov[1], NULL);
	FAILS(WSARecv(a, &w[1], 2, NULL, &flags, &ov[1], NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ov_init(&ov[2], NULL);
	FAILS(WSARecv(a, &w[3], 1, NULL, &flags, &ov[2], NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(port, 30);
	ASSERT_EQ(send(c, "abcdefgh", 8, 0), 8);
	for (int i = 0; i < 3; i++) {
		OVERLAPPED *got_ov = NULL;
		ULONG_PTR key = 0;
		DWORD n = 0;
		ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, INFINITE));
		ASSERT_TRUE(got_ov == &ov[i]);
		ASSERT_EQ(n, i == 1 ? 4 : 2);
	}
	ASSERT_MEM_EQ(b[0], "ab", 2);
	ASSERT_MEM_EQ(b[1], "cdef", 4);
	ASSERT_MEM_EQ(b[2], "gh", 2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* A thread posts a receive, polls the port (finding nothing) and ends: Windows keeps port I/O
 * running, so the receive completes when the data comes. */
struct issuer {
	HANDLE port;
	SOCKET s;
	OVERLAPPED ov;
	char buf[8];
};

static DWORD WINAPI issuer_main(LPVOID p)
{
	struct issuer *is = p;
	WSABUF b = { sizeof is->buf, is->buf };
	DWORD flags = 0;

	ov_init(&is->ov, NULL);
	FAILS(WSARecv(is->s, &b, 1, NULL, &flags, &is->ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(is->port, 30);
	return 0;
}

TEST(overlapped_iocp_inflight_outlives_thread)
{
	struct issuer is;
	SOCKET c;
	HANDLE t;
	OVERLAPPED *got_ov = NULL;
	ULONG_PTR key = 0;
	DWORD n = 0;

	bound_pair(&c, &is.s, &is.port);
	t = CreateThread(NULL, 0, issuer_main, &is, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	Sleep(20);
	ASSERT_TRUE(!ov_completed(&is.ov));
	ASSERT_EQ(send(c, "later", 5, 0), 5);
	ASSERT_TRUE(GetQueuedCompletionStatus(is.port, &n, &key, &got_ov, INFINITE));
	ASSERT_TRUE(got_ov == &is.ov);
	ASSERT_EQ(n, 5);
	ASSERT_MEM_EQ(is.buf, "later", 5);
	poll_port_empty(is.port, 30);
	ASSERT_EQ(closesocket(is.s), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(is.port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* The port closed first, then the socket with its receive waiting: the socket really closes
 * (the peer sees the end of the stream) though nobody waits on the port any more. */
TEST(overlapped_iocp_inflight_port_closed_first)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, timeout = 5000;
	HANDLE port;

	bound_pair(&c, &a, &port);
	ov_init(&ov, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	poll_port_empty(port, 30);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout), 0);
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 0);
	Sleep(50);	/* the abort is reaped meanwhile (LSan: nothing may stay behind) */
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
