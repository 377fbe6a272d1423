/* WSASendDisconnect / WSARecvDisconnect: shutdown(SD_SEND / SD_RECEIVE) on TCP, which carries no
 * disconnect data (WSAENOPROTOOPT for a data buffer, WSAEFAULT for a bad one), WSAENOTCONN on an
 * unconnected socket, and the usual prolog errors. */
#include <stdint.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

#define BAD_WSABUF ((LPWSABUF)(uintptr_t)0x10)

TEST(WSASendDisconnect_not_started)
{
	FAILS(WSASendDisconnect(INVALID_SOCKET, NULL), SOCKET_ERROR, WSANOTINITIALISED);
	FAILS(WSARecvDisconnect(INVALID_SOCKET, NULL), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(WSASendDisconnect_not_socket)
{
	su_start();
	FAILS(WSASendDisconnect(INVALID_SOCKET, NULL), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(WSARecvDisconnect((SOCKET)12345, NULL), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASendDisconnect_half_close)
{
	SOCKET c, a;
	char buf[8];

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(send(c, "ab", 2, 0), 2);
	ASSERT_EQ(WSASendDisconnect(c, NULL), 0);
	/* The peer reads the data, then the graceful close. */
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 0);
	/* Sending is over on this side, receiving is not. */
	FAILS(send(c, "x", 1, 0), SOCKET_ERROR, WSAESHUTDOWN);
	ASSERT_EQ(send(a, "yz", 2, 0), 2);
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvDisconnect_disables_receives)
{
	SOCKET c, a;
	char buf[8];

	su_start();
	su_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(WSARecvDisconnect(c, NULL), 0);
	FAILS(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, WSAESHUTDOWN);
	/* Sends still work. */
	ASSERT_EQ(send(c, "ab", 2, 0), 2);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASendDisconnect_data_not_supported)
{
	SOCKET c, a;
	char data[4] = "bye";
	WSABUF b = { sizeof data, data }, empty = { 0, NULL };
	char buf[8];

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	/* TCP/IP has no XP1_DISCONNECT_DATA: any buffer is refused, the empty one too. */
	FAILS(WSASendDisconnect(c, &b), SOCKET_ERROR, WSAENOPROTOOPT);
	FAILS(WSASendDisconnect(c, &empty), SOCKET_ERROR, WSAENOPROTOOPT);
	FAILS(WSARecvDisconnect(c, &b), SOCKET_ERROR, WSAENOPROTOOPT);
	/* A pointer outside the address space is WSAEFAULT. */
	FAILS(WSASendDisconnect(c, BAD_WSABUF), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSARecvDisconnect(c, BAD_WSABUF), SOCKET_ERROR, WSAEFAULT);
	/* None of these shut anything down. */
	ASSERT_EQ(send(c, "ab", 2, 0), 2);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);
	ASSERT_EQ(send(a, "cd", 2, 0), 2);
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 2);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASendDisconnect_not_connected)
{
	SOCKET s;

	su_start();
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(WSASendDisconnect(s, NULL), SOCKET_ERROR, WSAENOTCONN);
	FAILS(WSARecvDisconnect(s, NULL), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
