/* ioctlsocket: FIONBIO, FIONREAD, SIOCATMARK, unknown commands and bad argument pointers. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"

#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

/* A connected IPv4 TCP pair: *c the connecting side, *a the accepted side. */
static void tcp_pair(SOCKET *c, SOCKET *a)
{
	struct sockaddr_in sa;
	SOCKET l;
	int len = sizeof sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(l, INVALID_SOCKET);
	ASSERT_EQ(bind(l, (struct sockaddr *)&sa, sizeof sa), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&sa, &len), 0);
	ASSERT_EQ(listen(l, 1), 0);
	*c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(*c, INVALID_SOCKET);
	ASSERT_EQ(connect(*c, (struct sockaddr *)&sa, sizeof sa), 0);
	*a = accept(l, NULL, NULL);
	ASSERT_NE(*a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
}

/* FIONREAD until it reports at least want bytes (data on loopback arrives at once in practice;
 * the loop only removes the assumption). */
static u_long readable(SOCKET s, u_long want)
{
	u_long n = 0;

	for (int i = 0; i < 2000; i++) {
		ASSERT_EQ(ioctlsocket(s, FIONREAD, &n), 0);
		if (n >= want)
			break;
		Sleep(1);
	}
	return n;
}

TEST(ioctlsocket_fionbio)
{
	SOCKET c, a;
	u_long on = 1, off = 0;
	DWORD ms = 100;
	char b;

	start();
	tcp_pair(&c, &a);
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
	FAILS(recv(a, &b, 1, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* Any non-zero value is on. */
	on = 0x100;
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
	FAILS(recv(a, &b, 1, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* Back to blocking: recv waits (bounded here by SO_RCVTIMEO). */
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &off), 0);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms), 0);
	FAILS(recv(a, &b, 1, 0), SOCKET_ERROR, WSAETIMEDOUT);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ioctlsocket_fionread_tcp)
{
	SOCKET c, a;
	u_long n = 12345;
	char buf[8];

	start();
	tcp_pair(&c, &a);
	ASSERT_EQ(ioctlsocket(a, FIONREAD, &n), 0);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(send(c, "hello", 5, 0), 5);
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	ASSERT_EQ(readable(a, 8), 8);
	ASSERT_EQ(recv(a, buf, 2, 0), 2);
	ASSERT_EQ(readable(a, 6), 6);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ioctlsocket_siocatmark)
{
	SOCKET c, a;
	u_long mark = 12345;
	char b;

	start();
	tcp_pair(&c, &a);
	/* TRUE means no urgent data is waiting (Windows' sense). */
	ASSERT_EQ(ioctlsocket(a, SIOCATMARK, &mark), 0);
	ASSERT_EQ(mark, TRUE);
	ASSERT_EQ(send(c, "n", 1, 0), 1);
	ASSERT_EQ(send(c, "u", 1, MSG_OOB), 1);
	for (int i = 0; i < 2000; i++) {
		ASSERT_EQ(ioctlsocket(a, SIOCATMARK, &mark), 0);
		if (mark == FALSE)
			break;
		Sleep(1);
	}
	ASSERT_EQ(mark, FALSE);
	ASSERT_EQ(recv(a, &b, 1, MSG_OOB), 1);
	ASSERT_EQ(b, 'u');
	ASSERT_EQ(ioctlsocket(a, SIOCATMARK, &mark), 0);
	ASSERT_EQ(mark, TRUE);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ioctlsocket_errors)
{
	SOCKET s;
	u_long v = 0;

	start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(ioctlsocket(s, (long)0x8004667c, &v), SOCKET_ERROR, WSAEINVAL);
	FAILS(ioctlsocket(s, 0x12345, &v), SOCKET_ERROR, WSAEINVAL);
	FAILS(ioctlsocket(s, FIONBIO, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(ioctlsocket(s, FIONREAD, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(ioctlsocket(s, FIONREAD, (u_long *)1), SOCKET_ERROR, WSAEFAULT);
	FAILS(ioctlsocket((SOCKET)13579, FIONBIO, &v), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
