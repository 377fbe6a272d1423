/* getsockopt / setsockopt: every option linsock knows (src/err/sockopt.def), in Windows' value
 * formats: DWORD BOOLs, one-byte BOOLEANs, DWORD millisecond timeouts, the 4-byte linger, values
 * read back as set; levels and names Windows does not know; bad buffers. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"

/* Windows SDK values (ws2ipdef.h, constants.md §6) that older mingw-w64 headers lack. */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_MAXSEG
#define TCP_MAXSEG 4
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN 15
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif

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

static int loopback(int af, struct sockaddr_storage *ss, u_short port)
{
	memset(ss, 0, sizeof *ss);
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a->sin_port = port;
		return (int)sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		a->sin6_port = port;
		return (int)sizeof *a;
	}
}

static SOCKET bound(int af, int type, struct sockaddr_storage *addr, int *len)
{
	SOCKET s = socket(af, type, 0);

	ASSERT_NE(s, INVALID_SOCKET);
	*len = loopback(af, addr, 0);
	ASSERT_EQ(bind(s, (struct sockaddr *)addr, *len), 0);
	*len = sizeof *addr;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)addr, len), 0);
	return s;
}

/* getsockopt of a DWORD: optlen 4 in and out. */
static DWORD get4(SOCKET s, int level, int name)
{
	DWORD v = 0xdeadbeef;
	int len = sizeof v;

	if (getsockopt(s, level, name, (char *)&v, &len) != 0)
		FAILF("getsockopt(%d, %d): error %d", level, name, WSAGetLastError());
	ASSERT_EQ(len, 4);
	return v;
}

static void set4(SOCKET s, int level, int name, DWORD v)
{
	if (setsockopt(s, level, name, (char *)&v, sizeof v) != 0)
		FAILF("setsockopt(%d, %d, %lu): error %d", level, name, (unsigned long)v, WSAGetLastError());
}

/* A DWORD BOOL: set with optlen 4 and with optlen 1, read back as a DWORD. */
static void dword_bool(SOCKET s, int level, int name)
{
	BYTE one = 1, zero = 0;

	set4(s, level, name, 1);
	ASSERT_EQ(get4(s, level, name), 1);
	set4(s, level, name, 0);
	ASSERT_EQ(get4(s, level, name), 0);
	/* Any non-zero DWORD is TRUE. */
	set4(s, level, name, 0x100);
	ASSERT_EQ(get4(s, level, name), 1);
	ASSERT_EQ(setsockopt(s, level, name, (char *)&zero, 1), 0);
	ASSERT_EQ(get4(s, level, name), 0);
	ASSERT_EQ(setsockopt(s, level, name, (char *)&one, 1), 0);
	ASSERT_EQ(get4(s, level, name), 1);
	set4(s, level, name, 0);
}

/* A one-byte BOOLEAN (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY, IPV6_V6ONLY on Windows):
 * getsockopt writes one byte and sets optlen to 1; setsockopt reads the first byte only. */
static BYTE get1(SOCKET s, int level, int name)
{
	DWORD v = 0xdeadbeef;
	int len = sizeof v;

	ASSERT_EQ(getsockopt(s, level, name, (char *)&v, &len), 0);
	ASSERT_EQ(len, 1);
	ASSERT_EQ(v & 0xffffff00u, 0xdeadbe00u);
	return (BYTE)v;
}

static void byte_bool(SOCKET s, int level, int name)
{
	BYTE one = 1;

	set4(s, level, name, 1);
	ASSERT_EQ(get1(s, level, name), 1);
	set4(s, level, name, 0x100);	/* first byte 0: FALSE */
	ASSERT_EQ(get1(s, level, name), 0);
	ASSERT_EQ(setsockopt(s, level, name, (char *)&one, 1), 0);
	ASSERT_EQ(get1(s, level, name), 1);
	set4(s, level, name, 0);
	ASSERT_EQ(get1(s, level, name), 0);
}

static void int_rt(SOCKET s, int level, int name, DWORD v)
{
	set4(s, level, name, v);
	ASSERT_EQ(get4(s, level, name), v);
}

TEST(sockopt_sol_socket_bools)
{
	SOCKET t, u;

	start();
	t = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	ASSERT_NE(u, INVALID_SOCKET);
	dword_bool(u, SOL_SOCKET, SO_BROADCAST);
	dword_bool(t, SOL_SOCKET, SO_OOBINLINE);
	dword_bool(t, SOL_SOCKET, SO_REUSEADDR);
	dword_bool(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE);
	byte_bool(t, SOL_SOCKET, SO_KEEPALIVE);
	byte_bool(t, SOL_SOCKET, SO_DONTROUTE);
	/* SO_DEBUG: readable by anyone; turning it on needs privilege on Linux, off does not. */
	ASSERT_EQ(get4(t, SOL_SOCKET, SO_DEBUG), 0);
	set4(t, SOL_SOCKET, SO_DEBUG, 0);
	/* A DWORD BOOL read into a shorter buffer: what fits, optlen 1. */
	{
		BYTE b = 0xcc;
		int len = 1;
		set4(u, SOL_SOCKET, SO_BROADCAST, 1);
		ASSERT_EQ(getsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&b, &len), 0);
		ASSERT_EQ(len, 1);
		ASSERT_EQ(b, 1);
	}
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_timeouts_ms)
{
	SOCKET s;

	start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(get4(s, SOL_SOCKET, SO_RCVTIMEO), 0);
	ASSERT_EQ(get4(s, SOL_SOCKET, SO_SNDTIMEO), 0);
	int_rt(s, SOL_SOCKET, SO_RCVTIMEO, 63000);
	int_rt(s, SOL_SOCKET, SO_RCVTIMEO, 1234);
	int_rt(s, SOL_SOCKET, SO_SNDTIMEO, 997000);
	int_rt(s, SOL_SOCKET, SO_SNDTIMEO, 1);
	int_rt(s, SOL_SOCKET, SO_RCVTIMEO, 0);
	/* Not a DWORD: WSAEFAULT. */
	{
		WORD w = 5;
		FAILS(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&w, sizeof w), SOCKET_ERROR, WSAEFAULT);
	}
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_linger_and_dontlinger)
{
	static const struct linger vals[] = { { 0, 0 }, { 0, 73 }, { 1, 0 }, { 5, 189 } };
	struct linger lg;
	SOCKET s;
	int len;

	start();
	s = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sizeof lg, 4);
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&vals[i], sizeof vals[i]), 0);
		memset(&lg, 0xcc, sizeof lg);
		len = sizeof lg;
		ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len), 0);
		ASSERT_EQ(len, 4);
		ASSERT_EQ(!lg.l_onoff, !vals[i].l_onoff);
		if (lg.l_onoff)
			ASSERT_EQ(lg.l_linger, vals[i].l_linger);
	}
	/* SO_DONTLINGER is the inverse of l_onoff; TRUE keeps the timeout. */
	ASSERT_EQ(get4(s, SOL_SOCKET, SO_DONTLINGER), 0);
	set4(s, SOL_SOCKET, SO_DONTLINGER, 1);
	len = sizeof lg;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len), 0);
	ASSERT_EQ(lg.l_onoff, 0);
	ASSERT_EQ(get4(s, SOL_SOCKET, SO_DONTLINGER), 1);
	set4(s, SOL_SOCKET, SO_DONTLINGER, 0);
	len = sizeof lg;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len), 0);
	ASSERT_EQ(lg.l_onoff, 1);
	ASSERT_EQ(lg.l_linger, 189);
	/* NULL values: WSAEFAULT. */
	FAILS(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, 4), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, NULL, 4), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&vals[3], 2), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_buffer_sizes)
{
	SOCKET s;

	start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	/* Windows reports the value set (Linux keeps twice as much). */
	int_rt(s, SOL_SOCKET, SO_SNDBUF, 4096);
	int_rt(s, SOL_SOCKET, SO_RCVBUF, 4096);
	int_rt(s, SOL_SOCKET, SO_SNDBUF, 65536);
	int_rt(s, SOL_SOCKET, SO_RCVBUF, 32768);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_read_only)
{
	struct sockaddr_storage ss;
	WSAPROTOCOL_INFOW info;
	SOCKET t, u;
	int len;

	start();
	t = bound(AF_INET, SOCK_STREAM, &ss, &len);
	u = bound(AF_INET6, SOCK_DGRAM, &ss, &len);
	ASSERT_EQ(get4(t, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	ASSERT_EQ(get4(u, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
	ASSERT_EQ(get4(t, SOL_SOCKET, SO_ACCEPTCONN), 0);
	ASSERT_EQ(listen(t, 1), 0);
	ASSERT_EQ(get4(t, SOL_SOCKET, SO_ACCEPTCONN), 1);
	ASSERT_EQ(get4(u, SOL_SOCKET, SO_MAX_MSG_SIZE), 65527);
	len = sizeof info;
	ASSERT_EQ(getsockopt(u, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len), 0);
	ASSERT_EQ(info.iSocketType, SOCK_DGRAM);
	{
		DWORD v = 1;
		FAILS(setsockopt(t, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof v), SOCKET_ERROR, WSAENOPROTOOPT);
		FAILS(setsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, sizeof v), SOCKET_ERROR, WSAENOPROTOOPT);
		FAILS(setsockopt(u, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&v, sizeof v), SOCKET_ERROR, WSAENOPROTOOPT);
		FAILS(setsockopt(u, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, sizeof info), SOCKET_ERROR,
		      WSAENOPROTOOPT);
		FAILS(setsockopt(u, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, sizeof info), SOCKET_ERROR,
		      WSAENOPROTOOPT);
	}
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_so_error_after_refused_connect)
{
	struct sockaddr_storage ss;
	SOCKET hold, c;
	u_long on = 1;
	int len, r = 0;

	start();
	hold = bound(AF_INET, SOCK_STREAM, &ss, &len);	/* bound, not listening: refuses */
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(get4(c, SOL_SOCKET, SO_ERROR), 0);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEWOULDBLOCK);
	for (int i = 0; i < 2000; i++) {
		r = (int)get4(c, SOL_SOCKET, SO_ERROR);
		if (r != 0)
			break;
		Sleep(1);
	}
	ASSERT_EQ(r, WSAECONNREFUSED);
	/* Reading it reset it. */
	ASSERT_EQ(get4(c, SOL_SOCKET, SO_ERROR), 0);
	/* Windows lets SO_ERROR be set, too. */
	set4(c, SOL_SOCKET, SO_ERROR, 1234);
	{
		int small = 1;
		DWORD v;
		FAILS(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&v, &small), SOCKET_ERROR, WSAEFAULT);
	}
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(hold), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_tcp_level)
{
	struct sockaddr_storage ss;
	SOCKET t, l;
	int len;

	start();
	t = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	byte_bool(t, IPPROTO_TCP, TCP_NODELAY);
	int_rt(t, IPPROTO_TCP, TCP_KEEPALIVE, 3600);
	int_rt(t, IPPROTO_TCP, TCP_KEEPCNT, 5);
	int_rt(t, IPPROTO_TCP, TCP_KEEPINTVL, 7);
	ASSERT_TRUE(get4(t, IPPROTO_TCP, TCP_MAXSEG) > 0);
	set4(t, IPPROTO_TCP, TCP_MAXSEG, 1200);
	/* TCP_FASTOPEN: a BOOL on Windows, set before connect/listen. */
	l = bound(AF_INET, SOCK_STREAM, &ss, &len);
	set4(l, IPPROTO_TCP, TCP_FASTOPEN, 1);
	ASSERT_EQ(get4(l, IPPROTO_TCP, TCP_FASTOPEN), 1);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_ip_level)
{
	struct sockaddr_storage a_addr, b_addr;
	SOCKET u, t, b;
	struct in_addr ifa;
	int len, alen, blen;
	DWORD v;

	start();
	u = bound(AF_INET, SOCK_DGRAM, &a_addr, &alen);
	t = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	int_rt(u, IPPROTO_IP, IP_TTL, 42);
	int_rt(t, IPPROTO_IP, IP_TTL, 7);
	int_rt(u, IPPROTO_IP, IP_TOS, 0x10);
	int_rt(u, IPPROTO_IP, IP_MULTICAST_TTL, 5);
	dword_bool(u, IPPROTO_IP, IP_MULTICAST_LOOP);
	dword_bool(u, IPPROTO_IP, IP_PKTINFO);
	dword_bool(u, IPPROTO_IP, IP_RECVTTL);
	dword_bool(u, IPPROTO_IP, IP_RECVTOS);
	dword_bool(u, IPPROTO_IP, IP_RECVERR);
	/* IP_DONTFRAGMENT: datagrams default FALSE, streams TRUE (Windows). */
	ASSERT_EQ(get4(u, IPPROTO_IP, IP_DONTFRAGMENT), 0);
	ASSERT_EQ(get4(t, IPPROTO_IP, IP_DONTFRAGMENT), 1);
	dword_bool(u, IPPROTO_IP, IP_DONTFRAGMENT);
	dword_bool(t, IPPROTO_IP, IP_DONTFRAGMENT);
	/* IP_MTU_DISCOVER in Windows' values. */
	int_rt(u, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
	int_rt(u, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT);
	int_rt(u, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE);
	int_rt(u, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_NOT_SET);
	/* IP_MULTICAST_IF: an in_addr, or an interface index as 0.0.0.x in network order. */
	ifa.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifa, sizeof ifa), 0);
	memset(&ifa, 0, sizeof ifa);
	len = sizeof ifa;
	ASSERT_EQ(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifa, &len), 0);
	ASSERT_EQ(len, 4);
	ASSERT_EQ(ifa.s_addr, htonl(INADDR_LOOPBACK));
	v = htonl(1);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, (char *)&v, sizeof v), 0);
	/* IP_UNICAST_IF: an interface index in network order; 0 clears it. */
	int_rt(u, IPPROTO_IP, IP_UNICAST_IF, htonl(1));
	int_rt(u, IPPROTO_IP, IP_UNICAST_IF, 0);
	/* IP_OPTIONS: none set, none read. */
	{
		char opts[40];
		len = sizeof opts;
		ASSERT_EQ(getsockopt(u, IPPROTO_IP, IP_OPTIONS, opts, &len), 0);
		ASSERT_EQ(len, 0);
		ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_OPTIONS, opts, 0), 0);
	}
	/* IP_MTU: known once the socket has a destination. */
	b = bound(AF_INET, SOCK_DGRAM, &b_addr, &blen);
	ASSERT_EQ(connect(u, (struct sockaddr *)&b_addr, blen), 0);
	ASSERT_TRUE(get4(u, IPPROTO_IP, IP_MTU) >= 576);
	v = 1500;
	FAILS(setsockopt(u, IPPROTO_IP, IP_MTU, (char *)&v, sizeof v), SOCKET_ERROR, WSAENOPROTOOPT);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_ipv6_level)
{
	struct sockaddr_storage a_addr, b_addr;
	SOCKET u, t, b;
	int alen, blen;

	start();
	u = bound(AF_INET6, SOCK_DGRAM, &a_addr, &alen);
	t = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	/* v6-only by default; one byte. */
	ASSERT_EQ(get1(t, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	byte_bool(t, IPPROTO_IPV6, IPV6_V6ONLY);
	int_rt(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 7);
	int_rt(u, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 3);
	int_rt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, 1);
	int_rt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, 0);
	dword_bool(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP);
	dword_bool(u, IPPROTO_IPV6, IPV6_DONTFRAG);
	dword_bool(u, IPPROTO_IPV6, IPV6_PKTINFO);
	dword_bool(u, IPPROTO_IPV6, IPV6_HOPLIMIT);
	dword_bool(u, IPPROTO_IPV6, IPV6_RECVTCLASS);
	dword_bool(u, IPPROTO_IPV6, IPV6_RECVERR);
	int_rt(u, IPPROTO_IPV6, IPV6_TCLASS, 0x20);
	int_rt(u, IPPROTO_IPV6, IPV6_UNICAST_IF, 1);	/* host order for IPv6 */
	int_rt(u, IPPROTO_IPV6, IPV6_UNICAST_IF, 0);
	int_rt(u, IPPROTO_IPV6, IPV6_MTU_DISCOVER, IP_PMTUDISC_DO);
	int_rt(u, IPPROTO_IPV6, IPV6_MTU_DISCOVER, IP_PMTUDISC_DONT);
	b = bound(AF_INET6, SOCK_DGRAM, &b_addr, &blen);
	ASSERT_EQ(connect(u, (struct sockaddr *)&b_addr, blen), 0);
	ASSERT_TRUE(get4(u, IPPROTO_IPV6, IPV6_MTU) >= 1280);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_multicast_membership)
{
	struct sockaddr_storage ss;
	struct ip_mreq m;
	struct ip_mreq_source ms;
	struct ipv6_mreq m6;
	SOCKET u, u6;
	int len;

	start();
	u = bound(AF_INET, SOCK_DGRAM, &ss, &len);
	memset(&m, 0, sizeof m);
	m.imr_multiaddr.s_addr = htonl(0xe00000fbu);	/* 224.0.0.251 */
	m.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof m) != 0) {
		printf("# IP_ADD_MEMBERSHIP on 127.0.0.1: error %d\n", WSAGetLastError());
		SKIP("the kernel refuses multicast on the loopback interface");
	}
	/* Joined already. */
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof m), SOCKET_ERROR);
	/* Block and unblock a source of an any-source group. */
	memset(&ms, 0, sizeof ms);
	ms.imr_multiaddr = m.imr_multiaddr;
	ms.imr_sourceaddr.s_addr = htonl(0x7f000002u);
	ms.imr_interface = m.imr_interface;
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_BLOCK_SOURCE, (char *)&ms, sizeof ms), 0);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_UNBLOCK_SOURCE, (char *)&ms, sizeof ms), 0);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&m, sizeof m), 0);
	/* Source-specific membership of another group (the layouts differ: Windows puts the
	 * source before the interface). */
	ms.imr_multiaddr.s_addr = htonl(0xe00000fcu);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, (char *)&ms, sizeof ms), 0);
	ASSERT_EQ(setsockopt(u, IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, (char *)&ms, sizeof ms), 0);
	/* Too short a structure. */
	FAILS(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, 4), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(closesocket(u), 0);

	u6 = bound(AF_INET6, SOCK_DGRAM, &ss, &len);
	memset(&m6, 0, sizeof m6);
	m6.ipv6mr_multiaddr.s6_addr[0] = 0xff;
	m6.ipv6mr_multiaddr.s6_addr[1] = 0x02;
	m6.ipv6mr_multiaddr.s6_addr[15] = 0x7b;	/* ff02::7b */
	m6.ipv6mr_interface = 1;	/* lo */
	if (setsockopt(u6, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, (char *)&m6, sizeof m6) == 0)
		ASSERT_EQ(setsockopt(u6, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, (char *)&m6, sizeof m6), 0);
	else
		printf("# IPV6_ADD_MEMBERSHIP on lo: error %d (not asserted)\n", WSAGetLastError());
	ASSERT_EQ(closesocket(u6), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_raw_hdrincl)
{
	SOCKET r, u;
	int len;
	DWORD v;

	start();
	WSASetLastError(0xdeadbeef);
	r = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (r == INVALID_SOCKET) {
		/* Unprivileged: Windows answers WSAEACCES for raw sockets too. */
		ASSERT_EQ(WSAGetLastError(), WSAEACCES);
	} else {
		dword_bool(r, IPPROTO_IP, IP_HDRINCL);
		ASSERT_EQ(closesocket(r), 0);
		r = socket(AF_INET6, SOCK_RAW, 253);	/* not ICMPv6: Linux fixes its checksum */
		ASSERT_NE(r, INVALID_SOCKET);
		int_rt(r, IPPROTO_IPV6, IPV6_CHECKSUM, 2);
		ASSERT_EQ(closesocket(r), 0);
	}
	/* Not a raw socket: IP_HDRINCL is refused (Windows: WSAEINVAL). */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_NE(u, INVALID_SOCKET);
	v = 1;
	FAILS(setsockopt(u, IPPROTO_IP, IP_HDRINCL, (char *)&v, sizeof v), SOCKET_ERROR, WSAEINVAL);
	len = sizeof v;
	FAILS(getsockopt(u, IPPROTO_IP, IP_HDRINCL, (char *)&v, &len), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sockopt_unknown_and_bad_arguments)
{
	SOCKET s;
	DWORD v = 1;
	int len = sizeof v;

	start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	/* Unknown level: WSAEINVAL. */
	FAILS(setsockopt(s, (int)0xffffffff, SO_RCVTIMEO, (char *)&v, sizeof v), SOCKET_ERROR, WSAEINVAL);
	FAILS(setsockopt(s, 0x8000, SO_RCVTIMEO, (char *)&v, sizeof v), SOCKET_ERROR, WSAEINVAL);
	FAILS(getsockopt(s, 0x8000, SO_RCVTIMEO, (char *)&v, &len), SOCKET_ERROR, WSAEINVAL);
	/* Unknown option at a known level: WSAENOPROTOOPT. */
	FAILS(setsockopt(s, SOL_SOCKET, 0x7777, (char *)&v, sizeof v), SOCKET_ERROR, WSAENOPROTOOPT);
	FAILS(getsockopt(s, SOL_SOCKET, 0x7777, (char *)&v, &len), SOCKET_ERROR, WSAENOPROTOOPT);
	FAILS(getsockopt(s, IPPROTO_TCP, 0x77, (char *)&v, &len), SOCKET_ERROR, WSAENOPROTOOPT);
	FAILS(getsockopt(s, IPPROTO_IP, 0x77, (char *)&v, &len), SOCKET_ERROR, WSAENOPROTOOPT);
	/* NULL buffers, short lengths, bad pointers: WSAEFAULT. */
	FAILS(getsockopt(s, SOL_SOCKET, SO_TYPE, NULL, &len), SOCKET_ERROR, WSAEFAULT);
	FAILS(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, NULL), SOCKET_ERROR, WSAEFAULT);
	len = 0;
	FAILS(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, &len), SOCKET_ERROR, WSAEFAULT);
	len = 2;
	FAILS(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, SOL_SOCKET, SO_RCVBUF, NULL, 4), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, 2), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1), SOCKET_ERROR, WSAEFAULT);
	FAILS(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, 0), SOCKET_ERROR, WSAEFAULT);
	len = sizeof v;
	FAILS(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)1, &len), SOCKET_ERROR, WSAEFAULT);
	/* Not a socket. */
	FAILS(getsockopt((SOCKET)12321, SOL_SOCKET, SO_TYPE, (char *)&v, &len), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
