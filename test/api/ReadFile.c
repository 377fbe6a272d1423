/* ReadFile (synchronous) on sockets, files and pipes (spec handles.md §2, §6): stream and
 * datagram sockets on both families, graceful close, a real reset, would-block, datagram
 * truncation, local shutdown, EOF and broken pipes, closed/invalid/non-I/O handles, bad
 * pointers. Errors are ERROR_* codes, never WSAE*. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static void stream(int af)
{
	SOCKET c, a;
	char buf[64];
	DWORD n = 12345;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(send(c, "hello", 5, 0), 5);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 5);
	ASSERT_MEM_EQ(buf, "hello", 5);
	/* A read returns what is there (socket receive semantics), not the whole buffer. */
	ASSERT_EQ(send(c, "0123456789", 10, 0), 10);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, 4, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "0123", 4);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 6);
	ASSERT_MEM_EQ(buf, "456789", 6);
	/* Zero bytes asked: a stream socket waits for data as a zero-byte receive does on Windows
	 * (the readiness idiom), then succeeds without consuming it; the slot is untouched. */
	ASSERT_EQ(send(c, "z", 1, 0), 1);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(ReadFile((HANDLE)a, NULL, 0, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(GetLastError(), 0xdeadbeef);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 1);
	ASSERT_EQ(buf[0], 'z');
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFile_stream_v4) { stream(AF_INET); }
TEST(ReadFile_stream_v6) { stream(AF_INET6); }

/* Graceful close by the peer: success with 0 bytes, as recv (handles.md §2, "unconfirmed";
 * pinned: no ERROR_NETNAME_DELETED for an orderly FIN). */
static void graceful(int af)
{
	SOCKET c, a;
	char buf[16];
	DWORD n = 12345;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(send(c, "bye", 3, 0), 3);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 3);
	n = 12345;
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFile_graceful_close_v4) { graceful(AF_INET); }
TEST(ReadFile_graceful_close_v6) { graceful(AF_INET6); }

/* A real reset (linger {1, 0} close on the peer): ERROR_NETNAME_DELETED, and the same failure
 * is WSAECONNRESET through recv (handles.md §6). */
static void reset(int af)
{
	static const struct linger hard = { 1, 0 };
	SOCKET c, a, c2, a2;
	char buf[16];
	DWORD n = 12345;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	ASSERT_EQ(closesocket(c), 0);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL), ERROR_NETNAME_DELETED);
	ASSERT_EQ(n, 0);
	/* The Winsock face of the same condition, on a second pair. */
	su_tcp_pair(af, &c2, &a2);
	ASSERT_EQ(setsockopt(c2, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	ASSERT_EQ(closesocket(c2), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(recv(a2, buf, sizeof buf, 0), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(a2), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFile_reset_v4) { reset(AF_INET); }
TEST(ReadFile_reset_v6) { reset(AF_INET6); }

/* Non-blocking socket, nothing to read: FALSE + ERROR_NOT_READY, the file face of
 * STATUS_DEVICE_NOT_READY, which recv reports as WSAEWOULDBLOCK (handles.md §2, "unconfirmed";
 * pinned). The slot is shared, so WSAGetLastError() sees the same 21. */
static void would_block(int af, int type)
{
	SOCKET x, y;
	u_long on = 1;
	char buf[16];
	DWORD n = 12345;

	su_start();
	if (type == SOCK_STREAM)
		su_tcp_pair(af, &x, &y);
	else
		su_udp_pair(af, &x, &y);
	ASSERT_EQ(ioctlsocket(y, FIONBIO, &on), 0);
	FAILS32(ReadFile((HANDLE)y, buf, sizeof buf, &n, NULL), ERROR_NOT_READY);
	ASSERT_EQ(WSAGetLastError(), ERROR_NOT_READY);
	ASSERT_EQ(n, 0);
	/* Data there: the non-blocking read succeeds. */
	ASSERT_EQ(send(x, "x", 1, 0), 1);
	for (int i = 0; i < 1000; i++) {
		if (ReadFile((HANDLE)y, buf, sizeof buf, &n, NULL))
			break;
		ASSERT_EQ(GetLastError(), ERROR_NOT_READY);
		Sleep(1);
	}
	ASSERT_EQ(n, 1);
	ASSERT_EQ(closesocket(x), 0);
	ASSERT_EQ(closesocket(y), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFile_would_block_tcp_v4) { would_block(AF_INET, SOCK_STREAM); }
TEST(ReadFile_would_block_tcp_v6) { would_block(AF_INET6, SOCK_STREAM); }
TEST(ReadFile_would_block_udp_v4) { would_block(AF_INET, SOCK_DGRAM); }
TEST(ReadFile_would_block_udp_v6) { would_block(AF_INET6, SOCK_DGRAM); }

/* Datagrams: one ReadFile, one datagram; a datagram larger than the buffer fills it and fails
 * with ERROR_MORE_DATA (STATUS_BUFFER_OVERFLOW), the count is the buffer size, the rest of that
 * datagram is gone (handles.md §2, pinned). */
static void datagram(int af)
{
	SOCKET s, r;
	char big[100], buf[100];
	DWORD n = 12345;

	su_start();
	su_udp_pair(af, &s, &r);
	for (int i = 0; i < (int)sizeof big; i++)
		big[i] = (char)i;
	ASSERT_EQ(send(s, "one", 3, 0), 3);
	ASSERT_EQ(send(s, big, sizeof big, 0), (int)sizeof big);
	ASSERT_EQ(send(s, "three", 5, 0), 5);
	ASSERT_TRUE(ReadFile((HANDLE)r, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 3);
	ASSERT_MEM_EQ(buf, "one", 3);
	memset(buf, 0x55, sizeof buf);
	FAILS32(ReadFile((HANDLE)r, buf, 10, &n, NULL), ERROR_MORE_DATA);
	ASSERT_EQ(n, 10);
	ASSERT_MEM_EQ(buf, big, 10);
	ASSERT_EQ((unsigned char)buf[10], 0x55);
	ASSERT_TRUE(ReadFile((HANDLE)r, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 5);
	ASSERT_MEM_EQ(buf, "three", 5);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ReadFile_datagram_v4) { datagram(AF_INET); }
TEST(ReadFile_datagram_v6) { datagram(AF_INET6); }

/* Conditions that recv reports as WSAE* codes come out in the file space. */
TEST(ReadFile_socket_states)
{
	SOCKET c, a, u, t;
	char buf[8];
	DWORD n;

	su_start();
	/* After shutdown(SD_RECEIVE): WSAESHUTDOWN's file face, ERROR_PIPE_NOT_CONNECTED. */
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(shutdown(a, SD_RECEIVE), 0);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL), ERROR_PIPE_NOT_CONNECTED);
	/* Unbound datagram socket: WSAEINVAL's face, ERROR_INVALID_PARAMETER. */
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS32(ReadFile((HANDLE)u, buf, sizeof buf, &n, NULL), ERROR_INVALID_PARAMETER);
	/* Unconnected stream socket: WSAENOTCONN's face, ERROR_UNEXP_NET_ERR. */
	t = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	FAILS32(ReadFile((HANDLE)t, buf, sizeof buf, &n, NULL), ERROR_UNEXP_NET_ERR);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static DWORD WINAPI idle_thread(LPVOID p)
{
	(void)p;
	return 0;
}

/* Closed, invalid, pseudo and non-I/O handles: ERROR_INVALID_HANDLE; the count is zeroed first. */
TEST(ReadFile_invalid_handles)
{
	SOCKET c, a;
	HANDLE th;
	char buf[8];
	DWORD n;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(closesocket(c), 0);
	n = 12345;
	FAILS32(ReadFile((HANDLE)c, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_EQ(n, 0);
	FAILS32(ReadFile(INVALID_HANDLE_VALUE, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(ReadFile(NULL, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(ReadFile((HANDLE)(intptr_t)123456, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(ReadFile((HANDLE)(intptr_t)-2, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(ReadFile((HANDLE)(uintptr_t)0x100000000ull, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	/* A thread handle is a handle, but no file. */
	th = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
	ASSERT_NE(th, NULL);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	FAILS32(ReadFile(th, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Bad pointers never crash. The count may be NULL only with an OVERLAPPED: Windows faults there
 * (Raymond Chen, "The Old New Thing", 2016-10-26); linsock fails with ERROR_NOACCESS before any
 * I/O, so no data is lost. A bad buffer is ERROR_NOACCESS (Wine's kernel32 file tests: ReadFile
 * into NULL, 10 bytes). */
TEST(ReadFile_bad_pointers)
{
	SOCKET c, a;
	char buf[8];
	DWORD n;

	su_start();
	su_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(send(c, "data", 4, 0), 4);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, NULL, NULL), ERROR_NOACCESS);
	FAILS32(ReadFile((HANDLE)a, buf, sizeof buf, (LPDWORD)(uintptr_t)1, NULL), ERROR_NOACCESS);
	n = 12345;
	FAILS32(ReadFile((HANDLE)a, NULL, sizeof buf, &n, NULL), ERROR_NOACCESS);
	ASSERT_EQ(n, 0);
	FAILS32(ReadFile((HANDLE)a, (LPVOID)(uintptr_t)16, sizeof buf, &n, NULL), ERROR_NOACCESS);
	/* Nothing was consumed by the failed calls. */
	ASSERT_TRUE(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "data", 4);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A file: reads advance, the end of the file is success with 0 bytes (ReadFile docs). */
TEST(ReadFile_file_eof)
{
	char name[64], buf[16];
	HANDLE f;
	DWORD n;

	su_temp_name(name, sizeof name, "readeof");
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(f, "abcdef", 6, &n, NULL));
	ASSERT_EQ(n, 6);
	{
		LARGE_INTEGER zero;
		zero.QuadPart = 0;
		ASSERT_TRUE(SetFilePointerEx(f, zero, NULL, FILE_BEGIN));
	}
	ASSERT_TRUE(ReadFile(f, buf, 4, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "abcd", 4);
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 2);
	ASSERT_MEM_EQ(buf, "ef", 2);
	SetLastError(0xdeadbeef);
	n = 12345;
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(GetLastError(), 0xdeadbeef);
	/* A bad buffer on a file: ERROR_NOACCESS too. */
	FAILS32(ReadFile(f, NULL, 10, &n, NULL), ERROR_NOACCESS);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
}

/* An anonymous pipe: data flows; the write handle cannot read (ERROR_ACCESS_DENIED); with the
 * write end closed ReadFile fails with ERROR_BROKEN_PIPE (ReadFile docs). */
TEST(ReadFile_pipe)
{
	HANDLE r, w;
	char buf[16];
	DWORD n;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	ASSERT_TRUE(WriteFile(w, "pipe", 4, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_TRUE(ReadFile(r, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "pipe", 4);
	FAILS32(ReadFile(w, buf, sizeof buf, &n, NULL), ERROR_ACCESS_DENIED);
	ASSERT_TRUE(WriteFile(w, "end", 3, &n, NULL));
	ASSERT_TRUE(CloseHandle(w));
	ASSERT_TRUE(ReadFile(r, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 3);
	n = 12345;
	FAILS32(ReadFile(r, buf, sizeof buf, &n, NULL), ERROR_BROKEN_PIPE);
	ASSERT_EQ(n, 0);
	ASSERT_TRUE(CloseHandle(r));
}
