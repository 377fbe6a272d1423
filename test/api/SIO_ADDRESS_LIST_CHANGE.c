/* SIO_ADDRESS_LIST_CHANGE and SIO_ROUTING_INTERFACE_CHANGE without changing anything: pending
 * requests, their cancellation and abort on close, the non-blocking answer and bad input
 * (Microsoft's WSAIoctl page; docs/design.md N2). Real changes are in test/unit/addrchg.c,
 * which needs a private network namespace. */
#include "overlapped_util.h"

#include <mstcpip.h>

/* An overlapped request on s, pending (skips if this system gives no change source). */
static void post(SOCKET s, DWORD code, OVERLAPPED *ov, HANDLE ev)
{
	struct sockaddr_storage dst;
	int len = 0;
	DWORD n = 0xdead;
	int r;

	if (code == SIO_ROUTING_INTERFACE_CHANGE) {
		WSAPROTOCOL_INFOW pi;
		int pl = sizeof pi;
		ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&pi, &pl), 0);
		len = su_loopback(pi.iAddressFamily, &dst, 9);
	}
	ov_init(ov, ev);
	WSASetLastError(0xdeadbeef);
	r = WSAIoctl(s, code, len ? &dst : NULL, (DWORD)len, NULL, 0, &n, (LPWSAOVERLAPPED)ov, NULL);
	if (r == SOCKET_ERROR && WSAGetLastError() == WSAENETDOWN)
		SKIP("no address/route change source (netlink) here");
	ASSERT_EQ(r, SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_TRUE(!ov_completed(ov));
}

static void cancel_one(int af, DWORD code)
{
	SOCKET s;
	OVERLAPPED ov1, ov2;
	HANDLE e1, e2;
	DWORD got = 0xdead, fl = 0;

	ov_start();
	s = socket(af, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_TRUE(s != INVALID_SOCKET);
	e1 = WSACreateEvent();
	e2 = WSACreateEvent();
	post(s, code, &ov1, e1);
	post(s, code, &ov2, e2);
	ASSERT_TRUE(CancelIoEx((HANDLE)s, &ov1));
	ASSERT_EQ(WaitForSingleObject(e1, 20000), WAIT_OBJECT_0);
	FAILS(WSAGetOverlappedResult(s, (LPWSAOVERLAPPED)&ov1, &got, FALSE, &fl), FALSE, WSA_OPERATION_ABORTED);
	ASSERT_TRUE(!ov_completed(&ov2));	/* the other one still waits */
	ASSERT_TRUE(CancelIo((HANDLE)s));
	FAILS32(GetOverlappedResult((HANDLE)s, &ov2, &got, TRUE), ERROR_OPERATION_ABORTED);
	FAILS32(CancelIoEx((HANDLE)s, NULL), ERROR_NOT_FOUND);
	ASSERT_EQ(closesocket(s), 0);
	WSACloseEvent(e1);
	WSACloseEvent(e2);
	WSACleanup();
}

TEST(SIO_ADDRESS_LIST_CHANGE_cancel_v4) { cancel_one(AF_INET, SIO_ADDRESS_LIST_CHANGE); }
TEST(SIO_ADDRESS_LIST_CHANGE_cancel_v6) { cancel_one(AF_INET6, SIO_ADDRESS_LIST_CHANGE); }
TEST(SIO_ROUTING_INTERFACE_CHANGE_cancel_v4) { cancel_one(AF_INET, SIO_ROUTING_INTERFACE_CHANGE); }

/* closesocket aborts a pending request: event and completion port. */
TEST(SIO_ADDRESS_LIST_CHANGE_close_aborts)
{
	SOCKET s, p;
	OVERLAPPED ov, pov, *got = NULL;
	HANDLE ev, port;
	DWORD n = 0xdead;
	ULONG_PTR key = 0;

	ov_start();
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	p = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_TRUE(s != INVALID_SOCKET && p != INVALID_SOCKET);
	ev = WSACreateEvent();
	port = CreateIoCompletionPort((HANDLE)p, NULL, 5, 0);
	ASSERT_TRUE(port != NULL);
	post(s, SIO_ADDRESS_LIST_CHANGE, &ov, ev);
	post(p, SIO_ADDRESS_LIST_CHANGE, &pov, NULL);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
	ASSERT_EQ((DWORD)ov.Internal, 0xC0000120);	/* STATUS_CANCELLED */
	ASSERT_EQ(closesocket(p), 0);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, 20000), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(got == &pov);
	ASSERT_EQ(key, 5);
	CloseHandle(port);
	WSACloseEvent(ev);
	WSACleanup();
}

/* A pending request waits in its own queue: receives and sends on the socket go on. */
TEST(SIO_ADDRESS_LIST_CHANGE_does_not_block_io)
{
	SOCKET s, r;
	OVERLAPPED ov, rov;
	HANDLE ev, rev;
	WSABUF b;
	char buf[8];
	DWORD n = 0, fl = 0;

	ov_start();
	ov_udp_pair(AF_INET, &s, &r);
	ev = WSACreateEvent();
	rev = WSACreateEvent();
	post(r, SIO_ADDRESS_LIST_CHANGE, &ov, ev);
	b.buf = buf;
	b.len = sizeof buf;
	ov_init(&rov, rev);
	FAILS(WSARecv(r, &b, 1, NULL, &fl, (LPWSAOVERLAPPED)&rov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(s, "ping", 4, 0), 4);
	ASSERT_EQ(WaitForSingleObject(rev, 20000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(r, (LPWSAOVERLAPPED)&rov, &n, FALSE, &fl));
	ASSERT_EQ(n, 4);
	ASSERT_TRUE(!ov_completed(&ov));
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
	closesocket(s);
	WSACloseEvent(ev);
	WSACloseEvent(rev);
	WSACleanup();
}

/* A non-blocking socket without OVERLAPPED: WSAEWOULDBLOCK (the FD_ event is armed). */
TEST(SIO_ADDRESS_LIST_CHANGE_nonblocking)
{
	SOCKET s;
	u_long on = 1;
	DWORD n = 0xdead;
	struct sockaddr_storage dst;
	int r, len;

	ov_start();
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_TRUE(s != INVALID_SOCKET);
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &on), 0);
	WSASetLastError(0xdeadbeef);
	r = WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL);
	if (r == SOCKET_ERROR && WSAGetLastError() == WSAENETDOWN)
		SKIP("no address/route change source (netlink) here");
	ASSERT_EQ(r, SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	ASSERT_EQ(n, 0);
	len = su_loopback(AF_INET, &dst, 9);
	FAILS(WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, &dst, (DWORD)len, NULL, 0, &n, NULL, NULL), SOCKET_ERROR,
	      WSAEWOULDBLOCK);
	/* A synchronous call needs its byte count, as every WSAIoctl. */
	FAILS(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	closesocket(s);
	WSACleanup();
}

/* SIO_ROUTING_INTERFACE_CHANGE's destination: missing or short WSAEFAULT, another family
 * WSAEAFNOSUPPORT; checked before anything pends. */
TEST(SIO_ROUTING_INTERFACE_CHANGE_bad_input)
{
	SOCKET s4, s6;
	struct sockaddr_storage ss4, ss6;
	struct sockaddr_in d4;
	struct sockaddr_in6 d6;
	OVERLAPPED ov;
	DWORD n;

	ov_start();
	s4 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_TRUE(s4 != INVALID_SOCKET && s6 != INVALID_SOCKET);
	su_loopback(AF_INET, &ss4, 9);
	su_loopback(AF_INET6, &ss6, 9);
	memcpy(&d4, &ss4, sizeof d4);
	memcpy(&d6, &ss6, sizeof d6);
	ov_init(&ov, NULL);
	FAILS(WSAIoctl(s4, SIO_ROUTING_INTERFACE_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAIoctl(s4, SIO_ROUTING_INTERFACE_CHANGE, NULL, sizeof d4, NULL, 0, &n, &ov, NULL), SOCKET_ERROR,
	      WSAEFAULT);
	FAILS(WSAIoctl(s4, SIO_ROUTING_INTERFACE_CHANGE, &d4, 4, NULL, 0, &n, &ov, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAIoctl(s6, SIO_ROUTING_INTERFACE_CHANGE, &d6, sizeof d4, NULL, 0, &n, &ov, NULL), SOCKET_ERROR,
	      WSAEFAULT);
	FAILS(WSAIoctl(s4, SIO_ROUTING_INTERFACE_CHANGE, &d6, sizeof d6, NULL, 0, &n, &ov, NULL), SOCKET_ERROR,
	      WSAEAFNOSUPPORT);
	FAILS(WSAIoctl(s6, SIO_ROUTING_INTERFACE_CHANGE, &d4, sizeof d4, NULL, 0, &n, &ov, NULL), SOCKET_ERROR,
	      WSAEAFNOSUPPORT);
	d4.sin_family = 99;
	FAILS(WSAIoctl(s4, SIO_ROUTING_INTERFACE_CHANGE, &d4, sizeof d4, NULL, 0, &n, &ov, NULL), SOCKET_ERROR,
	      WSAEAFNOSUPPORT);
	ASSERT_EQ(ov.Internal, 0);	/* nothing started */
	closesocket(s4);
	closesocket(s6);
	WSACleanup();
}

struct blocked {
	SOCKET s;
	int r, err;
};

static DWORD WINAPI block_thread(LPVOID p)
{
	struct blocked *b = p;
	DWORD n;

	b->r = WSAIoctl(b->s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL);
	b->err = b->r ? WSAGetLastError() : 0;
	return 0;
}

/* A blocking call is synchronous I/O: CancelSynchronousIo ends it (WSA_OPERATION_ABORTED). */
TEST(SIO_ADDRESS_LIST_CHANGE_blocking_cancel)
{
	struct blocked b = { 0, -7, -7 };
	HANDLE t;

	ov_start();
	b.s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_TRUE(b.s != INVALID_SOCKET);
	t = CreateThread(NULL, 0, block_thread, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	/* Not in the call yet: ERROR_NOT_FOUND; try until it is (or has failed on its own). */
	while (!CancelSynchronousIo(t)) {
		ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
		if (WaitForSingleObject(t, 1) == WAIT_OBJECT_0)
			break;
	}
	ASSERT_EQ(WaitForSingleObject(t, 20000), WAIT_OBJECT_0);
	if (b.r == SOCKET_ERROR && b.err == WSAENETDOWN)
		SKIP("no address/route change source (netlink) here");
	ASSERT_EQ(b.r, SOCKET_ERROR);
	ASSERT_EQ(b.err, WSA_OPERATION_ABORTED);
	CloseHandle(t);
	closesocket(b.s);
	WSACleanup();
}
