/* Event completion and the status block: the event is reset when the I/O starts and set when it
 * completes, immediate completion still sets it (and still queues a routine), Internal and
 * InternalHigh as Windows (STATUS_PENDING, then the status and the bytes: HasOverlappedIoCompleted),
 * ReadFile/WriteFile with an OVERLAPPED on sockets and on files at an offset
 * (spec data-transfer.md §4, handles.md §2, §5). */
#include "overlapped_util.h"

static volatile LONG calls;

static void CALLBACK routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)err, (void)bytes, (void)ov, (void)flags;
	calls++;
}

static void event_cycle(int af)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD n = 0, flags = 0;
	HANDLE ev = CreateEventW(NULL, TRUE, TRUE, NULL);	/* starts signalled */

	ov_start();
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, ev);
	ov.InternalHigh = 77;
	FAILS(WSARecv(a, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);	/* reset at start */
	ASSERT_EQ(__atomic_load_n(&ov.Internal, __ATOMIC_ACQUIRE), 0x103);	/* STATUS_PENDING */
	ASSERT_TRUE(!ov_completed(&ov));
	ASSERT_EQ(send(c, "four", 4, 0), 4);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(HasOverlappedIoCompleted(&ov));
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 4);
	/* Immediate completion: return 0 and the event is set too. */
	ASSERT_EQ(send(c, "more", 4, 0), 4);
	ASSERT_EQ(recv(a, buf, 4, MSG_PEEK | MSG_WAITALL), 4);
	ASSERT_TRUE(ResetEvent(ev));
	ov_init(&ov, ev);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov, NULL), 0);
	ASSERT_EQ(n, 4);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(ov.Internal, 0);
	ASSERT_EQ(ov.InternalHigh, 4);
	/* Immediate completion with a routine: queued, runs at the next alertable wait. */
	calls = 0;
	ASSERT_EQ(send(c, "rout", 4, 0), 4);
	ASSERT_EQ(recv(a, buf, 4, MSG_PEEK | MSG_WAITALL), 4);
	ov_init(&ov, NULL);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov, routine), 0);
	ASSERT_EQ(calls, 0);
	ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(calls, 1);
	ASSERT_TRUE(CloseHandle(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(overlapped_event_cycle_v4) { event_cycle(AF_INET); }
TEST(overlapped_event_cycle_v6) { event_cycle(AF_INET6); }

TEST(overlapped_event_ReadFile_socket)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	DWORD n = 5, got;
	HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ov_init(&ov, ev);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, &n, &ov), ERROR_IO_PENDING);
	ASSERT_EQ(n, 0);	/* zeroed first (handles.md §2) */
	FAILS32(GetOverlappedResult((HANDLE)a, &ov, &got, FALSE), ERROR_IO_INCOMPLETE);
	ov_init(&ov, ev);	/* not allowed while pending on Windows; here a second OVERLAPPED */
	{
		OVERLAPPED ow;
		ov_init(&ow, NULL);
		ASSERT_TRUE(WriteFile((HANDLE)c, "file", 4, &n, &ow));
		ASSERT_EQ(n, 4);
		ASSERT_EQ(ow.Internal, 0);
		ASSERT_EQ(ow.InternalHigh, 4);
	}
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &ov, &got, TRUE));
	ASSERT_EQ(got, 4);
	ASSERT_MEM_EQ(buf, "file", 4);
	/* GetOverlappedResultEx: ms 0 on a pending op is ERROR_IO_INCOMPLETE; a timeout is
	 * WAIT_TIMEOUT. */
	ov_init(&ov, ev);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, NULL, &ov), ERROR_IO_PENDING);
	FAILS32(GetOverlappedResultEx((HANDLE)a, &ov, &got, 0, FALSE), ERROR_IO_INCOMPLETE);
	FAILS32(GetOverlappedResultEx((HANDLE)a, &ov, &got, 1, FALSE), WAIT_TIMEOUT);
	ASSERT_TRUE(CancelIoEx((HANDLE)a, &ov));
	FAILS32(GetOverlappedResultEx((HANDLE)a, &ov, &got, INFINITE, TRUE), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(CloseHandle(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* GetOverlappedResultEx alertable: an APC queued to the waiting thread ends the wait with
 * WAIT_IO_COMPLETION. */
static void CALLBACK apc(ULONG_PTR p)
{
	(void)p;
	calls++;
}

TEST(overlapped_event_GetOverlappedResultEx_alertable)
{
	SOCKET c, a;
	OVERLAPPED ov;
	char buf[8];
	DWORD got;
	HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);

	ov_start();
	calls = 0;
	ov_tcp_pair(AF_INET6, &c, &a);
	ov_init(&ov, ev);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, NULL, &ov), ERROR_IO_PENDING);
	ASSERT_TRUE(QueueUserAPC(apc, GetCurrentThread(), 0));
	FAILS32(GetOverlappedResultEx((HANDLE)a, &ov, &got, INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	ASSERT_TRUE(GetOverlappedResultEx((HANDLE)a, &ov, &got, INFINITE, TRUE));
	ASSERT_EQ(got, 1);
	ASSERT_TRUE(CloseHandle(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(overlapped_event_file_offsets)
{
	const char *path = "linsock_ovfile.tmp";
	HANDLE f, ev = CreateEventW(NULL, TRUE, FALSE, NULL);
	OVERLAPPED ov;
	char buf[16];
	DWORD n;

	f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	ov_init(&ov, ev);
	ov.Offset = 10;
	ASSERT_TRUE(WriteFile(f, "0123456789", 10, &n, &ov));
	ASSERT_EQ(n, 10);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(ov.Offset, 10);	/* a file's position is never changed */
	ov_init(&ov, ev);
	ov.Offset = 15;
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, NULL, &ov));
	ASSERT_TRUE(GetOverlappedResult(f, &ov, &n, TRUE));
	ASSERT_EQ(n, 5);
	ASSERT_MEM_EQ(buf, "56789", 5);
	ov_init(&ov, ev);
	ov.Offset = 20;
	FAILS32(ReadFile(f, buf, sizeof buf, &n, &ov), ERROR_HANDLE_EOF);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(CloseHandle(ev));
	ASSERT_TRUE(DeleteFileA(path));
}
