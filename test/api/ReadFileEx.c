/* ReadFileEx / WriteFileEx and Winsock completion routines: routines run only in an alertable
 * wait of the issuing thread (SleepEx(INFINITE, TRUE) returns WAIT_IO_COMPLETION), with the error
 * domain of their API (ERROR_* for ReadFileEx, WSAE* for WSARecv), immediate completions still
 * queue the routine, files at an offset, argument errors (spec handles.md §3-4,
 * data-transfer.md §5). */
#include "overlapped_util.h"

static volatile LONG calls;
static DWORD last_err, last_bytes, last_flags, last_tid;
static LPOVERLAPPED last_ov;

static VOID WINAPI file_routine(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
	last_err = err;
	last_bytes = bytes;
	last_ov = ov;
	last_tid = GetCurrentThreadId();
	calls++;
}

static void CALLBACK wsa_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	last_err = err;
	last_bytes = bytes;
	last_ov = ov;
	last_flags = flags;
	last_tid = GetCurrentThreadId();
	calls++;
}

static void read_ex(int af)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	DWORD got;

	ov_start();
	calls = 0;
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, NULL);
	SetLastError(0xdead);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, file_routine));
	ASSERT_EQ(GetLastError(), ERROR_SUCCESS);
	ASSERT_EQ(send(c, "routine", 7, 0), 7);
	/* The status block is written at completion; the routine waits for an alertable wait. */
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &ov, &got, TRUE));
	ASSERT_EQ(got, 7);
	ASSERT_EQ(calls, 0);
	ASSERT_EQ(SleepEx(0, FALSE), 0);
	ASSERT_EQ(calls, 0);
	ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(last_err, 0);
	ASSERT_EQ(last_bytes, 7);
	ASSERT_TRUE(last_ov == &ov);
	ASSERT_EQ(last_tid, GetCurrentThreadId());
	ASSERT_MEM_EQ(buf, "routine", 7);
	/* WriteFileEx completes at once and still queues its routine; hEvent is the
	 * application's (a context value here), ignored. */
	ov_init(&ov, (HANDLE)0x1235);
	ASSERT_TRUE(WriteFileEx((HANDLE)c, "out", 3, &ov, file_routine));
	ASSERT_EQ(calls, 1);
	ov_alert_until(&calls, 2);
	ASSERT_EQ(last_err, 0);
	ASSERT_EQ(last_bytes, 3);
	ASSERT_EQ(recv(a, buf, 3, MSG_WAITALL), 3);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(ReadFileEx_socket_v4) { read_ex(AF_INET); }
TEST(ReadFileEx_socket_v6) { read_ex(AF_INET6); }

/* The same reset seen by both routine flavours: ERROR_NETNAME_DELETED with 0 bytes for
 * ReadFileEx, WSAECONNRESET for WSARecv (Winsock domain, as Wine; unconfirmed on Windows). */
TEST(ReadFileEx_routine_error_domains)
{
	SOCKET c, a;
	OVERLAPPED ov1, ov2;
	char b1[8], b2[8];
	WSABUF b = { sizeof b2, b2 };
	DWORD flags = 0;

	ov_start();
	calls = 0;
	ov_tcp_pair(AF_INET, &c, &a);
	ov_init(&ov1, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, b1, sizeof b1, &ov1, file_routine));
	ov_abort(c);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(last_err, ERROR_NETNAME_DELETED);
	ASSERT_EQ(last_bytes, 0);
	ASSERT_EQ(closesocket(a), 0);
	ov_tcp_pair(AF_INET6, &c, &a);
	ov_init(&ov2, NULL);
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov2, wsa_routine), SOCKET_ERROR, WSA_IO_PENDING);
	ov_abort(c);
	ov_alert_until(&calls, 2);
	ASSERT_EQ(last_err, WSAECONNRESET);
	ASSERT_TRUE(last_ov == &ov2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct issuer {
	SOCKET s;
	HANDLE posted;
	DWORD tid;
	OVERLAPPED ov;
	char buf[8];
};

static DWORD WINAPI issuer_main(LPVOID p)
{
	struct issuer *d = p;
	WSABUF b = { sizeof d->buf, d->buf };
	DWORD flags = 0;

	d->tid = GetCurrentThreadId();
	ov_init(&d->ov, NULL);
	if (WSARecv(d->s, &b, 1, NULL, &flags, &d->ov, wsa_routine) != SOCKET_ERROR ||
	    WSAGetLastError() != WSA_IO_PENDING)
		return 1;
	SetEvent(d->posted);
	return SleepEx(INFINITE, TRUE) == WAIT_IO_COMPLETION ? 0 : 2;
}

/* A routine runs on the thread that issued the I/O, not on the one that waits alertably. */
TEST(WSARecv_routine_runs_on_issuer)
{
	SOCKET c, a;
	struct issuer d;
	HANDLE t;
	DWORD tid, code = 9;

	ov_start();
	calls = 0;
	ov_tcp_pair(AF_INET, &c, &a);
	d.s = a;
	d.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, issuer_main, &d, 0, &tid);
	ASSERT_EQ(WaitForSingleObject(d.posted, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(send(c, "hi", 2, 0), 2);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 0);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(last_tid, d.tid);
	ASSERT_EQ(last_bytes, 2);
	ASSERT_EQ(last_flags, 0);
	ASSERT_EQ(SleepEx(0, TRUE), 0);	/* nothing for this thread */
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.posted));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFileEx_file_at_offset)
{
	const char *path = "linsock_readfileex.tmp";
	HANDLE f;
	OVERLAPPED ov;
	char buf[8];
	DWORD n;

	calls = 0;
	f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	ov_init(&ov, NULL);
	ov.Offset = 4;
	ASSERT_TRUE(WriteFileEx(f, "data", 4, &ov, file_routine));
	ov_alert_until(&calls, 1);
	ASSERT_EQ(last_bytes, 4);
	ov_init(&ov, NULL);
	ov.Offset = 5;
	ASSERT_TRUE(ReadFileEx(f, buf, sizeof buf, &ov, file_routine));
	ov_alert_until(&calls, 2);
	ASSERT_EQ(last_err, 0);
	ASSERT_EQ(last_bytes, 3);
	ASSERT_MEM_EQ(buf, "ata", 3);
	ASSERT_TRUE(GetOverlappedResult(f, &ov, &n, FALSE));
	ASSERT_EQ(n, 3);
	/* Past the end: fails at once, nothing queued. */
	ov_init(&ov, NULL);
	ov.Offset = 100;
	FAILS32(ReadFileEx(f, buf, sizeof buf, &ov, file_routine), ERROR_HANDLE_EOF);
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(calls, 2);
	FAILS32(ReadFileEx(f, buf, sizeof buf, &ov, NULL), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(path));
}

/* An associated handle cannot be used with ReadFileEx/WriteFileEx (CreateIoCompletionPort
 * docs, handles.md §3). */
TEST(ReadFileEx_port_bound_refused)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[4];
	HANDLE port;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 1, 0);
	ASSERT_TRUE(port != NULL);
	ov_init(&ov, NULL);
	FAILS32(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, file_routine), ERROR_INVALID_PARAMETER);
	FAILS32(WriteFileEx((HANDLE)a, "x", 1, &ov, file_routine), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* linsock watches a socket whose first waiting op has a routine in the issuing thread's own
 * context, which that thread's alertable waits poll (docs/design.md E). Windows completes I/O
 * whatever the issuer does, so the socket's later I/O must complete after that thread has
 * ended too, and a new thread (which may reuse that context) gets its routines. */
struct reader {
	SOCKET s;
	HANDLE posted;
	char buf[8];
	OVERLAPPED ov;
};

static DWORD WINAPI issue_and_alert(LPVOID p)
{
	struct reader *is = p;

	ov_init(&is->ov, NULL);
	if (!ReadFileEx((HANDLE)is->s, is->buf, sizeof is->buf, &is->ov, file_routine))
		return 1;
	SetEvent(is->posted);	/* pending: nothing was sent yet */
	ov_alert_until(&calls, 1);
	return last_tid == GetCurrentThreadId() && last_bytes == 2 ? 0 : 2;
}

TEST(ReadFileEx_socket_outlives_issuing_thread)
{
	struct reader is;
	SOCKET c, a;
	OVERLAPPED ov;
	HANDLE t, ev;
	WSABUF b;
	DWORD code = 9, n = 0, flags = 0;

	ov_start();
	for (int round = 0; round < 2; round++) {
		calls = 0;
		ov_tcp_pair(AF_INET, &c, &a);
		is.s = a;
		is.posted = CreateEventW(NULL, TRUE, FALSE, NULL);
		t = CreateThread(NULL, 0, issue_and_alert, &is, 0, NULL);
		ASSERT_TRUE(t != NULL);
		ASSERT_EQ(WaitForSingleObject(is.posted, INFINITE), WAIT_OBJECT_0);
		ASSERT_TRUE(CloseHandle(is.posted));
		ASSERT_EQ(send(c, "hi", 2, 0), 2);
		ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
		ASSERT_TRUE(GetExitCodeThread(t, &code));
		ASSERT_EQ(code, 0);
		ASSERT_TRUE(CloseHandle(t));
		ASSERT_MEM_EQ(is.buf, "hi", 2);
		/* The issuer is gone; an event op on the same socket still completes. */
		ev = WSACreateEvent();
		ov_init(&ov, ev);
		b.buf = is.buf;
		b.len = sizeof is.buf;
		FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
		ASSERT_EQ(send(c, "again", 5, 0), 5);
		ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
		ASSERT_TRUE(WSAGetOverlappedResult(a, &ov, &n, FALSE, &flags));
		ASSERT_EQ(n, 5);
		ASSERT_TRUE(WSACloseEvent(ev));
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}
