/* bind: both families, argument errors, port conflicts, SO_EXCLUSIVEADDRUSE rules, and the
 * Windows default that a port whose old connection sits in TIME_WAIT can be bound again. */
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

/* Loopback address of the family with the given port (network order); returns its length. */
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

static u_short port_of(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET ? ((const struct sockaddr_in *)ss)->sin_port
					: ((const struct sockaddr_in6 *)ss)->sin6_port;
}

/* Binds s to loopback port 0 and returns the bound address. */
static int bind_any_port(SOCKET s, int af, struct sockaddr_storage *out)
{
	struct sockaddr_storage ss;
	int len = loopback(af, &ss, 0);

	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	len = sizeof *out;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)out, &len), 0);
	ASSERT_EQ(out->ss_family, af);
	ASSERT_NE(port_of(out), 0);
	return len;
}

TEST(bind_both_families)
{
	static const int afs[] = { AF_INET, AF_INET6 }, types[] = { SOCK_STREAM, SOCK_DGRAM };
	struct sockaddr_storage got;

	start();
	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 2; j++) {
			SOCKET s = socket(afs[i], types[j], 0);
			int len;
			ASSERT_NE(s, INVALID_SOCKET);
			len = bind_any_port(s, afs[i], &got);
			ASSERT_EQ(len, afs[i] == AF_INET ? 16 : 28);
			if (afs[i] == AF_INET)
				ASSERT_EQ(((struct sockaddr_in *)&got)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
			else
				ASSERT_MEM_EQ(&((struct sockaddr_in6 *)&got)->sin6_addr, &in6addr_loopback, 16);
			ASSERT_EQ(closesocket(s), 0);
		}
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(bind_argument_errors)
{
	struct sockaddr_storage ss;
	SOCKET s4, s6;
	int len;

	start();
	s4 = socket(AF_INET, SOCK_STREAM, 0);
	s6 = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s4, INVALID_SOCKET);
	ASSERT_NE(s6, INVALID_SOCKET);
	len = loopback(AF_INET, &ss, 0);
	FAILS(bind(s4, NULL, len), SOCKET_ERROR, WSAEFAULT);
	FAILS(bind(s4, (struct sockaddr *)&ss, len - 1), SOCKET_ERROR, WSAEFAULT);
	FAILS(bind(s4, (struct sockaddr *)&ss, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(bind(s4, (struct sockaddr *)1, len), SOCKET_ERROR, WSAEFAULT);
	len = loopback(AF_INET6, &ss, 0);
	FAILS(bind(s6, NULL, len), SOCKET_ERROR, WSAEFAULT);
	FAILS(bind(s6, (struct sockaddr *)&ss, len - 1), SOCKET_ERROR, WSAEFAULT);
	FAILS(bind(s6, (struct sockaddr *)&ss, 16), SOCKET_ERROR, WSAEFAULT);
	/* Unknown socket. */
	FAILS(bind((SOCKET)54321, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAENOTSOCK);
	/* Still unbound after the failures: a valid bind works. */
	ASSERT_EQ(bind(s6, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(closesocket(s4), 0);
	ASSERT_EQ(closesocket(s6), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(bind_twice)
{
	struct sockaddr_storage ss;
	SOCKET s;
	int len;

	start();
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	len = bind_any_port(s, AF_INET, &ss);
	FAILS(bind(s, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEINVAL);
	len = loopback(AF_INET, &ss, 0);
	FAILS(bind(s, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(bind_port_conflict)
{
	static const int afs[] = { AF_INET, AF_INET6 }, types[] = { SOCK_STREAM, SOCK_DGRAM };
	struct sockaddr_storage ss;

	start();
	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 2; j++) {
			SOCKET a = socket(afs[i], types[j], 0), b = socket(afs[i], types[j], 0);
			int len;
			ASSERT_NE(a, INVALID_SOCKET);
			ASSERT_NE(b, INVALID_SOCKET);
			/* a is bound but neither listening nor connected: the port is still taken. */
			len = bind_any_port(a, afs[i], &ss);
			FAILS(bind(b, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEADDRINUSE);
			if (types[j] == SOCK_STREAM) {
				ASSERT_EQ(listen(a, 1), 0);
				FAILS(bind(b, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEADDRINUSE);
			}
			ASSERT_EQ(closesocket(a), 0);
			/* Freed by the close (nothing connected): b can have it now. */
			ASSERT_EQ(bind(b, (struct sockaddr *)&ss, len), 0);
			ASSERT_EQ(closesocket(b), 0);
		}
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(bind_exclusiveaddruse_rules)
{
	struct sockaddr_storage ss;
	DWORD on = 1, v;
	SOCKET s;
	int len;

	start();
	/* SO_REUSEADDR and SO_EXCLUSIVEADDRUSE exclude each other, in either order. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on), 0);
	FAILS(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(s), 0);

	s = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on), 0);
	FAILS(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on), SOCKET_ERROR, WSAEINVAL);
	v = 0;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, &len), 0);
	ASSERT_EQ(v, 1);
	v = 7;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len), 0);
	ASSERT_EQ(v, 0);
	ASSERT_EQ(closesocket(s), 0);

	/* SO_EXCLUSIVEADDRUSE must come before bind. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	bind_any_port(s, AF_INET, &ss);
	FAILS(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Server side closes first, so the server's port holds a TIME_WAIT connection; Windows lets a
 * new socket bind and listen on that port at once (Linux needs SO_REUSEADDR for it). */
static void time_wait_rebind(int af)
{
	struct sockaddr_storage ss, peer;
	SOCKET l, c, a, l2;
	char buf[4];
	int len, plen = sizeof peer;

	l = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l, INVALID_SOCKET);
	len = bind_any_port(l, af, &ss);
	ASSERT_EQ(listen(l, 1), 0);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	a = accept(l, (struct sockaddr *)&peer, &plen);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);	/* active close on the server's port */
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);

	l2 = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l2, INVALID_SOCKET);
	ASSERT_EQ(bind(l2, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(listen(l2, 1), 0);
	ASSERT_EQ(closesocket(l2), 0);
}

TEST(bind_over_time_wait)
{
	start();
	time_wait_rebind(AF_INET);
	time_wait_rebind(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(bind_v4_and_v6_same_port)
{
	struct sockaddr_storage ss, ss6;
	SOCKET s4, s6;
	int len;

	start();
	/* IPv6 sockets are v6-only by default, so ::1 and 127.0.0.1 on one port do not clash. */
	s4 = socket(AF_INET, SOCK_DGRAM, 0);
	s6 = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s4, INVALID_SOCKET);
	ASSERT_NE(s6, INVALID_SOCKET);
	bind_any_port(s4, AF_INET, &ss);
	len = loopback(AF_INET6, &ss6, port_of(&ss));
	ASSERT_EQ(bind(s6, (struct sockaddr *)&ss6, len), 0);
	ASSERT_EQ(closesocket(s4), 0);
	ASSERT_EQ(closesocket(s6), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
