/* TransmitFile(TF_DISCONNECT | TF_REUSE_SOCKET) while a receive on the same socket is pending:
 * the receive completes exactly once, aborted, wherever it waited (a thread's io_uring, a port's
 * context, the readiness queue), and a later CancelIo or closesocket finds it or nothing (found
 * by review: the cancel of a receive the kernel held went to the context the reused socket had
 * left, a NULL one). */
#include <mswsock.h>
#include "overlapped_util.h"

static LPFN_TRANSMITFILE transmit_of(SOCKET s)
{
	GUID g = WSAID_TRANSMITFILE;
	LPFN_TRANSMITFILE fn = NULL;
	DWORD n = 0;

	if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL) != 0)
		return NULL;
	return fn;
}

static volatile LONG routine_runs;
static DWORD routine_error;

static void CALLBACK on_read(DWORD err, DWORD n, LPOVERLAPPED ov)
{
	(void)n;
	(void)ov;
	routine_error = err;
	InterlockedIncrement(&routine_runs);
}

static void reuse(SOCKET a, OVERLAPPED *tov)
{
	TRANSMIT_FILE_BUFFERS b;
	LPFN_TRANSMITFILE tf = transmit_of(a);

	ASSERT_TRUE(tf != NULL);
	memset(&b, 0, sizeof b);
	b.Head = "bye";
	b.HeadLength = 3;
	if (!tf(a, NULL, 0, 0, tov, &b, TF_DISCONNECT | TF_REUSE_SOCKET))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

TEST(TransmitFile_reuse_with_pending_ReadFileEx)
{
	SOCKET c, a;
	OVERLAPPED rov, tov;
	char buf[16];
	DWORD n = 0;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	routine_runs = 0;
	ov_init(&rov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &rov, on_read));
	ASSERT_EQ(SleepEx(0, TRUE), 0);	/* the receive goes in (io_uring: the thread's ring) */
	ov_init(&tov, WSACreateEvent());
	reuse(a, &tov);
	ASSERT_EQ(WaitForSingleObject(tov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &tov, &n, FALSE));
	ASSERT_EQ(n, 3);
	/* Aborted by the reuse already, or now: either way found once, never a crash. */
	if (!CancelIo((HANDLE)a))
		ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
	for (int i = 0; i < 100 && routine_runs == 0; i++)
		SleepEx(100, TRUE);
	ASSERT_EQ(routine_runs, 1);
	ASSERT_EQ(routine_error, ERROR_OPERATION_ABORTED);
	ASSERT_EQ(SleepEx(50, TRUE), 0);	/* and not again */
	ASSERT_EQ(routine_runs, 1);
	ASSERT_TRUE(WSACloseEvent(tov.hEvent));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitFile_reuse_with_pending_WSARecv_on_port)
{
	SOCKET c, a;
	OVERLAPPED rov, tov, *got = NULL;
	char buf[16];
	WSABUF wb = { sizeof buf, buf };
	DWORD n = 0, fl = 0;
	ULONG_PTR key = 0;
	HANDLE port;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 7, 0);
	ASSERT_TRUE(port != NULL);
	ov_init(&rov, NULL);
	ASSERT_EQ(WSARecv(a, &wb, 1, NULL, &fl, &rov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	/* A poll of the port (io_uring ports: its poller puts the receive into the kernel). */
	ASSERT_TRUE(!GetQueuedCompletionStatus(port, &n, &key, &got, 50));
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ov_init(&tov, NULL);
	reuse(a, &tov);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got, 5000));
	ASSERT_TRUE(got == &tov);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(closesocket(a), 0);
	/* The receive: once, aborted. */
	ASSERT_TRUE(!GetQueuedCompletionStatus(port, &n, &key, &got, 5000));
	ASSERT_TRUE(got == &rov);
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(!GetQueuedCompletionStatus(port, &n, &key, &got, 50));
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}
