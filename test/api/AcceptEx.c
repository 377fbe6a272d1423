/* AcceptEx and GetAcceptExSockaddrs, through the mswsock export and the WSAIoctl pointer:
 * completion on the listener's port with its key, or through an event; the first receive;
 * addresses matching getsockname/getpeername after SO_UPDATE_ACCEPT_CONTEXT; Windows'
 * validation (Wine's test_AcceptEx, run on Windows); aborts when the listener or the accept
 * socket is closed while it is pending. */
#include <mswsock.h>

#include "overlapped_util.h"

#define SLOT(af) ((DWORD)((af) == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)) + 16)

static SOCKET listener(int af, struct sockaddr_storage *ss, int *len)
{
	SOCKET l = ov_bound(af, SOCK_STREAM, ss, len);

	ASSERT_EQ(listen(l, 5), 0);
	return l;
}

static LPFN_ACCEPTEX get_acceptex(SOCKET s)
{
	GUID g = WSAID_ACCEPTEX;
	LPFN_ACCEPTEX fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_EQ(n, sizeof fn);
	ASSERT_TRUE(fn != NULL);
	return fn;
}

static void same_addr(const struct sockaddr *a, int alen, const struct sockaddr *b, int blen)
{
	ASSERT_EQ(alen, blen);
	ASSERT_MEM_EQ(a, b, alen);
}

/* After an accept with an address layout: GetAcceptExSockaddrs matches the socket's names. */
static void check_names(int af, SOCKET a, SOCKET l, char *buf, DWORD data)
{
	struct sockaddr *lp = NULL, *rp = NULL;
	struct sockaddr_storage ln, rn;
	int llen = 0, rlen = 0, n1 = sizeof ln, n2 = sizeof rn;

	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l), 0);
	GetAcceptExSockaddrs(buf, data, SLOT(af), SLOT(af), &lp, &llen, &rp, &rlen);
	ASSERT_EQ(getsockname(a, (struct sockaddr *)&ln, &n1), 0);
	ASSERT_EQ(getpeername(a, (struct sockaddr *)&rn, &n2), 0);
	same_addr(lp, llen, (struct sockaddr *)&ln, n1);
	same_addr(rp, rlen, (struct sockaddr *)&rn, n2);
	ASSERT_EQ(lp->sa_family, af);
}

static void with_event(int af, int via_pointer)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256], got[8];
	DWORD n = 0xdead;
	int len;
	LPFN_ACCEPTEX fn;

	ov_start();
	l = listener(af, &ss, &len);
	fn = via_pointer ? get_acceptex(l) : AcceptEx;
	a = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(a, INVALID_SOCKET);
	ov_init(&ov, WSACreateEvent());
	FAILS(fn(l, a, buf, 0, SLOT(af), SLOT(af), &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	ASSERT_EQ(n, 0);
	check_names(af, a, l, buf, 0);
	/* The SOCKET the program made is the connection. */
	ASSERT_EQ(send(c, "hi", 2, 0), 2);
	ASSERT_EQ(recv(a, got, 2, MSG_WAITALL), 2);
	ASSERT_MEM_EQ(got, "hi", 2);
	ASSERT_EQ(send(a, "yo", 2, 0), 2);
	ASSERT_EQ(recv(c, got, 2, MSG_WAITALL), 2);
	ASSERT_MEM_EQ(got, "yo", 2);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(AcceptEx_event_v4) { with_event(AF_INET, 0); }
TEST(AcceptEx_event_v6) { with_event(AF_INET6, 0); }
TEST(AcceptEx_pointer_event_v4) { with_event(AF_INET, 1); }
TEST(AcceptEx_pointer_event_v6) { with_event(AF_INET6, 1); }

/* Completion on the listener's port with the listener's key; with a data buffer it waits for
 * the first bytes, which it reports. */
static void with_port(int af, DWORD data)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c;
	OVERLAPPED ov, *got_ov = NULL;
	char buf[512];
	DWORD n = 0;
	ULONG_PTR key = 0;
	HANDLE port;
	int len;

	ov_start();
	l = listener(af, &ss, &len);
	port = CreateIoCompletionPort((HANDLE)l, NULL, 0x55, 0);
	ASSERT_TRUE(port != NULL);
	a = socket(af, SOCK_STREAM, 0);
	ov_init(&ov, NULL);
	FAILS(get_acceptex(l)(l, a, buf, data, SLOT(af), SLOT(af), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	if (data) {
		/* Connected, no data yet: still pending (Wine's test, "short reads"). */
		ASSERT_TRUE(!GetQueuedCompletionStatus(port, &n, &key, &got_ov, 100));
		ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
		ASSERT_EQ(send(c, "hello", 5, 0), 5);
	}
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 10000));
	ASSERT_EQ(key, 0x55);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(n, data ? 5 : 0);
	if (data)
		ASSERT_MEM_EQ(buf, "hello", 5);
	check_names(af, a, l, buf, data);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(AcceptEx_port_v4) { with_port(AF_INET, 0); }
TEST(AcceptEx_port_v6) { with_port(AF_INET6, 0); }
TEST(AcceptEx_port_data_v4) { with_port(AF_INET, 100); }
TEST(AcceptEx_port_data_v6) { with_port(AF_INET6, 100); }

/* A listener bound to the wildcard address: the local slot holds the address the connection
 * came to (loopback), not the listener's 0.0.0.0 / ::. */
static void wildcard(int af)
{
	struct sockaddr_storage ss, lo;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 7;
	int len = sizeof ss, lolen;

	ov_start();
	l = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l, INVALID_SOCKET);
	memset(&ss, 0, sizeof ss);
	ss.ss_family = (ADDRESS_FAMILY)af;	/* any address, port 0 */
	ASSERT_EQ(bind(l, (struct sockaddr *)&ss, af == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&ss, &len), 0);
	ASSERT_EQ(listen(l, 5), 0);
	lolen = su_loopback(af, &lo, su_port_of(&ss));
	a = socket(af, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 0, SLOT(af), SLOT(af), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&lo, lolen), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	check_names(af, a, l, buf, 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(AcceptEx_wildcard_listener_v4) { wildcard(AF_INET); }
TEST(AcceptEx_wildcard_listener_v6) { wildcard(AF_INET6); }

/* A dual-stack listener bound to ::ffff:0.0.0.0 (IPv4's wildcard, mapped): an IPv4 client's
 * connection has the mapped loopback address as its local one. */
TEST(AcceptEx_wildcard_listener_v4mapped)
{
	struct sockaddr_in6 any6;
	struct sockaddr_in lo;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 7, off = 0;
	int len = sizeof any6;

	ov_start();
	l = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(l, INVALID_SOCKET);
	ASSERT_EQ(setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&off, sizeof off), 0);
	memset(&any6, 0, sizeof any6);
	any6.sin6_family = AF_INET6;
	any6.sin6_addr.s6_addr[10] = 0xff;
	any6.sin6_addr.s6_addr[11] = 0xff;
	ASSERT_EQ(bind(l, (struct sockaddr *)&any6, sizeof any6), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&any6, &len), 0);
	ASSERT_EQ(listen(l, 5), 0);
	memset(&lo, 0, sizeof lo);
	lo.sin_family = AF_INET;
	lo.sin_port = any6.sin6_port;
	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a = socket(AF_INET6, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 0, SLOT(AF_INET6), SLOT(AF_INET6), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&lo, sizeof lo), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	check_names(AF_INET6, a, l, buf, 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

static DWORD WINAPI blocking_accept(LPVOID arg)
{
	SOCKET *s = arg;

	*s = accept(*s, NULL, NULL);
	return 0;
}

/* AcceptEx and a blocking accept on one blocking listener: after the AcceptEx, accept still
 * blocks until a connection comes (no WSAEWOULDBLOCK from a mode changed behind its back). */
TEST(AcceptEx_then_blocking_accept)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c, c2, got;
	OVERLAPPED ov;
	HANDLE th;
	char buf[256];
	DWORD n = 7;
	int len;

	ov_start();
	l = listener(AF_INET, &ss, &len);
	a = socket(AF_INET, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	got = l;
	th = CreateThread(NULL, 0, blocking_accept, &got, 0, NULL);
	ASSERT_TRUE(th != NULL);
	Sleep(100);	/* mechanism only: the thread is in accept before the connection comes */
	c2 = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c2, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_NE(got, INVALID_SOCKET);
	ASSERT_NE(got, l);
	ASSERT_EQ(closesocket(got), 0);
	ASSERT_EQ(closesocket(c2), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Windows: a peer that closes before sending completes the receive with 0 bytes, successfully
 * (Wine's test_AcceptEx, "disconnect during receive"). */
TEST(AcceptEx_data_peer_closes)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 7;
	int len;

	ov_start();
	l = listener(AF_INET, &ss, &len);
	a = socket(AF_INET, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 64, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	n = 123;
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

/* A connection already waiting completes AcceptEx at once (TRUE), and the completion is still
 * delivered (the event is set). */
TEST(AcceptEx_immediate)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 7;
	int len;

	ov_start();
	l = listener(AF_INET6, &ss, &len);
	c = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	a = socket(AF_INET6, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	ASSERT_TRUE(AcceptEx(l, a, buf, 0, SLOT(AF_INET6), SLOT(AF_INET6), &n, &ov));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
	check_names(AF_INET6, a, l, buf, 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(AcceptEx_bad_input)
{
	struct sockaddr_storage ss;
	SOCKET l, a, a6, bound, nl;
	OVERLAPPED ov, ov2;
	char buf[256];
	DWORD n;
	int len;
	LPFN_ACCEPTEX fn;

	ov_start();
	nl = ov_bound(AF_INET, SOCK_STREAM, &ss, &len);
	a = socket(AF_INET, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	fn = get_acceptex(nl);
	/* Windows (Wine's test_AcceptEx): */
	FAILS(fn(INVALID_SOCKET, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, WSAENOTSOCK);
	FAILS(fn(nl, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, WSAEINVAL);	/* not listening */
	ASSERT_EQ(closesocket(nl), 0);
	l = listener(AF_INET, &ss, &len);
	FAILS(fn(l, INVALID_SOCKET, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, WSAENOTSOCK);
	FAILS(fn(l, a, NULL, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, WSAEFAULT);
	FAILS(fn(l, a, buf, 0, SLOT(AF_INET), 0, &n, &ov), FALSE, WSAEFAULT);
	FAILS(fn(l, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(fn(l, a, buf, 0, 0, 0, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
	/* A short local slot is accepted (pending), as on Windows. */
	FAILS(fn(l, a, buf, 0, 0, SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_TRUE(CancelIo((HANDLE)l));
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	FAILS32(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE), ERROR_OPERATION_ABORTED);
	/* Windows: a second AcceptEx into a socket that already has one pending is WSAEINVAL. */
	FAILS(fn(l, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	ov_init(&ov2, NULL);
	FAILS(fn(l, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov2), FALSE, WSAEINVAL);
	ASSERT_TRUE(CancelIo((HANDLE)l));
	/* Ours (pinned): an accept socket of another family, a bound one, or the listener. */
	a6 = socket(AF_INET6, SOCK_STREAM, 0);
	FAILS(fn(l, a6, buf, 0, SLOT(AF_INET6), SLOT(AF_INET6), &n, &ov2), FALSE, WSAEINVAL);
	bound = ov_bound(AF_INET, SOCK_STREAM, &ss, &len);
	FAILS(fn(l, bound, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov2), FALSE, WSAEINVAL);
	FAILS(fn(l, l, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov2), FALSE, WSAEINVAL);
	/* SO_UPDATE_ACCEPT_CONTEXT wants a listening socket (SOCKET-sized value). */
	FAILS(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&bound, sizeof bound), SOCKET_ERROR,
	      WSAEINVAL);
	{
		SOCKET none = INVALID_SOCKET;
		FAILS(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&none, sizeof none), SOCKET_ERROR,
		      WSAENOTSOCK);
		FAILS(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, 2), SOCKET_ERROR, WSAEFAULT);
	}
	ASSERT_EQ(closesocket(bound), 0);
	ASSERT_EQ(closesocket(a6), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Closing the listener with an AcceptEx pending completes it once, aborted (Windows: Wine's
 * test_AcceptEx); on a port, one failure packet. */
TEST(AcceptEx_listener_closed)
{
	struct sockaddr_storage ss;
	SOCKET l, a;
	OVERLAPPED ov, *got_ov = NULL;
	char buf[256];
	DWORD n = 0;
	ULONG_PTR key = 0;
	HANDLE port;
	int len;

	ov_start();
	l = listener(AF_INET, &ss, &len);
	port = CreateIoCompletionPort((HANDLE)l, NULL, 9, 0);
	a = socket(AF_INET, SOCK_STREAM, 0);
	ov_init(&ov, NULL);
	FAILS(AcceptEx(l, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_EQ(closesocket(l), 0);
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 10000), ERROR_OPERATION_ABORTED);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(key, 9);
	ASSERT_EQ(ov.Internal, 0xC0000120);	/* STATUS_CANCELLED */
	WSASetLastError(0);
	{
		DWORD fl;
		ASSERT_EQ(WSAGetOverlappedResult(a, &ov, &n, FALSE, &fl), FALSE);
		ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	}
	/* Exactly once. */
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 100), WAIT_TIMEOUT);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Closing the accept socket aborts the AcceptEx too (Windows: Wine's test_AcceptEx); the
 * listener stays usable. */
TEST(AcceptEx_accept_socket_closed)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 0;
	int len;

	ov_start();
	l = listener(AF_INET6, &ss, &len);
	a = socket(AF_INET6, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 0, SLOT(AF_INET6), SLOT(AF_INET6), &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	FAILS32(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE), ERROR_OPERATION_ABORTED);
	c = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

/* bind, retried while WSAEADDRINUSE for up to about 2 s. The io_uring backend lets the kernel
 * free a closed listener that had an AcceptEx only when its poll request ends, a moment after
 * closesocket returned (an engine matter, not this test's); a TIME_WAIT remnant that wrongly
 * blocked the port would hold it for a minute. */
static int bind_soon(SOCKET s, const struct sockaddr_storage *ss, int len)
{
	int r = SOCKET_ERROR;

	for (int i = 0; i < 200; i++) {
		r = bind(s, (const struct sockaddr *)ss, len);
		if (r == 0 || WSAGetLastError() != WSAEADDRINUSE)
			break;
		Sleep(10);
	}
	return r;
}

/* The server closes first, so the accept socket's connection sits in TIME_WAIT on the listener's
 * port: Windows lets a new socket bind and listen there at once (Linux only when the remnant
 * carries SO_REUSEADDR, which such a connection has from its listener: closesocket sets none). */
static void time_wait_rebind(int af)
{
	struct sockaddr_storage ss;
	SOCKET l, a, c, l2;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 0;
	int len;

	ov_start();
	l = listener(af, &ss, &len);
	a = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(a, INVALID_SOCKET);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l, a, buf, 0, SLOT(af), SLOT(af), &n, &ov), FALSE, ERROR_IO_PENDING);
	c = socket(af, SOCK_STREAM, 0);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
	ASSERT_EQ(closesocket(a), 0);	/* active close on the listener's port */
	ASSERT_EQ(recv(c, buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	l2 = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l2, INVALID_SOCKET);
	ASSERT_EQ(bind_soon(l2, &ss, len), 0);
	ASSERT_EQ(listen(l2, 1), 0);
	ASSERT_EQ(closesocket(l2), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(AcceptEx_time_wait_rebind_v4) { time_wait_rebind(AF_INET); }
TEST(AcceptEx_time_wait_rebind_v6) { time_wait_rebind(AF_INET6); }

/* An accept socket whose AcceptEx was cancelled, then connected by connect, closes first: its
 * own port sits in TIME_WAIT and can be bound again at once, as any connection's (the socket
 * got no SO_REUSEADDR from a listener, so closesocket must set it). */
TEST(AcceptEx_cancelled_then_connect_time_wait)
{
	struct sockaddr_storage ss1, ss2, me;
	SOCKET l1, l2, a, s, b;
	OVERLAPPED ov;
	char buf[256];
	DWORD n = 0;
	int len1, len2, mlen = sizeof me;

	ov_start();
	l1 = listener(AF_INET, &ss1, &len1);
	l2 = listener(AF_INET, &ss2, &len2);
	a = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(a, INVALID_SOCKET);
	ov_init(&ov, WSACreateEvent());
	FAILS(AcceptEx(l1, a, buf, 0, SLOT(AF_INET), SLOT(AF_INET), &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_TRUE(CancelIoEx((HANDLE)l1, &ov));
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	FAILS32(GetOverlappedResult((HANDLE)l1, &ov, &n, FALSE), ERROR_OPERATION_ABORTED);
	ASSERT_EQ(connect(a, (struct sockaddr *)&ss2, len2), 0);
	s = accept(l2, NULL, NULL);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(getsockname(a, (struct sockaddr *)&me, &mlen), 0);
	ASSERT_EQ(closesocket(a), 0);	/* active close: a's port goes to TIME_WAIT */
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 0);
	ASSERT_EQ(closesocket(s), 0);
	b = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(b, INVALID_SOCKET);
	ASSERT_EQ(bind_soon(b, &me, mlen), 0);
	ASSERT_EQ(closesocket(b), 0);
	ASSERT_EQ(closesocket(l1), 0);
	ASSERT_EQ(closesocket(l2), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}
