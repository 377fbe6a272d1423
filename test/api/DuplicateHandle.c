/* DuplicateHandle within the process (spec handles.md §8) on base-provider sockets, files and
 * pipes: the duplicate is a new value sharing the object; closing one leaves the other working.
 * Another process is not supported: linsock has no handle naming one, so such a value is
 * ERROR_INVALID_HANDLE. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static DWORD flags_of(HANDLE h)
{
	DWORD f = 0xdeadbeef;

	ASSERT_TRUE(GetHandleInformation(h, &f));
	return f;
}

static HANDLE dup(HANDLE h, BOOL inherit, DWORD options)
{
	HANDLE out = NULL;

	ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &out, 0, inherit, options));
	ASSERT_NE(out, NULL);
	ASSERT_NE(out, h);
	ASSERT_TRUE((uintptr_t)out > 2);
	return out;
}

/* A duplicated stream socket: either value sends and receives; closing the original (even with
 * closesocket) leaves the duplicate working, and the connection ends with the last one. */
static void stream(int af)
{
	SOCKET c, a, d;
	char buf[16];
	DWORD n;
	int type = 0, len = sizeof type;

	su_start();
	su_tcp_pair(af, &c, &a);
	d = (SOCKET)dup((HANDLE)c, FALSE, DUPLICATE_SAME_ACCESS);
	ASSERT_EQ(getsockopt(d, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
	ASSERT_EQ(type, SOCK_STREAM);
	ASSERT_EQ(GetFileType((HANDLE)d), FILE_TYPE_PIPE);
	ASSERT_EQ(flags_of((HANDLE)d), 0);
	ASSERT_EQ(send(d, "dup", 3, 0), 3);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 3);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WriteFile((HANDLE)d, "still", 5, &n, NULL));
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 5);
	ASSERT_MEM_EQ(buf, "still", 5);
	ASSERT_EQ(send(a, "back", 4, 0), 4);
	ASSERT_TRUE(ReadFile((HANDLE)d, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "back", 4);
	/* The last handle closes the connection: the peer sees the end of the stream. */
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(DuplicateHandle_stream_v4) { stream(AF_INET); }
TEST(DuplicateHandle_stream_v6) { stream(AF_INET6); }

/* A duplicated datagram socket keeps the original's state (bound, connected): it receives what
 * is sent to the address, after the original is gone. */
static void datagram(int af)
{
	SOCKET s, r, d;
	char buf[16];
	DWORD n;

	su_start();
	su_udp_pair(af, &s, &r);
	d = (SOCKET)dup((HANDLE)r, TRUE, 0);
	ASSERT_EQ(flags_of((HANDLE)d), HANDLE_FLAG_INHERIT);
	ASSERT_TRUE(CloseHandle((HANDLE)r));
	ASSERT_EQ(send(s, "udp", 3, 0), 3);
	ASSERT_TRUE(ReadFile((HANDLE)d, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf, "udp", 3);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(DuplicateHandle_datagram_v4) { datagram(AF_INET); }
TEST(DuplicateHandle_datagram_v6) { datagram(AF_INET6); }

/* A duplicated file shares the file pointer (one open file, two handles). */
TEST(DuplicateHandle_file_shares_position)
{
	char name[64], buf[8];
	LARGE_INTEGER zero;
	HANDLE f, d;
	DWORD n;

	su_temp_name(name, sizeof name, "dup");
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	d = dup(f, FALSE, DUPLICATE_SAME_ACCESS);
	ASSERT_EQ(GetFileType(d), FILE_TYPE_DISK);
	ASSERT_TRUE(WriteFile(f, "abc", 3, &n, NULL));
	ASSERT_TRUE(WriteFile(d, "def", 3, &n, NULL));
	zero.QuadPart = 0;
	ASSERT_TRUE(SetFilePointerEx(d, zero, NULL, FILE_BEGIN));
	ASSERT_TRUE(CloseHandle(d));
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 6);
	ASSERT_MEM_EQ(buf, "abcdef", 6);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
}

/* DUPLICATE_CLOSE_SOURCE: the source is closed, the duplicate lives on (here a pipe's write end:
 * the reader sees the pipe end only when the duplicate goes). With no target it just closes. */
TEST(DuplicateHandle_close_source)
{
	HANDLE r, w, d;
	char buf[8];
	DWORD n;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	d = dup(w, FALSE, DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS);
	FAILS32(WriteFile(w, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(WriteFile(d, "y", 1, &n, NULL));
	ASSERT_TRUE(ReadFile(r, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 1);
	ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), NULL, 0, FALSE,
				    DUPLICATE_CLOSE_SOURCE));
	FAILS32(CloseHandle(d), ERROR_INVALID_HANDLE);
	FAILS32(ReadFile(r, buf, sizeof buf, &n, NULL), ERROR_BROKEN_PIPE);
	ASSERT_TRUE(CloseHandle(r));
}

/* The one process handle is GetCurrentProcess()'s pseudo-handle; any other value names no
 * process of ours: ERROR_INVALID_HANDLE. Bad source handles likewise; a bad target pointer is
 * ERROR_NOACCESS and creates nothing. */
TEST(DuplicateHandle_errors)
{
	SOCKET c, a;
	HANDLE out = (HANDLE)(intptr_t)12345;

	su_start();
	ASSERT_EQ(GetCurrentProcess(), (HANDLE)(LONG_PTR)-1);
	su_tcp_pair(AF_INET, &c, &a);
	FAILS32(DuplicateHandle((HANDLE)(intptr_t)4242, (HANDLE)c, GetCurrentProcess(), &out, 0, FALSE,
				DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	FAILS32(DuplicateHandle(GetCurrentProcess(), (HANDLE)c, (HANDLE)a, &out, 0, FALSE, DUPLICATE_SAME_ACCESS),
		ERROR_INVALID_HANDLE);
	FAILS32(DuplicateHandle(GetCurrentProcess(), (HANDLE)c, NULL, &out, 0, FALSE, DUPLICATE_SAME_ACCESS),
		ERROR_INVALID_HANDLE);
	ASSERT_EQ(out, (HANDLE)(intptr_t)12345);
	FAILS32(DuplicateHandle(GetCurrentProcess(), (HANDLE)(intptr_t)99999, GetCurrentProcess(), &out, 0,
				FALSE, DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	FAILS32(DuplicateHandle(GetCurrentProcess(), INVALID_HANDLE_VALUE, GetCurrentProcess(), &out, 0, FALSE,
				DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	FAILS32(DuplicateHandle(GetCurrentProcess(), (HANDLE)c, GetCurrentProcess(), (LPHANDLE)(uintptr_t)8, 0,
				FALSE, DUPLICATE_SAME_ACCESS), ERROR_NOACCESS);
	/* A failed duplication with DUPLICATE_CLOSE_SOURCE still closes the source (DuplicateHandle
	 * docs). */
	FAILS32(DuplicateHandle(GetCurrentProcess(), (HANDLE)c, GetCurrentProcess(), (LPHANDLE)(uintptr_t)8, 0,
				FALSE, DUPLICATE_CLOSE_SOURCE), ERROR_NOACCESS);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(closesocket(c), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static DWORD WINAPI idle_thread(LPVOID p)
{
	(void)p;
	return 0;
}

/* Thread handles own private state; their duplication is not implemented (pinned so that the
 * day it is, this test says so). */
TEST(DuplicateHandle_thread_not_supported)
{
	HANDLE th, out = NULL;

	th = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
	ASSERT_NE(th, NULL);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	FAILS32(DuplicateHandle(GetCurrentProcess(), th, GetCurrentProcess(), &out, 0, FALSE, DUPLICATE_SAME_ACCESS),
		ERROR_NOT_SUPPORTED);
	ASSERT_EQ(out, NULL);
	ASSERT_TRUE(CloseHandle(th));
}
