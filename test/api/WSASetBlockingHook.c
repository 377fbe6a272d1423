/* The Winsock 1.1 pseudo-blocking calls: WSASetBlockingHook, WSAUnhookBlockingHook,
 * WSAIsBlocking, WSACancelBlockingCall. Removed for Winsock 2 callers (WSAEOPNOTSUPP); a process
 * that negotiated 1.x (the lowest version any WSAStartup asked for) keeps a per-thread hook, and
 * no blocking call is ever in progress to cancel (WSAEINVAL) or to report (FALSE). */
#include <winsock2.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static INT_PTR WINAPI hook_a(void)
{
	return FALSE;
}

static INT_PTR WINAPI hook_b(void)
{
	return TRUE;
}

static void start(WORD version)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(version, &d), 0);
}

TEST(WSASetBlockingHook_not_started)
{
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(WSASetBlockingHook(hook_a) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	FAILS(WSAUnhookBlockingHook(), SOCKET_ERROR, WSANOTINITIALISED);
	FAILS(WSACancelBlockingCall(), SOCKET_ERROR, WSANOTINITIALISED);
	ASSERT_EQ(WSAIsBlocking(), FALSE);
}

TEST(WSASetBlockingHook_winsock2_removed)
{
	start(MAKEWORD(2, 2));
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(WSASetBlockingHook(hook_a) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEOPNOTSUPP);
	FAILS(WSAUnhookBlockingHook(), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(WSACancelBlockingCall(), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(WSAIsBlocking(), FALSE);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASetBlockingHook_winsock11)
{
	FARPROC def;

	start(MAKEWORD(1, 1));
	/* The first call returns Windows' default hook, then each call the previous one. */
	def = WSASetBlockingHook(hook_a);
	ASSERT_TRUE(def != NULL);
	ASSERT_TRUE(def != (FARPROC)hook_a);
	ASSERT_TRUE(WSASetBlockingHook(hook_b) == (FARPROC)hook_a);
	ASSERT_EQ(WSAUnhookBlockingHook(), 0);
	/* Unhooked: the default is back. */
	ASSERT_TRUE(WSASetBlockingHook(hook_b) == def);
	ASSERT_EQ(WSAUnhookBlockingHook(), 0);
	/* A hook that is no code is refused. */
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(WSASetBlockingHook(NULL) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	/* Nothing is ever blocking in this thread's 1.1 sense. */
	FAILS(WSACancelBlockingCall(), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(WSAIsBlocking(), FALSE);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASetBlockingHook_lowest_version_counts)
{
	/* 2.2 then 1.1: the process is a 1.1 client. */
	start(MAKEWORD(2, 2));
	start(MAKEWORD(1, 1));
	ASSERT_TRUE(WSASetBlockingHook(hook_a) != NULL);
	ASSERT_EQ(WSAUnhookBlockingHook(), 0);
	/* A later 2.2 call does not raise it. */
	start(MAKEWORD(2, 2));
	ASSERT_EQ(WSAUnhookBlockingHook(), 0);
	ASSERT_EQ(WSACleanup(), 0);
	ASSERT_EQ(WSACleanup(), 0);
	ASSERT_EQ(WSACleanup(), 0);
	/* A fresh start after the last cleanup negotiates anew. */
	start(MAKEWORD(2, 2));
	FAILS(WSAUnhookBlockingHook(), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Two first WSAStartup calls at once, 2.2 and 1.1: the process is a 1.1 client whichever lands
 * first (a plain store by the "first" caller could overwrite the other's lower version). The
 * window is narrow: this pins the rule more than it forces the race. */
static HANDLE race_go;

static DWORD WINAPI start_after_go(LPVOID v)
{
	WSADATA d;

	WaitForSingleObject(race_go, INFINITE);
	return (DWORD)WSAStartup((WORD)(uintptr_t)v, &d);
}

TEST(WSASetBlockingHook_first_calls_race)
{
	for (int i = 0; i < 200; i++) {
		HANDLE t[2];
		DWORD rc;

		race_go = CreateEvent(NULL, TRUE, FALSE, NULL);
		ASSERT_TRUE(race_go != NULL);
		t[0] = CreateThread(NULL, 0, start_after_go, (LPVOID)(uintptr_t)MAKEWORD(2, 2), 0, NULL);
		t[1] = CreateThread(NULL, 0, start_after_go, (LPVOID)(uintptr_t)MAKEWORD(1, 1), 0, NULL);
		ASSERT_TRUE(t[0] != NULL && t[1] != NULL);
		ASSERT_TRUE(SetEvent(race_go));
		ASSERT_EQ(WaitForMultipleObjects(2, t, TRUE, 10000), WAIT_OBJECT_0);
		for (int k = 0; k < 2; k++) {
			ASSERT_TRUE(GetExitCodeThread(t[k], &rc));
			ASSERT_EQ(rc, 0);
			ASSERT_TRUE(CloseHandle(t[k]));
		}
		ASSERT_EQ(WSAUnhookBlockingHook(), 0);	/* 1.1 semantics */
		ASSERT_EQ(WSACleanup(), 0);
		ASSERT_EQ(WSACleanup(), 0);
		ASSERT_TRUE(CloseHandle(race_go));
	}
}
