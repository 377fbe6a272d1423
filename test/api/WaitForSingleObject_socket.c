/* Waiting on a socket or file handle itself: a file handle (sockets included) is signalled when
 * an I/O on it completes and reset when one starts; FILE_SKIP_SET_EVENT_ON_HANDLE keeps it from
 * being set (spec handles.md §2, SetFileCompletionNotificationModes page). */
#include "overlapped_util.h"

static void post_recv(SOCKET s, OVERLAPPED *ov, char *buf, ULONG len)
{
	WSABUF b = { len, buf };
	DWORD flags = 0;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSARecv(s, &b, 1, NULL, &flags, ov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

TEST(WaitForSingleObject_socket_signalled_by_completion)
{
	SOCKET c, a;
	OVERLAPPED ov;
	DWORD n = 0;
	char buf[8];
	HANDLE hs[2];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);	/* no I/O completed yet */
	ov_init(&ov, NULL);
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);
	ASSERT_EQ(send(c, "sig", 3, 0), 3);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov, &n, FALSE), TRUE);
	ASSERT_EQ(n, 3);
	/* Stays signalled (a manual-reset state)... */
	hs[0] = (HANDLE)c;
	hs[1] = (HANDLE)a;
	ASSERT_EQ(WaitForMultipleObjects(2, hs, FALSE, 0), WAIT_OBJECT_0 + 1);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, 0), WAIT_OBJECT_0);
	/* ...until the next I/O starts. */
	ov_init(&ov, NULL);
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);
	ASSERT_EQ(closesocket(c), 0);	/* end of stream completes it */
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE), TRUE);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(closesocket(a), 0);
	WSACleanup();
}

TEST(WaitForSingleObject_socket_skip_set_event)
{
	SOCKET c, a;
	OVERLAPPED ov;
	DWORD n = 0;
	char buf[8];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(SetFileCompletionNotificationModes((HANDLE)a, FILE_SKIP_SET_EVENT_ON_HANDLE), TRUE);
	ov_init(&ov, CreateEventW(NULL, TRUE, FALSE, NULL));
	post_recv(a, &ov, buf, sizeof buf);
	ASSERT_EQ(send(c, "k", 1, 0), 1);
	/* The explicit event is still set; the handle is not. */
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE), TRUE);
	ASSERT_EQ(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);
	ASSERT_EQ(CloseHandle(ov.hEvent), TRUE);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	WSACleanup();
}

/* A file handle too: its overlapped WriteFile completes at once and signals it. */
TEST(WaitForSingleObject_file_signalled_by_completion)
{
	char name[MAX_PATH];
	HANDLE f;
	OVERLAPPED ov;
	DWORD n = 0;

	su_temp_name(name, sizeof name, "waitfile");
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	ASSERT_EQ(WaitForSingleObject(f, 0), WAIT_TIMEOUT);
	ov_init(&ov, NULL);
	if (!WriteFile(f, "data", 4, NULL, &ov))
		ASSERT_EQ(GetLastError(), ERROR_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(f, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(GetOverlappedResult(f, &ov, &n, FALSE), TRUE);
	ASSERT_EQ(n, 4);
	ASSERT_EQ(CloseHandle(f), TRUE);
	ASSERT_EQ(DeleteFileA(name), TRUE);
}
