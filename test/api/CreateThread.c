/* CreateThread, WaitForSingleObject/WaitForMultipleObjects on thread handles, GetExitCodeThread,
 * ExitThread, CloseHandle, QueryPerformanceCounter: the subset the socket tests and benchmarks
 * use (the full waitable-object set comes with the async engine). */
#include <winsock2.h>
#include <windows.h>

#include "test.h"

static volatile LONG gate;

static DWORD WINAPI returns_arg(LPVOID p)
{
	return (DWORD)(UINT_PTR)p;
}

static volatile LONG finished;

static DWORD WINAPI waits_for_gate(LPVOID p)
{
	(void)p;
	while (InterlockedCompareExchange(&gate, 0, 0) == 0)
		Sleep(1);
	InterlockedExchange(&finished, 1);
	return 7;
}

static DWORD WINAPI exits_early(LPVOID p)
{
	(void)p;
	ExitThread(99);
	return 1;
}

TEST(CreateThread_exit_code)
{
	DWORD id = 0, code = 0;
	HANDLE h = CreateThread(NULL, 0, returns_arg, (LPVOID)(UINT_PTR)42, 0, &id);

	ASSERT_TRUE(h != NULL);
	ASSERT_NE(id, 0);
	ASSERT_EQ(WaitForSingleObject(h, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 42);
	/* A finished thread stays signalled. */
	ASSERT_EQ(WaitForSingleObject(h, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(h));
}

TEST(CreateThread_still_active_and_timeout)
{
	DWORD code = 0;
	HANDLE h;

	gate = 0;
	h = CreateThread(NULL, 0, waits_for_gate, NULL, 0, NULL);
	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(WaitForSingleObject(h, 10), WAIT_TIMEOUT);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, STILL_ACTIVE);
	InterlockedExchange(&gate, 1);
	ASSERT_EQ(WaitForSingleObject(h, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 7);
	ASSERT_TRUE(CloseHandle(h));
}

TEST(CreateThread_ExitThread)
{
	DWORD code = 0;
	HANDLE h = CreateThread(NULL, 0, exits_early, NULL, 0, NULL);

	ASSERT_EQ(WaitForSingleObject(h, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 99);
	ASSERT_TRUE(CloseHandle(h));
}

TEST(CreateThread_close_handle_while_running)
{
	HANDLE h, h2;

	gate = 0;
	h = CreateThread(NULL, 0, waits_for_gate, NULL, 0, NULL);
	ASSERT_TRUE(h != NULL);
	/* Closing the handle does not stop the thread; the thread still finishes cleanly. */
	ASSERT_TRUE(CloseHandle(h));
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForSingleObject(h, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	InterlockedExchange(&gate, 1);
	/* A second thread proves the first one's end did not disturb a reused handle value. */
	h2 = CreateThread(NULL, 0, returns_arg, (LPVOID)5, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(h2, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(h2));
	/* Let the first thread end before the runner counts objects (its handle record lives until
	 * the thread has signalled it). */
	while (InterlockedCompareExchange(&finished, 0, 0) == 0)
		Sleep(1);
	Sleep(20);
}

TEST(WaitForMultipleObjects_threads)
{
	HANDLE h[2];

	h[0] = CreateThread(NULL, 0, returns_arg, (LPVOID)1, 0, NULL);
	h[1] = CreateThread(NULL, 0, returns_arg, (LPVOID)2, 0, NULL);
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(WaitForMultipleObjects(2, h, FALSE, 0) <= WAIT_OBJECT_0 + 1);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForMultipleObjects(0, h, FALSE, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(CloseHandle(h[0]));
	ASSERT_TRUE(CloseHandle(h[1]));
}

TEST(WaitForSingleObject_invalid_handle)
{
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForSingleObject((HANDLE)(INT_PTR)12345, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!CloseHandle((HANDLE)(INT_PTR)12345));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(CreateThread(NULL, 0, NULL, NULL, 0, NULL) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

TEST(QueryPerformanceCounter_monotonic)
{
	LARGE_INTEGER f, a, b;

	ASSERT_TRUE(QueryPerformanceFrequency(&f));
	ASSERT_TRUE(f.QuadPart > 0);
	ASSERT_TRUE(QueryPerformanceCounter(&a));
	Sleep(2);
	ASSERT_TRUE(QueryPerformanceCounter(&b));
	ASSERT_TRUE(b.QuadPart > a.QuadPart);
	ASSERT_TRUE(GetTickCount64() > 0);
}
