/* TransmitFile (the mswsock export and the WSAID_TRANSMITFILE pointer): a whole file, a count,
 * head and tail buffers, the file position rules (no OVERLAPPED: the current position, which
 * advances; with one: Offset/OffsetHigh, position untouched), completion through an event and
 * a port, a transfer larger than the socket buffers (pending, then completed as the peer
 * reads), TF_DISCONNECT, TF_DISCONNECT|TF_REUSE_SOCKET then AcceptEx into the same socket,
 * and bad input. */
#include <mswsock.h>

#include "overlapped_util.h"

#define BIG (4u << 20)	/* well past loopback's socket buffers: the call must wait */

static LPFN_TRANSMITFILE get_transmitfile(SOCKET s)
{
	GUID g = WSAID_TRANSMITFILE;
	LPFN_TRANSMITFILE fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_EQ(n, sizeof fn);
	ASSERT_TRUE(fn != NULL);
	return fn;
}

static unsigned char pat(size_t i)
{
	return (unsigned char)((i * 7 + i / 251) & 0xff);
}

/* A file of n pattern bytes, open for reading and writing, its position at 0. */
static HANDLE pattern_file(char *name, size_t namelen, const char *tag, size_t n)
{
	static unsigned char chunk[65536];
	HANDLE f;
	size_t done = 0;
	LARGE_INTEGER z;

	su_temp_name(name, namelen, tag);
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	while (done < n) {
		DWORD w = 0, k = (DWORD)(n - done < sizeof chunk ? n - done : sizeof chunk);
		for (DWORD i = 0; i < k; i++)
			chunk[i] = pat(done + i);
		ASSERT_TRUE(WriteFile(f, chunk, k, &w, NULL));
		ASSERT_EQ(w, k);
		done += k;
	}
	z.QuadPart = 0;
	ASSERT_TRUE(SetFilePointerEx(f, z, NULL, FILE_BEGIN));
	return f;
}

static LONGLONG position(HANDLE f)
{
	LARGE_INTEGER z, p;

	z.QuadPart = 0;
	ASSERT_TRUE(SetFilePointerEx(f, z, &p, FILE_CURRENT));
	return p.QuadPart;
}

static void drop_file(HANDLE f, const char *name)
{
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
}

/* Receives exactly n bytes and checks them against the pattern from file offset off. */
static void recv_pattern(SOCKET s, size_t off, size_t n)
{
	static char buf[65536];
	size_t got = 0;

	while (got < n) {
		int want = (int)(n - got < sizeof buf ? n - got : sizeof buf);
		int r = recv(s, buf, want, 0);
		ASSERT_TRUE(r > 0);
		for (int i = 0; i < r; i++)
			if ((unsigned char)buf[i] != pat(off + got + (size_t)i))
				ASSERT_EQ((unsigned char)buf[i], pat(off + got + (size_t)i));
		got += (size_t)r;
	}
}

static void recv_exact(SOCKET s, const char *want, int n)
{
	char buf[64];
	int got = 0;

	ASSERT_TRUE(n <= (int)sizeof buf);
	while (got < n) {
		int r = recv(s, buf + got, n - got, 0);
		ASSERT_TRUE(r > 0);
		got += r;
	}
	ASSERT_MEM_EQ(buf, want, n);
}

TEST(TransmitFile_sync_whole_file)
{
	char name[64];
	SOCKET c, a;
	HANDLE f;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	f = pattern_file(name, sizeof name, "tf_whole", 20000);
	ASSERT_TRUE(TransmitFile(c, f, 0, 0, NULL, NULL, 0));
	recv_pattern(a, 0, 20000);
	/* No OVERLAPPED: sent from the current position, which moved past what was sent. */
	ASSERT_EQ(position(f), 20000);
	/* Again from there: nothing left in the file, still success. */
	ASSERT_TRUE(TransmitFile(c, f, 0, 0, NULL, NULL, 0));
	ASSERT_EQ(send(c, "!", 1, 0), 1);
	recv_exact(a, "!", 1);
	drop_file(f, name);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitFile_head_tail_count_position)
{
	TRANSMIT_FILE_BUFFERS b;
	char name[64];
	LARGE_INTEGER at;
	SOCKET c, a;
	HANDLE f;

	ov_start();
	ov_tcp_pair(AF_INET6, &c, &a);
	f = pattern_file(name, sizeof name, "tf_headtail", 5000);
	at.QuadPart = 100;
	ASSERT_TRUE(SetFilePointerEx(f, at, NULL, FILE_BEGIN));
	b.Head = "HEAD:";
	b.HeadLength = 5;
	b.Tail = ":TAIL";
	b.TailLength = 5;
	/* 50 bytes from the current position, in sends of at most 7. */
	ASSERT_TRUE(get_transmitfile(c)(c, f, 50, 7, NULL, &b, TF_USE_KERNEL_APC));
	recv_exact(a, "HEAD:", 5);
	recv_pattern(a, 100, 50);
	recv_exact(a, ":TAIL", 5);
	ASSERT_EQ(position(f), 150);
	/* No file: only the buffers. */
	ASSERT_TRUE(TransmitFile(c, NULL, 0, 0, NULL, &b, 0));
	recv_exact(a, "HEAD::TAIL", 10);
	drop_file(f, name);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Overlapped with an event: starts at Offset/OffsetHigh, leaves the position alone, and (being
 * larger than the socket buffers) completes only as the peer reads. */
TEST(TransmitFile_overlapped_event_offset)
{
	char name[64];
	OVERLAPPED ov;
	SOCKET c, a;
	DWORD n = 0, fl = 0;
	HANDLE f;
	BOOL ok;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	f = pattern_file(name, sizeof name, "tf_ovl", BIG + 1000);
	ov_init(&ov, WSACreateEvent());
	ov.Offset = 1000;
	WSASetLastError(0xdeadbeef);
	ok = TransmitFile(c, f, 0, 0, &ov, NULL, 0);
	ASSERT_TRUE(!ok);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
	recv_pattern(a, 1000, BIG);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(c, &ov, &n, FALSE, &fl));
	ASSERT_EQ(n, BIG);
	ASSERT_EQ(ov.Offset, 1000);	/* file-style completion: Offset is the caller's */
	ASSERT_EQ(position(f), 0);
	drop_file(f, name);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitFile_port_disconnect)
{
	TRANSMIT_FILE_BUFFERS b;
	OVERLAPPED ov, *got = NULL;
	char name[64], x;
	ULONG_PTR key = 0;
	SOCKET c, a;
	DWORD n = 0;
	HANDLE f, port;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)c, NULL, 0x77, 0);
	ASSERT_TRUE(port != NULL);
	f = pattern_file(name, sizeof name, "tf_port", 3000);
	memset(&b, 0, sizeof b);
	b.Tail = "end";
	b.TailLength = 3;
	ov_init(&ov, NULL);
	ov.Offset = 1000;
	/* Fits in the socket buffers: done at once (TRUE), still posted to the port. */
	if (!TransmitFile(c, f, 1500, 0, &ov, &b, TF_DISCONNECT))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
	ASSERT_EQ(key, 0x77);
	ASSERT_TRUE(got == &ov);
	ASSERT_EQ(n, 1503);
	recv_pattern(a, 1000, 1500);
	recv_exact(a, "end", 3);
	ASSERT_EQ(recv(a, &x, 1, 0), 0);	/* TF_DISCONNECT: the peer sees the end */
	FAILS(send(c, "x", 1, 0), SOCKET_ERROR, WSAESHUTDOWN);
	drop_file(f, name);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* TF_DISCONNECT | TF_REUSE_SOCKET: the same SOCKET then serves as AcceptEx's accept socket. */
TEST(TransmitFile_reuse_socket_in_acceptex)
{
	struct sockaddr_storage ss;
	TRANSMIT_FILE_BUFFERS b;
	char buf[128], x;
	OVERLAPPED ov;
	SOCKET l, c, a, c2;
	DWORD n = 0;
	int len;

	ov_start();
	l = ov_bound(AF_INET, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	memset(&b, 0, sizeof b);
	b.Head = "bye";
	b.HeadLength = 3;
	ov_init(&ov, WSACreateEvent());
	if (!TransmitFile(a, NULL, 0, 0, &ov, &b, TF_DISCONNECT | TF_REUSE_SOCKET))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)a, &ov, &n, FALSE));
	ASSERT_EQ(n, 3);
	recv_exact(c, "bye", 3);
	ASSERT_EQ(recv(c, &x, 1, 0), 0);
	ASSERT_EQ(closesocket(c), 0);
	/* The reused socket is a fresh one: no longer connected. */
	FAILS(send(a, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	ov_init(&ov, ov.hEvent);
	WSAResetEvent(ov.hEvent);
	if (!AcceptEx(l, a, buf, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	c2 = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c2, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	ASSERT_EQ(send(a, "again", 5, 0), 5);
	recv_exact(c2, "again", 5);
	ASSERT_EQ(closesocket(c2), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitFile_bad_input)
{
	TRANSMIT_FILE_BUFFERS b;
	char name[64];
	SOCKET c, a, u, d;
	HANDLE f, ev;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	f = pattern_file(name, sizeof name, "tf_bad", 100);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	FAILS(TransmitFile(INVALID_SOCKET, f, 0, 0, NULL, NULL, 0), FALSE, WSAENOTSOCK);
	FAILS(TransmitFile((SOCKET)f, f, 0, 0, NULL, NULL, 0), FALSE, WSAENOTSOCK);
	FAILS(TransmitFile(c, f, 0, 0, NULL, NULL, 0x100), FALSE, WSAEINVAL);
	/* Windows: TF_REUSE_SOCKET is valid only with TF_DISCONNECT. */
	FAILS(TransmitFile(c, f, 0, 0, NULL, NULL, TF_REUSE_SOCKET), FALSE, WSAEINVAL);
	/* Windows' limit for one call is 2,147,483,646 bytes. */
	FAILS(TransmitFile(c, f, 0x7FFFFFFF, 0, NULL, NULL, 0), FALSE, WSAEINVAL);
	FAILS(TransmitFile(c, f, 0, 0xFFFFFFFF, NULL, NULL, 0), FALSE, WSAEINVAL);
	u = socket(AF_INET, SOCK_STREAM, 0);
	FAILS(TransmitFile(u, f, 0, 0, NULL, NULL, 0), FALSE, WSAENOTCONN);
	ASSERT_EQ(closesocket(u), 0);
	/* Ours (pinned): a datagram socket is no connection-oriented socket. */
	d = socket(AF_INET, SOCK_DGRAM, 0);
	FAILS(TransmitFile(d, f, 0, 0, NULL, NULL, 0), FALSE, WSAEOPNOTSUPP);
	ASSERT_EQ(closesocket(d), 0);
	/* A handle that is no file: ERROR_INVALID_HANDLE (WSA_INVALID_HANDLE). */
	FAILS(TransmitFile(c, ev, 0, 0, NULL, NULL, 0), FALSE, WSA_INVALID_HANDLE);
	FAILS(TransmitFile(c, (HANDLE)a, 0, 0, NULL, NULL, 0), FALSE, WSA_INVALID_HANDLE);
	/* A head length without a head. */
	memset(&b, 0, sizeof b);
	b.HeadLength = 4;
	FAILS(TransmitFile(c, f, 0, 0, NULL, &b, 0), FALSE, WSAEFAULT);
	FAILS(TransmitFile(c, f, 0, 0, NULL, (LPTRANSMIT_FILE_BUFFERS)(uintptr_t)8, 0), FALSE, WSAEFAULT);
	/* Nothing was sent by any of those. */
	ASSERT_EQ(send(c, "k", 1, 0), 1);
	recv_exact(a, "k", 1);
	ASSERT_EQ(position(f), 0);
	ASSERT_TRUE(CloseHandle(ev));
	drop_file(f, name);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A peer that resets mid-transfer fails the call with a connection error, no signal. */
TEST(TransmitFile_peer_reset)
{
	char name[64];
	OVERLAPPED ov;
	SOCKET c, a;
	DWORD n = 0, fl = 0;
	HANDLE f;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	f = pattern_file(name, sizeof name, "tf_reset", BIG);
	ov_init(&ov, WSACreateEvent());
	if (!TransmitFile(c, f, 0, 0, &ov, NULL, 0))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ov_abort(a);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	WSASetLastError(0);
	ASSERT_TRUE(!WSAGetOverlappedResult(c, &ov, &n, FALSE, &fl));
	ASSERT_TRUE(WSAGetLastError() == WSAECONNRESET || WSAGetLastError() == WSAECONNABORTED);
	drop_file(f, name);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}
