/* WSARecvEx: recv whose flags are output only (MSG_PARTIAL for a datagram cut short, else 0; the
 * input value changes nothing), a graceful close returning 0, recv's errors, and WSAEFAULT for an
 * unwritable flags pointer before any data is consumed. */
#include <stdint.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

TEST(WSARecvEx_not_started)
{
	char buf[4];
	int flags = 0;

	FAILS(WSARecvEx(INVALID_SOCKET, buf, sizeof buf, &flags), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(WSARecvEx_not_socket)
{
	char buf[4];
	int flags = 0;

	su_start();
	FAILS(WSARecvEx(INVALID_SOCKET, buf, sizeof buf, &flags), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvEx_stream)
{
	SOCKET c, a;
	char buf[16];
	int flags;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(send(c, "hello", 5, 0), 5);
	/* The input value is ignored: MSG_PEEK does not keep the data queued. */
	flags = MSG_PEEK | MSG_PARTIAL;
	ASSERT_EQ(WSARecvEx(a, buf, sizeof buf, &flags), 5);
	ASSERT_EQ(flags, 0);
	ASSERT_MEM_EQ(buf, "hello", 5);
	/* A stream never reports MSG_PARTIAL, even for a short buffer. */
	ASSERT_EQ(send(c, "abcdef", 6, 0), 6);
	flags = -1;
	ASSERT_EQ(WSARecvEx(a, buf, 4, &flags), 4);
	ASSERT_EQ(flags, 0);
	ASSERT_EQ(WSARecvEx(a, buf, sizeof buf, &flags), 2);
	ASSERT_MEM_EQ(buf, "ef", 2);
	/* Graceful close: 0. */
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	flags = -1;
	ASSERT_EQ(WSARecvEx(a, buf, sizeof buf, &flags), 0);
	ASSERT_EQ(flags, 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvEx_datagram_partial)
{
	SOCKET s, r;
	char buf[16];
	int flags;

	su_start();
	su_udp_pair(AF_INET, &s, &r);
	ASSERT_EQ(send(s, "0123456789", 10, 0), 10);
	/* Too small a buffer: its length, with MSG_PARTIAL (recv fails WSAEMSGSIZE here). */
	flags = 0;
	ASSERT_EQ(WSARecvEx(r, buf, 4, &flags), 4);
	ASSERT_EQ(flags, MSG_PARTIAL);
	ASSERT_MEM_EQ(buf, "0123", 4);
	/* UDP keeps no remainder: the next call gets the next datagram, whole. */
	ASSERT_EQ(send(s, "xy", 2, 0), 2);
	flags = MSG_PARTIAL;
	ASSERT_EQ(WSARecvEx(r, buf, sizeof buf, &flags), 2);
	ASSERT_EQ(flags, 0);
	ASSERT_MEM_EQ(buf, "xy", 2);
	/* A message that fits exactly is complete. */
	ASSERT_EQ(send(s, "abcd", 4, 0), 4);
	flags = -1;
	ASSERT_EQ(WSARecvEx(r, buf, 4, &flags), 4);
	ASSERT_EQ(flags, 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvEx_bad_flags_pointer)
{
	SOCKET s, r;
	char buf[16];
	int flags = 0;

	su_start();
	su_udp_pair(AF_INET6, &s, &r);
	ASSERT_EQ(send(s, "abc", 3, 0), 3);
	FAILS(WSARecvEx(r, buf, sizeof buf, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSARecvEx(r, buf, sizeof buf, (int *)(uintptr_t)0x20), SOCKET_ERROR, WSAEFAULT);
	/* Nothing was consumed. */
	ASSERT_EQ(WSARecvEx(r, buf, sizeof buf, &flags), 3);
	ASSERT_EQ(flags, 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvEx_errors)
{
	SOCKET c, a, u;
	char buf[16];
	u_long on = 1;
	int flags = 0;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	/* Non-blocking with nothing queued. */
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &on), 0);
	FAILS(WSARecvEx(a, buf, sizeof buf, &flags), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* After shutdown(SD_RECEIVE). */
	ASSERT_EQ(shutdown(a, SD_RECEIVE), 0);
	FAILS(WSARecvEx(a, buf, sizeof buf, &flags), SOCKET_ERROR, WSAESHUTDOWN);
	/* A bad buffer. */
	ASSERT_EQ(send(a, "x", 1, 0), 1);
	FAILS(WSARecvEx(c, (char *)(uintptr_t)0x30, sizeof buf, &flags), SOCKET_ERROR, WSAEFAULT);
	/* An unbound datagram socket. */
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS(WSARecvEx(u, buf, sizeof buf, &flags), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
