/* CreateMutexA/W, ReleaseMutex: recursion, release by a non-owner (ERROR_NOT_OWNER), hand-off
 * to a waiting thread, abandonment (WAIT_ABANDONED_0 + i once, then ordinary). */
#include <windows.h>

#include "test.h"

TEST(Mutex_recursion)
{
	HANDLE m = CreateMutexA(NULL, TRUE, NULL);
	int i;

	ASSERT_TRUE(m != NULL);
	/* The owner's waits succeed at once and nest. */
	for (i = 0; i < 31; i++)
		ASSERT_EQ(WaitForSingleObject(m, 0), WAIT_OBJECT_0);
	for (i = 0; i < 32; i++)
		ASSERT_TRUE(ReleaseMutex(m));
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseMutex(m));
	ASSERT_EQ(GetLastError(), ERROR_NOT_OWNER);
	ASSERT_TRUE(CloseHandle(m));
}

static HANDLE mtx;

static DWORD WINAPI tries_release(LPVOID p)
{
	(void)p;
	SetLastError(0xdeadbeef);
	if (ReleaseMutex(mtx))
		return 1;
	if (GetLastError() != ERROR_NOT_OWNER)
		return 2;
	if (WaitForSingleObject(mtx, 0) != WAIT_TIMEOUT)
		return 3;
	return 0;
}

TEST(Mutex_not_owner)
{
	HANDLE t;
	DWORD code = 9;

	mtx = CreateMutexW(NULL, TRUE, NULL);
	t = CreateThread(NULL, 0, tries_release, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 0);
	ASSERT_TRUE(ReleaseMutex(mtx));
	/* Nobody owns it now: nobody may release it. */
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseMutex(mtx));
	ASSERT_EQ(GetLastError(), ERROR_NOT_OWNER);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(mtx));
}

static DWORD WINAPI takes_and_releases(LPVOID p)
{
	(void)p;
	if (WaitForSingleObject(mtx, INFINITE) != WAIT_OBJECT_0)
		return 1;
	return ReleaseMutex(mtx) ? 0 : 2;
}

TEST(Mutex_handoff)
{
	HANDLE t;
	DWORD code = 9;

	mtx = CreateMutexA(NULL, FALSE, NULL);
	ASSERT_EQ(WaitForSingleObject(mtx, 0), WAIT_OBJECT_0);
	t = CreateThread(NULL, 0, takes_and_releases, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, 10), WAIT_TIMEOUT);
	ASSERT_TRUE(ReleaseMutex(mtx));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, 0);
	ASSERT_EQ(WaitForSingleObject(mtx, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(ReleaseMutex(mtx));
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(mtx));
}

static DWORD WINAPI takes_and_exits(LPVOID p)
{
	(void)p;
	return WaitForSingleObject(mtx, INFINITE);
}

static DWORD WINAPI takes_and_exit_thread(LPVOID p)
{
	(void)p;
	WaitForSingleObject(mtx, INFINITE);
	WaitForSingleObject(mtx, INFINITE);	/* owned twice */
	ExitThread(5);
	return 0;
}

TEST(Mutex_abandoned)
{
	HANDLE t, h[2];

	mtx = CreateMutexA(NULL, FALSE, NULL);
	t = CreateThread(NULL, 0, takes_and_exits, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	/* The thread ended owning it: the next wait reports the abandonment, and owns it. */
	ASSERT_EQ(WaitForSingleObject(mtx, INFINITE), WAIT_ABANDONED);
	ASSERT_TRUE(ReleaseMutex(mtx));
	/* Reported once only. */
	ASSERT_EQ(WaitForSingleObject(mtx, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(ReleaseMutex(mtx));

	/* The same through ExitThread, seen by a multiple-object wait at the mutex's index. */
	t = CreateThread(NULL, 0, takes_and_exit_thread, NULL, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	h[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
	h[1] = mtx;
	ASSERT_EQ(WaitForMultipleObjects(2, h, FALSE, INFINITE), WAIT_ABANDONED_0 + 1);
	ASSERT_TRUE(ReleaseMutex(mtx));
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseMutex(mtx));
	ASSERT_EQ(GetLastError(), ERROR_NOT_OWNER);
	ASSERT_TRUE(CloseHandle(h[0]));
	ASSERT_TRUE(CloseHandle(mtx));
}

TEST(Mutex_wait_all_and_errors)
{
	HANDLE h[2];

	h[0] = CreateMutexA(NULL, FALSE, NULL);
	h[1] = CreateEventA(NULL, TRUE, TRUE, NULL);
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(ReleaseMutex(h[0]));
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseMutex(h[1]));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseMutex(NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(h[0]));
	ASSERT_TRUE(CloseHandle(h[1]));
}
