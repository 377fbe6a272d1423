/* WSACreateEvent, WSASetEvent, WSAResetEvent, WSACloseEvent, WSAWaitForMultipleEvents: a
 * WSAEVENT is a manual-reset, initially unsignalled kernel event; waits report the lowest
 * signalled index; cEvents 0 or above 64 is WSA_INVALID_PARAMETER; a bad handle
 * WSA_INVALID_HANDLE. */
#include <winsock2.h>
#include <windows.h>

#include "test.h"

TEST(WSAEvent_manual_reset_unsignalled)
{
	WSADATA d;
	WSAEVENT e;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	e = WSACreateEvent();
	ASSERT_TRUE(e != WSA_INVALID_EVENT);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_TRUE(WSASetEvent(e));
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, TRUE, WSA_INFINITE, FALSE), WSA_WAIT_EVENT_0);
	/* A kernel event: kernel32 waits see it too. */
	ASSERT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAResetEvent(e));
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_TRUE(WSACloseEvent(e));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEvent_wait_results)
{
	WSADATA d;
	WSAEVENT e[3];
	int i;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	for (i = 0; i < 3; i++)
		e[i] = WSACreateEvent();
	ASSERT_EQ(WSAWaitForMultipleEvents(3, e, FALSE, 10, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_TRUE(WSASetEvent(e[2]));
	ASSERT_TRUE(WSASetEvent(e[1]));
	ASSERT_EQ(WSAWaitForMultipleEvents(3, e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 1);
	ASSERT_EQ(WSAWaitForMultipleEvents(3, e, TRUE, 0, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_TRUE(WSASetEvent(e[0]));
	ASSERT_EQ(WSAWaitForMultipleEvents(3, e, TRUE, 0, FALSE), WSA_WAIT_EVENT_0);
	/* Alertable with nothing queued behaves like the plain wait. */
	ASSERT_EQ(WSAWaitForMultipleEvents(3, e, FALSE, 0, TRUE), WSA_WAIT_EVENT_0);
	for (i = 0; i < 3; i++)
		ASSERT_TRUE(WSACloseEvent(e[i]));
	ASSERT_EQ(WSACleanup(), 0);
}

static volatile LONG apc_ran;

static VOID CALLBACK apc(ULONG_PTR v)
{
	(void)v;
	InterlockedIncrement(&apc_ran);
}

TEST(WSAEvent_alertable_wait_runs_apcs)
{
	WSADATA d;
	WSAEVENT e;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	e = WSACreateEvent();
	ASSERT_TRUE(QueueUserAPC(apc, GetCurrentThread(), 0));
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
	ASSERT_EQ(apc_ran, 0);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &e, FALSE, WSA_INFINITE, TRUE), WSA_WAIT_IO_COMPLETION);
	ASSERT_EQ(apc_ran, 1);
	ASSERT_TRUE(WSACloseEvent(e));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEvent_errors)
{
	WSADATA d;
	WSAEVENT e[WSA_MAXIMUM_WAIT_EVENTS + 1];
	int i;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	e[0] = WSACreateEvent();
	for (i = 1; i <= WSA_MAXIMUM_WAIT_EVENTS; i++)
		e[i] = e[0];
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAWaitForMultipleEvents(0, e, FALSE, 0, FALSE), WSA_WAIT_FAILED);
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS + 1, e, FALSE, 0, FALSE), WSA_WAIT_FAILED);
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER);
	ASSERT_EQ(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS, e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
	e[1] = (WSAEVENT)(INT_PTR)12345;
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAWaitForMultipleEvents(2, e, FALSE, 0, FALSE), WSA_WAIT_FAILED);
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_HANDLE);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(!WSASetEvent(WSA_INVALID_EVENT));
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_HANDLE);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(!WSAResetEvent((WSAEVENT)(INT_PTR)12345));
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_HANDLE);
	ASSERT_TRUE(WSACloseEvent(e[0]));
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(!WSACloseEvent(e[0]));
	ASSERT_EQ(WSAGetLastError(), WSA_INVALID_HANDLE);
	ASSERT_EQ(WSACleanup(), 0);
}
