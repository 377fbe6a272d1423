/* ReadFileEx on a socket whose receives go straight into the issuing thread's io_uring (no try
 * at start, docs/design.md P3) keeps every Windows rule: the routine runs once, in an alertable
 * wait of the issuer, with the right bytes and error domain (ERROR_* for ReadFileEx), in call
 * order; CancelIoEx, closesocket and the issuer's exit abort it (ERROR_OPERATION_ABORTED); it
 * completes whatever the issuer does (GetOverlappedResult from another thread); QueueUserAPC
 * still wakes a thread sleeping on such a receive. Written against the Windows API only: the
 * same rules hold on the epoll backend, which keeps the try. Spec: handles.md §3,
 * data-transfer.md §3, §5. */
#include <stddef.h>

#include "overlapped_util.h"

#define CANCELLED 0xC0000120	/* STATUS_CANCELLED, as Internal holds it */

#define MAXREC 8

struct rec {
	DWORD err, bytes, tid;
	LPOVERLAPPED ov;
};

static volatile LONG calls;
static struct rec recs[MAXREC];

static VOID WINAPI record(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
	LONG i = calls;

	if (i < MAXREC) {
		recs[i].err = err;
		recs[i].bytes = bytes;
		recs[i].ov = ov;
		recs[i].tid = GetCurrentThreadId();
	}
	calls = i + 1;
}

static void pair(SOCKET *c, SOCKET *a)
{
	ov_start();
	calls = 0;
	memset(recs, 0, sizeof recs);
	ov_tcp_pair(AF_INET, c, a);
}

static void done(SOCKET c, SOCKET a)
{
	if (c != INVALID_SOCKET)
		ASSERT_EQ(closesocket(c), 0);
	if (a != INVALID_SOCKET)
		ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Posted first, data later: the alertable wait that submitted it also gets its completion. */
TEST(ReadFileEx_kernel_data_later)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[16];

	pair(&c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(SleepEx(0, TRUE), 0);		/* nothing there yet: no routine */
	ASSERT_EQ(calls, 0);
	ASSERT_EQ(send(c, "later", 5, 0), 5);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, 0);
	ASSERT_EQ(recs[0].bytes, 5);
	ASSERT_TRUE(recs[0].ov == &ov);
	ASSERT_EQ(recs[0].tid, GetCurrentThreadId());
	ASSERT_MEM_EQ(buf, "later", 5);
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 5);
	done(c, a);
}

/* Data already there: ReadFileEx returns TRUE, the routine still waits for an alertable wait. */
TEST(ReadFileEx_kernel_data_already_there)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[16];
	DWORD got = 0;

	pair(&c, &a);
	ASSERT_EQ(send(c, "early", 5, 0), 5);
	Sleep(20);	/* let it land */
	ov_init(&ov, NULL);
	SetLastError(0xdead);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(GetLastError(), ERROR_SUCCESS);
	ASSERT_EQ(calls, 0);
	ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(recs[0].err, 0);
	ASSERT_EQ(recs[0].bytes, 5);
	ASSERT_MEM_EQ(buf, "early", 5);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &ov, &got, FALSE));
	ASSERT_EQ(got, 5);
	done(c, a);
}

/* Several on one socket: only the head is in the kernel; they fill and complete in call order. */
TEST(ReadFileEx_kernel_order)
{
	SOCKET c, a;
	OVERLAPPED ov[4];
	char buf[4][2];

	pair(&c, &a);
	for (int i = 0; i < 4; i++) {
		ov_init(&ov[i], NULL);
		ASSERT_TRUE(ReadFileEx((HANDLE)a, buf[i], 2, &ov[i], record));
	}
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(send(c, "aabbccdd", 8, 0), 8);
	ov_alert_until(&calls, 4);
	for (int i = 0; i < 4; i++) {
		ASSERT_TRUE(recs[i].ov == &ov[i]);
		ASSERT_EQ(recs[i].err, 0);
		ASSERT_EQ(recs[i].bytes, 2);
		ASSERT_EQ(buf[i][0], 'a' + i);
		ASSERT_EQ(buf[i][1], 'a' + i);
	}
	done(c, a);
}

/* CancelIoEx of the receive the kernel holds: aborted once; the socket loses no data. */
TEST(ReadFileEx_kernel_CancelIoEx)
{
	SOCKET c, a;
	OVERLAPPED ov, ov2;
	char buf[8], buf2[8];

	pair(&c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(SleepEx(0, TRUE), 0);		/* submitted */
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov));
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, ERROR_OPERATION_ABORTED);
	ASSERT_EQ(recs[0].bytes, 0);
	ASSERT_EQ(ov.Internal, CANCELLED);
	SetLastError(0xdead);
	ASSERT_TRUE(!CancelIoEx((HANDLE)a, &ov));
	ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
	ov_init(&ov2, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf2, sizeof buf2, &ov2, record));
	ASSERT_EQ(send(c, "kept", 4, 0), 4);
	ov_alert_until(&calls, 2);
	ASSERT_TRUE(recs[1].ov == &ov2);
	ASSERT_EQ(recs[1].err, 0);
	ASSERT_EQ(recs[1].bytes, 4);
	ASSERT_MEM_EQ(buf2, "kept", 4);
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(calls, 2);
	done(c, a);
}

/* closesocket with the receive in the kernel: its routine runs once, aborted. */
TEST(ReadFileEx_kernel_closesocket)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];

	pair(&c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(closesocket(a), 0);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, ERROR_OPERATION_ABORTED);
	ASSERT_EQ(recs[0].bytes, 0);
	ASSERT_EQ(SleepEx(20, TRUE), 0);
	ASSERT_EQ(calls, 1);
	done(c, INVALID_SOCKET);
}

/* A reset peer: ERROR_NETNAME_DELETED with no bytes (ReadFileEx's domain). */
TEST(ReadFileEx_kernel_reset)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];

	pair(&c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ov_abort(c);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, ERROR_NETNAME_DELETED);
	ASSERT_EQ(recs[0].bytes, 0);
	done(INVALID_SOCKET, a);
}

/* End of stream: success with 0 bytes. */
TEST(ReadFileEx_kernel_eof)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];

	pair(&c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(closesocket(c), 0);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, 0);
	ASSERT_EQ(recs[0].bytes, 0);
	done(INVALID_SOCKET, a);
}

/* WSARecv with a routine keeps its try: data already there completes it at once (return 0 with
 * the count), and the routine still runs in the next alertable wait. */
static void CALLBACK wsa_record(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)flags;
	record(err, bytes, ov);
}

TEST(WSARecv_routine_immediate_beside_kernel_reads)
{
	SOCKET c, a;
	OVERLAPPED ov, ov2;
	char buf[8], buf2[8];
	WSABUF b = { sizeof buf2, buf2 };
	DWORD n = 0, flags = 0;

	pair(&c, &a);
	/* A ReadFileEx first, so the socket is watched in this thread's ring. */
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, 3, &ov, record));
	ASSERT_EQ(send(c, "onetwo", 6, 0), 6);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].bytes, 3);
	ASSERT_MEM_EQ(buf, "one", 3);
	ov_init(&ov2, NULL);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov2, wsa_record), 0);
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf2, "two", 3);
	ASSERT_EQ(calls, 1);
	ov_alert_until(&calls, 2);
	ASSERT_TRUE(recs[1].ov == &ov2);
	ASSERT_EQ(recs[1].bytes, 3);
	done(c, a);
}

/* ---- Other threads ---- */

struct issuer {
	SOCKET s;
	OVERLAPPED ov;
	char buf[8];
	HANDLE posted, go;
	volatile LONG mine;	/* this thread's routine calls */
	volatile LONG apcs;
};

static VOID WINAPI issuer_routine(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
	struct issuer *d = (struct issuer *)((char *)ov - offsetof(struct issuer, ov));

	(void)err, (void)bytes;
	d->mine++;
}

/* Issues, lets an alertable wait submit it, and ends: Windows aborts the thread's non-port
 * I/O; the routine never runs. */
static DWORD WINAPI issue_and_exit(LPVOID p)
{
	struct issuer *d = p;

	ov_init(&d->ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)d->s, d->buf, sizeof d->buf, &d->ov, issuer_routine));
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	return 0;
}

TEST(ReadFileEx_kernel_issuer_exits)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE t;
	DWORD got = 7;
	char buf[8];

	pair(&c, &a);
	memset(&d, 0, sizeof d);
	d.s = a;
	t = CreateThread(NULL, 0, issue_and_exit, &d, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	SetLastError(0xdead);
	ASSERT_TRUE(!GetOverlappedResult((HANDLE)a, &d.ov, &got, TRUE));
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	ASSERT_EQ(got, 0);
	ASSERT_EQ(d.mine, 0);
	/* The aborted receive took nothing. */
	ASSERT_EQ(send(c, "after", 5, 0), 5);
	ASSERT_EQ(recv(a, buf, 5, MSG_WAITALL), 5);
	ASSERT_MEM_EQ(buf, "after", 5);
	done(c, a);
}

/* The issuer never waits alertably (it sleeps on an event): the receive still completes, and
 * another thread's GetOverlappedResult(bWait) returns; the routine runs when the issuer finally
 * waits alertably. */
static DWORD WINAPI issue_then_block(LPVOID p)
{
	struct issuer *d = p;

	ov_init(&d->ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)d->s, d->buf, sizeof d->buf, &d->ov, issuer_routine));
	ASSERT_TRUE(SetEvent(d->posted));
	ASSERT_EQ(WaitForSingleObject(d->go, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(d->mine, 0);
	while (d->mine == 0)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	return 0;
}

TEST(ReadFileEx_kernel_issuer_never_alertable)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE t;
	DWORD got = 0, code = 9;

	pair(&c, &a);
	memset(&d, 0, sizeof d);
	d.s = a;
	d.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
	d.go = CreateEventW(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, issue_then_block, &d, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(d.posted, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(send(c, "reaped", 6, 0), 6);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &d.ov, &got, TRUE));
	ASSERT_EQ(got, 6);
	ASSERT_MEM_EQ(d.buf, "reaped", 6);
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 0);
	ASSERT_EQ(d.mine, 1);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.posted));
	ASSERT_TRUE(CloseHandle(d.go));
	done(c, a);
}

/* A thread asleep on its receive (SleepEx) is still woken by another thread's QueueUserAPC, and
 * a second thread (which may adopt the first one's context) too. */
static VOID CALLBACK user_apc(ULONG_PTR p)
{
	((struct issuer *)p)->apcs++;
}

static DWORD WINAPI issue_and_sleep(LPVOID p)
{
	struct issuer *d = p;

	ov_init(&d->ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)d->s, d->buf, sizeof d->buf, &d->ov, issuer_routine));
	ASSERT_EQ(SleepEx(0, TRUE), 0);		/* the receive is in the kernel now */
	ASSERT_TRUE(SetEvent(d->posted));
	while (d->apcs == 0)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(d->mine, 0);
	ASSERT_TRUE(CancelIo((HANDLE)d->s));
	while (d->mine == 0)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	return 0;
}

TEST(ReadFileEx_kernel_sleeper_gets_user_apc)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE t;
	DWORD code = 9;

	for (int round = 0; round < 3; round++) {
		pair(&c, &a);
		memset(&d, 0, sizeof d);
		d.s = a;
		d.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
		t = CreateThread(NULL, 0, issue_and_sleep, &d, 0, NULL);
		ASSERT_TRUE(t != NULL);
		ASSERT_EQ(WaitForSingleObject(d.posted, INFINITE), WAIT_OBJECT_0);
		ASSERT_TRUE(WaitForSingleObject(t, 20) == WAIT_TIMEOUT);	/* let it sleep */
		ASSERT_NE(QueueUserAPC(user_apc, t, (ULONG_PTR)&d), 0);
		ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
		ASSERT_TRUE(GetExitCodeThread(t, &code));
		ASSERT_EQ(code, 0);
		ASSERT_EQ(d.apcs, 1);
		ASSERT_EQ(d.mine, 1);
		ASSERT_EQ(d.ov.Internal, CANCELLED);
		ASSERT_TRUE(CloseHandle(t));
		ASSERT_TRUE(CloseHandle(d.posted));
		done(c, a);
	}
}

/* A ReadFileEx issued by one thread on a socket watched in another thread's ring, while that
 * thread sleeps there (SleepEx): the receive still completes and the issuer's routine runs in
 * the issuer's own alertable wait. */
static DWORD WINAPI own_then_sleep(LPVOID p)
{
	struct issuer *d = p;

	ov_init(&d->ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)d->s, d->buf, sizeof d->buf, &d->ov, issuer_routine));
	while (d->mine == 0)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_TRUE(SetEvent(d->posted));
	while (d->apcs == 0)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	return 0;
}

TEST(ReadFileEx_kernel_other_threads_ring)
{
	SOCKET c, a;
	struct issuer d;
	OVERLAPPED ov;
	char buf[8];
	HANDLE t;

	pair(&c, &a);
	memset(&d, 0, sizeof d);
	d.s = a;
	d.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, own_then_sleep, &d, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(send(c, "1", 1, 0), 1);
	ASSERT_EQ(WaitForSingleObject(d.posted, INFINITE), WAIT_OBJECT_0);	/* it sleeps next */
	Sleep(20);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, record));
	Sleep(20);
	ASSERT_EQ(send(c, "two", 3, 0), 3);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(recs[0].err, 0);
	ASSERT_EQ(recs[0].bytes, 3);
	ASSERT_EQ(recs[0].tid, GetCurrentThreadId());
	ASSERT_MEM_EQ(buf, "two", 3);
	ASSERT_NE(QueueUserAPC(user_apc, t, (ULONG_PTR)&d), 0);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.posted));
	done(c, a);
}
