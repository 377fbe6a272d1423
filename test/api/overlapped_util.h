/* Helpers shared by the overlapped-I/O tests (WSARecv.c, WSASend.c, WSARecvFrom.c,
 * WSAGetOverlappedResult.c, ReadFileEx.c, overlapped_*.c, CancelIoEx.c): loopback socket pairs
 * on both families and checks. Windows API only, as the tests (CONVENTIONS §11). */
#ifndef LS_TEST_OVERLAPPED_UTIL_H
#define LS_TEST_OVERLAPPED_UTIL_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "sockutil.h"
#include "test.h"

/* Socket setup is sockutil.h's (FAILS/FAILS32 too); the ov_ names stay for the tests that use
 * them. */
#define ov_start() su_start()
#define ov_loopback(af, ss) su_loopback((af), (ss), 0)
#define ov_bound(af, type, addr, len) su_bound((af), (type), (addr), (len))
#define ov_tcp_pair(af, c, a) su_tcp_pair((af), (c), (a))
#define ov_udp_pair(af, s, r) su_udp_pair((af), (s), (r))

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
