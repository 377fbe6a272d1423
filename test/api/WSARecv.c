/* WSARecv: overlapped receives through the engine (pending then event, immediate completion,
 * scatter into several WSABUFs, graceful close, reset, MSG_PEEK and MSG_WAITALL with an
 * OVERLAPPED) and the synchronous scatter form, on both families; argument errors
 * (spec data-transfer.md §2-9). */
#include "overlapped_util.h"

static void pending_then_event(int af)
{
	SOCKET c, a;
	WSAEVENT ev;
	OVERLAPPED ov;
	char b1[3], b2[8];
	WSABUF bufs[2] = { { sizeof b1, b1 }, { sizeof b2, b2 } };
	DWORD n = 0xdead, flags = 0, got = 0, fl = 0xdead;

	ov_start();
	ov_tcp_pair(af, &c, &a);
	ev = WSACreateEvent();
	ov_init(&ov, ev);
	FAILS(WSARecv(a, bufs, 2, &n, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(n, 0xdead);	/* not written when pending (§4) */
	ASSERT_TRUE(!ov_completed(&ov));
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	ASSERT_EQ(send(c, "hello world", 11, 0), 11);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(HasOverlappedIoCompleted(&ov));
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, FALSE, &fl), TRUE);
	ASSERT_EQ(got, 11);
	ASSERT_EQ(fl, 0);
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 11);
	ASSERT_MEM_EQ(b1, "hel", 3);
	ASSERT_MEM_EQ(b2, "lo world", 8);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSARecv_pending_event_v4) { pending_then_event(AF_INET); }
TEST(WSARecv_pending_event_v6) { pending_then_event(AF_INET6); }

static void immediate(int af)
{
	SOCKET c, a;
	WSAEVENT ev;
	OVERLAPPED ov;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD n = 0, flags = 0;

	ov_start();
	ov_tcp_pair(af, &c, &a);
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	/* Make sure the data has arrived: a blocking peek. */
	ASSERT_EQ(recv(a, buf, 3, MSG_PEEK | MSG_WAITALL), 3);
	ev = WSACreateEvent();
	ov_init(&ov, ev);
	flags = 0x12345678 & 0;	/* in: 0 */
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), 0);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(flags, 0);
	ASSERT_MEM_EQ(buf, "abc", 3);
	/* Completed at once and still delivered (§4). */
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 3);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSARecv_immediate_v4) { immediate(AF_INET); }
TEST(WSARecv_immediate_v6) { immediate(AF_INET6); }

TEST(WSARecv_sync_scatter)
{
	SOCKET c, a;
	char b[3][4];
	WSABUF bufs[3] = { { 2, b[0] }, { 4, b[1] }, { 4, b[2] } };
	DWORD n = 0, flags = 0;

	ov_start();
	ov_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(send(c, "0123456789", 10, 0), 10);
	/* No OVERLAPPED: a blocking call with recv's semantics; MSG_WAITALL fills everything. */
	flags = MSG_WAITALL;
	ASSERT_EQ(WSARecv(a, bufs, 3, &n, &flags, NULL, NULL), 0);
	ASSERT_EQ(n, 10);
	ASSERT_EQ(flags, 0);
	ASSERT_MEM_EQ(b[0], "01", 2);
	ASSERT_MEM_EQ(b[1], "2345", 4);
	ASSERT_MEM_EQ(b[2], "6789", 4);
	/* Graceful close: 0 bytes, success. */
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	flags = 0;
	ASSERT_EQ(WSARecv(a, bufs, 3, &n, &flags, NULL, NULL), 0);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void graceful_and_reset(int af)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD n, flags = 0, got = 5, fl;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	/* Graceful close while pending: success with 0 bytes. */
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 0);
	ASSERT_EQ(closesocket(a), 0);
	/* Reset while pending: WSAECONNRESET here, ERROR_NETNAME_DELETED through the file API. */
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ov_abort(c);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
	FAILS32(GetOverlappedResult((HANDLE)a, &ov, &got, FALSE), ERROR_NETNAME_DELETED);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSARecv_close_and_reset_v4) { graceful_and_reset(AF_INET); }
TEST(WSARecv_close_and_reset_v6) { graceful_and_reset(AF_INET6); }

/* MSG_PEEK with an OVERLAPPED: the docs call it valid for non-overlapped sockets only and name
 * no error; linsock honours it (a program that works on Windows keeps working). Pinned. */
TEST(WSARecv_overlapped_peek)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD n = 0, flags = MSG_PEEK, got, fl;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ov_init(&ov, ev);
	WSASetLastError(0);
	if (WSARecv(a, &b, 1, &n, &flags, &ov, NULL) != 0)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(send(c, "peek", 4, 0), 4);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 4);
	ASSERT_MEM_EQ(buf, "peek", 4);
	memset(buf, 0, sizeof buf);
	ASSERT_EQ(recv(a, buf, 4, MSG_WAITALL), 4);	/* still there */
	ASSERT_MEM_EQ(buf, "peek", 4);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* MSG_WAITALL with an OVERLAPPED completes only with the buffers full, even on a non-blocking
 * socket (the non-blocking restriction is the non-overlapped call's); with PEEK or OOB it is
 * WSAEOPNOTSUPP. Pinned. */
TEST(WSARecv_overlapped_waitall)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[10];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = MSG_WAITALL, got = 0, fl;
	u_long on = 1;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "01234", 5, 0), 5);
	ASSERT_EQ(send(c, "56789", 5, 0), 5);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 10);
	ASSERT_MEM_EQ(buf, "0123456789", 10);
	/* Ends early at end of stream, with what came. */
	ov_init(&ov, ev);
	flags = MSG_WAITALL;
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(c, "xy", 2, 0), 2);
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 2);
	flags = MSG_WAITALL | MSG_PEEK;
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecv_errors)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf }, bad = { 8, (char *)16 };
	DWORD n = 0, flags = 0;
	WSAEVENT ev;

	FAILS(WSARecv(5, &b, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSANOTINITIALISED);
	ov_start();
	ev = WSACreateEvent();
	ov_tcp_pair(AF_INET, &c, &a);
	FAILS(WSARecv((SOCKET)ev, &b, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(WSARecv(a, NULL, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSARecv(a, &b, 1, &n, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT);	/* count needed */
	FAILS(WSARecv(a, (LPWSABUF)8, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &bad, 1, &n, &flags, &ov, NULL), SOCKET_ERROR, WSAEFAULT);
	/* hEvent must be an event (§3). Handles here are fds: an odd socket right above an event
	 * reads as that event with the low "no port" bit (docs/porting.md), so not asked then. */
	if (((uintptr_t)a & ~(uintptr_t)1) != (uintptr_t)ev) {
		ov_init(&ov, (HANDLE)(intptr_t)a);
		FAILS(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), SOCKET_ERROR, WSA_INVALID_HANDLE);
	}
	flags = 0x10000;
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	/* Failed to start: no completion indication at all. */
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	flags = 0;
	ASSERT_EQ(shutdown(a, SD_RECEIVE), 0);
	FAILS(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), SOCKET_ERROR, WSAESHUTDOWN);
	FAILS(WSARecv(a, &b, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSAESHUTDOWN);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
