/* InitializeCriticalSection(AndSpinCount), Enter/Leave/TryEnter/DeleteCriticalSection: mutual
 * exclusion between real threads, recursion by the owner, TryEnter from another thread. */
#include <windows.h>

#include "test.h"

#define NTHREADS 4
#define ROUNDS 20000

static CRITICAL_SECTION cs;
static long counter;	/* protected by cs only: a race would lose increments */

static DWORD WINAPI adds(LPVOID p)
{
	(void)p;
	for (int i = 0; i < ROUNDS; i++) {
		EnterCriticalSection(&cs);
		EnterCriticalSection(&cs);	/* recursive entry by the owner */
		counter++;
		LeaveCriticalSection(&cs);
		LeaveCriticalSection(&cs);
	}
	return 0;
}

TEST(CriticalSection_contention)
{
	HANDLE t[NTHREADS];
	int i;

	ASSERT_EQ(sizeof(CRITICAL_SECTION), 40);
	InitializeCriticalSection(&cs);
	counter = 0;
	for (i = 0; i < NTHREADS; i++)
		t[i] = CreateThread(NULL, 0, adds, NULL, 0, NULL);
	ASSERT_EQ(WaitForMultipleObjects(NTHREADS, t, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(counter, (long)NTHREADS * ROUNDS);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_TRUE(CloseHandle(t[i]));
	DeleteCriticalSection(&cs);
}

static DWORD WINAPI try_enter(LPVOID p)
{
	(void)p;
	if (!TryEnterCriticalSection(&cs))
		return 0;
	LeaveCriticalSection(&cs);
	return 1;
}

TEST(CriticalSection_TryEnter)
{
	HANDLE t;
	DWORD code = 9;

	ASSERT_TRUE(InitializeCriticalSectionAndSpinCount(&cs, 4000));
	/* Free: TryEnter takes it; the owner may take it again. */
	ASSERT_TRUE(TryEnterCriticalSection(&cs));
	ASSERT_TRUE(TryEnterCriticalSection(&cs));
	ASSERT_EQ(cs.RecursionCount, 2);
	ASSERT_EQ((DWORD)(ULONG_PTR)cs.OwningThread, GetCurrentThreadId());
	/* Another thread cannot. */
	t = CreateThread(NULL, 0, try_enter, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 0);
	ASSERT_TRUE(CloseHandle(t));
	LeaveCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	ASSERT_EQ(cs.RecursionCount, 0);
	/* Released: now it can. */
	t = CreateThread(NULL, 0, try_enter, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 1);
	ASSERT_TRUE(CloseHandle(t));
	DeleteCriticalSection(&cs);
	ASSERT_TRUE(cs.DebugInfo == NULL);
}

static volatile LONG inside;

static DWORD WINAPI enters_and_records(LPVOID p)
{
	(void)p;
	EnterCriticalSection(&cs);
	InterlockedExchange(&inside, 1);
	LeaveCriticalSection(&cs);
	return 0;
}

TEST(CriticalSection_blocks_until_leave)
{
	HANDLE t;

	InitializeCriticalSection(&cs);
	EnterCriticalSection(&cs);
	inside = 0;
	t = CreateThread(NULL, 0, enters_and_records, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, 20), WAIT_TIMEOUT);
	ASSERT_EQ(InterlockedCompareExchange(&inside, 0, 0), 0);
	LeaveCriticalSection(&cs);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(inside, 1);
	ASSERT_TRUE(CloseHandle(t));
	DeleteCriticalSection(&cs);
}
