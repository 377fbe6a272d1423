/* CloseHandle on sockets and other handles (spec handles.md §7): linger {1, 0} resets the peer;
 * a non-blocking socket with a linger timeout and unsent data closes at once (CloseHandle has no
 * WSAEWOULDBLOCK) and the data still arrives; a ReadFile blocked in another thread returns;
 * closed, invalid and protected handles fail with ERROR_INVALID_HANDLE. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static void linger_zero(int af)
{
	static const struct linger hard = { 1, 0 };
	SOCKET c, a;
	char buf[8];
	DWORD n;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	ASSERT_TRUE(CloseHandle((HANDLE)c));
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL), ERROR_NETNAME_DELETED);
	FAILS32(CloseHandle((HANDLE)c), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle((HANDLE)a));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(CloseHandle_linger_zero_resets_v4) { linger_zero(AF_INET); }
TEST(CloseHandle_linger_zero_resets_v6) { linger_zero(AF_INET6); }

/* closesocket would fail with WSAEWOULDBLOCK here (closesocket_nonblocking_linger_would_block);
 * CloseHandle closes, without waiting out the linger time, and the data is delivered
 * gracefully. */
static void nonblocking_linger(int af)
{
	static const struct linger wait = { 1, 60 };
	static char chunk[65536], buf[65536];
	SOCKET c, a;
	u_long on = 1;
	DWORD small = 4096, n;
	unsigned long long sent = 0, got = 0;
	ULONGLONG t0;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	for (;;) {
		if (!WriteFile((HANDLE)c, chunk, sizeof chunk, &n, NULL)) {
			ASSERT_EQ(GetLastError(), ERROR_NOT_READY);
			break;
		}
		sent += n;
		ASSERT_TRUE(sent < 64ull * 1024 * 1024);
	}
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&wait, sizeof wait), 0);
	t0 = GetTickCount64();
	ASSERT_TRUE(CloseHandle((HANDLE)c));
	/* A coarse bound, not a measurement: the 60 s linger time was not waited out. */
	ASSERT_TRUE(GetTickCount64() - t0 < 30000);
	FAILS32(GetHandleInformation((HANDLE)c, &n), ERROR_INVALID_HANDLE);
	for (;;) {
		ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
		if (n == 0)
			break;
		got += n;
	}
	ASSERT_EQ(got, sent);
	ASSERT_TRUE(CloseHandle((HANDLE)a));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(CloseHandle_nonblocking_linger_v4) { nonblocking_linger(AF_INET); }
TEST(CloseHandle_nonblocking_linger_v6) { nonblocking_linger(AF_INET6); }

struct blocked {
	SOCKET s;
	DWORD err;
};

static DWORD WINAPI blocked_reader(LPVOID p)
{
	struct blocked *b = p;
	char buf[8];
	DWORD n;

	SetLastError(0xdeadbeef);
	if (ReadFile((HANDLE)b->s, buf, sizeof buf, &n, NULL))
		b->err = 0;
	else
		b->err = GetLastError();
	return 0;
}

/* Closing a socket another thread is reading: the read returns at once and fails. Its status is
 * the one that makes recv fail with WSAEINTR (closesocket docs); on the file path that is
 * ERROR_REQUEST_ABORTED (pinned: one translation, no special case). */
TEST(CloseHandle_wakes_blocked_ReadFile)
{
	struct blocked b = { 0, 0xdeadbeef };
	SOCKET c;
	HANDLE th;

	su_start();
	su_tcp_pair(AF_INET, &c, &b.s);
	th = CreateThread(NULL, 0, blocked_reader, &b, 0, NULL);
	ASSERT_NE(th, NULL);
	Sleep(200);	/* let the reader block */
	ASSERT_TRUE(CloseHandle((HANDLE)b.s));
	ASSERT_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(b.err, ERROR_REQUEST_ABORTED);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_TRUE(CloseHandle((HANDLE)c));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(CloseHandle_files_pipes_invalid)
{
	char name[64];
	HANDLE f, r, w;
	DWORD n;

	su_temp_name(name, sizeof name, "close");
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(CloseHandle(f));
	FAILS32(WriteFile(f, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(CloseHandle(f), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	ASSERT_TRUE(CloseHandle(r));
	ASSERT_TRUE(CloseHandle(w));
	FAILS32(CloseHandle(r), ERROR_INVALID_HANDLE);
	FAILS32(CloseHandle(NULL), ERROR_INVALID_HANDLE);
	FAILS32(CloseHandle((HANDLE)(intptr_t)31337), ERROR_INVALID_HANDLE);
	FAILS32(CloseHandle((HANDLE)(uintptr_t)0x100000000ull), ERROR_INVALID_HANDLE);
}
