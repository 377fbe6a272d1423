/* WriteFile (synchronous) on sockets, files, pipes and the standard output (spec handles.md §2,
 * §6): stream and datagram sockets on both families, a blocking write larger than INT_MAX that
 * completes, non-blocking would-block, a real reset, local shutdown, a pipe with no reader (no
 * SIGPIPE), closed/invalid handles, bad pointers. */
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
	ASSERT_TRUE(WriteFile((HANDLE)c, "hello", 5, &n, NULL));
	ASSERT_EQ(n, 5);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 5);
	ASSERT_MEM_EQ(buf, "hello", 5);
	/* Zero bytes: success, nothing sent, the slot untouched. */
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(WriteFile((HANDLE)c, NULL, 0, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(GetLastError(), 0xdeadbeef);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WriteFile_stream_v4) { stream(AF_INET); }
TEST(WriteFile_stream_v6) { stream(AF_INET6); }

static void datagram(int af)
{
	SOCKET s, r, u;
	char buf[64];
	DWORD n;

	su_start();
	su_udp_pair(af, &s, &r);
	ASSERT_TRUE(WriteFile((HANDLE)s, "dgram", 5, &n, NULL));
	ASSERT_EQ(n, 5);
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 5);
	ASSERT_MEM_EQ(buf, "dgram", 5);
	/* No destination (WriteFile has no address): WSAENOTCONN's face, ERROR_UNEXP_NET_ERR. */
	u = socket(af, SOCK_DGRAM, 0);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS32(WriteFile((HANDLE)u, "x", 1, &n, NULL), ERROR_UNEXP_NET_ERR);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WriteFile_datagram_v4) { datagram(AF_INET); }
TEST(WriteFile_datagram_v6) { datagram(AF_INET6); }

struct drain {
	SOCKET s;
	unsigned long long total;
	unsigned char last;
};

static DWORD WINAPI drain_thread(LPVOID p)
{
	struct drain *d = p;
	static char buf[1 << 20];
	int r;

	while ((r = recv(d->s, buf, sizeof buf, 0)) > 0) {
		d->total += (unsigned long long)r;
		d->last = (unsigned char)buf[r - 1];
	}
	return r == 0 ? 0 : 1;
}

/* A blocking WriteFile completes only when everything is sent: 2 GiB + 16 bytes (more than one
 * send can take) arrive whole. The buffer is calloc'd and untouched except at its ends, so it
 * costs no memory beyond the zero page. */
TEST(WriteFile_blocking_over_2GiB)
{
	const DWORD len = 0x80000010u;
	struct drain d = { 0, 0, 0 };
	unsigned char *big;
	SOCKET c;
	HANDLE th;
	DWORD n = 0, code = 99;

	big = calloc(1, len);
	if (!big)
		SKIP("cannot reserve 2 GiB of address space");
	big[0] = 1;
	big[len - 1] = 0x7e;
	su_start();
	su_tcp_pair(AF_INET, &c, &d.s);
	th = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
	ASSERT_NE(th, NULL);
	ASSERT_TRUE(WriteFile((HANDLE)c, big, len, &n, NULL));
	ASSERT_EQ(n, len);
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(th, &code));
	ASSERT_EQ(code, 0);
	ASSERT_EQ(d.total, len);
	ASSERT_EQ(d.last, 0x7e);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(d.s), 0);
	ASSERT_EQ(WSACleanup(), 0);
	free(big);
}

/* Non-blocking socket with a full send path: a partial write or FALSE + ERROR_NOT_READY, the
 * file face of WSAEWOULDBLOCK (pinned, see ReadFile_would_block_*). */
static void would_block(int af)
{
	static char chunk[65536];
	SOCKET c, a;
	u_long on = 1;
	DWORD small = 4096, n;
	unsigned long long total = 0;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	for (;;) {
		SetLastError(0xdeadbeef);
		n = 12345;
		if (!WriteFile((HANDLE)c, chunk, sizeof chunk, &n, NULL))
			break;
		ASSERT_TRUE(n > 0 && n <= sizeof chunk);
		total += n;
		ASSERT_TRUE(total < 64ull * 1024 * 1024);
	}
	ASSERT_EQ(GetLastError(), ERROR_NOT_READY);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WriteFile_would_block_v4) { would_block(AF_INET); }
TEST(WriteFile_would_block_v6) { would_block(AF_INET6); }

/* The peer reset the connection (linger {1, 0} close): ERROR_NETNAME_DELETED. */
static void reset(int af)
{
	static const struct linger hard = { 1, 0 };
	SOCKET c, a;
	DWORD n;
	int i;

	su_start();
	su_tcp_pair(af, &c, &a);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	ASSERT_EQ(closesocket(a), 0);
	SetLastError(0xdeadbeef);
	for (i = 0; i < 100 && WriteFile((HANDLE)c, "x", 1, &n, NULL); i++)
		Sleep(1);
	ASSERT_TRUE(i < 100);
	ASSERT_EQ(GetLastError(), ERROR_NETNAME_DELETED);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WriteFile_reset_v4) { reset(AF_INET); }
TEST(WriteFile_reset_v6) { reset(AF_INET6); }

/* After shutdown(SD_SEND): WSAESHUTDOWN's face, ERROR_PIPE_NOT_CONNECTED. */
TEST(WriteFile_after_shutdown)
{
	SOCKET c, a;
	DWORD n;

	su_start();
	su_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	FAILS32(WriteFile((HANDLE)c, "x", 1, &n, NULL), ERROR_PIPE_NOT_CONNECTED);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WriteFile_invalid_handles)
{
	SOCKET c, a;
	DWORD n;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(closesocket(a), 0);
	n = 12345;
	FAILS32(WriteFile((HANDLE)a, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_EQ(n, 0);
	FAILS32(WriteFile(INVALID_HANDLE_VALUE, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(WriteFile(NULL, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(WriteFile((HANDLE)(intptr_t)99999, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Bad pointers: no crash, nothing sent. A socket's bad buffer is ERROR_NOACCESS (the provider's
 * WSAEFAULT); a file's is ERROR_INVALID_USER_BUFFER (Wine's kernel32 file tests: WriteFile from
 * NULL, 10 bytes, on Windows 2000 and later). */
TEST(WriteFile_bad_pointers)
{
	SOCKET c, a;
	char name[64], buf[8];
	HANDLE f;
	DWORD n;
	u_long avail = 1;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	FAILS32(WriteFile((HANDLE)c, "x", 1, NULL, NULL), ERROR_NOACCESS);
	FAILS32(WriteFile((HANDLE)c, "x", 1, (LPDWORD)(uintptr_t)8, NULL), ERROR_NOACCESS);
	n = 12345;
	FAILS32(WriteFile((HANDLE)c, NULL, 10, &n, NULL), ERROR_NOACCESS);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(ioctlsocket(a, FIONREAD, &avail), 0);
	ASSERT_EQ(avail, 0);
	ASSERT_TRUE(WriteFile((HANDLE)c, "ok", 2, &n, NULL));
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);

	su_temp_name(name, sizeof name, "writebad");
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	n = 12345;
	FAILS32(WriteFile(f, NULL, 10, &n, NULL), ERROR_INVALID_USER_BUFFER);
	ASSERT_EQ(n, 0);
	/* A handle opened for writing only cannot read. */
	FAILS32(ReadFile(f, buf, sizeof buf, &n, NULL), ERROR_ACCESS_DENIED);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A pipe whose read end is closed: ERROR_NO_DATA ("the pipe is being closed"), and no SIGPIPE
 * kills the process (Windows has no such signal). */
TEST(WriteFile_pipe_no_reader)
{
	HANDLE r, w;
	DWORD n;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	ASSERT_TRUE(CloseHandle(r));
	n = 12345;
	FAILS32(WriteFile(w, "x", 1, &n, NULL), ERROR_NO_DATA);
	ASSERT_EQ(n, 0);
	FAILS32(WriteFile(w, "again", 5, &n, NULL), ERROR_NO_DATA);
	ASSERT_TRUE(CloseHandle(w));
}

/* A pipe larger than its buffer: a blocking WriteFile writes everything. */
static DWORD WINAPI pipe_reader(LPVOID p)
{
	HANDLE r = p;
	static char buf[4096];
	DWORD n, total = 0;

	while (ReadFile(r, buf, sizeof buf, &n, NULL))
		total += n;
	return GetLastError() == ERROR_BROKEN_PIPE ? total : 0;
}

TEST(WriteFile_pipe_large)
{
	static char data[1 << 20];
	HANDLE r, w, th;
	DWORD n, got = 0;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 4096));
	th = CreateThread(NULL, 0, pipe_reader, r, 0, NULL);
	ASSERT_NE(th, NULL);
	ASSERT_TRUE(WriteFile(w, data, sizeof data, &n, NULL));
	ASSERT_EQ(n, sizeof data);
	ASSERT_TRUE(CloseHandle(w));
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(GetExitCodeThread(th, &got));
	ASSERT_EQ(got, sizeof data);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_TRUE(CloseHandle(r));
}

/* The standard output works with WriteFile, so programs mixing sockets and console output run
 * unchanged (a "#" line is a TAP comment). */
TEST(WriteFile_stdout)
{
	static const char line[] = "# WriteFile on GetStdHandle(STD_OUTPUT_HANDLE)\n";
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
	DWORD n;

	ASSERT_TRUE(out != NULL && out != INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(out, line, sizeof line - 1, &n, NULL));
	ASSERT_EQ(n, sizeof line - 1);
	ASSERT_TRUE(CloseHandle(out));
}
