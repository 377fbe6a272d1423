/* SetThreadPriority/GetThreadPriority: values remembered per thread handle, Windows' checks. */
#include <windows.h>

#include "test.h"

static DWORD WINAPI waiter(LPVOID p)
{
	WaitForSingleObject((HANDLE)p, INFINITE);
	return 0;
}

TEST(SetThreadPriority_roundtrip)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE t = CreateThread(NULL, 0, waiter, ev, 0, NULL);

	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(GetThreadPriority(t), THREAD_PRIORITY_NORMAL);
	ASSERT_TRUE(SetThreadPriority(t, THREAD_PRIORITY_HIGHEST));
	ASSERT_EQ(GetThreadPriority(t), THREAD_PRIORITY_HIGHEST);
	ASSERT_TRUE(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL));
	ASSERT_EQ(GetThreadPriority(GetCurrentThread()), THREAD_PRIORITY_BELOW_NORMAL);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(SetThreadPriority(t, 7), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(GetThreadPriority(t), THREAD_PRIORITY_HIGHEST);
	ASSERT_TRUE(SetThreadPriority(t, THREAD_PRIORITY_NORMAL));
	SetEvent(ev);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(ev));
}

TEST(SetThreadPriority_not_a_thread)
{
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);

	SetLastError(0xdeadbeef);
	ASSERT_EQ(SetThreadPriority(ev, THREAD_PRIORITY_NORMAL), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetThreadPriority(ev), THREAD_PRIORITY_ERROR_RETURN);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_EQ(GetThreadPriority(NULL), THREAD_PRIORITY_ERROR_RETURN);
	ASSERT_TRUE(CloseHandle(ev));
}
