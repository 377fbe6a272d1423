/* htonl, htons, ntohl, ntohs, htonll, ntohll, htonf, ntohf, htond, ntohd, WSAHtonl, WSAHtons,
 * WSANtohl, WSANtohs, in6addr_any, in6addr_loopback. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "test.h"

#define SEED ((int)0xdeadbeef)

TEST(byteorder_plain)
{
	unsigned char b[8];
	u_long l = htonl(0x01020304);
	u_short s = htons(0x0102);
	UINT64 ll = htonll(0x0102030405060708ull);
	float f = 1.5f;
	double d = -2.25;
	UINT32 fi;
	UINT64 di;

	/* No WSAStartup needed. Network order is big-endian in memory. */
	memcpy(b, &l, 4);
	ASSERT_EQ(b[0], 1);
	ASSERT_EQ(b[3], 4);
	memcpy(b, &s, 2);
	ASSERT_EQ(b[0], 1);
	ASSERT_EQ(b[1], 2);
	memcpy(b, &ll, 8);
	ASSERT_EQ(b[0], 1);
	ASSERT_EQ(b[7], 8);
	ASSERT_EQ(ntohl(l), 0x01020304);
	ASSERT_EQ(ntohs(s), 0x0102);
	ASSERT_TRUE(ntohll(ll) == 0x0102030405060708ull);
	/* 1.5f is 0x3fc00000: its first byte on the wire is 0x3f. */
	fi = htonf(f);
	memcpy(b, &fi, 4);
	ASSERT_EQ(b[0], 0x3f);
	ASSERT_EQ(b[1], 0xc0);
	ASSERT_TRUE(ntohf(fi) == f);
	di = htond(d);
	memcpy(b, &di, 8);
	ASSERT_EQ(b[0], 0xc0);	/* -2.25 is 0xc002000000000000 */
	ASSERT_EQ(b[1], 0x02);
	ASSERT_TRUE(ntohd(di) == d);
}

TEST(byteorder_WSA)
{
	WSADATA wd;
	SOCKET s;
	u_long l = 0;
	u_short sh = 0;

	WSASetLastError(SEED);
	ASSERT_EQ(WSAHtonl(1, 1, &l), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &wd), 0);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_TRUE(s != INVALID_SOCKET);
	ASSERT_EQ(WSAHtonl(s, 0x01020304, &l), 0);
	ASSERT_EQ(l, htonl(0x01020304));
	ASSERT_EQ(WSANtohl(s, l, &l), 0);
	ASSERT_EQ(l, 0x01020304);
	ASSERT_EQ(WSAHtons(s, 0x0102, &sh), 0);
	ASSERT_EQ(sh, htons(0x0102));
	ASSERT_EQ(WSANtohs(s, sh, &sh), 0);
	ASSERT_EQ(sh, 0x0102);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAHtonl(s, 1, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(WSANtohs(s, 1, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	closesocket(s);
	/* A closed socket, and a value that never was one. */
	WSASetLastError(SEED);
	ASSERT_EQ(WSAHtons(s, 1, &sh), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	WSASetLastError(SEED);
	ASSERT_EQ(WSANtohl((SOCKET)0x7ffffff0, 1, &l), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAHtonl(INVALID_SOCKET, 1, &l), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	WSACleanup();
}

TEST(in6addr_constants)
{
	static const unsigned char any[16], lo[16] = { [15] = 1 };

	ASSERT_MEM_EQ(&in6addr_any, any, 16);
	ASSERT_MEM_EQ(&in6addr_loopback, lo, 16);
}
