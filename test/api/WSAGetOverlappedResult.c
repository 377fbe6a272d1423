/* WSAGetOverlappedResult: pending without wait (WSA_IO_INCOMPLETE), waiting on hEvent and on an
 * OVERLAPPED without event while another thread completes the I/O, cancelled ops, argument
 * errors (spec data-transfer.md §10, handles.md §5). */
#include "overlapped_util.h"

struct sender {
	SOCKET s;
	HANDLE go;
};

static DWORD WINAPI sender_main(LPVOID p)
{
	struct sender *d = p;

	WaitForSingleObject(d->go, INFINITE);
	send(d->s, "late", 4, 0);
	return 0;
}

static void wait_for(int af, int with_event)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got = 99, fl = 99, tid;
	struct sender d;
	HANDLE t;
	WSAEVENT ev = with_event ? WSACreateEvent() : NULL;

	ov_start();
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_INCOMPLETE);
	ASSERT_EQ(got, 99);
	d.s = c;
	d.go = CreateEventW(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, sender_main, &d, 0, &tid);
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 4);
	ASSERT_EQ(fl, 0);
	ASSERT_MEM_EQ(buf, "late", 4);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.go));
	if (ev)
		ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSAGetOverlappedResult_wait_event_v4) { wait_for(AF_INET, 1); }
TEST(WSAGetOverlappedResult_wait_event_v6) { wait_for(AF_INET6, 1); }
TEST(WSAGetOverlappedResult_wait_no_event_v4) { wait_for(AF_INET, 0); }
TEST(WSAGetOverlappedResult_wait_no_event_v6) { wait_for(AF_INET6, 0); }

TEST(WSAGetOverlappedResult_cancelled_and_errors)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got = 5, fl;
	WSAEVENT ev;

	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(5, &ov, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	ov_start();
	ev = WSACreateEvent();
	ov_tcp_pair(AF_INET, &c, &a);
	ov_init(&ov, ev);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult((SOCKET)ev, &ov, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	/* NULL pointers: WSAEFAULT (Windows Server 2003; later versions crash). */
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, NULL, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, NULL, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, FALSE, NULL), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov));
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &got, TRUE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	ASSERT_EQ(got, 0);
	FAILS32(GetOverlappedResult((HANDLE)a, &ov, &got, TRUE), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
