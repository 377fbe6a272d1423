/* closesocket and linger (spec handles.md §7): abortive close resets the peer; a non-blocking
 * socket with a linger timeout and unsent data refuses to close; CloseHandle closes a socket. */
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

TEST(closesocket_graceful_by_default)
{
	SOCKET c, a;
	char buf[8];

	start();
	tcp_pair(&c, &a);
	ASSERT_EQ(send(c, "bye", 3, 0), 3);
	ASSERT_EQ(closesocket(c), 0);
	/* Data sent before the close arrives, then the end of the stream. */
	ASSERT_EQ(recv(a, buf, 3, MSG_WAITALL), 3);
	ASSERT_MEM_EQ(buf, "bye", 3);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(closesocket_linger_zero_resets)
{
	static const struct linger hard = { 1, 0 };
	SOCKET c, a;
	char buf[8];
	DWORD ms = 5000;

	start();
	tcp_pair(&c, &a);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms), 0);	/* safety net */
	FAILS(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(closesocket_nonblocking_linger_would_block)
{
	static const struct linger wait = { 1, 10 };
	static char chunk[65536];
	SOCKET c, a;
	u_long on = 1;
	DWORD small = 4096;
	int r, total = 0;

	start();
	tcp_pair(&c, &a);
	/* Fill the path from c to a: a never reads, so data stays unsent in c. */
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small), 0);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	for (;;) {
		r = send(c, chunk, sizeof chunk, 0);
		if (r == SOCKET_ERROR) {
			ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
			break;
		}
		total += r;
		ASSERT_TRUE(total < 64 * 1024 * 1024);
	}
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&wait, sizeof wait), 0);
	/* Non-blocking + linger > 0 + unsent data: WSAEWOULDBLOCK, and the socket stays valid. */
	FAILS(closesocket(c), SOCKET_ERROR, WSAEWOULDBLOCK);
	{
		DWORD type = 0;
		int len = sizeof type;
		ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
		ASSERT_EQ(type, SOCK_STREAM);
	}
	/* Abortive close instead: always allowed. */
	{
		static const struct linger hard = { 1, 0 };
		ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard), 0);
	}
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(closesocket_nonblocking_linger_nothing_unsent)
{
	static const struct linger wait = { 1, 10 };
	SOCKET c, a;
	u_long on = 1;

	start();
	tcp_pair(&c, &a);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&wait, sizeof wait), 0);
	/* Nothing unsent: the close goes through. */
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(CloseHandle_closes_socket)
{
	SOCKET c, a;
	char buf[4];

	start();
	tcp_pair(&c, &a);
	ASSERT_TRUE(CloseHandle((HANDLE)c));
	/* Closed: the peer sees the end of the stream, the value is no socket any more. */
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 0);
	FAILS(closesocket(c), SOCKET_ERROR, WSAENOTSOCK);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(!CloseHandle((HANDLE)c));
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
