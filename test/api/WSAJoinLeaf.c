/* WSAJoinLeaf on Windows' TCP/IP provider: only UDP sockets made with
 * WSA_FLAG_MULTIPOINT_C_LEAF/D_LEAF are multipoint (WSAEINVAL otherwise); the name is an IP
 * multicast group, which the socket joins (unless it only sends) and the socket itself is
 * returned. An unbound socket is bound; a second join of the group is WSAEISCONN. */
#include <stdint.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

#define LEAF (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF | WSA_FLAG_OVERLAPPED)

static int group(int af, struct sockaddr_storage *ss, u_short port)
{
	memset(ss, 0, sizeof *ss);
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(0xef0a0b0c);	/* 239.10.11.12 */
		a->sin_port = port;
		return (int)sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr.s6_addr[0] = 0xff;
		a->sin6_addr.s6_addr[1] = 0x15;		/* ff15::10:11:12, site-local scope */
		a->sin6_addr.s6_addr[11] = 0x10;
		a->sin6_addr.s6_addr[13] = 0x11;
		a->sin6_addr.s6_addr[15] = 0x12;
		a->sin6_port = port;
		return (int)sizeof *a;
	}
}

static SOCKET leaf_bound(int af, u_short *port)
{
	struct sockaddr_storage ss;
	SOCKET s = WSASocketW(af, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF);
	int len;

	ASSERT_NE(s, INVALID_SOCKET);
	memset(&ss, 0, sizeof ss);
	ss.ss_family = (ADDRESS_FAMILY)af;
	len = af == AF_INET ? (int)sizeof(struct sockaddr_in) : (int)sizeof(struct sockaddr_in6);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	len = sizeof ss;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&ss, &len), 0);
	*port = su_port_of(&ss);
	return s;
}

/* Skips the test when no interface can carry the group (a host without a multicast route). */
static void need_multicast(int af)
{
	struct sockaddr_storage g;
	u_short port;
	SOCKET s = leaf_bound(af, &port);
	int len = group(af, &g, port);

	if (WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) == INVALID_SOCKET) {
		ASSERT_EQ(WSAGetLastError(), WSAENETUNREACH);
		ASSERT_EQ(closesocket(s), 0);
		SKIP("no interface routes IP multicast here");
	}
	ASSERT_EQ(closesocket(s), 0);
}

TEST(WSAJoinLeaf_not_started_not_socket)
{
	struct sockaddr_storage g;
	int len = group(AF_INET, &g, htons(9));

	FAILS(WSAJoinLeaf(INVALID_SOCKET, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH),
	      INVALID_SOCKET, WSANOTINITIALISED);
	su_start();
	FAILS(WSAJoinLeaf(INVALID_SOCKET, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH),
	      INVALID_SOCKET, WSAENOTSOCK);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAJoinLeaf_not_multipoint)
{
	struct sockaddr_storage g;
	int len = group(AF_INET, &g, htons(9));
	SOCKET u, t;

	su_start();
	/* A UDP socket made without the multipoint flags. */
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS(WSAJoinLeaf(u, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEINVAL);
	/* TCP has no XP1_SUPPORT_MULTIPOINT, flags or not. */
	t = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
	ASSERT_NE(t, INVALID_SOCKET);
	FAILS(WSAJoinLeaf(t, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEINVAL);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void join_and_receive(int af)
{
	struct sockaddr_storage g, from;
	char calleebuf[8], buf[16];
	WSABUF callee = { sizeof calleebuf, calleebuf };
	struct timeval tv = { 5, 0 };
	fd_set rd;
	u_short port;
	SOCKET s;
	int len, flen = sizeof from;

	s = leaf_bound(af, &port);
	len = group(af, &g, port);
	/* The c_leaf socket itself comes back; no callee data. */
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, &callee, NULL, NULL, JL_BOTH), s);
	ASSERT_EQ(callee.len, 0);
	/* Already a member. */
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY), INVALID_SOCKET,
	      WSAEISCONN);
	/* A datagram sent to the group comes back through the multicast loopback. */
	ASSERT_EQ(sendto(s, "grp", 3, 0, (struct sockaddr *)&g, len), 3);
	FD_ZERO(&rd);
	FD_SET(s, &rd);
	ASSERT_EQ(select(0, &rd, NULL, NULL, &tv), 1);
	ASSERT_EQ(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 3);
	ASSERT_MEM_EQ(buf, "grp", 3);
	ASSERT_EQ(closesocket(s), 0);
}

TEST(WSAJoinLeaf_multicast_group)
{
	su_start();
	need_multicast(AF_INET);
	need_multicast(AF_INET6);
	join_and_receive(AF_INET);
	join_and_receive(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAJoinLeaf_binds_unbound_socket)
{
	struct sockaddr_storage g, name;
	SOCKET s;
	int len, nlen = sizeof name;

	su_start();
	need_multicast(AF_INET);
	s = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_MULTIPOINT_D_LEAF);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(getsockname(s, (struct sockaddr *)&name, &nlen), SOCKET_ERROR, WSAEINVAL);
	len = group(AF_INET, &g, htons(9));
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY), s);
	nlen = sizeof name;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&name, &nlen), 0);
	ASSERT_NE(su_port_of(&name), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAJoinLeaf_sender_only_joins_nothing)
{
	struct sockaddr_storage g;
	u_short port;
	SOCKET s;
	int len;

	su_start();
	need_multicast(AF_INET);
	s = leaf_bound(AF_INET, &port);
	len = group(AF_INET, &g, port);
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_SENDER_ONLY), s);
	/* No membership was taken, so a receiver's join is the first. */
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY), s);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAJoinLeaf_bad_arguments)
{
	struct sockaddr_storage g, g6, lo;
	char data[2] = "x";
	WSABUF caller = { 1, data };
	u_short port;
	SOCKET s;
	int len, len6, lolen;

	su_start();
	need_multicast(AF_INET);
	s = leaf_bound(AF_INET, &port);
	len = group(AF_INET, &g, port);
	len6 = group(AF_INET6, &g6, port);
	lolen = su_loopback(AF_INET, &lo, port);
	/* dwFlags must be one of JL_SENDER_ONLY, JL_RECEIVER_ONLY, JL_BOTH. */
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, 0), INVALID_SOCKET, WSAEINVAL);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, 0x08), INVALID_SOCKET, WSAEINVAL);
	/* The name. */
	FAILS(WSAJoinLeaf(s, NULL, len, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEFAULT);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, 8, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEFAULT);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g6, len6, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET,
	      WSAEAFNOSUPPORT);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&lo, lolen, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET,
	      WSAEADDRNOTAVAIL);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&lo, lolen, NULL, NULL, NULL, NULL, JL_SENDER_ONLY), INVALID_SOCKET,
	      WSAEADDRNOTAVAIL);
	/* Caller data is not carried. */
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, len, &caller, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET,
	      WSAEPROTONOSUPPORT);
	/* None of these joined: the group is still free to join. */
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH), s);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAJoinLeaf_raw_socket)
{
	struct sockaddr_storage g;
	SOCKET s;
	int len;

	su_start();
	need_multicast(AF_INET);
	/* The RAW entries are multipoint too (0x20609, as UDP). */
	s = WSASocketW(AF_INET, SOCK_RAW, IPPROTO_UDP, NULL, 0, LEAF);
	if (s == INVALID_SOCKET) {
		ASSERT_EQ(WSAGetLastError(), WSAEACCES);
		ASSERT_EQ(WSACleanup(), 0);
		SKIP("raw sockets need privileges");
	}
	len = group(AF_INET, &g, 0);
	ASSERT_EQ(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH), s);
	FAILS(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEISCONN);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
