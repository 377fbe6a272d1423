/* send / recv / sendto / recvfrom: TCP and UDP on both families, flags, connection ends, shutdown,
 * timeouts, cross-thread close, address buffers, bad pointers. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static void set_rcvtimeo(SOCKET s, DWORD ms)
{
	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms), 0);
}

#define BIG (4 * 1024 * 1024)

struct sender {
	SOCKET s;
	int sent;
};

static unsigned char pattern(int i)
{
	return (unsigned char)(i * 7 + (i >> 11));
}

static DWORD WINAPI send_big(LPVOID arg)
{
	struct sender *sd = arg;
	static unsigned char buf[65536];
	int off = 0, chunk = 1;

	while (off < BIG) {
		int n = BIG - off < chunk ? BIG - off : chunk, r;
		for (int i = 0; i < n; i++)
			buf[i] = pattern(off + i);
		r = send(sd->s, (char *)buf, n, 0);
		if (r <= 0)
			break;
		off += r;
		chunk = chunk * 3 + 1 > (int)sizeof buf ? 1 : chunk * 3 + 1;
	}
	sd->sent = off;
	return 0;
}

static void integrity(int af)
{
	static unsigned char buf[70000];
	struct sender sd;
	SOCKET c, a;
	HANDLE th;
	int got = 0, r;

	su_tcp_pair(af, &c, &a);
	sd.s = c;
	sd.sent = 0;
	th = CreateThread(NULL, 0, send_big, &sd, 0, NULL);
	ASSERT_TRUE(th != NULL);
	while (got < BIG) {
		r = recv(a, (char *)buf, sizeof buf, 0);
		ASSERT_TRUE(r > 0);
		for (int i = 0; i < r; i++)
			if (buf[i] != pattern(got + i))
				FAILF("byte %d: %u != %u", got + i, buf[i], pattern(got + i));
		got += r;
	}
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(sd.sent, BIG);
	ASSERT_EQ(closesocket(c), 0);
	/* Graceful close: 0, and again 0. */
	ASSERT_EQ(recv(a, (char *)buf, sizeof buf, 0), 0);
	ASSERT_EQ(recv(a, (char *)buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(a), 0);
}

TEST(send_recv_tcp_integrity)
{
	su_start();
	integrity(AF_INET);
	integrity(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recv_peek_and_waitall)
{
	SOCKET c, a;
	char buf[16];

	su_start();
	su_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(send(c, "hello", 5, 0), 5);
	ASSERT_EQ(recv(a, buf, 5, MSG_WAITALL), 5);
	ASSERT_MEM_EQ(buf, "hello", 5);
	ASSERT_EQ(send(c, "world", 5, 0), 5);
	memset(buf, 0, sizeof buf);
	ASSERT_EQ(recv(a, buf, 3, MSG_PEEK | MSG_WAITALL), 3);
	ASSERT_MEM_EQ(buf, "wor", 3);
	/* Peeked data is still there. */
	ASSERT_EQ(recv(a, buf, 5, MSG_WAITALL), 5);
	ASSERT_MEM_EQ(buf, "world", 5);
	/* MSG_WAITALL only on blocking stream sockets. */
	{
		u_long on = 1;
		ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
		FAILS(recv(a, buf, 5, MSG_WAITALL), SOCKET_ERROR, WSAEOPNOTSUPP);
	}
	/* Unknown flags. */
	FAILS(recv(a, buf, 5, 0x10000), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(send(c, "x", 1, 0x10000), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(send(c, "x", 1, MSG_PEEK), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recv_oob)
{
	SOCKET c, a;
	char buf[8], b = 0;
	int r = 0;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	/* No urgent data: WSAEWOULDBLOCK (Linux says EINVAL). */
	FAILS(recv(a, buf, 1, MSG_OOB), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(send(c, "ab", 2, 0), 2);
	ASSERT_EQ(send(c, "!", 1, MSG_OOB), 1);
	for (int i = 0; i < 1000; i++) {
		WSASetLastError(0xdeadbeef);
		r = recv(a, &b, 1, MSG_OOB);
		if (r != SOCKET_ERROR)
			break;
		ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
		Sleep(1);
	}
	ASSERT_EQ(r, 1);
	ASSERT_EQ(b, '!');
	/* The normal data is intact and does not contain the urgent byte. */
	ASSERT_EQ(recv(a, buf, 2, MSG_WAITALL), 2);
	ASSERT_MEM_EQ(buf, "ab", 2);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recv_reset_by_peer)
{
	static const struct linger abort_close = { 1, 0 };
	SOCKET c, a;
	char buf[4];

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&abort_close, sizeof abort_close), 0);
	ASSERT_EQ(closesocket(c), 0);
	set_rcvtimeo(a, 5000);	/* safety net only */
	FAILS(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(a), 0);

	/* Same on IPv6, seen by send this time (possibly after one send that still succeeds). */
	su_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&abort_close, sizeof abort_close), 0);
	ASSERT_EQ(closesocket(a), 0);
	set_rcvtimeo(c, 5000);
	FAILS(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	FAILS(send(c, "x", 1, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(send_recv_after_shutdown)
{
	SOCKET c, a;
	char buf[4];

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(shutdown(a, SD_RECEIVE), 0);
	FAILS(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, WSAESHUTDOWN);
	/* The other direction still works. */
	ASSERT_EQ(send(a, "ok", 2, 0), 2);
	ASSERT_EQ(recv(c, buf, 2, MSG_WAITALL), 2);
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	FAILS(send(c, "x", 1, 0), SOCKET_ERROR, WSAESHUTDOWN);
	FAILS(shutdown(c, 3), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(shutdown(c, SD_BOTH), 0);
	FAILS(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, WSAESHUTDOWN);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recv_nonblocking_and_timeout)
{
	SOCKET c, a;
	u_long on = 1;
	char buf[4];

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
	FAILS(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* Blocking with SO_RCVTIMEO: the timeout expires with WSAETIMEDOUT. */
	set_rcvtimeo(c, 200);
	FAILS(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, WSAETIMEDOUT);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(send_recv_not_connected_tcp)
{
	struct sockaddr_storage ss;
	SOCKET s, b;
	char buf[4];
	int len;

	su_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAENOTCONN);
	FAILS(send(s, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	b = su_bound(AF_INET6, SOCK_STREAM, &ss, &len);
	FAILS(recv(b, buf, sizeof buf, 0), SOCKET_ERROR, WSAENOTCONN);
	FAILS(send(b, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(listen(b, 1), 0);
	FAILS(recv(b, buf, sizeof buf, 0), SOCKET_ERROR, WSAENOTCONN);
	FAILS(send(b, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct blocked {
	SOCKET s;
	int result;
	int error;
};

static DWORD WINAPI blocked_recv(LPVOID arg)
{
	struct blocked *b = arg;
	char buf[4];

	WSASetLastError(0xdeadbeef);
	b->result = recv(b->s, buf, sizeof buf, 0);
	b->error = WSAGetLastError();
	return 0;
}

TEST(recv_woken_by_closesocket)
{
	struct blocked b;
	SOCKET c, a;
	HANDLE th;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	b.s = a;
	th = CreateThread(NULL, 0, blocked_recv, &b, 0, NULL);
	ASSERT_TRUE(th != NULL);
	Sleep(200);	/* mechanism only: let the thread block in recv */
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(b.result, SOCKET_ERROR);
	ASSERT_EQ(b.error, WSAEINTR);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void udp_addresses(int af)
{
	struct sockaddr_storage a_addr, b_addr, from;
	SOCKET a, b;
	int alen, blen, flen;
	char buf[32];

	a = su_bound(af, SOCK_DGRAM, &a_addr, &alen);
	b = su_bound(af, SOCK_DGRAM, &b_addr, &blen);
	ASSERT_EQ(sendto(a, "ping", 4, 0, (struct sockaddr *)&b_addr, blen), 4);
	memset(&from, 0xcc, sizeof from);
	flen = sizeof from;
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 4);
	ASSERT_MEM_EQ(buf, "ping", 4);
	ASSERT_EQ(flen, alen);
	ASSERT_MEM_EQ(&from, &a_addr, alen);
	/* Reply to the address received. */
	ASSERT_EQ(sendto(b, "pong!", 5, 0, (struct sockaddr *)&from, flen), 5);
	flen = sizeof from;
	ASSERT_EQ(recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 5);
	ASSERT_MEM_EQ(buf, "pong!", 5);
	ASSERT_EQ(su_port_of(&from), su_port_of(&b_addr));
	/* Empty datagram. */
	ASSERT_EQ(sendto(a, buf, 0, 0, (struct sockaddr *)&b_addr, blen), 0);
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, NULL, NULL), 0);
	/* recvfrom with a NULL address is recv. */
	ASSERT_EQ(sendto(a, "x", 1, 0, (struct sockaddr *)&b_addr, blen), 1);
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, NULL, &flen), 1);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(b), 0);
}

TEST(sendto_recvfrom_udp_both_families)
{
	su_start();
	udp_addresses(AF_INET);
	udp_addresses(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recvfrom_truncation)
{
	struct sockaddr_storage a_addr, b_addr, from;
	SOCKET a, b;
	int alen, blen, flen = sizeof from;
	char buf[8];

	su_start();
	a = su_bound(AF_INET, SOCK_DGRAM, &a_addr, &alen);
	b = su_bound(AF_INET, SOCK_DGRAM, &b_addr, &blen);
	ASSERT_EQ(sendto(a, "0123456789", 10, 0, (struct sockaddr *)&b_addr, blen), 10);
	ASSERT_EQ(sendto(a, "next", 4, 0, (struct sockaddr *)&b_addr, blen), 4);
	memset(buf, 0, sizeof buf);
	FAILS(recvfrom(b, buf, 4, 0, (struct sockaddr *)&from, &flen), SOCKET_ERROR, WSAEMSGSIZE);
	/* The buffer is filled with the start, the address too; the rest is gone. */
	ASSERT_MEM_EQ(buf, "0123", 4);
	ASSERT_EQ(buf[4], 0);
	ASSERT_EQ(su_port_of(&from), su_port_of(&a_addr));
	ASSERT_EQ(recv(b, buf, sizeof buf, 0), 4);
	ASSERT_MEM_EQ(buf, "next", 4);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recvfrom_udp_errors)
{
	struct sockaddr_storage a_addr, b_addr, from;
	struct sockaddr_in any;
	SOCKET a, b, u;
	int alen, blen, flen;
	char buf[8];

	su_start();
	/* Unbound: WSAEINVAL (Linux would bind and wait). */
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(u, INVALID_SOCKET);
	flen = sizeof from;
	FAILS(recvfrom(u, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), SOCKET_ERROR, WSAEINVAL);
	FAILS(recv(u, buf, sizeof buf, 0), SOCKET_ERROR, WSAEINVAL);
	/* send without a destination: WSAENOTCONN. */
	FAILS(send(u, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	/* MSG_OOB and MSG_WAITALL are for streams. */
	a = su_bound(AF_INET, SOCK_DGRAM, &a_addr, &alen);
	b = su_bound(AF_INET, SOCK_DGRAM, &b_addr, &blen);
	FAILS(recv(b, buf, sizeof buf, MSG_WAITALL), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(sendto(a, "x", 1, MSG_OOB, (struct sockaddr *)&b_addr, blen), SOCKET_ERROR, WSAEOPNOTSUPP);
	/* To the unspecified address: WSAEADDRNOTAVAIL. */
	memset(&any, 0, sizeof any);
	any.sin_family = AF_INET;
	any.sin_port = su_port_of(&b_addr);
	FAILS(sendto(a, "x", 1, 0, (struct sockaddr *)&any, sizeof any), SOCKET_ERROR, WSAEADDRNOTAVAIL);
	FAILS(sendto(a, "x", 1, 0, (struct sockaddr *)&b_addr, blen - 1), SOCKET_ERROR, WSAEFAULT);
	/* fromlen too small: WSAEFAULT, and the datagram is still there. */
	ASSERT_EQ(sendto(a, "keep", 4, 0, (struct sockaddr *)&b_addr, blen), 4);
	flen = 15;
	FAILS(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), SOCKET_ERROR, WSAEFAULT);
	flen = sizeof from;
	FAILS(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)1, &flen), SOCKET_ERROR, WSAEFAULT);
	FAILS(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, (int *)1), SOCKET_ERROR, WSAEFAULT);
	flen = sizeof from;
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 4);
	ASSERT_MEM_EQ(buf, "keep", 4);
	ASSERT_EQ(flen, 16);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(recv_udp_port_unreachable)
{
	struct sockaddr_storage gone, mine;
	SOCKET g, s;
	int glen, mlen;
	char buf[4];

	su_start();
	/* A port nobody listens on any more. */
	g = su_bound(AF_INET, SOCK_DGRAM, &gone, &glen);
	ASSERT_EQ(closesocket(g), 0);
	s = su_bound(AF_INET, SOCK_DGRAM, &mine, &mlen);
	ASSERT_EQ(connect(s, (struct sockaddr *)&gone, glen), 0);
	set_rcvtimeo(s, 5000);	/* safety net only */
	ASSERT_EQ(send(s, "x", 1, 0), 1);
	/* The ICMP port unreachable shows as WSAECONNRESET on a later call. */
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(send_recv_bad_buffers)
{
	struct sockaddr_storage b_addr;
	SOCKET c, a, u;
	char buf[4];
	int blen;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	FAILS(send(c, (char *)1, 4, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(send(c, NULL, 4, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(send(c, "abcd", -1, 0), SOCKET_ERROR, WSAEFAULT);
	/* recv checks the buffer before waiting: no data is pending here. */
	FAILS(recv(a, (char *)1, 4, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(recv(a, NULL, 4, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(recv(a, buf, -1, 0), SOCKET_ERROR, WSAEFAULT);
	/* Data pending and a bad buffer: the data is not lost. */
	ASSERT_EQ(send(c, "abcd", 4, 0), 4);
	FAILS(recv(a, (char *)1, 4, 0), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(recv(a, buf, 4, MSG_WAITALL), 4);
	ASSERT_MEM_EQ(buf, "abcd", 4);
	/* Zero-length calls are fine. */
	ASSERT_EQ(send(c, buf, 0, 0), 0);
	/* UDP: no datagram lost to a bad buffer. */
	u = su_bound(AF_INET, SOCK_DGRAM, &b_addr, &blen);
	FAILS(sendto(u, (char *)1, 4, 0, (struct sockaddr *)&b_addr, blen), SOCKET_ERROR, WSAEFAULT);
	FAILS(sendto(u, "x", 1, 0, (struct sockaddr *)1, blen), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(sendto(u, "dgrm", 4, 0, (struct sockaddr *)&b_addr, blen), 4);
	FAILS(recvfrom(u, (char *)1, 4, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(recvfrom(u, buf, 4, 0, NULL, NULL), 4);
	ASSERT_MEM_EQ(buf, "dgrm", 4);
	FAILS(send((SOCKET)56789, "x", 1, 0), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(recv((SOCKET)56789, buf, 1, 0), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
