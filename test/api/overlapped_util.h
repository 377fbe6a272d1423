/* Helpers shared by the overlapped-I/O tests (WSARecv.c, WSASend.c, WSARecvFrom.c,
 * WSAGetOverlappedResult.c, ReadFileEx.c, overlapped_*.c, CancelIoEx.c): loopback socket pairs
 * on both families and checks. Windows API only, as the tests (CONVENTIONS §11). */
#ifndef LS_TEST_OVERLAPPED_UTIL_H
#define LS_TEST_OVERLAPPED_UTIL_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"

#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)

/* A BOOL call failed with the expected Win32 code. */
#define FAILS32(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_TRUE(!(call)); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)

static inline void ov_start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static inline int ov_loopback(int af, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return (int)sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		return (int)sizeof *a;
	}
}

static inline SOCKET ov_bound(int af, int type, struct sockaddr_storage *addr, int *len)
{
	SOCKET s = socket(af, type, 0);

	ASSERT_NE(s, INVALID_SOCKET);
	*len = ov_loopback(af, addr);
	ASSERT_EQ(bind(s, (struct sockaddr *)addr, *len), 0);
	*len = sizeof *addr;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)addr, len), 0);
	return s;
}

/* A connected TCP pair: *c connected, *a accepted. */
static inline void ov_tcp_pair(int af, SOCKET *c, SOCKET *a)
{
	struct sockaddr_storage ss;
	SOCKET l;
	int len;

	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	*c = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(*c, INVALID_SOCKET);
	ASSERT_EQ(connect(*c, (struct sockaddr *)&ss, len), 0);
	*a = accept(l, NULL, NULL);
	ASSERT_NE(*a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
}

/* *s is connected to *r, which is bound. */
static inline void ov_udp_pair(int af, SOCKET *s, SOCKET *r)
{
	struct sockaddr_storage ss;
	int len;

	*r = ov_bound(af, SOCK_DGRAM, &ss, &len);
	*s = socket(af, SOCK_DGRAM, 0);
	ASSERT_NE(*s, INVALID_SOCKET);
	ASSERT_EQ(connect(*s, (struct sockaddr *)&ss, len), 0);
}

/* Closes s abortively: the peer sees a reset. */
static inline void ov_abort(SOCKET s)
{
	static const struct linger abort_close = { 1, 0 };

	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&abort_close, sizeof abort_close), 0);
	ASSERT_EQ(closesocket(s), 0);
}

/* HasOverlappedIoCompleted for an op another thread may be completing at this moment: the same
 * test with an atomic load. (The macro's plain read races with the completing thread in C's
 * memory model; harmless, as on Windows, but TSan cannot see the ordering the kernel gives.) */
#define ov_completed(ov) (__atomic_load_n(&(ov)->Internal, __ATOMIC_ACQUIRE) != 0x103)

/* A fresh OVERLAPPED with hEvent ev. */
static inline void ov_init(OVERLAPPED *ov, HANDLE ev)
{
	memset(ov, 0, sizeof *ov);
	ov->hEvent = ev;
}

/* Runs queued APCs until *counter reaches want (each alertable wait returns after running at
 * least one). */
static inline void ov_alert_until(volatile LONG *counter, LONG want)
{
	while (*counter < want)
		ASSERT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
}

#endif
