/* I/O completion ports without sockets: CreateIoCompletionPort, PostQueuedCompletionStatus,
 * GetQueuedCompletionStatus(Ex): FIFO packets, timeouts, batches, concurrency, close while
 * waiting, alertable waits (spec data-transfer.md §11). Socket I/O through ports is tested with
 * the overlapped API (WSARecv.c...). */
#include <winsock2.h>
#include <windows.h>

#include "test.h"

TEST(iocp_post_and_dequeue_fifo)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	OVERLAPPED ov1, ov2;
	DWORD bytes = 0;
	ULONG_PTR key = 0;
	LPOVERLAPPED got = NULL;

	ASSERT_TRUE(port != NULL);
	ASSERT_TRUE(PostQueuedCompletionStatus(port, 10, 0x1111, &ov1));
	ASSERT_TRUE(PostQueuedCompletionStatus(port, 20, 0x2222, &ov2));
	/* lpOverlapped of a posted packet is any value; it is never dereferenced. */
	ASSERT_TRUE(PostQueuedCompletionStatus(port, 30, 0x3333, (LPOVERLAPPED)(UINT_PTR)0x1234));
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
	ASSERT_EQ(bytes, 10);
	ASSERT_EQ(key, 0x1111);
	ASSERT_TRUE(got == &ov1);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, INFINITE));
	ASSERT_EQ(bytes, 20);
	ASSERT_TRUE(got == &ov2);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
	ASSERT_TRUE(got == (LPOVERLAPPED)(UINT_PTR)0x1234);
	ASSERT_EQ(key, 0x3333);
	ASSERT_TRUE(CloseHandle(port));
}

TEST(iocp_timeout)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	DWORD bytes = 77;
	ULONG_PTR key = 88;
	LPOVERLAPPED got = (LPOVERLAPPED)(UINT_PTR)1;

	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_TRUE(got == NULL);
	/* Nothing dequeued: bytes and key untouched. */
	ASSERT_EQ(bytes, 77);
	ASSERT_EQ(key, 88);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 30));
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(port));
}

TEST(iocp_ex_batch)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	OVERLAPPED_ENTRY e[8];
	ULONG n = 99;

	for (int i = 0; i < 5; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(port, (DWORD)i, (ULONG_PTR)(100 + i), NULL));
	ASSERT_TRUE(GetQueuedCompletionStatusEx(port, e, 3, &n, 0, FALSE));
	ASSERT_EQ(n, 3);
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(e[i].lpCompletionKey, 100 + i);
		ASSERT_EQ(e[i].dwNumberOfBytesTransferred, i);
		ASSERT_EQ(e[i].Internal, 0);
	}
	ASSERT_TRUE(GetQueuedCompletionStatusEx(port, e, 8, &n, 0, FALSE));
	ASSERT_EQ(n, 2);
	ASSERT_EQ(e[1].lpCompletionKey, 104);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(port, e, 8, &n, 0, FALSE));
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_EQ(n, 0);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(port, e, 0, &n, 0, FALSE));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(CloseHandle(port));
}

static HANDLE shared_port;
static volatile LONG woken;

static DWORD WINAPI worker(LPVOID arg)
{
	DWORD bytes;
	ULONG_PTR key;
	LPOVERLAPPED ov;
	BOOL ok = GetQueuedCompletionStatus(shared_port, &bytes, &key, &ov, INFINITE);

	(void)arg;
	InterlockedIncrement(&woken);
	if (!ok)
		return GetLastError();
	return (DWORD)key;
}

TEST(iocp_wakes_waiting_threads)
{
	HANDLE th[3];
	DWORD code;

	woken = 0;
	shared_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	for (int i = 0; i < 3; i++)
		th[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
	Sleep(20);	/* let them block (not required for correctness) */
	for (int i = 0; i < 3; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(shared_port, 0, (ULONG_PTR)(7 + i), NULL));
	ASSERT_EQ(WaitForMultipleObjects(3, th, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(woken, 3);
	for (int i = 0; i < 3; i++) {
		ASSERT_TRUE(GetExitCodeThread(th[i], &code));
		ASSERT_TRUE(code >= 7 && code <= 9);
		CloseHandle(th[i]);
	}
	ASSERT_TRUE(CloseHandle(shared_port));
}

TEST(iocp_close_while_waiting)
{
	HANDLE th;
	DWORD code = 0;

	shared_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	th = CreateThread(NULL, 0, worker, NULL, 0, NULL);
	Sleep(30);
	ASSERT_TRUE(CloseHandle(shared_port));
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(th, &code));
	/* The waiter learns the port is gone (or, if it had not started waiting yet, that the
	 * handle is invalid). */
	ASSERT_TRUE(code == ERROR_ABANDONED_WAIT_0 || code == ERROR_INVALID_HANDLE);
	CloseHandle(th);
}

static volatile LONG running, peak;

static DWORD WINAPI busy_worker(LPVOID arg)
{
	DWORD bytes;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	(void)arg;
	for (;;) {
		LONG now;
		if (!GetQueuedCompletionStatus(shared_port, &bytes, &key, &ov, INFINITE))
			return 1;
		if (key == 0)
			return 0;	/* stop packet */
		now = InterlockedIncrement(&running);
		if (now > peak)
			InterlockedExchange(&peak, now);
		Sleep(5);	/* "work" while holding the turn */
		InterlockedDecrement(&running);
	}
}

TEST(iocp_concurrency_limit)
{
	HANDLE th[4];

	running = peak = 0;
	/* Concurrency 1: at most one thread released while the others run (Windows counts a
	 * thread as running until it calls GetQueuedCompletionStatus again). */
	shared_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	for (int i = 0; i < 4; i++)
		th[i] = CreateThread(NULL, 0, busy_worker, NULL, 0, NULL);
	for (int i = 0; i < 40; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(shared_port, 0, 1, NULL));
	for (int i = 0; i < 4; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(shared_port, 0, 0, NULL));
	ASSERT_EQ(WaitForMultipleObjects(4, th, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(peak, 1);
	for (int i = 0; i < 4; i++)
		CloseHandle(th[i]);
	ASSERT_TRUE(CloseHandle(shared_port));
}

static void CALLBACK apc(ULONG_PTR p)
{
	*(int *)p += 1;
}

TEST(iocp_ex_alertable)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	OVERLAPPED_ENTRY e[2];
	ULONG n = 5;
	int ran = 0;

	ASSERT_TRUE(QueueUserAPC(apc, GetCurrentThread(), (ULONG_PTR)&ran));
	/* Non-alertable: the APC does not run. */
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(port, e, 2, &n, 0, FALSE));
	ASSERT_EQ(ran, 0);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(port, e, 2, &n, INFINITE, TRUE));
	ASSERT_EQ(GetLastError(), WAIT_IO_COMPLETION);
	ASSERT_EQ(ran, 1);
	ASSERT_EQ(n, 0);
	ASSERT_TRUE(CloseHandle(port));
}

TEST(iocp_bad_arguments)
{
	DWORD bytes;
	ULONG_PTR key;
	LPOVERLAPPED ov;
	WSADATA d;
	SOCKET s;
	HANDLE port, port2;

	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!GetQueuedCompletionStatus((HANDLE)(INT_PTR)4321, &bytes, &key, &ov, 0));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!PostQueuedCompletionStatus((HANDLE)(INT_PTR)4321, 0, 0, NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateIoCompletionPort((HANDLE)(INT_PTR)4321, NULL, 0, 0) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);

	/* A handle can be associated with one port, once. */
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	s = socket(AF_INET, SOCK_STREAM, 0);
	port = CreateIoCompletionPort((HANDLE)s, NULL, 5, 0);
	ASSERT_TRUE(port != NULL);
	port2 = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateIoCompletionPort((HANDLE)s, port2, 6, 0) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!SetFileCompletionNotificationModes((HANDLE)s, 0x80));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(CloseHandle(port2));
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* A thread whose alertable wait on the port ends in an APC has ended its turn once: later
 * calls must not end it again and release a thread beyond the concurrency value. Concurrency
 * 1: the main thread takes a packet, its next two alertable calls return WAIT_IO_COMPLETION;
 * meanwhile another thread takes a packet and runs; a third thread waiting on the port must
 * not be released by a new packet while that one still runs. */
static HANDLE conc_port;
static volatile LONG holder_got, holder_release, third_got;

static DWORD WINAPI holder(LPVOID arg)
{
	DWORD n;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	(void)arg;
	if (!GetQueuedCompletionStatus(conc_port, &n, &key, &ov, 10000))
		return 1;
	InterlockedExchange(&holder_got, 1);
	while (!InterlockedCompareExchange(&holder_release, 0, 0))
		Sleep(1);	/* running: counted as active on the port */
	return 0;
}

static DWORD WINAPI third(LPVOID arg)
{
	DWORD n;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	(void)arg;
	if (GetQueuedCompletionStatus(conc_port, &n, &key, &ov, 10000))
		InterlockedExchange(&third_got, 1);
	return 0;
}

TEST(iocp_alertable_return_ends_turn_once)
{
	OVERLAPPED_ENTRY e[1];
	ULONG n = 0;
	int ran = 0;
	HANDLE h, t;

	conc_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	ASSERT_TRUE(conc_port != NULL);
	ASSERT_TRUE(PostQueuedCompletionStatus(conc_port, 1, 1, NULL));
	ASSERT_TRUE(GetQueuedCompletionStatusEx(conc_port, e, 1, &n, 1000, TRUE));
	/* Ends the main thread's turn, returns through the APC. */
	ASSERT_TRUE(QueueUserAPC(apc, GetCurrentThread(), (ULONG_PTR)&ran));
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(conc_port, e, 1, &n, INFINITE, TRUE));
	ASSERT_EQ(GetLastError(), WAIT_IO_COMPLETION);
	/* Another thread takes a packet and keeps running. */
	h = CreateThread(NULL, 0, holder, NULL, 0, NULL);
	ASSERT_TRUE(h != NULL);
	ASSERT_TRUE(PostQueuedCompletionStatus(conc_port, 2, 2, NULL));
	while (!InterlockedCompareExchange(&holder_got, 0, 0))
		Sleep(1);
	/* Main thread again through an APC: its turn was already over. */
	ASSERT_TRUE(QueueUserAPC(apc, GetCurrentThread(), (ULONG_PTR)&ran));
	ASSERT_TRUE(!GetQueuedCompletionStatusEx(conc_port, e, 1, &n, INFINITE, TRUE));
	ASSERT_EQ(GetLastError(), WAIT_IO_COMPLETION);
	ASSERT_EQ(ran, 2);
	/* The holder still runs: a new packet stays queued for the third thread. */
	t = CreateThread(NULL, 0, third, NULL, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_TRUE(PostQueuedCompletionStatus(conc_port, 3, 3, NULL));
	Sleep(200);
	ASSERT_EQ(InterlockedCompareExchange(&third_got, 0, 0), 0);
	InterlockedExchange(&holder_release, 1);
	ASSERT_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(InterlockedCompareExchange(&third_got, 0, 0), 1);
	ASSERT_TRUE(CloseHandle(h));
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(conc_port));
}

/* ---- Storms: many threads on one port (docs/design.md P4: wake-ups made after the port lock is
 * released, waiters that spin before they sleep). Every packet comes out exactly once, and no
 * more threads run at once than the concurrency value. ---- */

#define STORM_POSTERS 4
#define STORM_WORKERS 6
#define STORM_EACH 20000

static HANDLE storm_port;
static volatile LONG storm_seen[STORM_POSTERS][STORM_EACH];
static volatile LONG storm_running, storm_peak, storm_bad;

static DWORD WINAPI storm_poster(LPVOID arg)
{
	LONG_PTR id = (LONG_PTR)arg;

	for (DWORD i = 0; i < STORM_EACH; i++)
		if (!PostQueuedCompletionStatus(storm_port, i, (ULONG_PTR)(id + 1), (LPOVERLAPPED)(UINT_PTR)(i + 1)))
			InterlockedIncrement(&storm_bad);
	return 0;
}

/* One packet taken: counted, checked, a little work done while this thread holds its turn
 * (busy work only: a thread that blocks stops counting as running on Windows). */
static void storm_packet(ULONG_PTR key, DWORD bytes, LPOVERLAPPED ov)
{
	LONG now = InterlockedIncrement(&storm_running), old;
	volatile int spin = 0;

	/* An exact maximum: raise the peak only from the value it had. */
	while (now > (old = InterlockedCompareExchange(&storm_peak, 0, 0)) &&
	       InterlockedCompareExchange(&storm_peak, now, old) != old)
		;
	if (key < 1 || key > STORM_POSTERS || bytes >= STORM_EACH || ov != (LPOVERLAPPED)(UINT_PTR)(bytes + 1))
		InterlockedIncrement(&storm_bad);
	else
		InterlockedIncrement(&storm_seen[key - 1][bytes]);
	for (int i = 0; i < 200; i++)
		spin++;
	InterlockedDecrement(&storm_running);
}

/* Odd workers take one packet a call, even ones up to 8 with the Ex form. A stop packet (key 0)
 * ends a worker; stop packets taken in the same batch are passed on. */
static DWORD WINAPI storm_worker(LPVOID arg)
{
	int batch = ((LONG_PTR)arg & 1) == 0;

	for (;;) {
		if (batch) {
			OVERLAPPED_ENTRY e[8];
			ULONG n = 0;
			int stops = 0;
			if (!GetQueuedCompletionStatusEx(storm_port, e, 8, &n, INFINITE, FALSE) || n < 1 || n > 8)
				return 1;
			for (ULONG i = 0; i < n; i++) {
				if (e[i].lpCompletionKey == 0)
					stops++;
				else
					storm_packet(e[i].lpCompletionKey, e[i].dwNumberOfBytesTransferred, e[i].lpOverlapped);
			}
			if (stops) {
				while (--stops > 0)
					PostQueuedCompletionStatus(storm_port, 0, 0, NULL);
				return 0;
			}
		} else {
			DWORD bytes;
			ULONG_PTR key;
			LPOVERLAPPED ov;
			if (!GetQueuedCompletionStatus(storm_port, &bytes, &key, &ov, INFINITE))
				return 1;
			if (key == 0)
				return 0;
			storm_packet(key, bytes, ov);
		}
	}
}

static void storm(DWORD concurrency)
{
	HANDLE posters[STORM_POSTERS], workers[STORM_WORKERS];
	DWORD code;

	memset((void *)storm_seen, 0, sizeof storm_seen);
	storm_running = storm_peak = storm_bad = 0;
	storm_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, concurrency);
	ASSERT_TRUE(storm_port != NULL);
	for (LONG_PTR i = 0; i < STORM_WORKERS; i++)
		workers[i] = CreateThread(NULL, 0, storm_worker, (LPVOID)i, 0, NULL);
	for (LONG_PTR i = 0; i < STORM_POSTERS; i++)
		posters[i] = CreateThread(NULL, 0, storm_poster, (LPVOID)i, 0, NULL);
	ASSERT_EQ(WaitForMultipleObjects(STORM_POSTERS, posters, TRUE, INFINITE), WAIT_OBJECT_0);
	/* FIFO: the stop packets come after every data packet. */
	for (int i = 0; i < STORM_WORKERS; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(storm_port, 0, 0, NULL));
	ASSERT_EQ(WaitForMultipleObjects(STORM_WORKERS, workers, TRUE, INFINITE), WAIT_OBJECT_0);
	for (int i = 0; i < STORM_WORKERS; i++) {
		ASSERT_TRUE(GetExitCodeThread(workers[i], &code));
		ASSERT_EQ(code, 0);
		CloseHandle(workers[i]);
	}
	for (int i = 0; i < STORM_POSTERS; i++)
		CloseHandle(posters[i]);
	ASSERT_EQ(storm_bad, 0);
	for (int p = 0; p < STORM_POSTERS; p++)
		for (int i = 0; i < STORM_EACH; i++)
			if (storm_seen[p][i] != 1)
				FAILF("packet %d of poster %d came out %ld times", i, p, (long)storm_seen[p][i]);
	if (concurrency)
		ASSERT_TRUE(storm_peak <= (LONG)concurrency);
	ASSERT_TRUE(CloseHandle(storm_port));
}

TEST(iocp_storm_exactly_once)
{
	storm(0);
}

TEST(iocp_storm_concurrency_two)
{
	storm(2);
}

TEST(iocp_storm_concurrency_one)
{
	storm(1);
}
