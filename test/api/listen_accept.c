/* listen / accept / WSAAccept: state errors, address buffers, blocking modes, cross-thread close,
 * condition functions (CF_ACCEPT, CF_REJECT, CF_DEFER), SOMAXCONN. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

#ifndef SOMAXCONN_HINT	/* Windows SDK winsock2.h; older mingw-w64 lacks it */
#define SOMAXCONN_HINT(b) (-(b))
#endif

/* A listening TCP socket on loopback; addr and len get its address. */
static SOCKET listener(int af, struct sockaddr_storage *addr, int *len)
{
	SOCKET l = socket(af, SOCK_STREAM, 0);

	ASSERT_NE(l, INVALID_SOCKET);
	*len = su_loopback(af, addr, 0);
	ASSERT_EQ(bind(l, (struct sockaddr *)addr, *len), 0);
	*len = sizeof *addr;
	ASSERT_EQ(getsockname(l, (struct sockaddr *)addr, len), 0);
	ASSERT_EQ(listen(l, 5), 0);
	return l;
}

static SOCKET connected_client(int af, const struct sockaddr_storage *addr, int len)
{
	SOCKET c = socket(af, SOCK_STREAM, 0);

	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(connect(c, (const struct sockaddr *)addr, len), 0);
	return c;
}

TEST(listen_state_errors)
{
	struct sockaddr_storage ss;
	SOCKET s, u;
	int len;

	su_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	/* Unbound: Windows refuses (Linux would bind implicitly). */
	FAILS(listen(s, 1), SOCKET_ERROR, WSAEINVAL);
	/* UDP cannot listen. */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_NE(u, INVALID_SOCKET);
	len = su_loopback(AF_INET, &ss, 0);
	ASSERT_EQ(bind(u, (struct sockaddr *)&ss, len), 0);
	FAILS(listen(u, 1), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(listen((SOCKET)23456, 1), SOCKET_ERROR, WSAENOTSOCK);
	/* accept before listen: WSAEINVAL, bound or not. */
	FAILS(accept(s, NULL, NULL), INVALID_SOCKET, WSAEINVAL);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	FAILS(accept(s, NULL, NULL), INVALID_SOCKET, WSAEINVAL);
	/* listen twice is allowed (it changes the backlog). */
	ASSERT_EQ(listen(s, 1), 0);
	ASSERT_EQ(listen(s, 3), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(listen_somaxconn)
{
	struct sockaddr_storage ss;
	SOCKET s;
	int len;

	su_start();
	s = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	len = su_loopback(AF_INET6, &ss, 0);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(listen(s, SOMAXCONN), 0);
	ASSERT_EQ(listen(s, SOMAXCONN_HINT(10)), 0);
	ASSERT_EQ(listen(s, 0), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void accept_peer_address(int af)
{
	struct sockaddr_storage ss, peer, local;
	SOCKET l, c, a;
	int len, plen, llen;

	l = listener(af, &ss, &len);
	c = connected_client(af, &ss, len);
	memset(&peer, 0xcc, sizeof peer);
	plen = sizeof peer;
	a = accept(l, (struct sockaddr *)&peer, &plen);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(plen, af == AF_INET ? 16 : 28);
	ASSERT_EQ(peer.ss_family, af);
	/* The peer is the client's local address. */
	llen = sizeof local;
	ASSERT_EQ(getsockname(c, (struct sockaddr *)&local, &llen), 0);
	ASSERT_EQ(llen, plen);
	ASSERT_EQ(su_port_of(&peer), su_port_of(&local));
	if (af == AF_INET)
		ASSERT_EQ(((struct sockaddr_in *)&peer)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	else
		ASSERT_MEM_EQ(&((struct sockaddr_in6 *)&peer)->sin6_addr, &in6addr_loopback, 16);
	/* getpeername of the accepted socket agrees. */
	llen = sizeof local;
	ASSERT_EQ(getpeername(a, (struct sockaddr *)&local, &llen), 0);
	ASSERT_EQ(su_port_of(&local), su_port_of(&peer));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
}

TEST(accept_peer_address_ipv4_ipv6)
{
	su_start();
	accept_peer_address(AF_INET);
	accept_peer_address(AF_INET6);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(accept_null_address)
{
	struct sockaddr_storage ss;
	SOCKET l, c, a;
	int len;

	su_start();
	l = listener(AF_INET, &ss, &len);
	c = connected_client(AF_INET, &ss, len);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(accept_addrlen_too_small_keeps_connection)
{
	struct sockaddr_storage ss, peer, local;
	SOCKET l, c, a;
	int len, plen, llen;

	su_start();
	l = listener(AF_INET6, &ss, &len);
	c = connected_client(AF_INET6, &ss, len);
	plen = 27;
	FAILS(accept(l, (struct sockaddr *)&peer, &plen), INVALID_SOCKET, WSAEFAULT);
	plen = sizeof peer;
	FAILS(accept(l, (struct sockaddr *)&peer, NULL), INVALID_SOCKET, WSAEFAULT);
	FAILS(accept(l, (struct sockaddr *)1, &plen), INVALID_SOCKET, WSAEFAULT);
	/* The connection was not taken off the queue: a good accept gets it. */
	plen = sizeof peer;
	a = accept(l, (struct sockaddr *)&peer, &plen);
	ASSERT_NE(a, INVALID_SOCKET);
	llen = sizeof local;
	ASSERT_EQ(getsockname(c, (struct sockaddr *)&local, &llen), 0);
	ASSERT_EQ(su_port_of(&peer), su_port_of(&local));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(accept_nonblocking)
{
	struct sockaddr_storage ss;
	u_long on = 1, mode;
	SOCKET l, c, a;
	char b = 0;
	int len;

	su_start();
	l = listener(AF_INET, &ss, &len);
	ASSERT_EQ(ioctlsocket(l, FIONBIO, &on), 0);
	FAILS(accept(l, NULL, NULL), INVALID_SOCKET, WSAEWOULDBLOCK);
	c = connected_client(AF_INET, &ss, len);
	/* The connection is queued as soon as connect returns on loopback, but give the kernel
	 * its chance: poll accept until it answers something other than WSAEWOULDBLOCK. */
	for (int i = 0; i < 1000; i++) {
		a = accept(l, NULL, NULL);
		if (a != INVALID_SOCKET || WSAGetLastError() != WSAEWOULDBLOCK)
			break;
		Sleep(1);
	}
	ASSERT_NE(a, INVALID_SOCKET);
	/* The accepted socket inherits the listener's non-blocking mode. */
	FAILS(recv(a, &b, 1, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* Switching it back works. */
	mode = 0;
	ASSERT_EQ(ioctlsocket(a, FIONBIO, &mode), 0);
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	ASSERT_EQ(recv(a, &b, 1, 0), 1);
	ASSERT_EQ(b, 'x');
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct blocked {
	SOCKET s;
	SOCKET result;
	int error;
};

static DWORD WINAPI blocked_accept(LPVOID arg)
{
	struct blocked *b = arg;

	WSASetLastError(0xdeadbeef);
	b->result = accept(b->s, NULL, NULL);
	b->error = WSAGetLastError();
	return 0;
}

TEST(accept_woken_by_closesocket)
{
	struct sockaddr_storage ss;
	struct blocked b;
	HANDLE th;
	int len;

	su_start();
	b.s = listener(AF_INET, &ss, &len);
	th = CreateThread(NULL, 0, blocked_accept, &b, 0, NULL);
	ASSERT_TRUE(th != NULL);
	Sleep(200);	/* mechanism only: let the thread block in accept */
	ASSERT_EQ(closesocket(b.s), 0);
	ASSERT_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(b.result, INVALID_SOCKET);
	ASSERT_EQ(b.error, WSAEINTR);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A blocking listener's accept waits for a connection, whatever FIONBIO went through after
 * listen (linsock keeps a listener's fd non-blocking inside: docs/design.md A). */
TEST(accept_blocking_waits_after_fionbio)
{
	struct sockaddr_storage ss;
	struct blocked b;
	u_long mode = 1;
	SOCKET c;
	HANDLE th;
	char x = 0;
	int len;

	su_start();
	b.s = listener(AF_INET, &ss, &len);
	ASSERT_EQ(ioctlsocket(b.s, FIONBIO, &mode), 0);
	mode = 0;
	ASSERT_EQ(ioctlsocket(b.s, FIONBIO, &mode), 0);
	th = CreateThread(NULL, 0, blocked_accept, &b, 0, NULL);
	ASSERT_TRUE(th != NULL);
	Sleep(100);	/* mechanism only: the thread is in accept before the connection comes */
	c = connected_client(AF_INET, &ss, len);
	ASSERT_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_NE(b.result, INVALID_SOCKET);
	/* The accepted socket is blocking too: a receive waits for the byte sent after it. */
	ASSERT_EQ(send(c, "y", 1, 0), 1);
	ASSERT_EQ(recv(b.result, &x, 1, 0), 1);
	ASSERT_EQ(x, 'y');
	ASSERT_EQ(closesocket(b.result), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(b.s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct cond_log {
	int verdict;
	int calls;
	u_short caller_port;
	int caller_len;
};

static int CALLBACK condition(LPWSABUF caller, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee,
			      LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
	struct cond_log *log = (struct cond_log *)cb;

	(void)caller_data;
	(void)sqos;
	(void)gqos;
	(void)callee;
	(void)callee_data;
	(void)g;
	log->calls++;
	log->caller_len = (int)caller->len;
	log->caller_port = su_port_of((const struct sockaddr_storage *)caller->buf);
	return log->verdict;
}

TEST(WSAAccept_accept)
{
	struct sockaddr_storage ss, peer, local;
	struct cond_log log = { CF_ACCEPT, 0, 0, 0 };
	SOCKET l, c, a;
	int len, plen = sizeof peer, llen = sizeof local;

	su_start();
	l = listener(AF_INET, &ss, &len);
	c = connected_client(AF_INET, &ss, len);
	ASSERT_EQ(getsockname(c, (struct sockaddr *)&local, &llen), 0);
	a = WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(log.calls, 1);
	ASSERT_EQ(log.caller_len, 16);
	ASSERT_EQ(log.caller_port, su_port_of(&local));
	ASSERT_EQ(plen, 16);
	ASSERT_EQ(su_port_of(&peer), su_port_of(&local));
	ASSERT_EQ(send(a, "ok", 2, 0), 2);
	{
		char buf[2];
		ASSERT_EQ(recv(c, buf, 2, MSG_WAITALL), 2);
		ASSERT_MEM_EQ(buf, "ok", 2);
	}
	/* Without a condition function WSAAccept is accept. */
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	c = connected_client(AF_INET, &ss, len);
	a = WSAAccept(l, NULL, NULL, NULL, 0);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAAccept_reject)
{
	struct sockaddr_storage ss;
	struct cond_log log = { CF_REJECT, 0, 0, 0 };
	SOCKET l, c;
	char buf[4];
	int len;

	su_start();
	l = listener(AF_INET6, &ss, &len);
	c = connected_client(AF_INET6, &ss, len);
	FAILS(WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&log), INVALID_SOCKET, WSAECONNREFUSED);
	ASSERT_EQ(log.calls, 1);
	/* The client sees a reset. */
	FAILS(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAAccept_defer)
{
	struct sockaddr_storage ss, peer, local;
	struct cond_log log = { CF_DEFER, 0, 0, 0 };
	SOCKET l, c, a;
	int len, plen = sizeof peer, llen = sizeof local;
	char buf[3];

	su_start();
	l = listener(AF_INET, &ss, &len);
	c = connected_client(AF_INET, &ss, len);
	ASSERT_EQ(getsockname(c, (struct sockaddr *)&local, &llen), 0);
	FAILS(WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log), INVALID_SOCKET,
	      WSATRY_AGAIN);
	ASSERT_EQ(log.caller_port, su_port_of(&local));
	/* Deferred again: still the same connection. */
	FAILS(WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log), INVALID_SOCKET,
	      WSATRY_AGAIN);
	ASSERT_EQ(log.calls, 2);
	ASSERT_EQ(log.caller_port, su_port_of(&local));
	/* The next WSAAccept that accepts gets the same connection. */
	log.verdict = CF_ACCEPT;
	plen = sizeof peer;
	a = WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(log.calls, 3);
	ASSERT_EQ(su_port_of(&peer), su_port_of(&local));
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	ASSERT_EQ(recv(a, buf, 3, MSG_WAITALL), 3);
	ASSERT_MEM_EQ(buf, "abc", 3);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAAccept_defer_then_close)
{
	struct sockaddr_storage ss;
	struct cond_log log = { CF_DEFER, 0, 0, 0 };
	SOCKET l, c;
	int len;

	su_start();
	/* A deferred connection dies with its listener: nothing leaks. */
	l = listener(AF_INET, &ss, &len);
	c = connected_client(AF_INET, &ss, len);
	FAILS(WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&log), INVALID_SOCKET, WSATRY_AGAIN);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAAccept_addrlen_too_small)
{
	struct sockaddr_storage ss, peer;
	struct cond_log log = { CF_ACCEPT, 0, 0, 0 };
	SOCKET l, c, a;
	int len, plen = 15;

	su_start();
	l = listener(AF_INET, &ss, &len);
	c = connected_client(AF_INET, &ss, len);
	FAILS(WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log), INVALID_SOCKET,
	      WSAEFAULT);
	ASSERT_EQ(log.calls, 0);
	plen = sizeof peer;
	a = WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, (DWORD_PTR)&log);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* Windows keeps a closed listener's port for the connections it accepted only when it was
 * SO_EXCLUSIVEADDRUSE (Microsoft, "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"): otherwise a
 * new socket binds and listens there while they live. */
static void rebind_while_accepted_live(int af, int exclusive)
{
	struct sockaddr_storage ss;
	SOCKET l, c, a, l2;
	DWORD on = 1;
	char b = 0;
	int len;

	l = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l, INVALID_SOCKET);
	if (exclusive)
		ASSERT_EQ(setsockopt(l, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on), 0);
	len = su_loopback(af, &ss, 0);
	ASSERT_EQ(bind(l, (struct sockaddr *)&ss, len), 0);
	len = sizeof ss;
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&ss, &len), 0);
	ASSERT_EQ(listen(l, 5), 0);
	c = connected_client(af, &ss, len);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
	l2 = socket(af, SOCK_STREAM, 0);
	ASSERT_NE(l2, INVALID_SOCKET);
	if (exclusive) {
		ASSERT_EQ(setsockopt(l2, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof on), 0);
		FAILS(bind(l2, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEADDRINUSE);
	} else {
		ASSERT_EQ(bind(l2, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(listen(l2, 5), 0);
	}
	/* The old connection is untouched. */
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	ASSERT_EQ(recv(a, &b, 1, 0), 1);
	ASSERT_EQ(b, 'x');
	ASSERT_EQ(closesocket(l2), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
}

TEST(listen_rebind_while_accepted_live)
{
	su_start();
	rebind_while_accepted_live(AF_INET, 0);
	rebind_while_accepted_live(AF_INET6, 0);
	rebind_while_accepted_live(AF_INET, 1);
	rebind_while_accepted_live(AF_INET6, 1);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A listener shut down for receiving (Linux stops it listening) still owns its port. Bound to a
 * port by number: Linux gives up a port the kernel chose when it stops the listener. */
TEST(listen_shutdown_keeps_port)
{
	static const int hows[] = { SD_RECEIVE, SD_BOTH };
	struct sockaddr_storage ss;
	SOCKET l, b;
	int len;

	su_start();
	for (int i = 0; i < 2; i++) {
		b = socket(AF_INET, SOCK_STREAM, 0);
		ASSERT_NE(b, INVALID_SOCKET);
		len = su_loopback(AF_INET, &ss, 0);
		ASSERT_EQ(bind(b, (struct sockaddr *)&ss, len), 0);
		len = sizeof ss;
		ASSERT_EQ(getsockname(b, (struct sockaddr *)&ss, &len), 0);
		ASSERT_EQ(closesocket(b), 0);	/* nothing connected: the port is free again */
		l = socket(AF_INET, SOCK_STREAM, 0);
		ASSERT_NE(l, INVALID_SOCKET);
		ASSERT_EQ(bind(l, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(listen(l, 5), 0);
		shutdown(l, hows[i]);	/* whatever it answers */
		b = socket(AF_INET, SOCK_STREAM, 0);
		ASSERT_NE(b, INVALID_SOCKET);
		FAILS(bind(b, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEADDRINUSE);
		ASSERT_EQ(closesocket(b), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}
