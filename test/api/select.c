/* select and the fd_set macros (FD_SETSIZE 64 here; select_big.c defines 256): readiness for
 * reading, writing and exceptions on real loopback sockets of both families, failed
 * non-blocking connects, urgent data, closes, argument errors. Expected values are Windows'
 * (spec data-transfer.md §13, Wine's test_select run on Windows). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <stddef.h>

#include "test.h"

#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)

#define ZERO_ALL() do { FD_ZERO(&rd); FD_ZERO(&wr); FD_ZERO(&ex); } while (0)
#define SET_ALL(s) do { FD_SET(s, &rd); FD_SET(s, &wr); FD_SET(s, &ex); } while (0)

static const int families[2] = { AF_INET, AF_INET6 };

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

/* A stream socket of the family bound to loopback port 0, its address in ss/len. */
static SOCKET bound(int af, struct sockaddr_storage *ss, int *len)
{
	SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);

	ASSERT_NE(s, INVALID_SOCKET);
	memset(ss, 0, sizeof *ss);
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		*len = sizeof *a;
	}
	ASSERT_EQ(bind(s, (struct sockaddr *)ss, *len), 0);
	*len = sizeof *ss;
	ASSERT_EQ(getsockname(s, (struct sockaddr *)ss, len), 0);
	return s;
}

/* A connected pair: *c connected to *a (accepted). */
static void tcp_pair(int af, SOCKET *c, SOCKET *a)
{
	struct sockaddr_storage ss;
	int len;
	SOCKET l = bound(af, &ss, &len);

	ASSERT_EQ(listen(l, 1), 0);
	*c = socket(af, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(*c, INVALID_SOCKET);
	ASSERT_EQ(connect(*c, (struct sockaddr *)&ss, len), 0);
	*a = accept(l, NULL, NULL);
	ASSERT_NE(*a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
}

TEST(select_not_started)
{
	fd_set rd;
	struct timeval tv = { 0, 0 };

	FD_ZERO(&rd);
	FD_SET((SOCKET)5, &rd);
	FAILS(select(0, &rd, NULL, NULL, &tv), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(select_empty_sets_einval)
{
	fd_set rd, wr, ex;
	struct timeval tv = { 0, 0 };

	start();
	/* select is no sleep: nothing to wait for is an error, even with no timeout. */
	FAILS(select(0, NULL, NULL, NULL, &tv), SOCKET_ERROR, WSAEINVAL);
	FAILS(select(0, NULL, NULL, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	ZERO_ALL();
	FAILS(select(0, &rd, &wr, &ex, &tv), SOCKET_ERROR, WSAEINVAL);
	FAILS(select(0, &rd, &wr, &ex, NULL), SOCKET_ERROR, WSAEINVAL);
	FAILS(select(0, &rd, NULL, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_not_socket)
{
	fd_set rd, wr, ex;
	struct timeval tv = { 0, 0 };
	SOCKET c, a;
	WSAEVENT ev;

	start();
	ZERO_ALL();
	FD_SET(INVALID_SOCKET, &rd);
	FAILS(select(0, &rd, &wr, &ex, &tv), SOCKET_ERROR, WSAENOTSOCK);
	ZERO_ALL();
	FD_SET(INVALID_SOCKET, &wr);
	FAILS(select(0, &rd, &wr, &ex, &tv), SOCKET_ERROR, WSAENOTSOCK);
	ZERO_ALL();
	FD_SET(INVALID_SOCKET, &ex);
	FAILS(select(0, &rd, &wr, &ex, &tv), SOCKET_ERROR, WSAENOTSOCK);
	/* A handle that is no socket (an event) is refused the same way. */
	ev = WSACreateEvent();
	ASSERT_NE(ev, WSA_INVALID_EVENT);
	ZERO_ALL();
	FD_SET((SOCKET)ev, &rd);
	FAILS(select(0, &rd, NULL, NULL, &tv), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_TRUE(WSACloseEvent(ev));
	/* A closed socket beside a live one: WSAENOTSOCK, and the sets are left as they were. */
	tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(closesocket(a), 0);
	ZERO_ALL();
	SET_ALL(c);
	SET_ALL(a);
	FAILS(select(0, &rd, NULL, &ex, &tv), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(rd.fd_count, 2);
	ASSERT_EQ(ex.fd_count, 2);
	ASSERT_EQ(rd.fd_array[0], c);
	ASSERT_EQ(rd.fd_array[1], a);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_timeout)
{
	fd_set rd, wr, ex;
	struct timeval tv;
	SOCKET s1, s2;

	start();
	/* Sockets that never connected are in no set: the call times out with 0. */
	s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	s2 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s1, INVALID_SOCKET);
	ASSERT_NE(s2, INVALID_SOCKET);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	ZERO_ALL();
	SET_ALL(s1);
	SET_ALL(s2);
	ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 0);
	ASSERT_EQ(rd.fd_count, 0);
	ASSERT_EQ(wr.fd_count, 0);
	ASSERT_EQ(ex.fd_count, 0);
	/* A short wait, and the timeval is left alone. */
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	ZERO_ALL();
	SET_ALL(s1);
	SET_ALL(s2);
	ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 0);
	ASSERT_EQ(tv.tv_sec, 0);
	ASSERT_EQ(tv.tv_usec, 20000);
	ASSERT_EQ(rd.fd_count, 0);
	/* Negative fields: WSAEINVAL. */
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	ZERO_ALL();
	FD_SET(s1, &rd);
	FAILS(select(0, &rd, NULL, NULL, &tv), SOCKET_ERROR, WSAEINVAL);
	tv.tv_sec = 0;
	tv.tv_usec = -1;
	FAILS(select(0, &rd, NULL, NULL, &tv), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(s1), 0);
	ASSERT_EQ(closesocket(s2), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_read_write)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval tv = { 0, 0 }, wait = { 5, 0 };
		char buf[16];
		SOCKET c, a;

		tcp_pair(families[f], &c, &a);
		/* Connected and idle: both writable, neither readable nor exceptional. */
		ZERO_ALL();
		SET_ALL(c);
		SET_ALL(a);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 2);
		ASSERT_EQ(rd.fd_count, 0);
		ASSERT_EQ(wr.fd_count, 2);
		ASSERT_EQ(wr.fd_array[0], c);	/* input order */
		ASSERT_EQ(wr.fd_array[1], a);
		ASSERT_EQ(ex.fd_count, 0);
		/* Data makes the receiver readable, not exceptional. */
		ASSERT_EQ(send(c, "1234", 4, 0), 4);
		ZERO_ALL();
		FD_SET(a, &rd);
		FD_SET(a, &ex);
		ASSERT_EQ(select(0, &rd, NULL, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(a, &rd));
		ASSERT_TRUE(!FD_ISSET(a, &ex));
		ZERO_ALL();
		SET_ALL(a);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 2);
		ASSERT_TRUE(FD_ISSET(a, &rd));
		ASSERT_TRUE(FD_ISSET(a, &wr));
		ASSERT_TRUE(!FD_ISSET(a, &ex));
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 4);
		/* Read out: not readable any more. */
		ZERO_ALL();
		FD_SET(a, &rd);
		ASSERT_EQ(select(0, &rd, NULL, NULL, &tv), 0);
		ASSERT_EQ(rd.fd_count, 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_listening_socket)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval tv = { 0, 0 }, wait = { 5, 0 };
		struct sockaddr_storage ss;
		int len;
		SOCKET l = bound(families[f], &ss, &len), c, a;

		ASSERT_EQ(listen(l, 4), 0);
		ZERO_ALL();
		SET_ALL(l);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 0);
		/* A pending connection: readable (accept will not block), nothing else. */
		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
		ZERO_ALL();
		SET_ALL(l);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(l, &rd));
		ASSERT_EQ(wr.fd_count, 0);
		ASSERT_EQ(ex.fd_count, 0);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		ZERO_ALL();
		FD_SET(l, &rd);
		ASSERT_EQ(select(0, &rd, NULL, NULL, &tv), 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_nonblocking_connect)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval wait = { 10, 0 };
		struct sockaddr_storage ss;
		u_long on = 1;
		int len, err = -1, elen = sizeof err;
		SOCKET l = bound(families[f], &ss, &len), c, a;

		ASSERT_EQ(listen(l, 1), 0);
		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
		FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEWOULDBLOCK);
		/* Success is writability; no exception. */
		ZERO_ALL();
		FD_SET(c, &wr);
		FD_SET(c, &ex);
		ASSERT_EQ(select(0, NULL, &wr, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(c, &wr));
		ASSERT_EQ(ex.fd_count, 0);
		ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
		ASSERT_EQ(err, 0);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_failed_connect_in_exceptfds)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval wait = { 10, 0 };
		struct sockaddr_storage ss;
		u_long on = 1;
		int len, err = -1, elen = sizeof err;
		/* A bound port nobody listens on: the connection is refused. */
		SOCKET hold = bound(families[f], &ss, &len), c;

		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
		FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEWOULDBLOCK);
		/* Failure: exceptfds only, never readable or writable. */
		ZERO_ALL();
		SET_ALL(c);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(c, &ex));
		ASSERT_EQ(rd.fd_count, 0);
		ASSERT_EQ(wr.fd_count, 0);
		ASSERT_EQ(wait.tv_sec, 10);	/* not modified */
		/* select did not consume the reason: SO_ERROR still has it. */
		ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
		ASSERT_EQ(err, WSAECONNREFUSED);
		/* And the socket stays in exceptfds. */
		ZERO_ALL();
		SET_ALL(c);
		ASSERT_EQ(select(0, &rd, &wr, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(c, &ex));
		ASSERT_EQ(closesocket(c), 0);

		/* A blocking connect that failed: in exceptfds as well (Windows). */
		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAECONNREFUSED);
		ZERO_ALL();
		SET_ALL(c);
		wait.tv_sec = 0;
		ASSERT_EQ(select(0, &rd, &wr, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(c, &ex));
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(hold), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_oob_in_exceptfds)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval wait = { 5, 0 };
		char buf[16];
		int one = 1;
		SOCKET c, a;

		tcp_pair(families[f], &c, &a);
		/* Urgent data: exceptfds, not readfds. */
		ASSERT_EQ(send(c, "A", 1, MSG_OOB), 1);
		ZERO_ALL();
		FD_SET(a, &rd);
		FD_SET(a, &ex);
		ASSERT_EQ(select(0, &rd, NULL, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(a, &ex));
		ASSERT_EQ(rd.fd_count, 0);
		buf[0] = 0;
		ASSERT_EQ(recv(a, buf, sizeof buf, MSG_OOB), 1);
		ASSERT_EQ(buf[0], 'A');
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
		/* With SO_OOBINLINE the urgent byte is ordinary data: readfds. (A fresh pair: Linux
		 * hands an urgent byte already read out-of-band to a later inline recv again.) */
		tcp_pair(families[f], &c, &a);
		ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one), 0);
		ASSERT_EQ(send(c, "B", 1, MSG_OOB), 1);
		ZERO_ALL();
		FD_SET(a, &rd);
		FD_SET(a, &ex);
		ASSERT_EQ(select(0, &rd, NULL, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(a, &rd));
		ASSERT_EQ(ex.fd_count, 0);
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 1);
		ASSERT_EQ(buf[0], 'B');
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_closed_peer_readable)
{
	start();
	for (int f = 0; f < 2; f++) {
		fd_set rd, wr, ex;
		struct timeval wait = { 5, 0 };
		struct linger lg = { 1, 0 };
		char buf[16];
		SOCKET c, a;

		/* Orderly close: readable, recv returns 0. */
		tcp_pair(families[f], &c, &a);
		ASSERT_EQ(closesocket(c), 0);
		ZERO_ALL();
		FD_SET(a, &rd);
		FD_SET(a, &ex);
		ASSERT_EQ(select(0, &rd, NULL, &ex, &wait), 1);
		ASSERT_TRUE(FD_ISSET(a, &rd));
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 0);
		ASSERT_EQ(closesocket(a), 0);
		/* Abortive close (linger 0 sends a reset): readable, recv reports the reset. */
		tcp_pair(families[f], &c, &a);
		ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg), 0);
		ASSERT_EQ(closesocket(c), 0);
		ZERO_ALL();
		FD_SET(a, &rd);
		ASSERT_EQ(select(0, &rd, NULL, NULL, &wait), 1);
		ASSERT_TRUE(FD_ISSET(a, &rd));
		FAILS(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_udp)
{
	fd_set rd, wr, ex;
	struct timeval tv = { 0, 0 }, wait = { 5, 0 };
	struct sockaddr_in sa;
	int len = sizeof sa;
	SOCKET u, v;

	start();
	/* An unbound datagram socket is writable, nothing else (Windows). */
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ZERO_ALL();
	SET_ALL(u);
	ASSERT_EQ(select(0, &rd, &wr, &ex, &tv), 1);
	ASSERT_TRUE(FD_ISSET(u, &wr));
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(bind(u, (struct sockaddr *)&sa, sizeof sa), 0);
	ASSERT_EQ(getsockname(u, (struct sockaddr *)&sa, &len), 0);
	ASSERT_EQ(sendto(v, "x", 1, 0, (struct sockaddr *)&sa, sizeof sa), 1);
	ZERO_ALL();
	FD_SET(u, &rd);
	ASSERT_EQ(select(0, &rd, NULL, NULL, &wait), 1);
	ASSERT_TRUE(FD_ISSET(u, &rd));
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(v), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_duplicates_and_aliased_sets)
{
	fd_set rd, wr;
	struct timeval tv = { 0, 0 }, wait = { 5, 0 };
	SOCKET c, a;

	start();
	tcp_pair(AF_INET, &c, &a);
	/* One socket listed twice comes back once. */
	wr.fd_count = 2;
	wr.fd_array[0] = c;
	wr.fd_array[1] = c;
	ASSERT_EQ(select(0, NULL, &wr, NULL, &tv), 1);
	ASSERT_EQ(wr.fd_count, 1);
	ASSERT_EQ(wr.fd_array[0], c);
	/* The same fd_set as readfds and writefds: a socket ready both ways counts once. */
	FD_ZERO(&rd);
	FD_SET(c, &rd);
	ASSERT_EQ(select(0, &rd, &rd, NULL, &tv), 1);
	ASSERT_TRUE(FD_ISSET(c, &rd));
	ASSERT_EQ(send(c, "x", 1, 0), 1);
	FD_ZERO(&rd);
	FD_SET(a, &rd);
	ASSERT_EQ(select(0, &rd, NULL, NULL, &wait), 1);
	FD_ZERO(&rd);
	FD_SET(c, &rd);
	FD_SET(a, &rd);
	ASSERT_EQ(select(0, &rd, &rd, NULL, &tv), 2);
	ASSERT_EQ(rd.fd_count, 2);
	ASSERT_TRUE(FD_ISSET(c, &rd));
	ASSERT_TRUE(FD_ISSET(a, &rd));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A set larger than this file's FD_SETSIZE (64), allocated by count as Windows programs do:
 * select reads fd_count entries, whatever FD_SETSIZE the caller had. Heap memory also takes
 * the checked-copy road. */
TEST(select_count_beyond_fd_setsize)
{
	enum { N = 100 };
	SOCKET s[N];
	struct timeval tv = { 0, 0 };
	fd_set *set = malloc(offsetof(fd_set, fd_array) + N * sizeof(SOCKET));

	start();
	ASSERT_TRUE(set != NULL);
	for (int i = 0; i < N; i += 2)
		tcp_pair(AF_INET, &s[i], &s[i + 1]);
	set->fd_count = N;
	for (int i = 0; i < N; i++)
		set->fd_array[i] = s[i];
	ASSERT_EQ(select(0, NULL, set, NULL, &tv), N);
	ASSERT_EQ(set->fd_count, N);
	for (int i = 0; i < N; i++)
		ASSERT_EQ(set->fd_array[i], s[i]);
	/* Readable: only those that were sent something. */
	ASSERT_EQ(send(s[10], "x", 1, 0), 1);
	ASSERT_EQ(send(s[91], "y", 1, 0), 1);
	for (int tries = 0; tries < 100; tries++) {
		set->fd_count = N;
		for (int i = 0; i < N; i++)
			set->fd_array[i] = s[i];
		tv.tv_sec = 5;
		ASSERT_TRUE(select(0, set, NULL, NULL, &tv) >= 1);
		if (set->fd_count == 2)
			break;
	}
	ASSERT_EQ(set->fd_count, 2);
	ASSERT_EQ(set->fd_array[0], s[11]);
	ASSERT_EQ(set->fd_array[1], s[90]);
	for (int i = 0; i < N; i++)
		ASSERT_EQ(closesocket(s[i]), 0);
	free(set);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(select_bad_pointers)
{
	fd_set rd;
	struct timeval tv = { 0, 0 };
	SOCKET c, a;

	start();
	tcp_pair(AF_INET, &c, &a);
	FD_ZERO(&rd);
	FD_SET(c, &rd);
	FAILS(select(0, (fd_set *)1, NULL, NULL, &tv), SOCKET_ERROR, WSAEFAULT);
	FAILS(select(0, NULL, (fd_set *)16, NULL, &tv), SOCKET_ERROR, WSAEFAULT);
	FAILS(select(0, &rd, NULL, NULL, (struct timeval *)8), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(rd.fd_count, 1);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct closer {
	SOCKET s;
};

static DWORD WINAPI close_later(LPVOID p)
{
	Sleep(200);
	closesocket(((struct closer *)p)->s);
	return 0;
}

TEST(select_closed_during_wait)
{
	fd_set rd, wr, ex;
	struct timeval wait = { 10, 0 };
	struct closer cl;
	HANDLE th;
	SOCKET c, a;

	start();
	/* In readfds: the close makes it ready for reading. */
	tcp_pair(AF_INET, &c, &a);
	cl.s = c;
	th = CreateThread(NULL, 0, close_later, &cl, 0, NULL);
	ASSERT_TRUE(th != NULL);
	ZERO_ALL();
	SET_ALL(c);
	ASSERT_EQ(select(0, &rd, NULL, &ex, &wait), 1);
	ASSERT_TRUE(FD_ISSET(c, &rd));
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(closesocket(a), 0);
	/* In exceptfds only: the call fails with WSAENOTSOCK. */
	tcp_pair(AF_INET6, &c, &a);
	cl.s = c;
	th = CreateThread(NULL, 0, close_later, &cl, 0, NULL);
	ASSERT_TRUE(th != NULL);
	ZERO_ALL();
	FD_SET(c, &ex);
	FAILS(select(0, NULL, NULL, &ex, &wait), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_TRUE(!FD_ISSET(c, &ex));
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* The macros: a counted array, not a bitmap (socket values are not small integers). */
TEST(select_fd_macros)
{
	fd_set s;

	ASSERT_EQ(FD_SETSIZE, 64);
	ASSERT_EQ(sizeof s, offsetof(fd_set, fd_array) + 64 * sizeof(SOCKET));
	FD_ZERO(&s);
	ASSERT_EQ(s.fd_count, 0);
	FD_SET((SOCKET)100000, &s);
	FD_SET((SOCKET)7, &s);
	FD_SET((SOCKET)100000, &s);	/* already present: unchanged */
	ASSERT_EQ(s.fd_count, 2);
	ASSERT_EQ(s.fd_array[0], 100000);
	ASSERT_EQ(s.fd_array[1], 7);
	ASSERT_TRUE(FD_ISSET((SOCKET)7, &s));
	ASSERT_TRUE(FD_ISSET((SOCKET)100000, &s));
	ASSERT_TRUE(!FD_ISSET((SOCKET)8, &s));
	ASSERT_EQ(__WSAFDIsSet((SOCKET)7, &s), 1);
	ASSERT_EQ(__WSAFDIsSet((SOCKET)9, &s), 0);
	/* FD_CLR removes and keeps the array packed; an absent value is a no-op. */
	FD_SET((SOCKET)9, &s);
	FD_CLR((SOCKET)100000, &s);
	ASSERT_EQ(s.fd_count, 2);
	ASSERT_EQ(s.fd_array[0], 7);
	ASSERT_EQ(s.fd_array[1], 9);
	FD_CLR((SOCKET)12345, &s);
	ASSERT_EQ(s.fd_count, 2);
	/* Full: FD_SET adds nothing more. */
	FD_ZERO(&s);
	for (int i = 0; i < 70; i++)
		FD_SET((SOCKET)(1000 + i), &s);
	ASSERT_EQ(s.fd_count, 64);
	ASSERT_EQ(s.fd_array[63], 1063);
	ASSERT_TRUE(!FD_ISSET((SOCKET)1064, &s));
	FD_CLR((SOCKET)1000, &s);
	ASSERT_EQ(s.fd_count, 63);
	ASSERT_EQ(s.fd_array[0], 1001);
	FD_SET((SOCKET)2000, &s);
	ASSERT_EQ(s.fd_count, 64);
	ASSERT_EQ(s.fd_array[63], 2000);
	FD_ZERO(&s);
	ASSERT_TRUE(!FD_ISSET((SOCKET)2000, &s));
}
