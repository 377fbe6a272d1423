/* ConnectEx and DisconnectEx (through WSAIoctl's SIO_GET_EXTENSION_FUNCTION_POINTER, as on
 * Windows, where neither is exported by name): validation in Windows' order (Wine's
 * test_ConnectEx, run on Windows), completion through an event and through a port, the optional
 * send buffer, a refused connection (ERROR_CONNECTION_REFUSED / WSAECONNREFUSED),
 * SO_UPDATE_CONNECT_CONTEXT; DisconnectEx's shutdown, and TF_REUSE_SOCKET: the same socket
 * reused by AcceptEx and by ConnectEx. */
#include <mswsock.h>

#include "overlapped_util.h"

static void *ext(SOCKET s, GUID g)
{
	void *fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_TRUE(fn != NULL);
	return fn;
}

static LPFN_CONNECTEX connectex(SOCKET s)
{
	GUID g = WSAID_CONNECTEX;
	return (LPFN_CONNECTEX)ext(s, g);
}

static LPFN_DISCONNECTEX disconnectex(SOCKET s)
{
	GUID g = WSAID_DISCONNECTEX;
	return (LPFN_DISCONNECTEX)ext(s, g);
}

/* A socket bound to the loopback address, port 0. */
static SOCKET bound_any(int af)
{
	struct sockaddr_storage ss;
	SOCKET s = socket(af, SOCK_STREAM, 0);
	int len = ov_loopback(af, &ss);

	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	return s;
}

static void event_and_data(int af)
{
	struct sockaddr_storage ss;
	SOCKET l, c, a;
	OVERLAPPED ov;
	DWORD n = 0;
	char got[8];
	int len;
	LPFN_CONNECTEX fn;

	ov_start();
	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	c = socket(af, SOCK_STREAM, 0);
	fn = connectex(c);
	ov_init(&ov, WSACreateEvent());
	/* Windows: unbound WSAEINVAL, then (bound) no OVERLAPPED ERROR_INVALID_PARAMETER. */
	FAILS(fn(INVALID_SOCKET, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, WSAENOTSOCK);
	FAILS(fn(c, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, WSAEINVAL);
	ASSERT_EQ(closesocket(c), 0);
	c = bound_any(af);
	FAILS(fn(c, (struct sockaddr *)&ss, len, NULL, 0, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
	/* Ours (pinned): a listening socket is WSAEINVAL; a NULL name WSAEFAULT. */
	FAILS(fn(l, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, WSAEINVAL);
	FAILS(fn(c, NULL, len, NULL, 0, &n, &ov), FALSE, WSAEFAULT);
	/* Either pending or done at once; the event is set in both cases. */
	if (!fn(c, (struct sockaddr *)&ss, len, "abc", 3, &n, &ov))
		ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)c, &ov, &n, FALSE));
	ASSERT_EQ(n, 3);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(recv(a, got, 3, MSG_WAITALL), 3);
	ASSERT_MEM_EQ(got, "abc", 3);
	{
		struct sockaddr_storage p1, p2;
		int l1 = sizeof p1, l2 = sizeof p2;
		ASSERT_EQ(getpeername(c, (struct sockaddr *)&p1, &l1), 0);
		ASSERT_EQ(getsockname(a, (struct sockaddr *)&p2, &l2), 0);
		ASSERT_EQ(l1, l2);
		ASSERT_MEM_EQ(&p1, &p2, l1);
	}
	/* Already connected. */
	FAILS(fn(c, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, WSAEISCONN);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ConnectEx_event_v4) { event_and_data(AF_INET); }
TEST(ConnectEx_event_v6) { event_and_data(AF_INET6); }

static void on_port(int af)
{
	struct sockaddr_storage ss;
	SOCKET l, c, a;
	OVERLAPPED ov, *got_ov = NULL;
	DWORD n = 0;
	ULONG_PTR key = 0;
	HANDLE port;
	int len;

	ov_start();
	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	c = bound_any(af);
	port = CreateIoCompletionPort((HANDLE)c, NULL, 0x31, 0);
	ov_init(&ov, NULL);
	if (!connectex(c)(c, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov))
		ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 10000));
	ASSERT_EQ(key, 0x31);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(n, 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ConnectEx_port_v4) { on_port(AF_INET); }
TEST(ConnectEx_port_v6) { on_port(AF_INET6); }

/* A refused connection: pending, then ERROR_CONNECTION_REFUSED (Windows, Wine's
 * test_ConnectEx) / WSAECONNREFUSED, STATUS_CONNECTION_REFUSED in Internal. */
static void refused(int af)
{
	struct sockaddr_storage ss;
	SOCKET l, c;
	OVERLAPPED ov;
	DWORD n = 0, fl = 0;
	int len;

	ov_start();
	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(closesocket(l), 0);	/* nobody listens on that port now */
	c = bound_any(af);
	ov_init(&ov, WSACreateEvent());
	FAILS(connectex(c)(c, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	FAILS32(GetOverlappedResult((HANDLE)c, &ov, &n, FALSE), ERROR_CONNECTION_REFUSED);
	ASSERT_EQ(ov.Internal, 0xC0000236);	/* STATUS_CONNECTION_REFUSED */
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(c, &ov, &n, FALSE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAECONNREFUSED);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(ConnectEx_refused_v4) { refused(AF_INET); }
TEST(ConnectEx_refused_v6) { refused(AF_INET6); }

TEST(DisconnectEx_shutdown)
{
	SOCKET c, a;
	OVERLAPPED ov;
	DWORD n = 5;
	char b[4];
	LPFN_DISCONNECTEX fn;
	SOCKET u;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	fn = disconnectex(c);
	ov_init(&ov, WSACreateEvent());
	FAILS(fn(INVALID_SOCKET, &ov, 0, 0), FALSE, WSAENOTSOCK);
	FAILS(fn(c, &ov, 0, 1), FALSE, WSAEINVAL);
	FAILS(fn(c, &ov, 0x100, 0), FALSE, WSAEINVAL);
	u = socket(AF_INET, SOCK_STREAM, 0);
	FAILS(fn(u, &ov, 0, 0), FALSE, WSAENOTCONN);	/* Windows (Wine's test_DisconnectEx) */
	ASSERT_EQ(closesocket(u), 0);
	/* Ours (pinned): completes at once (TRUE), still delivered. */
	ASSERT_TRUE(fn(c, &ov, 0, 0));
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)c, &ov, &n, FALSE));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(recv(a, b, sizeof b, 0), 0);	/* the peer sees the end of the stream */
	FAILS(send(c, "x", 1, 0), SOCKET_ERROR, WSAESHUTDOWN);
	/* Without an OVERLAPPED: synchronous. */
	ASSERT_TRUE(fn(a, NULL, 0, 0));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

static void recv_exact(SOCKET s, const char *want, int n)
{
	char buf[32];
	int got = 0;

	while (got < n) {
		int r = recv(s, buf + got, n - got, 0);
		ASSERT_TRUE(r > 0);
		got += r;
	}
	ASSERT_MEM_EQ(buf, want, n);
}

/* DisconnectEx(TF_REUSE_SOCKET) on an accepted socket, then AcceptEx into the same SOCKET,
 * twice. */
static void reuse_in_acceptex(int af)
{
	struct sockaddr_storage ss;
	OVERLAPPED ov;
	SOCKET l, a, c;
	char buf[2 * (sizeof(struct sockaddr_storage) + 16)], x;
	DWORD n = 0;
	LPFN_DISCONNECTEX dis;
	int len, round;

	ov_start();
	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	a = socket(af, SOCK_STREAM, 0);
	dis = disconnectex(a);
	ov_init(&ov, WSACreateEvent());
	for (round = 0; round < 2; round++) {
		WSAResetEvent(ov.hEvent);
		if (!AcceptEx(l, a, buf, 0, sizeof ss + 16, sizeof ss + 16, &n, &ov))
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
		c = socket(af, SOCK_STREAM, 0);
		ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
		ASSERT_TRUE(GetOverlappedResult((HANDLE)l, &ov, &n, FALSE));
		ASSERT_EQ(send(a, "hi", 2, 0), 2);
		recv_exact(c, "hi", 2);
		/* Synchronous DisconnectEx with reuse: the peer sees the end of the stream. */
		ASSERT_TRUE(dis(a, NULL, TF_REUSE_SOCKET, 0));
		ASSERT_EQ(recv(c, &x, 1, 0), 0);
		FAILS(send(a, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
		ASSERT_EQ(closesocket(c), 0);
	}
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(DisconnectEx_reuse_in_acceptex_v4) { reuse_in_acceptex(AF_INET); }
TEST(DisconnectEx_reuse_in_acceptex_v6) { reuse_in_acceptex(AF_INET6); }

/* ConnectEx, DisconnectEx(TF_REUSE_SOCKET) overlapped on a port, then ConnectEx again on the
 * same SOCKET without a new bind. */
static void reuse_in_connectex(int af)
{
	struct sockaddr_storage ss;
	OVERLAPPED ov, *got = NULL;
	SOCKET l, c, a;
	ULONG_PTR key = 0;
	DWORD n = 0;
	HANDLE port;
	char x;
	int len, round;

	ov_start();
	l = ov_bound(af, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	c = bound_any(af);
	port = CreateIoCompletionPort((HANDLE)c, NULL, 9, 0);
	ASSERT_TRUE(port != NULL);
	for (round = 0; round < 3; round++) {
		ov_init(&ov, NULL);
		if (!connectex(c)(c, (struct sockaddr *)&ss, len, "ab", 2, &n, &ov))
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
		ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
		ASSERT_TRUE(got == &ov);
		ASSERT_EQ(n, 2);
		ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		recv_exact(a, "ab", 2);
		ov_init(&ov, NULL);
		ASSERT_TRUE(disconnectex(c)(c, &ov, TF_REUSE_SOCKET, 0));
		/* Delivered to the port all the same (the binding survives the reuse). */
		ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
		ASSERT_TRUE(got == &ov);
		ASSERT_EQ(key, 9);
		ASSERT_EQ(recv(a, &x, 1, 0), 0);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(DisconnectEx_reuse_in_connectex_v4) { reuse_in_connectex(AF_INET); }
TEST(DisconnectEx_reuse_in_connectex_v6) { reuse_in_connectex(AF_INET6); }

/* The "reused, no bind needed" mark belongs to that socket: closed while still marked, the next
 * socket (same fd number, often the same record) is a plain unbound socket again. */
TEST(DisconnectEx_reuse_mark_dies_with_the_socket)
{
	struct sockaddr_storage ss;
	OVERLAPPED ov;
	SOCKET l, c, a, d;
	DWORD n = 0;
	int len;

	ov_start();
	l = ov_bound(AF_INET, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 5), 0);
	c = bound_any(AF_INET);
	ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_TRUE(disconnectex(c)(c, NULL, TF_REUSE_SOCKET, 0));
	ASSERT_EQ(closesocket(c), 0);	/* reused and never connected again */
	d = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(d, INVALID_SOCKET);
	ov_init(&ov, NULL);
	FAILS(connectex(d)(d, (struct sockaddr *)&ss, len, NULL, 0, &n, &ov), FALSE, WSAEINVAL);
	ASSERT_EQ(closesocket(d), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* DisconnectEx(TF_REUSE_SOCKET) with a receive still posted: that receive ends aborted. */
TEST(DisconnectEx_reuse_aborts_pending)
{
	OVERLAPPED rov;
	SOCKET c, a;
	WSABUF b;
	DWORD n = 0, fl = 0;
	char buf[8];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	b.buf = buf;
	b.len = sizeof buf;
	ov_init(&rov, WSACreateEvent());
	FAILS(WSARecv(a, &b, 1, NULL, &fl, &rov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_TRUE(disconnectex(a)(a, NULL, TF_REUSE_SOCKET, 0));
	ASSERT_EQ(WaitForSingleObject(rov.hEvent, 10000), WAIT_OBJECT_0);
	WSASetLastError(0);
	ASSERT_TRUE(!WSAGetOverlappedResult(a, &rov, &n, FALSE, &fl));
	ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(WSACloseEvent(rov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}
