/* QueueUserAPC and alertable waits: APCs run in FIFO order, only on their target thread, only in
 * alertable waits (SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx), which then return
 * WAIT_IO_COMPLETION; non-alertable waits leave them queued. */
#include <windows.h>

#include "test.h"

static DWORD order[16];
static volatile LONG nran;
static DWORD ran_on;

static VOID CALLBACK record(ULONG_PTR v)
{
	LONG i = InterlockedIncrement(&nran) - 1;

	if (i < 16)
		order[i] = (DWORD)v;
	ran_on = GetCurrentThreadId();
}

TEST(QueueUserAPC_SleepEx_runs_fifo)
{
	nran = 0;
	ASSERT_TRUE(QueueUserAPC(record, GetCurrentThread(), 1));
	ASSERT_TRUE(QueueUserAPC(record, GetCurrentThread(), 2));
	ASSERT_TRUE(QueueUserAPC(record, GetCurrentThread(), 3));
	/* Nothing runs outside an alertable wait. */
	Sleep(1);
	ASSERT_EQ(SleepEx(0, FALSE), 0);
	ASSERT_EQ(nran, 0);
	/* All of them, in order, then WAIT_IO_COMPLETION. */
	ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(nran, 3);
	ASSERT_EQ(order[0], 1);
	ASSERT_EQ(order[1], 2);
	ASSERT_EQ(order[2], 3);
	ASSERT_EQ(ran_on, GetCurrentThreadId());
	/* The queue is empty now: an alertable sleep just times out. */
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(SleepEx(5, TRUE), 0);
}

TEST(QueueUserAPC_non_alertable_waits_do_not_run)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);

	nran = 0;
	ASSERT_TRUE(QueueUserAPC(record, GetCurrentThread(), 7));
	ASSERT_EQ(WaitForSingleObject(e, 10), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForMultipleObjects(1, &e, FALSE, 0), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForSingleObjectEx(e, 0, FALSE), WAIT_TIMEOUT);
	ASSERT_EQ(nran, 0);
	ASSERT_EQ(WaitForSingleObjectEx(e, INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(nran, 1);
	ASSERT_EQ(order[0], 7);
	ASSERT_TRUE(CloseHandle(e));
}

TEST(QueueUserAPC_WaitForMultipleObjectsEx)
{
	HANDLE e[2];

	e[0] = CreateEventA(NULL, FALSE, FALSE, NULL);
	e[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
	nran = 0;
	ASSERT_TRUE(QueueUserAPC(record, GetCurrentThread(), 4));
	ASSERT_EQ(WaitForMultipleObjectsEx(2, e, TRUE, INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(nran, 1);
	ASSERT_EQ(WaitForMultipleObjectsEx(2, e, FALSE, 0, TRUE), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(e[0]));
	ASSERT_TRUE(CloseHandle(e[1]));
}

/* An APC that signals the object its thread waits on: the wait still reports the APCs and the
 * object stays signalled for the next wait (Wine's test_alertable_wait, run on Windows). */
static HANDLE sem;

static VOID CALLBACK releases_sem(ULONG_PTR v)
{
	(void)v;
	ReleaseSemaphore(sem, 1, NULL);
}

TEST(QueueUserAPC_signal_from_apc)
{
	sem = CreateSemaphoreA(NULL, 0, 1, NULL);
	ASSERT_TRUE(QueueUserAPC(releases_sem, GetCurrentThread(), 0));
	ASSERT_EQ(WaitForSingleObjectEx(sem, INFINITE, TRUE), WAIT_IO_COMPLETION);
	ASSERT_EQ(WaitForSingleObjectEx(sem, 0, TRUE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(sem));
}

static HANDLE ready, go;

static DWORD WINAPI alertable_sleeper(LPVOID p)
{
	DWORD r;

	(void)p;
	SetEvent(ready);
	/* Queued while this thread was not waiting alertably: they run at its first alertable wait. */
	WaitForSingleObject(go, INFINITE);
	if (nran != 0)
		return 100;
	r = SleepEx(INFINITE, TRUE);
	if (r != WAIT_IO_COMPLETION)
		return 101;
	if (ran_on != GetCurrentThreadId())
		return 102;
	return (DWORD)nran;
}

TEST(QueueUserAPC_to_another_thread)
{
	HANDLE t;
	DWORD code = 0, id = 0;

	ready = CreateEventA(NULL, TRUE, FALSE, NULL);
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	nran = 0;
	ran_on = 0;
	t = CreateThread(NULL, 0, alertable_sleeper, NULL, 0, &id);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(ready, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(QueueUserAPC(record, t, 10));
	ASSERT_TRUE(QueueUserAPC(record, t, 11));
	/* Our own alertable waits do not run another thread's APCs. */
	ASSERT_EQ(SleepEx(0, TRUE), 0);
	ASSERT_EQ(nran, 0);
	ASSERT_TRUE(SetEvent(go));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 2);
	ASSERT_EQ(order[0], 10);
	ASSERT_EQ(order[1], 11);
	ASSERT_EQ(ran_on, id);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(ready));
	ASSERT_TRUE(CloseHandle(go));
}

static DWORD WINAPI sleeps_alertably(LPVOID p)
{
	(void)p;
	SetEvent(ready);
	return SleepEx(INFINITE, TRUE);
}

TEST(QueueUserAPC_wakes_sleeping_thread)
{
	HANDLE t;
	DWORD code = 0;

	ready = CreateEventA(NULL, TRUE, FALSE, NULL);
	nran = 0;
	t = CreateThread(NULL, 0, sleeps_alertably, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(ready, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(QueueUserAPC(record, t, 1));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, WAIT_IO_COMPLETION);
	ASSERT_EQ(nran, 1);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(ready));
}

TEST(QueueUserAPC_errors_and_pseudo_handle)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);

	SetLastError(0xdeadbeef);
	ASSERT_EQ(QueueUserAPC(record, NULL, 0), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(QueueUserAPC(record, e, 0), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	/* The current-thread pseudo-handle is waitable and never signalled while we run. */
	ASSERT_TRUE(GetCurrentThread() == (HANDLE)(LONG_PTR)-2);
	ASSERT_EQ(WaitForSingleObject(GetCurrentThread(), 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(e));
}

/* A thread that queues an APC to itself is running, so nothing needs waking (linsock skips the
 * wake-up); an APC another thread queues behind it must still run in the same alertable wait,
 * and a later one must still wake the sleeping thread. */
static DWORD WINAPI queues_to_itself(LPVOID p)
{
	DWORD r1, r2;

	(void)p;
	QueueUserAPC(record, GetCurrentThread(), 20);
	SetEvent(ready);
	WaitForSingleObject(go, INFINITE);	/* main queues 21 meanwhile */
	r1 = SleepEx(INFINITE, TRUE);
	ResetEvent(go);
	SetEvent(ready);
	r2 = SleepEx(INFINITE, TRUE);		/* main queues 22 while this sleeps */
	return r1 == WAIT_IO_COMPLETION && r2 == WAIT_IO_COMPLETION ? 3 : 0;
}

TEST(QueueUserAPC_self_queued_then_from_another_thread)
{
	HANDLE t;
	DWORD code = 0;

	ready = CreateEventA(NULL, TRUE, FALSE, NULL);
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	nran = 0;
	t = CreateThread(NULL, 0, queues_to_itself, NULL, 0, NULL);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WaitForSingleObject(ready, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(ResetEvent(ready));
	ASSERT_TRUE(QueueUserAPC(record, t, 21));
	ASSERT_TRUE(SetEvent(go));
	ASSERT_EQ(WaitForSingleObject(ready, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(QueueUserAPC(record, t, 22));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 3);
	ASSERT_EQ(nran, 3);
	ASSERT_EQ(order[0], 20);
	ASSERT_EQ(order[1], 21);
	ASSERT_EQ(order[2], 22);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(ready));
	ASSERT_TRUE(CloseHandle(go));
}
