/* WSAStartup / WSACleanup: version negotiation, WSADATA, reference count, WSANOTINITIALISED. */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "test.h"

TEST(WSAStartup_2_2)
{
	WSADATA d;

	memset(&d, 0xcc, sizeof d);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	ASSERT_EQ(d.wVersion, 0x0202);
	ASSERT_EQ(d.wHighVersion, 0x0202);
	ASSERT_STR_EQ(d.szDescription, "WinSock 2.0");
	ASSERT_STR_EQ(d.szSystemStatus, "Running");
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAStartup_version_negotiation)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(1, 1), &d), 0);
	ASSERT_EQ(d.wVersion, MAKEWORD(1, 1));
	ASSERT_EQ(d.wHighVersion, MAKEWORD(2, 2));
	ASSERT_EQ(WSACleanup(), 0);
	/* Above the highest version: served as 2.2, the caller decides. */
	ASSERT_EQ(WSAStartup(MAKEWORD(3, 0), &d), 0);
	ASSERT_EQ(d.wVersion, MAKEWORD(2, 2));
	ASSERT_EQ(WSACleanup(), 0);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 3), &d), 0);
	ASSERT_EQ(d.wVersion, MAKEWORD(2, 2));
	ASSERT_EQ(WSACleanup(), 0);
	/* Below 1.0: refused through the return value. */
	ASSERT_EQ(WSAStartup(MAKEWORD(0, 9), &d), WSAVERNOTSUPPORTED);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT);
}

TEST(WSAStartup_refcount)
{
	WSADATA d;
	SOCKET s;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSACleanup(), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	ASSERT_EQ(WSACleanup(), 0);
	s = socket(AF_INET, SOCK_STREAM, 0);	/* still started: one reference left */
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
}

TEST(WSACleanup_closes_sockets)
{
	WSADATA d;
	SOCKET s;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(WSACleanup(), 0);
	/* The last cleanup reset the socket as closesocket would; the runner checks that no
	 * object is left. After a new startup the old value is no socket. */
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(closesocket(s), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	ASSERT_EQ(WSACleanup(), 0);
}
