/* CreateSemaphoreA/W, ReleaseSemaphore: counts, the maximum (ERROR_TOO_MANY_POSTS with the
 * previous count still reported), parameter checks, threads released one unit each. */
#include <windows.h>

#include "test.h"

TEST(Semaphore_count_and_maximum)
{
	HANDLE s = CreateSemaphoreA(NULL, 2, 3, NULL);
	LONG prev = -1;

	ASSERT_TRUE(s != NULL);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(ReleaseSemaphore(s, 1, &prev));
	ASSERT_EQ(prev, 0);
	ASSERT_TRUE(ReleaseSemaphore(s, 2, &prev));
	ASSERT_EQ(prev, 1);
	/* Beyond the maximum: refused, nothing added, the previous count still reported. */
	prev = -1;
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseSemaphore(s, 1, &prev));
	ASSERT_EQ(GetLastError(), ERROR_TOO_MANY_POSTS);
	ASSERT_EQ(prev, 3);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(s, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(s));
}

TEST(Semaphore_parameters)
{
	HANDLE s, e;

	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateSemaphoreW(NULL, -1, 1, NULL) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateSemaphoreW(NULL, 2, 1, NULL) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateSemaphoreW(NULL, 0, 0, NULL) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	s = CreateSemaphoreW(NULL, 0, 1, NULL);
	ASSERT_TRUE(s != NULL);
	ASSERT_EQ(WaitForSingleObject(s, 10), WAIT_TIMEOUT);
	/* Only semaphores can be released. */
	e = CreateEventA(NULL, TRUE, FALSE, NULL);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseSemaphore(e, 1, NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ReleaseSemaphore(NULL, 1, NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!SetEvent(s));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(e));
	ASSERT_TRUE(CloseHandle(s));
}

#define NTHREADS 4
static HANDLE sem;
static volatile LONG passed;

static DWORD WINAPI takes_one(LPVOID p)
{
	(void)p;
	if (WaitForSingleObject(sem, INFINITE) != WAIT_OBJECT_0)
		return 1;
	InterlockedIncrement(&passed);
	return 0;
}

TEST(Semaphore_releases_threads)
{
	HANDLE t[NTHREADS];
	LONG prev = -1;
	int i;

	sem = CreateSemaphoreA(NULL, 0, NTHREADS, NULL);
	for (i = 0; i < NTHREADS; i++)
		t[i] = CreateThread(NULL, 0, takes_one, NULL, 0, NULL);
	ASSERT_EQ(WaitForMultipleObjects(NTHREADS, t, FALSE, 10), WAIT_TIMEOUT);
	ASSERT_TRUE(ReleaseSemaphore(sem, NTHREADS, &prev));
	ASSERT_EQ(prev, 0);
	ASSERT_EQ(WaitForMultipleObjects(NTHREADS, t, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(passed, NTHREADS);
	/* Each thread took exactly one unit. */
	ASSERT_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT);
	for (i = 0; i < NTHREADS; i++) {
		DWORD code = 1;
		ASSERT_TRUE(GetExitCodeThread(t[i], &code));
		ASSERT_EQ(code, 0);
		ASSERT_TRUE(CloseHandle(t[i]));
	}
	ASSERT_TRUE(CloseHandle(sem));
}

TEST(Semaphore_wait_all_with_event)
{
	HANDLE h[2];

	h[0] = CreateSemaphoreA(NULL, 1, 1, NULL);
	h[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(h[1]));
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(h[0], 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(h[0]));
	ASSERT_TRUE(CloseHandle(h[1]));
}
