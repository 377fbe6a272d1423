/* CancelIo / CancelIoEx and closesocket with pending overlapped I/O: cancel one, cancel all,
 * CancelIo only the calling thread's, ERROR_NOT_FOUND, and closesocket completing every pending
 * op exactly once with WSA_OPERATION_ABORTED / ERROR_OPERATION_ABORTED
 * (spec data-transfer.md §11, handles.md §7). */
#include "overlapped_util.h"

static volatile LONG calls;
static DWORD last_err;

static void CALLBACK wsa_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)bytes, (void)ov, (void)flags;
	last_err = err;
	calls++;
}

static VOID WINAPI file_routine(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
	(void)bytes, (void)ov;
	last_err = err;
	calls++;
}

static void post(SOCKET s, OVERLAPPED *ov, HANDLE ev, char *buf)
{
	WSABUF b = { 4, buf };
	DWORD flags = 0;

	ov_init(ov, ev);
	FAILS(WSARecv(s, &b, 1, NULL, &flags, ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
}

static void one_and_all(int af)
{
	SOCKET c, a;
	OVERLAPPED ov1, ov2;
	char b1[4], b2[4];
	DWORD got, fl;
	HANDLE e1 = WSACreateEvent(), e2 = WSACreateEvent();

	ov_start();
	ov_tcp_pair(af, &c, &a);
	post(a, &ov1, e1, b1);
	post(a, &ov2, e2, b2);
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov1));
	ASSERT_EQ(WaitForSingleObject(e1, INFINITE), WAIT_OBJECT_0);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(a, &ov1, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	ASSERT_TRUE(!ov_completed(&ov2));
	FAILS32(CancelIoEx((HANDLE)a, &ov1), ERROR_NOT_FOUND);	/* already done */
	ASSERT_TRUE(CancelIoEx((HANDLE)a, NULL));
	FAILS32(GetOverlappedResult((HANDLE)a, &ov2, &got, TRUE), ERROR_OPERATION_ABORTED);
	FAILS32(CancelIoEx((HANDLE)a, NULL), ERROR_NOT_FOUND);
	FAILS32(CancelIoEx((HANDLE)(intptr_t)12345, NULL), ERROR_INVALID_HANDLE);
	FAILS32(CancelIo((HANDLE)e1), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CancelIo((HANDLE)a));	/* nothing pending: still TRUE */
	ASSERT_TRUE(WSACloseEvent(e1));
	ASSERT_TRUE(WSACloseEvent(e2));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(CancelIoEx_one_and_all_v4) { one_and_all(AF_INET); }
TEST(CancelIoEx_one_and_all_v6) { one_and_all(AF_INET6); }

struct other {
	SOCKET s;
	OVERLAPPED ov;
	char buf[4];
	HANDLE posted, done;
};

static DWORD WINAPI other_main(LPVOID p)
{
	struct other *d = p;
	WSABUF b = { 4, d->buf };
	DWORD flags = 0;

	ov_init(&d->ov, NULL);
	if (WSARecv(d->s, &b, 1, NULL, &flags, &d->ov, NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING)
		return 1;
	SetEvent(d->posted);
	/* Stay alive: Windows cancels a thread's I/O when it exits. */
	WaitForSingleObject(d->done, INFINITE);
	return 0;
}

TEST(CancelIo_only_calling_thread)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[4];
	struct other d;
	HANDLE t;
	DWORD tid, got;
	HANDLE ev = WSACreateEvent();

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d.s = a;
	d.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
	d.done = CreateEventW(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, other_main, &d, 0, &tid);
	ASSERT_EQ(WaitForSingleObject(d.posted, INFINITE), WAIT_OBJECT_0);
	post(a, &ov, ev, buf);
	ASSERT_TRUE(CancelIo((HANDLE)a));
	FAILS32(GetOverlappedResult((HANDLE)a, &ov, &got, TRUE), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(!ov_completed(&d.ov));	/* the other thread's op is untouched */
	/* CancelIoEx reaches any thread's. */
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &d.ov));
	FAILS32(GetOverlappedResult((HANDLE)a, &d.ov, &got, TRUE), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(SetEvent(d.done));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.posted));
	ASSERT_TRUE(CloseHandle(d.done));
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* closesocket with pending ops: each completes exactly once, aborted, through its own delivery
 * (event, Winsock routine, file routine). */
static void close_pending(int af)
{
	SOCKET c, a;
	OVERLAPPED ov1, ov2, ov3, ov4;
	char b1[4], b2[4], b3[4], b4[4];
	WSABUF wb = { 4, b2 };
	DWORD flags = 0, got, fl;
	HANDLE ev = WSACreateEvent();

	ov_start();
	calls = 0;
	ov_tcp_pair(af, &c, &a);
	post(a, &ov1, ev, b1);
	ov_init(&ov2, NULL);
	FAILS(WSARecv(a, &wb, 1, NULL, &flags, &ov2, wsa_routine), SOCKET_ERROR, WSA_IO_PENDING);
	ov_init(&ov3, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, b3, 4, &ov3, file_routine));
	ov_init(&ov4, NULL);
	FAILS32(ReadFile((HANDLE)a, b4, 4, NULL, &ov4), ERROR_IO_PENDING);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(c, &ov1, &got, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	FAILS32(GetOverlappedResult((HANDLE)a, &ov4, &got, TRUE), ERROR_OPERATION_ABORTED);
	ov_alert_until(&calls, 2);
	ASSERT_EQ(SleepEx(0, TRUE), 0);	/* exactly once each */
	ASSERT_EQ(calls, 2);
	ASSERT_EQ(ov2.Internal, 0xC0000120);	/* STATUS_CANCELLED */
	ASSERT_EQ(ov3.Internal, 0xC0000120);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(closesocket_aborts_pending_v4) { close_pending(AF_INET); }
TEST(closesocket_aborts_pending_v6) { close_pending(AF_INET6); }
