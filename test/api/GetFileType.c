/* GetFileType and GetStdHandle: a socket is FILE_TYPE_PIPE (both families, stream and datagram),
 * a file FILE_TYPE_DISK, a pipe FILE_TYPE_PIPE, the null device FILE_TYPE_CHAR; an invalid,
 * closed or non-file handle is FILE_TYPE_UNKNOWN with ERROR_INVALID_HANDLE. GetStdHandle gives the
 * same value on every call, never 0, 1 or 2. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

#define UNKNOWN_WITH(h, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_EQ(GetFileType(h), FILE_TYPE_UNKNOWN); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)

static DWORD WINAPI idle_thread(LPVOID p)
{
	(void)p;
	return 0;
}

TEST(GetFileType_sockets)
{
	static const int afs[] = { AF_INET, AF_INET6 }, types[] = { SOCK_STREAM, SOCK_DGRAM };

	start();
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			SOCKET s = socket(afs[i], types[j], 0);
			ASSERT_NE(s, INVALID_SOCKET);
			ASSERT_EQ(GetFileType((HANDLE)s), FILE_TYPE_PIPE);
			ASSERT_EQ(closesocket(s), 0);
			UNKNOWN_WITH((HANDLE)s, ERROR_INVALID_HANDLE);
		}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(GetFileType_files_and_pipes)
{
	char name[64];
	HANDLE f, r, w, th;

	snprintf(name, sizeof name, "ls_test_%lu_type.tmp", (unsigned long)GetCurrentProcessId());
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetFileType(f), FILE_TYPE_DISK);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	ASSERT_EQ(GetFileType(r), FILE_TYPE_PIPE);
	ASSERT_EQ(GetFileType(w), FILE_TYPE_PIPE);
	ASSERT_TRUE(CloseHandle(r));
	ASSERT_TRUE(CloseHandle(w));
	f = CreateFileA("nul", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetFileType(f), FILE_TYPE_CHAR);
	ASSERT_TRUE(CloseHandle(f));
	/* Closed, invalid, pseudo and non-file handles. */
	UNKNOWN_WITH(f, ERROR_INVALID_HANDLE);
	UNKNOWN_WITH(INVALID_HANDLE_VALUE, ERROR_INVALID_HANDLE);
	UNKNOWN_WITH(NULL, ERROR_INVALID_HANDLE);
	UNKNOWN_WITH((HANDLE)(intptr_t)77777, ERROR_INVALID_HANDLE);
	th = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
	ASSERT_NE(th, NULL);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	UNKNOWN_WITH(th, ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(th));
}

/* The standard handles: one cached duplicate each, never the raw fds 0-2 (0 would be NULL). */
TEST(GetStdHandle_values)
{
	static const DWORD ids[] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE };
	HANDLE h[3];

	for (int i = 0; i < 3; i++) {
		DWORD t;

		h[i] = GetStdHandle(ids[i]);
		if (h[i] == NULL)
			continue;	/* the runner may start us without that standard handle */
		ASSERT_NE(h[i], INVALID_HANDLE_VALUE);
		ASSERT_TRUE((uintptr_t)h[i] > 2);
		ASSERT_EQ(GetStdHandle(ids[i]), h[i]);
		t = GetFileType(h[i]);
		ASSERT_TRUE(t == FILE_TYPE_CHAR || t == FILE_TYPE_PIPE || t == FILE_TYPE_DISK);
		for (int j = 0; j < i; j++)
			ASSERT_NE(h[i], h[j]);
	}
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetStdHandle(0), INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetStdHandle((DWORD)-13), INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	/* Closing a standard handle is allowed; GetStdHandle keeps returning the stored value, as
	 * Windows does. */
	for (int i = 0; i < 3; i++)
		if (h[i]) {
			ASSERT_TRUE(CloseHandle(h[i]));
			ASSERT_EQ(GetStdHandle(ids[i]), h[i]);
		}
}
