/* Socket-setup helpers shared by the synchronous API tests (ReadFile.c, WriteFile.c,
 * DuplicateHandle.c, CloseHandle.c, send_recv.c, connect.c, listen_accept.c). Windows API and
 * standard C only, as the tests (CONVENTIONS §11); builds with mingw-w64 too.
 *
 *   FAILS(call, ret, code)  call returned ret and WSAGetLastError() is code (slot seeded first)
 *   FAILS32(call, code)     a BOOL call failed and GetLastError() is code (slot seeded first)
 *   su_start()              WSAStartup(2.2), asserted
 *   su_loopback(af, ss, p)  ss = loopback address of af with port p (network order); its length
 *   su_port_of(ss)          the port (network order) of an AF_INET/AF_INET6 address
 *   su_bound(af, type, addr, len)
 *                           a socket of the type bound to loopback port 0; addr/len get the
 *                           bound address (getsockname)
 *   su_tcp_pair(af, c, a)   a connected TCP pair: *c connected, *a accepted; listener closed
 *   su_udp_pair(af, s, r)   *s is a UDP socket connected to *r, which is bound
 *   su_temp_name(buf, n, tag)
 *                           a per-process temporary file name for tag
 *
 * Every helper asserts each step (ASSERT_*), so a failing setup fails the calling test.
 * The overlapped tests have their own copy in overlapped_util.h (ov_*). */
#ifndef LS_TEST_SOCKUTIL_H
#define LS_TEST_SOCKUTIL_H

#include <stdio.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"

#ifndef FAILS
#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)
#endif

#ifndef FAILS32
#define FAILS32(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_TRUE(!(call)); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)
#endif

static inline void su_start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static inline int su_loopback(int af, struct sockaddr_storage *ss, u_short port)
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

static inline u_short su_port_of(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET ? ((const struct sockaddr_in *)ss)->sin_port
					: ((const struct sockaddr_in6 *)ss)->sin6_port;
}

static inline SOCKET su_bound(int af, int type, struct sockaddr_storage *addr, int *len)
{
	SOCKET s = socket(af, type, 0);

	ASSERT_NE(s, INVALID_SOCKET);
	*len = su_loopback(af, addr, 0);
	ASSERT_EQ(bind(s, (struct sockaddr *)addr, *len), 0);
	*len = sizeof *addr;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)addr, len), 0);
	return s;
}

static inline void su_tcp_pair(int af, SOCKET *c, SOCKET *a)
{
	struct sockaddr_storage ss;
	SOCKET l;
	int len;

	l = su_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	*c = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(*c, INVALID_SOCKET);
	ASSERT_EQ(connect(*c, (struct sockaddr *)&ss, len), 0);
	*a = accept(l, NULL, NULL);
	ASSERT_NE(*a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
}

static inline void su_udp_pair(int af, SOCKET *s, SOCKET *r)
{
	struct sockaddr_storage ss;
	int len;

	*r = su_bound(af, SOCK_DGRAM, &ss, &len);
	*s = socket(af, SOCK_DGRAM, 0);
	ASSERT_NE(*s, INVALID_SOCKET);
	ASSERT_EQ(connect(*s, (struct sockaddr *)&ss, len), 0);
}

static inline void su_temp_name(char *buf, size_t n, const char *tag)
{
	snprintf(buf, n, "ls_test_%lu_%s.tmp", (unsigned long)GetCurrentProcessId(), tag);
}

#endif
