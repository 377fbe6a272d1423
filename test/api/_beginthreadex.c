/* _beginthreadex returns a waitable thread HANDLE; the routine's value (or _endthreadex's) is
 * the exit code; bad input is errno EINVAL and 0. */
#include <windows.h>
#include <errno.h>
#include <process.h>

#include "test.h"

static unsigned __stdcall worker(void *arg)
{
	LONG *n = (LONG *)arg;

	InterlockedIncrement(n);
	return 42;
}

static unsigned __stdcall ender(void *arg)
{
	(void)arg;
	_endthreadex(7);
	return 0;
}

static LONG plain_ran;

static void __cdecl plain(void *arg)
{
	InterlockedExchange(&plain_ran, 1);
	SetEvent((HANDLE)arg);
}

TEST(_beginthreadex_waitable)
{
	LONG n = 0;
	unsigned tid = 0;
	DWORD code = 0;
	HANDLE h = (HANDLE)_beginthreadex(NULL, 0, worker, &n, 0, &tid);

	ASSERT_TRUE(h != NULL);
	ASSERT_TRUE(tid != 0);
	ASSERT_EQ(WaitForSingleObject(h, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 42);
	ASSERT_EQ(n, 1);
	ASSERT_TRUE(CloseHandle(h));
	h = (HANDLE)_beginthreadex(NULL, 0, ender, NULL, 0, NULL);
	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(WaitForSingleObject(h, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 7);
	ASSERT_TRUE(CloseHandle(h));
}

TEST(_beginthreadex_bad_input)
{
	errno = 0;
	ASSERT_EQ(_beginthreadex(NULL, 0, NULL, NULL, 0, NULL), 0);
	ASSERT_EQ(errno, EINVAL);
	errno = 0;
	ASSERT_EQ(_beginthread(NULL, 0, NULL), (uintptr_t)-1);
	ASSERT_EQ(errno, EINVAL);
}

TEST(_beginthread_runs)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);

	ASSERT_TRUE(_beginthread(plain, 0, ev) != (uintptr_t)-1);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(plain_ran, 1);
	ASSERT_TRUE(CloseHandle(ev));
	Sleep(50);	/* let the thread end before the runner counts handles */
}
