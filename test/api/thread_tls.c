/* A program with large thread-locals: the C runtime places static TLS in each thread's stack, so
 * a small requested stack cannot hold it. CreateThread with a 64 KiB stack still starts the
 * thread, and linsock's own threads (the engine's reaper, which completes this overlapped
 * receive) still start. Without the fallback both fail. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>

#include "test.h"
#include "sockutil.h"

static _Thread_local char big_tls[320 * 1024];

static DWORD WINAPI touches_tls(LPVOID p)
{
	memset(big_tls, 1, sizeof big_tls);
	return (DWORD)(UINT_PTR)p + big_tls[sizeof big_tls - 1];
}

TEST(thread_tls_small_stack_request)
{
	DWORD code = 0;
	HANDLE h = CreateThread(NULL, 65536, touches_tls, (LPVOID)41, 0, NULL);

	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(h, &code));
	ASSERT_EQ(code, 42);
	ASSERT_TRUE(CloseHandle(h));
}

TEST(thread_tls_overlapped_recv_completes)
{
	SOCKET c, a;
	WSAOVERLAPPED ov;
	char buf[8];
	WSABUF wb = { sizeof buf, buf };
	DWORD n = 0, flags = 0;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	big_tls[0] = 1;
	memset(&ov, 0, sizeof ov);
	ov.hEvent = WSACreateEvent();
	if (WSARecv(a, &wb, 1, NULL, &flags, &ov, NULL) != 0)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(send(c, "tls", 3, 0), 3);
	ASSERT_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, 10000, FALSE), WSA_WAIT_EVENT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(a, &ov, &n, FALSE, &flags));
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf, "tls", 3);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
