/* connect / WSAConnect / getsockname / getpeername: blocking and non-blocking TCP, refused and
 * unusable destinations, state errors, UDP association and its dissolution. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static void blocking_connect(int af)
{
	struct sockaddr_storage ss, local, peer, name;
	SOCKET l, c, a;
	int len, llen = sizeof local, plen = sizeof peer, nlen = sizeof name;

	l = su_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	/* connect bound the socket implicitly; getpeername is the listener. */
	ASSERT_EQ(getsockname(c, (struct sockaddr *)&local, &llen), 0);
	ASSERT_EQ(llen, len);
	ASSERT_NE(su_port_of(&local), 0);
	ASSERT_EQ(getpeername(c, (struct sockaddr *)&peer, &plen), 0);
	ASSERT_EQ(plen, len);
	ASSERT_MEM_EQ(&peer, &ss, len);
	a = accept(l, (struct sockaddr *)&name, &nlen);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(su_port_of(&name), su_port_of(&local));
	/* Connected already. */
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEISCONN);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
}

TEST(connect_blocking_both_families)
{
	su_start();
	blocking_connect(AF_INET);
	blocking_connect(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(connect_refused)
{
	struct sockaddr_storage ss;
	SOCKET hold, c;
	int len;

	su_start();
	/* A port bound by a socket that does not listen: the connection is refused. */
	hold = su_bound(AF_INET, SOCK_STREAM, &ss, &len);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAECONNREFUSED);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(hold), 0);
	hold = su_bound(AF_INET6, SOCK_STREAM, &ss, &len);
	c = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAECONNREFUSED);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(hold), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(connect_unusable_destinations)
{
	struct sockaddr_storage ss;
	struct sockaddr_in any;
	struct sockaddr_in6 any6;
	SOCKET c, c6;
	int len;

	su_start();
	c = socket(AF_INET, SOCK_STREAM, 0);
	c6 = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_NE(c6, INVALID_SOCKET);
	/* The unspecified address is no destination on Windows (Linux would use the local host). */
	memset(&any, 0, sizeof any);
	any.sin_family = AF_INET;
	any.sin_port = htons(9);
	FAILS(connect(c, (struct sockaddr *)&any, sizeof any), SOCKET_ERROR, WSAEADDRNOTAVAIL);
	memset(&any6, 0, sizeof any6);
	any6.sin6_family = AF_INET6;
	any6.sin6_port = htons(9);
	FAILS(connect(c6, (struct sockaddr *)&any6, sizeof any6), SOCKET_ERROR, WSAEADDRNOTAVAIL);
	/* Port 0 either. */
	len = su_loopback(AF_INET, &ss, 0);
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEADDRNOTAVAIL);
	/* Argument errors. */
	FAILS(connect(c, (struct sockaddr *)&ss, len - 1), SOCKET_ERROR, WSAEFAULT);
	FAILS(connect(c, NULL, len), SOCKET_ERROR, WSAEFAULT);
	FAILS(connect(c, (struct sockaddr *)1, len), SOCKET_ERROR, WSAEFAULT);
	FAILS(connect((SOCKET)34567, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(c6), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(connect_nonblocking)
{
	struct sockaddr_storage ss;
	u_long on = 1;
	SOCKET l, c, a;
	int len, r, err, i;

	su_start();
	l = su_bound(AF_INET, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
	/* Started, not finished: WSAEWOULDBLOCK (never WSAEINPROGRESS). */
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* Later calls: WSAEALREADY while pending, WSAEISCONN once done, never success. */
	for (i = 0; i < 2000; i++) {
		WSASetLastError(0xdeadbeef);
		r = connect(c, (struct sockaddr *)&ss, len);
		err = WSAGetLastError();
		ASSERT_EQ(r, SOCKET_ERROR);
		if (err == WSAEISCONN)
			break;
		ASSERT_EQ(err, WSAEALREADY);
		Sleep(1);
	}
	ASSERT_EQ(err, WSAEISCONN);
	FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEISCONN);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(connect_on_listening_socket)
{
	struct sockaddr_storage ss;
	SOCKET l;
	int len;

	su_start();
	l = su_bound(AF_INET6, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	FAILS(connect(l, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnect_caller_data)
{
	struct sockaddr_storage ss;
	WSABUF data = { 4, (char *)"data" }, empty = { 0, NULL }, callee = { 16, NULL };
	char space[16];
	SOCKET l, c, a;
	int len;

	su_start();
	l = su_bound(AF_INET, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(c, INVALID_SOCKET);
	/* TCP carries no connect data. */
	FAILS(WSAConnect(c, (struct sockaddr *)&ss, len, &data, NULL, NULL, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	/* Empty data is fine; no callee data comes back. */
	callee.buf = space;
	ASSERT_EQ(WSAConnect(c, (struct sockaddr *)&ss, len, &empty, &callee, NULL, NULL), 0);
	ASSERT_EQ(callee.len, 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(getpeername_getsockname_state_errors)
{
	struct sockaddr_storage ss, out;
	SOCKET s, u;
	int len, olen;

	su_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_NE(u, INVALID_SOCKET);
	olen = sizeof out;
	/* Unbound: getsockname is WSAEINVAL (Linux would report 0.0.0.0:0). */
	FAILS(getsockname(s, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAEINVAL);
	FAILS(getsockname(u, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAEINVAL);
	FAILS(getpeername(s, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAENOTCONN);
	FAILS(getpeername(u, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAENOTCONN);
	len = su_loopback(AF_INET, &ss, 0);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	/* Bound, still not connected. */
	FAILS(getpeername(s, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAENOTCONN);
	/* Buffer errors. */
	olen = 15;
	FAILS(getsockname(s, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAEFAULT);
	FAILS(getsockname(s, NULL, &olen), SOCKET_ERROR, WSAEFAULT);
	olen = sizeof out;
	FAILS(getsockname(s, (struct sockaddr *)&out, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&out, &olen), 0);
	ASSERT_EQ(olen, 16);
	FAILS(getsockname((SOCKET)45678, (struct sockaddr *)&out, &olen), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void udp_connect_dissolve(int af, int use_unspec)
{
	struct sockaddr_storage a_addr, b_addr, peer, from;
	SOCKET a, b;
	int alen, blen, plen = sizeof peer, flen;
	char buf[8];

	a = su_bound(af, SOCK_DGRAM, &a_addr, &alen);
	b = su_bound(af, SOCK_DGRAM, &b_addr, &blen);
	/* Not associated: send has no destination. */
	FAILS(send(a, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(connect(a, (struct sockaddr *)&b_addr, blen), 0);
	ASSERT_EQ(getpeername(a, (struct sockaddr *)&peer, &plen), 0);
	ASSERT_EQ(plen, blen);
	ASSERT_EQ(su_port_of(&peer), su_port_of(&b_addr));
	ASSERT_EQ(send(a, "hello", 5, 0), 5);
	flen = sizeof from;
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 5);
	ASSERT_EQ(su_port_of(&from), su_port_of(&a_addr));
	/* Dissolve: the all-zero address (Windows' documented way), or AF_UNSPEC. */
	if (use_unspec) {
		struct sockaddr unspec;
		memset(&unspec, 0, sizeof unspec);
		unspec.sa_family = AF_UNSPEC;
		ASSERT_EQ(connect(a, &unspec, sizeof unspec), 0);
	} else {
		struct sockaddr_storage zero;
		int zlen = su_loopback(af, &zero, 0);
		memset((char *)&zero + 2, 0, (size_t)zlen - 2);
		ASSERT_EQ(connect(a, (struct sockaddr *)&zero, zlen), 0);
	}
	plen = sizeof peer;
	FAILS(getpeername(a, (struct sockaddr *)&peer, &plen), SOCKET_ERROR, WSAENOTCONN);
	FAILS(send(a, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	/* sendto still works, and the socket keeps its local address. */
	ASSERT_EQ(sendto(a, "again", 5, 0, (struct sockaddr *)&b_addr, blen), 5);
	flen = sizeof from;
	ASSERT_EQ(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 5);
	ASSERT_EQ(su_port_of(&from), su_port_of(&a_addr));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(b), 0);
}

TEST(connect_udp_and_dissolve)
{
	su_start();
	udp_connect_dissolve(AF_INET, 0);
	udp_connect_dissolve(AF_INET6, 0);
	udp_connect_dissolve(AF_INET, 1);
	udp_connect_dissolve(AF_INET6, 1);
	ASSERT_EQ(WSACleanup(), 0);
}
