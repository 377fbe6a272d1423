/* A thread that ends (return or ExitThread) with overlapped I/O pending: Windows (Vista on)
 * cancels it -- the operation completes with ERROR_OPERATION_ABORTED / WSA_OPERATION_ABORTED --
 * unless the handle is bound to a completion port, where it goes on; a completion routine of
 * the dead thread never runs (spec data-transfer.md §3). */
#include "overlapped_util.h"

struct issuer {
	SOCKET s;
	OVERLAPPED ov;
	char buf[8];
	int use_exit;		/* ExitThread instead of return */
	int routine;		/* with a completion routine */
};

static volatile LONG routine_calls;

static void CALLBACK count_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)err, (void)bytes, (void)ov, (void)flags;
	InterlockedIncrement(&routine_calls);
}

static DWORD WINAPI issue_main(LPVOID p)
{
	struct issuer *d = p;
	WSABUF b = { sizeof d->buf, d->buf };
	DWORD flags = 0;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSARecv(d->s, &b, 1, NULL, &flags, &d->ov, d->routine ? count_routine : NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	if (d->use_exit)
		ExitThread(7);
	return 7;
}

static HANDLE start_issuer(struct issuer *d)
{
	HANDLE t = CreateThread(NULL, 0, issue_main, d, 0, NULL);

	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	return t;
}

static void exit_cancels(int use_exit)
{
	SOCKET c, a;
	struct issuer d;
	DWORD n = 99, flags = 0;
	HANDLE t;
	char buf[4];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	memset(&d, 0, sizeof d);
	d.s = a;
	d.use_exit = use_exit;
	d.ov.hEvent = WSACreateEvent();
	t = start_issuer(&d);
	/* Cancelled by the time the thread's handle is signalled. */
	ASSERT_TRUE(ov_completed(&d.ov));
	ASSERT_EQ(WaitForSingleObject(d.ov.hEvent, 0), WAIT_OBJECT_0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetOverlappedResult(a, &d.ov, &n, FALSE, &flags), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &d.ov, &n, TRUE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	/* The cancelled receive took nothing: the next byte is the next receive's. */
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 1);
	ASSERT_EQ(buf[0], 'x');
	ASSERT_EQ(CloseHandle(t), TRUE);
	WSACloseEvent(d.ov.hEvent);
	closesocket(c);
	closesocket(a);
	WSACleanup();
}

TEST(thread_return_cancels_pending_io)
{
	exit_cancels(0);
}

TEST(ExitThread_cancels_pending_io)
{
	exit_cancels(1);
}

TEST(thread_exit_routine_never_runs)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE t;
	char buf[4];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	memset(&d, 0, sizeof d);
	d.s = a;
	d.routine = 1;
	routine_calls = 0;
	t = start_issuer(&d);
	ASSERT_TRUE(ov_completed(&d.ov));
	ASSERT_EQ((DWORD)d.ov.Internal, 0xC0000120u);	/* STATUS_CANCELLED */
	ASSERT_EQ(send(c, "y", 1, 0), 1);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 1);
	ASSERT_EQ(buf[0], 'y');
	ASSERT_EQ(SleepEx(0, TRUE), 0);	/* nothing for this thread either */
	ASSERT_EQ(routine_calls, 0);
	ASSERT_EQ(CloseHandle(t), TRUE);
	closesocket(c);
	closesocket(a);
	WSACleanup();
}

/* Bound to a port: the I/O outlives its thread and completes to the port. */
TEST(thread_exit_port_io_goes_on)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE port, t;
	DWORD n = 0;
	ULONG_PTR key = 0;
	LPOVERLAPPED got = NULL;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	ASSERT_TRUE(port != NULL);
	ASSERT_TRUE(CreateIoCompletionPort((HANDLE)a, port, 5, 0) == port);
	memset(&d, 0, sizeof d);
	d.s = a;
	t = start_issuer(&d);
	ASSERT_TRUE(!ov_completed(&d.ov));
	ASSERT_EQ(send(c, "z", 1, 0), 1);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, INFINITE), TRUE);
	ASSERT_TRUE(got == &d.ov);
	ASSERT_EQ(key, 5);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(d.buf[0], 'z');
	ASSERT_EQ(CloseHandle(t), TRUE);
	closesocket(c);
	closesocket(a);
	ASSERT_EQ(CloseHandle(port), TRUE);
	WSACleanup();
}
