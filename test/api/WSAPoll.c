/* WSAPoll: argument rules, which events may be asked for, what each socket state reports
 * (Windows' POLL* values), negative and non-socket entries, failed connects, closes. Expected
 * values are Windows' (spec data-transfer.md §14; Wine's test_WSAPoll, run on Windows). */
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

static const int families[2] = { AF_INET, AF_INET6 };

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

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

static SOCKET connect_to(int af, const struct sockaddr_storage *ss, int len)
{
	SOCKET c = socket(af, SOCK_STREAM, IPPROTO_TCP);

	ASSERT_NE(c, INVALID_SOCKET);
	ASSERT_EQ(connect(c, (const struct sockaddr *)ss, len), 0);
	return c;
}

/* One socket polled for mask: revents must be expect, and the result 1 exactly when it is not 0.
 * The wait lets loopback deliveries land; nothing is timed. */
#define CHECK_POLL(s, mask, expect) check_poll(__LINE__, s, mask, expect)
static void check_poll(int line, SOCKET s, SHORT mask, SHORT expect)
{
	WSAPOLLFD p;
	int r;

	p.fd = s;
	p.events = mask;
	p.revents = (SHORT)0xdead;
	r = WSAPoll(&p, 1, expect ? 5000 : 0);
	if (r != (expect ? 1 : 0) || p.revents != expect)
		FAILF("line %d: WSAPoll returned %d, revents 0x%x, expected 0x%x", line, r, (unsigned)(USHORT)p.revents,
		      (unsigned)(USHORT)expect);
}

#define ALL (POLLRDNORM | POLLRDBAND | POLLWRNORM)

TEST(WSAPoll_not_started)
{
	WSAPOLLFD p = { (SOCKET)5, POLLIN, 0 };

	FAILS(WSAPoll(&p, 1, 0), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(WSAPoll_invalid_arguments)
{
	start();
	/* No entries: WSAEINVAL whatever the array; entries in no memory: WSAEFAULT. */
	FAILS(WSAPoll(NULL, 0, 0), SOCKET_ERROR, WSAEINVAL);
	FAILS(WSAPoll(NULL, 0, 1), SOCKET_ERROR, WSAEINVAL);
	FAILS(WSAPoll(NULL, 1, 0), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAPoll(NULL, 1, 1), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAPoll((WSAPOLLFD *)16, 2, 0), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_invalid_events)
{
	static const SHORT bad[] = { POLLERR, POLLHUP, POLLNVAL, 0x8, POLLWRBAND, 0x40, 0x80, POLLPRI, 0x800,
				     0x1000, 0x2000, 0x4000, (SHORT)0x8000, POLLIN | POLLPRI };
	struct sockaddr_storage ss;
	WSAPOLLFD p[2];
	int len;
	SOCKET l, c, a;

	start();
	l = bound(AF_INET, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = connect_to(AF_INET, &ss, len);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	/* Only POLLRDNORM, POLLRDBAND, POLLWRNORM may be asked for; errors are never asked. */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p[0].fd = l;
		p[0].events = bad[i];
		p[0].revents = (SHORT)0xdead;
		FAILS(WSAPoll(p, 1, 0), SOCKET_ERROR, WSAEINVAL);
		p[0].fd = a;
		FAILS(WSAPoll(p, 1, 0), SOCKET_ERROR, WSAEINVAL);
	}
	/* A bad mask on a non-socket entry still fails the call, and every revents is 0. */
	p[0].fd = l;
	p[0].events = POLLIN;
	p[0].revents = (SHORT)0xdead;
	p[1].fd = (SOCKET)0xabacab;
	p[1].events = POLLERR;
	p[1].revents = (SHORT)0xdead;
	FAILS(WSAPoll(p, 2, 0), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(p[0].revents, 0);
	ASSERT_EQ(p[1].revents, 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_negative_and_non_socket_entries)
{
	struct sockaddr_storage ss;
	WSAPOLLFD p[2];
	int len;
	SOCKET l;

	start();
	l = bound(AF_INET, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	/* A negative fd: POLLNVAL (its events unchecked), not counted; success clears the
	 * last error. */
	p[0].fd = INVALID_SOCKET;
	p[0].events = POLLERR;
	p[0].revents = (SHORT)0xdead;
	p[1].fd = l;
	p[1].events = POLLIN;
	p[1].revents = (SHORT)0xdead;
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAPoll(p, 2, 0), 0);
	ASSERT_EQ(WSAGetLastError(), 0);
	ASSERT_EQ(p[0].revents, POLLNVAL);
	ASSERT_EQ(p[1].revents, 0);
	/* A value that is no socket: the same. */
	p[0].fd = l;
	p[0].events = POLLIN;
	p[0].revents = (SHORT)0xdead;
	p[1].fd = (SOCKET)0xabacab;
	p[1].events = POLLIN;
	p[1].revents = (SHORT)0xdead;
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAPoll(p, 2, 0), 0);
	ASSERT_EQ(WSAGetLastError(), 0);
	ASSERT_EQ(p[0].revents, 0);
	ASSERT_EQ(p[1].revents, POLLNVAL);
	/* No socket at all: WSAENOTSOCK (checked before the events), every entry POLLNVAL. */
	p[0].fd = INVALID_SOCKET;
	p[0].events = POLLERR;
	p[0].revents = (SHORT)0xdead;
	p[1].fd = (SOCKET)0xabacab;
	p[1].events = POLLERR;
	p[1].revents = (SHORT)0xdead;
	FAILS(WSAPoll(p, 2, 0), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(p[0].revents, POLLNVAL);
	ASSERT_EQ(p[1].revents, POLLNVAL);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_listening_socket)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		int len;
		SOCKET l = bound(families[f], &ss, &len), c, a;

		ASSERT_EQ(listen(l, 1), 0);
		CHECK_POLL(l, ALL, 0);
		c = connect_to(families[f], &ss, len);
		/* A pending connection is normal data; nothing for the other bits. */
		CHECK_POLL(l, POLLIN, POLLRDNORM);
		CHECK_POLL(l, ALL, POLLRDNORM);
		CHECK_POLL(l, POLLRDBAND | POLLWRNORM, 0);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		CHECK_POLL(l, ALL, 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_connected_sockets)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAPOLLFD p[3];
		char buf[8];
		int len, one = 1;
		SOCKET l = bound(families[f], &ss, &len), c, a, c2, a2;

		ASSERT_EQ(listen(l, 2), 0);
		c = connect_to(families[f], &ss, len);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		/* Several entries: the result counts those with revents. */
		p[0].fd = l;
		p[1].fd = a;
		p[2].fd = c;
		for (int i = 0; i < 3; i++) {
			p[i].events = ALL;
			p[i].revents = (SHORT)0xdead;
		}
		ASSERT_EQ(WSAPoll(p, 3, 0), 2);
		ASSERT_EQ(p[0].revents, 0);
		ASSERT_EQ(p[1].revents, POLLWRNORM);
		ASSERT_EQ(p[2].revents, POLLWRNORM);
		/* Data. */
		ASSERT_EQ(send(a, "1234", 4, 0), 4);
		CHECK_POLL(c, POLLRDNORM | POLLRDBAND, POLLRDNORM);
		CHECK_POLL(c, ALL, POLLRDNORM | POLLWRNORM);
		CHECK_POLL(a, ALL, POLLWRNORM);
		ASSERT_EQ(recv(c, buf, sizeof buf, 0), 4);
		CHECK_POLL(c, ALL, POLLWRNORM);
		/* Urgent data is POLLRDBAND. */
		ASSERT_EQ(send(c, "A", 1, MSG_OOB), 1);
		CHECK_POLL(a, POLLRDNORM | POLLRDBAND, POLLRDBAND);
		CHECK_POLL(a, ALL, POLLRDBAND | POLLWRNORM);
		ASSERT_EQ(recv(a, buf, 1, MSG_OOB), 1);
		ASSERT_EQ(buf[0], 'A');
		CHECK_POLL(a, ALL, POLLWRNORM);
		/* With SO_OOBINLINE it is normal data. */
		c2 = connect_to(families[f], &ss, len);
		a2 = accept(l, NULL, NULL);
		ASSERT_NE(a2, INVALID_SOCKET);
		ASSERT_EQ(setsockopt(a2, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one), 0);
		ASSERT_EQ(send(c2, "B", 1, MSG_OOB), 1);
		CHECK_POLL(a2, POLLRDNORM | POLLRDBAND, POLLRDNORM);
		CHECK_POLL(a2, ALL, POLLRDNORM | POLLWRNORM);
		ASSERT_EQ(recv(a2, buf, 1, 0), 1);
		ASSERT_EQ(buf[0], 'B');
		ASSERT_EQ(closesocket(a2), 0);
		ASSERT_EQ(closesocket(c2), 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_shutdown_and_close)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		int len;
		SOCKET l = bound(families[f], &ss, &len), c, a;

		ASSERT_EQ(listen(l, 2), 0);
		/* Our own shutdowns are no hang-up; the peer's send shutdown is, asked or not. */
		c = connect_to(families[f], &ss, len);
		a = accept(l, NULL, NULL);
		ASSERT_EQ(shutdown(c, SD_RECEIVE), 0);
		CHECK_POLL(c, ALL, POLLWRNORM);
		ASSERT_EQ(shutdown(c, SD_SEND), 0);
		CHECK_POLL(c, ALL, POLLWRNORM);
		CHECK_POLL(a, 0, POLLHUP);
		CHECK_POLL(a, ALL, POLLWRNORM | POLLHUP);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
		/* The peer's closesocket. */
		c = connect_to(families[f], &ss, len);
		a = accept(l, NULL, NULL);
		ASSERT_EQ(closesocket(c), 0);
		CHECK_POLL(a, 0, POLLHUP);
		CHECK_POLL(a, ALL, POLLWRNORM | POLLHUP);
		ASSERT_EQ(closesocket(a), 0);
		/* Data left before the close: normal data and the hang-up. */
		c = connect_to(families[f], &ss, len);
		a = accept(l, NULL, NULL);
		ASSERT_EQ(send(c, "data", 5, 0), 5);
		CHECK_POLL(a, POLLRDNORM | POLLRDBAND, POLLRDNORM);
		ASSERT_EQ(shutdown(c, SD_SEND), 0);
		CHECK_POLL(a, 0, POLLHUP);
		CHECK_POLL(a, ALL, POLLWRNORM | POLLRDNORM | POLLHUP);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_reset)
{
	struct sockaddr_storage ss;
	struct linger lg = { 1, 0 };
	WSAPOLLFD p;
	int len;
	SOCKET l, c, a;

	start();
	l = bound(AF_INET, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = connect_to(AF_INET, &ss, len);
	a = accept(l, NULL, NULL);
	ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg), 0);
	ASSERT_EQ(closesocket(c), 0);
	/* An aborted connection is a hang-up and an error (unasked); no normal data. */
	p.fd = a;
	p.events = POLLRDNORM;
	p.revents = 0;
	ASSERT_EQ(WSAPoll(&p, 1, 5000), 1);
	ASSERT_EQ(p.revents, POLLHUP | POLLERR);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_failed_connect)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAPOLLFD p;
		u_long on = 1;
		int len, err, elen = sizeof err;
		SOCKET hold = bound(families[f], &ss, &len), c;	/* bound, not listening: refused */

		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(ioctlsocket(c, FIONBIO, &on), 0);
		FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAEWOULDBLOCK);
		/* Windows 10 2004+: POLLWRNORM | POLLHUP | POLLERR, the reason still in SO_ERROR. */
		p.fd = c;
		p.events = ALL;
		p.revents = (SHORT)0xdead;
		ASSERT_EQ(WSAPoll(&p, 1, 10000), 1);
		ASSERT_EQ(p.revents, POLLWRNORM | POLLHUP | POLLERR);
		err = -1;
		ASSERT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
		ASSERT_EQ(err, WSAECONNREFUSED);
		CHECK_POLL(c, ALL, POLLWRNORM | POLLHUP | POLLERR);
		CHECK_POLL(c, 0, POLLHUP | POLLERR);
		ASSERT_EQ(closesocket(c), 0);
		/* After a blocking connect failed: the same. */
		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		FAILS(connect(c, (struct sockaddr *)&ss, len), SOCKET_ERROR, WSAECONNREFUSED);
		CHECK_POLL(c, ALL, POLLWRNORM | POLLHUP | POLLERR);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(hold), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_unconnected_and_udp)
{
	struct sockaddr_in sa;
	int len = sizeof sa;
	SOCKET t, u, v;

	start();
	/* A stream socket that never connected reports nothing. */
	t = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	CHECK_POLL(t, ALL, 0);
	/* Datagram sockets are writable from the start. */
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	CHECK_POLL(u, ALL, POLLWRNORM);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(bind(u, (struct sockaddr *)&sa, sizeof sa), 0);
	ASSERT_EQ(getsockname(u, (struct sockaddr *)&sa, &len), 0);
	CHECK_POLL(u, ALL, POLLWRNORM);
	ASSERT_EQ(sendto(v, "data", 5, 0, (struct sockaddr *)&sa, sizeof sa), 5);
	CHECK_POLL(u, POLLRDNORM | POLLRDBAND, POLLRDNORM);
	CHECK_POLL(u, ALL, POLLRDNORM | POLLWRNORM);
	CHECK_POLL(v, ALL, POLLWRNORM);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(v), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAPoll_timeout)
{
	struct sockaddr_storage ss;
	WSAPOLLFD p;
	int len;
	SOCKET l;

	start();
	l = bound(AF_INET6, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	p.fd = l;
	p.events = POLLIN;
	p.revents = (SHORT)0xdead;
	ASSERT_EQ(WSAPoll(&p, 1, 20), 0);
	ASSERT_EQ(p.revents, 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* An array outside the caller's stack (heap) is read and written the checked way; the results
 * are the same. */
TEST(WSAPoll_heap_array)
{
	enum { N = 200 };
	struct sockaddr_storage ss;
	WSAPOLLFD *p = malloc(N * sizeof *p);
	SOCKET s[N];
	int len;
	SOCKET l;

	start();
	ASSERT_TRUE(p != NULL);
	l = bound(AF_INET, &ss, &len);
	ASSERT_EQ(listen(l, 8), 0);
	for (int i = 0; i < N; i += 2) {
		s[i] = connect_to(AF_INET, &ss, len);
		s[i + 1] = accept(l, NULL, NULL);
		ASSERT_NE(s[i + 1], INVALID_SOCKET);
	}
	ASSERT_EQ(send(s[150], "x", 1, 0), 1);	/* s[151] readable */
	for (int tries = 0; tries < 100; tries++) {
		for (int i = 0; i < N; i++) {
			p[i].fd = s[i];
			p[i].events = POLLRDNORM;
			p[i].revents = (SHORT)0xdead;
		}
		ASSERT_EQ(WSAPoll(p, N, 5000), 1);
		if (p[151].revents)
			break;
	}
	for (int i = 0; i < N; i++)
		ASSERT_EQ(p[i].revents, i == 151 ? POLLRDNORM : 0);
	for (int i = 0; i < N; i++)
		ASSERT_EQ(closesocket(s[i]), 0);
	ASSERT_EQ(closesocket(l), 0);
	free(p);
	ASSERT_EQ(WSACleanup(), 0);
}

static DWORD WINAPI close_later(LPVOID p)
{
	Sleep(200);
	closesocket(*(SOCKET *)p);
	return 0;
}

TEST(WSAPoll_closed_during_wait)
{
	struct sockaddr_storage ss;
	WSAPOLLFD p;
	HANDLE th;
	int len;
	SOCKET l, c, a;

	start();
	l = bound(AF_INET, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	c = connect_to(AF_INET, &ss, len);
	a = accept(l, NULL, NULL);
	th = CreateThread(NULL, 0, close_later, &c, 0, NULL);
	ASSERT_TRUE(th != NULL);
	/* closesocket on another thread ends the wait: POLLNVAL, counted. */
	p.fd = c;
	p.events = POLLRDNORM | POLLRDBAND;
	p.revents = (SHORT)0xdead;
	ASSERT_EQ(WSAPoll(&p, 1, 10000), 1);
	ASSERT_EQ(p.revents, POLLNVAL);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
