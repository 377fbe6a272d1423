/* CreateEventA/W, SetEvent, ResetEvent, PulseEvent, and WaitForSingleObject /
 * WaitForMultipleObjects on events: manual and auto reset, initial state, wait-any returns the
 * lowest signalled index and leaves the others alone, wait-all is all or nothing. */
#include <windows.h>

#include "test.h"

TEST(CreateEvent_manual_reset)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);

	ASSERT_TRUE(e != NULL);
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(e));
	/* A manual-reset event stays signalled through any number of waits. */
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(e, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(SetEvent(e));	/* setting a set event is fine */
	ASSERT_TRUE(ResetEvent(e));
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(ResetEvent(e));
	ASSERT_TRUE(CloseHandle(e));
}

TEST(CreateEvent_auto_reset_and_initial_state)
{
	HANDLE e = CreateEventW(NULL, FALSE, TRUE, NULL);

	ASSERT_TRUE(e != NULL);
	/* Initially signalled; the first satisfied wait consumes it. */
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	/* Two sets before a wait release one wait, not two. */
	ASSERT_TRUE(SetEvent(e));
	ASSERT_TRUE(SetEvent(e));
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(e));
	ASSERT_TRUE(ResetEvent(e));
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(e));
}

TEST(CreateEvent_PulseEvent_without_waiters_resets)
{
	HANDLE m = CreateEventA(NULL, TRUE, TRUE, NULL), a = CreateEventA(NULL, FALSE, FALSE, NULL);

	ASSERT_TRUE(PulseEvent(m));
	ASSERT_EQ(WaitForSingleObject(m, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(PulseEvent(a));
	ASSERT_EQ(WaitForSingleObject(a, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(m));
	ASSERT_TRUE(CloseHandle(a));
}

static DWORD WINAPI waits_on(LPVOID p)
{
	return WaitForSingleObject((HANDLE)p, INFINITE);
}

TEST(CreateEvent_PulseEvent_releases_a_waiter)
{
	HANDLE e = CreateEventA(NULL, FALSE, FALSE, NULL), t;
	DWORD code = 1;

	t = CreateThread(NULL, 0, waits_on, e, 0, NULL);
	ASSERT_TRUE(t != NULL);
	/* The thread may not be waiting yet: pulse until it has been released. */
	do
		ASSERT_TRUE(PulseEvent(e));
	while (WaitForSingleObject(t, 10) == WAIT_TIMEOUT);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, WAIT_OBJECT_0);
	/* A pulse leaves the event reset. */
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(e));
}

TEST(CreateEvent_set_wakes_waiting_thread)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), t;
	DWORD code = 1;

	t = CreateThread(NULL, 0, waits_on, e, 0, NULL);
	ASSERT_EQ(WaitForSingleObject(t, 10), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(e));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(e));
}

TEST(CreateEvent_wait_any_lowest_index)
{
	HANDLE e[MAXIMUM_WAIT_OBJECTS];
	int i;

	/* e[0] manual, the rest auto, all signalled (as Wine's test on Windows). */
	for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
		e[i] = CreateEventA(NULL, i == 0, TRUE, NULL);
		ASSERT_TRUE(e[i] != NULL);
	}
	ASSERT_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(ResetEvent(e[0]));
	/* The lowest signalled index wins and the others are left untouched. */
	for (i = 1; i < MAXIMUM_WAIT_OBJECTS; i++)
		ASSERT_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_OBJECT_0 + i);
	ASSERT_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_TIMEOUT);
	for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
		ASSERT_TRUE(CloseHandle(e[i]));
}

TEST(CreateEvent_wait_all)
{
	HANDLE e[2];

	e[0] = CreateEventA(NULL, TRUE, TRUE, NULL);	/* manual, set */
	e[1] = CreateEventA(NULL, FALSE, FALSE, NULL);	/* auto, not set */
	ASSERT_EQ(WaitForMultipleObjects(2, e, TRUE, 0), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForMultipleObjects(2, e, TRUE, 10), WAIT_TIMEOUT);
	/* A failed wait-all took nothing. */
	ASSERT_EQ(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0);
	ASSERT_TRUE(SetEvent(e[1]));
	ASSERT_EQ(WaitForMultipleObjects(2, e, TRUE, 0), WAIT_OBJECT_0);
	/* The auto-reset one was consumed, the manual one was not. */
	ASSERT_EQ(WaitForSingleObject(e[1], 0), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(e[0]));
	ASSERT_TRUE(CloseHandle(e[1]));
}

static HANDLE pair[2];

static DWORD WINAPI waits_all(LPVOID p)
{
	(void)p;
	return WaitForMultipleObjects(2, pair, TRUE, INFINITE);
}

TEST(CreateEvent_wait_all_takes_nothing_until_all)
{
	HANDLE t;
	DWORD code = 1;

	pair[0] = CreateEventA(NULL, FALSE, FALSE, NULL);
	pair[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
	t = CreateThread(NULL, 0, waits_all, NULL, 0, NULL);
	ASSERT_TRUE(SetEvent(pair[0]));
	/* The thread must not consume pair[0] while pair[1] is unsignalled: we can take it. */
	ASSERT_EQ(WaitForSingleObject(pair[0], INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(t, 10), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(pair[1]));
	ASSERT_TRUE(SetEvent(pair[0]));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(t, &code));
	ASSERT_EQ(code, WAIT_OBJECT_0);
	ASSERT_EQ(WaitForSingleObject(pair[0], 0), WAIT_TIMEOUT);
	ASSERT_EQ(WaitForSingleObject(pair[1], 0), WAIT_TIMEOUT);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(pair[0]));
	ASSERT_TRUE(CloseHandle(pair[1]));
}

TEST(CreateEvent_mixed_with_thread_handle)
{
	HANDLE h[2];

	h[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
	h[1] = CreateThread(NULL, 0, waits_on, h[0], 0, NULL);
	ASSERT_EQ(WaitForMultipleObjects(2, h, FALSE, 0), WAIT_TIMEOUT);
	ASSERT_TRUE(SetEvent(h[0]));
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(h[1]));
	ASSERT_TRUE(CloseHandle(h[0]));
}

TEST(CreateEvent_errors)
{
	HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL), h[MAXIMUM_WAIT_OBJECTS + 1], t;
	int i;

	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!SetEvent(NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!ResetEvent((HANDLE)(INT_PTR)12345));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!PulseEvent(NULL));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	/* A thread handle is waitable but is not an event. */
	t = CreateThread(NULL, 0, waits_on, e, 0, NULL);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!SetEvent(t));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));

	for (i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
		h[i] = e;
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, h, FALSE, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForMultipleObjects(0, h, FALSE, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	/* The same object twice: fine for wait-any, refused for wait-all. */
	ASSERT_EQ(WaitForMultipleObjects(2, h, FALSE, 0), WAIT_OBJECT_0);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForMultipleObjects(2, h, TRUE, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	/* One bad handle fails the whole wait, even with a signalled object before it. */
	h[1] = NULL;
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WaitForMultipleObjects(2, h, FALSE, 0), WAIT_FAILED);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	/* Closed handles are invalid. */
	ASSERT_TRUE(CloseHandle(e));
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!SetEvent(e));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
}
