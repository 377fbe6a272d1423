/* TransmitPackets (WSAID_TRANSMITPACKETS): memory and file elements in order on a stream
 * (file offsets, -1 for the current position, cLength 0 for the whole file), datagrams cut at
 * TP_ELEMENT_EOP, overlapped completion through an event, TF_DISCONNECT, TF_REUSE_SOCKET, and
 * bad input. */
#include <mswsock.h>

#include "overlapped_util.h"

static LPFN_TRANSMITPACKETS get_tp(SOCKET s)
{
	GUID g = WSAID_TRANSMITPACKETS;
	LPFN_TRANSMITPACKETS fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_TRUE(fn != NULL);
	return fn;
}

/* A file holding "0123456789", its position at 0. */
static HANDLE digits_file(char *name, size_t namelen, const char *tag)
{
	LARGE_INTEGER z;
	HANDLE f;
	DWORD w = 0;

	su_temp_name(name, namelen, tag);
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(f, "0123456789", 10, &w, NULL));
	z.QuadPart = 0;
	ASSERT_TRUE(SetFilePointerEx(f, z, NULL, FILE_BEGIN));
	return f;
}

static void recv_exact(SOCKET s, const char *want, int n)
{
	char buf[128];
	int got = 0;

	while (got < n) {
		int r = recv(s, buf + got, n - got, 0);
		ASSERT_TRUE(r > 0);
		got += r;
	}
	ASSERT_MEM_EQ(buf, want, n);
}

static void mem_el(TRANSMIT_PACKETS_ELEMENT *e, const char *s, ULONG flags)
{
	memset(e, 0, sizeof *e);
	e->dwElFlags = TP_ELEMENT_MEMORY | flags;
	e->cLength = (ULONG)strlen(s);
	e->pBuffer = (PVOID)s;
}

static void file_el(TRANSMIT_PACKETS_ELEMENT *e, HANDLE f, LONGLONG off, ULONG len, ULONG flags)
{
	memset(e, 0, sizeof *e);
	e->dwElFlags = TP_ELEMENT_FILE | flags;
	e->cLength = len;
	e->nFileOffset.QuadPart = off;
	e->hFile = f;
}

TEST(TransmitPackets_stream_sync)
{
	TRANSMIT_PACKETS_ELEMENT e[5];
	LARGE_INTEGER at, pos;
	char name[64];
	SOCKET c, a;
	HANDLE f;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	f = digits_file(name, sizeof name, "tp_stream");
	at.QuadPart = 6;
	ASSERT_TRUE(SetFilePointerEx(f, at, NULL, FILE_BEGIN));
	mem_el(&e[0], "<", 0);
	file_el(&e[1], f, 2, 3, 0);	/* "234" */
	file_el(&e[2], f, -1, 2, 0);	/* current position (6): "67", position moves to 8 */
	file_el(&e[3], f, 5, 0, 0);	/* to the end: "56789" */
	mem_el(&e[4], ">", TP_ELEMENT_EOP);
	ASSERT_TRUE(get_tp(c)(c, e, 5, 0, NULL, 0));
	recv_exact(a, "<2346756789>", 12);
	at.QuadPart = 0;
	ASSERT_TRUE(SetFilePointerEx(f, at, &pos, FILE_CURRENT));
	ASSERT_EQ(pos.QuadPart, 8);
	/* No elements: nothing to do, success. */
	ASSERT_TRUE(get_tp(c)(c, NULL, 0, 0, NULL, 0));
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitPackets_stream_overlapped_disconnect)
{
	TRANSMIT_PACKETS_ELEMENT e[3];
	OVERLAPPED ov;
	char name[64], x;
	SOCKET c, a;
	DWORD n = 0, fl = 0;
	HANDLE f;

	ov_start();
	ov_tcp_pair(AF_INET6, &c, &a);
	f = digits_file(name, sizeof name, "tp_ovl");
	mem_el(&e[0], "head-", 0);
	file_el(&e[1], f, 0, 0, 0);
	mem_el(&e[2], "-tail", 0);
	ov_init(&ov, WSACreateEvent());
	if (!get_tp(c)(c, e, 3, 4, &ov, TF_DISCONNECT))
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(c, &ov, &n, FALSE, &fl));
	ASSERT_EQ(n, 20);
	recv_exact(a, "head-0123456789-tail", 20);
	ASSERT_EQ(recv(a, &x, 1, 0), 0);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Datagram socket: elements are combined until one marked TP_ELEMENT_EOP. */
TEST(TransmitPackets_datagram_eop)
{
	TRANSMIT_PACKETS_ELEMENT e[4];
	char name[64], buf[64];
	SOCKET s, r;
	HANDLE f;

	ov_start();
	ov_udp_pair(AF_INET, &s, &r);
	f = digits_file(name, sizeof name, "tp_dgram");
	mem_el(&e[0], "ab", 0);
	mem_el(&e[1], "cd", TP_ELEMENT_EOP);
	file_el(&e[2], f, 7, 3, TP_ELEMENT_EOP);
	mem_el(&e[3], "last", 0);
	ASSERT_TRUE(get_tp(s)(s, e, 4, 0, NULL, 0));
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 4);
	ASSERT_MEM_EQ(buf, "abcd", 4);
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 3);
	ASSERT_MEM_EQ(buf, "789", 3);
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 4);
	ASSERT_MEM_EQ(buf, "last", 4);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitPackets_reuse_socket)
{
	TRANSMIT_PACKETS_ELEMENT e;
	SOCKET c, a;
	char x;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	mem_el(&e, "fin", 0);
	ASSERT_TRUE(get_tp(a)(a, &e, 1, 0, NULL, TF_DISCONNECT | TF_REUSE_SOCKET));
	recv_exact(c, "fin", 3);
	ASSERT_EQ(recv(c, &x, 1, 0), 0);
	FAILS(send(a, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(TransmitPackets_bad_input)
{
	TRANSMIT_PACKETS_ELEMENT e;
	LPFN_TRANSMITPACKETS tp;
	SOCKET c, a, u, s, r;
	HANDLE ev;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	tp = get_tp(c);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	mem_el(&e, "x", 0);
	FAILS(tp(INVALID_SOCKET, &e, 1, 0, NULL, 0), FALSE, WSAENOTSOCK);
	FAILS(tp(c, &e, 1, 0, NULL, 0x100), FALSE, WSAEINVAL);
	FAILS(tp(c, &e, 1, 0, NULL, TF_REUSE_SOCKET), FALSE, WSAEINVAL);
	FAILS(tp(c, NULL, 1, 0, NULL, 0), FALSE, WSAEFAULT);
	e.dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_FILE;
	FAILS(tp(c, &e, 1, 0, NULL, 0), FALSE, WSAEINVAL);
	e.dwElFlags = TP_ELEMENT_MEMORY | 0x80;
	FAILS(tp(c, &e, 1, 0, NULL, 0), FALSE, WSAEINVAL);
	mem_el(&e, "x", 0);
	e.pBuffer = NULL;
	FAILS(tp(c, &e, 1, 0, NULL, 0), FALSE, WSAEFAULT);
	file_el(&e, ev, 0, 1, 0);
	FAILS(tp(c, &e, 1, 0, NULL, 0), FALSE, WSA_INVALID_HANDLE);
	u = socket(AF_INET, SOCK_STREAM, 0);
	mem_el(&e, "x", 0);
	FAILS(tp(u, &e, 1, 0, NULL, 0), FALSE, WSAENOTCONN);
	ASSERT_EQ(closesocket(u), 0);
	/* Ours (pinned): a datagram socket has no connection to end. */
	ov_udp_pair(AF_INET, &s, &r);
	FAILS(tp(s, &e, 1, 0, NULL, TF_DISCONNECT), FALSE, WSAEINVAL);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	/* Nothing was sent by any of those. */
	ASSERT_EQ(send(c, "k", 1, 0), 1);
	recv_exact(a, "k", 1);
	ASSERT_TRUE(CloseHandle(ev));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
