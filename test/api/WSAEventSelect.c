/* WSAEventSelect / WSAEnumNetworkEvents: argument errors, the re-enabling rules of each FD_*
 * event, FD_CONNECT and FD_CLOSE error codes, implicit non-blocking mode, replacement,
 * inheritance by accepted sockets, one event for several sockets (spec data-transfer.md §12;
 * not yet checked against Wine's test_events / test_WSAEnumNetworkEvents). Real loopback
 * sockets, both families; waits use generous timeouts as a mechanism only. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <string.h>

#include "test.h"

#define WAIT_MS 10000

static const int families[2] = { AF_INET, AF_INET6 };

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static void loopback(int af, struct sockaddr_storage *ss, int *len)
{
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
}

/* A listening TCP socket on loopback; ss and len get its address. */
static SOCKET listener(int af, struct sockaddr_storage *ss, int *len)
{
	SOCKET l = socket(af, SOCK_STREAM, IPPROTO_TCP);

	ASSERT_NE(l, INVALID_SOCKET);
	loopback(af, ss, len);
	ASSERT_EQ(bind(l, (struct sockaddr *)ss, *len), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)ss, len), 0);
	ASSERT_EQ(listen(l, 8), 0);
	return l;
}

/* A connected pair (blocking sockets): *cli connected to *srv. */
static void tcp_pair(int af, SOCKET *cli, SOCKET *srv)
{
	struct sockaddr_storage ss;
	int len;
	SOCKET l = listener(af, &ss, &len);

	*cli = socket(af, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(*cli, INVALID_SOCKET);
	ASSERT_EQ(connect(*cli, (struct sockaddr *)&ss, len), 0);
	*srv = accept(l, NULL, NULL);
	ASSERT_NE(*srv, INVALID_SOCKET);
	ASSERT_EQ(closesocket(l), 0);
}

static void wait_signalled(int line, WSAEVENT ev)
{
	DWORD r = WSAWaitForMultipleEvents(1, &ev, FALSE, WAIT_MS, FALSE);

	if (r != WSA_WAIT_EVENT_0)
		FAILF("line %d: event not signalled (wait returned %lu)", line, (unsigned long)r);
}

/* Waits for the event and collects s's records until every bit of want was seen; returns the
 * union (errors of the last record of each bit in errs, if given). Bits outside want make the
 * union differ from want, which the caller asserts. */
#define COLLECT(s, ev, want, errs) collect(__LINE__, s, ev, want, errs)
static long collect(int line, SOCKET s, WSAEVENT ev, long want, int *errs)
{
	long got = 0;

	for (int i = 0; i < 20 && (got & want) != want; i++) {
		WSANETWORKEVENTS ne;
		wait_signalled(line, ev);
		memset(&ne, 0, sizeof ne);
		if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
			FAILF("line %d: WSAEnumNetworkEvents failed: %d", line, WSAGetLastError());
		for (int b = 0; b < FD_MAX_EVENTS; b++)
			if (errs && (ne.lNetworkEvents & (1 << b)))
				errs[b] = ne.iErrorCode[b];
		got |= ne.lNetworkEvents;
	}
	return got;
}

/* The record right now (no wait). */
static long record_now(SOCKET s)
{
	WSANETWORKEVENTS ne;

	memset(&ne, 0, sizeof ne);
	ASSERT_EQ(WSAEnumNetworkEvents(s, NULL, &ne), 0);
	return ne.lNetworkEvents;
}

TEST(WSAEventSelect_errors)
{
	WSAEVENT ev = WSACreateEvent();
	WSANETWORKEVENTS ne;
	SOCKET s;

	ASSERT_NE(ev, WSA_INVALID_EVENT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEventSelect((SOCKET)5, ev, FD_READ), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumNetworkEvents((SOCKET)5, NULL, &ne), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	start();
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEventSelect((SOCKET)ev, ev, FD_READ), SOCKET_ERROR);	/* an event is no socket */
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumNetworkEvents(INVALID_SOCKET, NULL, &ne), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(s, INVALID_SOCKET);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_ALL_EVENTS + 1), SOCKET_ERROR);	/* unknown bit */
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEventSelect(s, (WSAEVENT)(INT_PTR)0xdead, FD_READ), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEventSelect(s, (WSAEVENT)s, FD_READ), SOCKET_ERROR);	/* a socket is no event */
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	/* The QoS, routing and address-list events are accepted in a mask (never recorded here). */
	ASSERT_EQ(WSAEventSelect(s, ev, FD_ALL_EVENTS), 0);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_QOS | FD_GROUP_QOS | FD_ROUTING_INTERFACE_CHANGE | FD_ADDRESS_LIST_CHANGE), 0);
	/* Enumerating with no registration is a success with nothing. */
	ASSERT_EQ(WSAEventSelect(s, NULL, 0), 0);
	ne.lNetworkEvents = 0x1234;
	ASSERT_EQ(WSAEnumNetworkEvents(s, NULL, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* A failing WSAEnumNetworkEvents clears nothing; a good one copies, clears and resets. */
TEST(WSAEnumNetworkEvents_errors_keep_record)
{
	WSAEVENT ev;
	WSANETWORKEVENTS ne;
	SOCKET s;
	struct sockaddr_storage ss;
	int len;

	start();
	ev = WSACreateEvent();
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(s, INVALID_SOCKET);
	loopback(AF_INET, &ss, &len);
	ASSERT_EQ(bind(s, (struct sockaddr *)&ss, len), 0);
	/* A bound UDP socket is writable: FD_WRITE is recorded at registration. */
	ASSERT_EQ(WSAEventSelect(s, ev, FD_WRITE), 0);
	wait_signalled(__LINE__, ev);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, (LPWSANETWORKEVENTS)(INT_PTR)16), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumNetworkEvents(s, (WSAEVENT)(INT_PTR)0xdead, &ne), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);	/* not reset by the failures */
	/* Only the error codes of set bits are written. */
	memset(&ne, 0x55, sizeof ne);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, FD_WRITE);
	ASSERT_EQ(ne.iErrorCode[FD_WRITE_BIT], 0);
	ASSERT_EQ(ne.iErrorCode[FD_READ_BIT], 0x55555555);
	ASSERT_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0x55555555);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);	/* reset with the copy */
	ASSERT_EQ(record_now(s), 0);				/* cleared */
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* Without hEventObject the event is left alone. */
TEST(WSAEnumNetworkEvents_without_event_leaves_it)
{
	WSAEVENT ev;
	SOCKET c, s;

	start();
	ev = WSACreateEvent();
	tcp_pair(AF_INET, &c, &s);
	ASSERT_EQ(WSAEventSelect(c, ev, FD_WRITE), 0);
	wait_signalled(__LINE__, ev);
	ASSERT_EQ(record_now(c), FD_WRITE);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(record_now(c), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_WRITE: recorded at registration on a connected socket, then only after a send failed
 * with WSAEWOULDBLOCK and space came back. */
TEST(WSAEventSelect_fd_write_rules)
{
	static char buf[65536];

	start();
	for (int f = 0; f < 2; f++) {
		WSAEVENT ev = WSACreateEvent();
		int errs[FD_MAX_EVENTS] = { 0 };
		long sent = 0, got = 0;
		SOCKET c, s;
		u_long one = 1;
		int r;

		tcp_pair(families[f], &c, &s);
		ASSERT_EQ(WSAEventSelect(c, ev, FD_WRITE), 0);
		ASSERT_EQ(COLLECT(c, ev, FD_WRITE, errs), FD_WRITE);
		ASSERT_EQ(errs[FD_WRITE_BIT], 0);
		/* A successful send does not re-enable it. */
		ASSERT_EQ(send(c, "x", 1, 0), 1);
		sent = 1;
		ASSERT_EQ(record_now(c), 0);
		/* Fill until WSAEWOULDBLOCK (the socket is non-blocking now). */
		for (;;) {
			r = send(c, buf, sizeof buf, 0);
			if (r == SOCKET_ERROR) {
				ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
				break;
			}
			sent += r;
		}
		/* The peer drains everything: space comes back, FD_WRITE is recorded. */
		ASSERT_EQ(ioctlsocket(s, FIONBIO, &one), 0);
		while (got < sent) {
			r = recv(s, buf, sizeof buf, 0);
			if (r == SOCKET_ERROR) {
				ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
				WSAPOLLFD p = { s, POLLRDNORM, 0 };
				ASSERT_EQ(WSAPoll(&p, 1, WAIT_MS), 1);
				continue;
			}
			ASSERT_TRUE(r > 0);
			got += r;
		}
		ASSERT_EQ(COLLECT(c, ev, FD_WRITE, errs), FD_WRITE);
		ASSERT_EQ(errs[FD_WRITE_BIT], 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(s), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_READ: once per re-enabling receive; a receive that leaves data records it again at once;
 * a receive that empties the socket does not; more data without a receive records nothing. */
TEST(WSAEventSelect_fd_read_rules)
{
	char buf[64];

	start();
	for (int f = 0; f < 2; f++) {
		WSAEVENT ev = WSACreateEvent();
		int errs[FD_MAX_EVENTS] = { 0 };
		SOCKET c, s;
		long got;

		tcp_pair(families[f], &c, &s);
		ASSERT_EQ(WSAEventSelect(s, ev, FD_READ | FD_CLOSE), 0);
		ASSERT_EQ(record_now(s), 0);	/* nothing to read yet */
		ASSERT_EQ(send(c, "abcdef", 6, 0), 6);
		ASSERT_EQ(COLLECT(s, ev, FD_READ, errs), FD_READ);
		ASSERT_EQ(errs[FD_READ_BIT], 0);
		/* Part of the data read: the rest is still there, FD_READ is recorded again. */
		ASSERT_EQ(recv(s, buf, 2, 0), 2);
		ASSERT_EQ(record_now(s), FD_READ);
		ASSERT_EQ(recv(s, buf, sizeof buf, 0), 4);
		ASSERT_EQ(record_now(s), 0);	/* emptied: nothing recorded */
		/* A failed receive re-enables too (and records nothing with nothing there). */
		ASSERT_EQ(recv(s, buf, sizeof buf, 0), SOCKET_ERROR);
		ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
		ASSERT_EQ(record_now(s), 0);
		ASSERT_EQ(send(c, "gh", 2, 0), 2);
		ASSERT_EQ(COLLECT(s, ev, FD_READ, NULL), FD_READ);
		/* More data without a receive: no new FD_READ. The peer's close after it is
		 * recorded, so the record is checked after something that did arrive later. */
		ASSERT_EQ(send(c, "ij", 2, 0), 2);
		ASSERT_EQ(closesocket(c), 0);
		got = COLLECT(s, ev, FD_CLOSE, errs);
		ASSERT_EQ(got, FD_CLOSE);
		ASSERT_EQ(errs[FD_CLOSE_BIT], 0);	/* graceful */
		/* The data is still readable after FD_CLOSE. */
		ASSERT_EQ(recv(s, buf, sizeof buf, 0), 4);
		ASSERT_EQ(memcmp(buf, "ghij", 4), 0);
		/* End of stream is no FD_READ, and FD_CLOSE comes once. */
		ASSERT_EQ(record_now(s), 0);
		ASSERT_EQ(recv(s, buf, sizeof buf, 0), 0);
		ASSERT_EQ(record_now(s), 0);
		ASSERT_EQ(closesocket(s), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* WSARecv and recvfrom re-enable FD_READ as recv does. */
TEST(WSAEventSelect_fd_read_wsarecv_recvfrom)
{
	char buf[8];
	WSABUF wb = { 1, buf };
	DWORD n = 0, flags = 0;
	WSAEVENT ev;
	SOCKET c, s;

	start();
	ev = WSACreateEvent();
	tcp_pair(AF_INET6, &c, &s);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_READ), 0);
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	ASSERT_EQ(COLLECT(s, ev, FD_READ, NULL), FD_READ);
	ASSERT_EQ(WSARecv(s, &wb, 1, &n, &flags, NULL, NULL), 0);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(record_now(s), FD_READ);
	ASSERT_EQ(recvfrom(s, buf, 1, 0, NULL, NULL), 1);
	ASSERT_EQ(record_now(s), FD_READ);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 1);
	ASSERT_EQ(record_now(s), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* UDP: FD_WRITE at registration, FD_READ per re-enabling receive, level-triggered. */
TEST(WSAEventSelect_udp)
{
	char buf[16];

	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAEVENT ev = WSACreateEvent();
		SOCKET a = socket(families[f], SOCK_DGRAM, IPPROTO_UDP), b = socket(families[f], SOCK_DGRAM, IPPROTO_UDP);
		int len;

		ASSERT_NE(a, INVALID_SOCKET);
		loopback(families[f], &ss, &len);
		ASSERT_EQ(bind(a, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(getsockname(a, (struct sockaddr *)&ss, &len), 0);
		ASSERT_EQ(WSAEventSelect(a, ev, FD_READ | FD_WRITE), 0);
		ASSERT_EQ(COLLECT(a, ev, FD_WRITE, NULL), FD_WRITE);
		ASSERT_EQ(sendto(b, "1", 1, 0, (struct sockaddr *)&ss, len), 1);
		ASSERT_EQ(sendto(b, "2", 1, 0, (struct sockaddr *)&ss, len), 1);
		ASSERT_EQ(COLLECT(a, ev, FD_READ, NULL), FD_READ);
		/* Wait for the second datagram, then read one: the other keeps FD_READ recorded. */
		{
			WSAPOLLFD p = { a, POLLRDNORM, 0 };
			u_long avail = 0;
			for (int i = 0; i < 100; i++) {
				ASSERT_EQ(WSAPoll(&p, 1, WAIT_MS), 1);
				ASSERT_EQ(ioctlsocket(a, FIONREAD, &avail), 0);
				if (avail >= 2)
					break;
				Sleep(10);
			}
		}
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 1);
		ASSERT_EQ(record_now(a), FD_READ);
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 1);
		ASSERT_EQ(record_now(a), 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(b), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_ACCEPT is level-triggered in effect: accept re-enables and a queued connection records it
 * again. Accepted sockets inherit the listener's event and mask (so FD_WRITE at once). */
TEST(WSAEventSelect_fd_accept_and_inheritance)
{
	char buf[8];

	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAEVENT ev = WSACreateEvent();
		int len, errs[FD_MAX_EVENTS] = { 0 };
		SOCKET l = listener(families[f], &ss, &len), c1, c2, a1, a2;
		u_long zero = 0;

		ASSERT_EQ(WSAEventSelect(l, ev, FD_ACCEPT | FD_READ | FD_WRITE), 0);
		ASSERT_EQ(record_now(l), 0);	/* a listener is not writable or readable */
		c1 = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		c2 = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(connect(c1, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(COLLECT(l, ev, FD_ACCEPT, errs), FD_ACCEPT);
		ASSERT_EQ(errs[FD_ACCEPT_BIT], 0);
		ASSERT_EQ(connect(c2, (struct sockaddr *)&ss, len), 0);
		/* Accept one: the other is still queued, FD_ACCEPT is recorded again. The listener
		 * is non-blocking now, so wait for the second connection to be queued first. */
		{
			WSAPOLLFD p = { l, POLLRDNORM, 0 };
			ASSERT_EQ(WSAPoll(&p, 1, WAIT_MS), 1);
		}
		a1 = accept(l, NULL, NULL);
		ASSERT_NE(a1, INVALID_SOCKET);
		for (int i = 0; i < 100 && !(record_now(l) & FD_ACCEPT); i++) {
			/* c2's handshake may still be finishing: it records FD_ACCEPT when done. */
			WSAPOLLFD p = { l, POLLRDNORM, 0 };
			ASSERT_EQ(WSAPoll(&p, 1, WAIT_MS), 1);
			ASSERT_EQ(COLLECT(l, ev, FD_ACCEPT, NULL), FD_ACCEPT);
			break;
		}
		a2 = accept(l, NULL, NULL);
		ASSERT_NE(a2, INVALID_SOCKET);
		/* The accepted sockets have the listener's event and mask: writable at once, so
		 * FD_WRITE is in their records as accept returns (the shared event may have been
		 * reset by an enumeration of another socket meanwhile). */
		ASSERT_EQ(record_now(a1), FD_WRITE);
		ASSERT_EQ(record_now(a2), FD_WRITE);
		/* ... and are non-blocking with the association in force. */
		WSASetLastError(0xdeadbeef);
		ASSERT_EQ(ioctlsocket(a1, FIONBIO, &zero), SOCKET_ERROR);
		ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
		ASSERT_EQ(send(c1, "z", 1, 0), 1);
		ASSERT_EQ(COLLECT(a1, ev, FD_READ, NULL), FD_READ);
		ASSERT_EQ(recv(a1, buf, sizeof buf, 0), 1);
		/* Nothing more queued: accept re-enabled FD_ACCEPT without recording it. */
		ASSERT_EQ(record_now(l) & FD_ACCEPT, 0);
		ASSERT_EQ(accept(l, NULL, NULL), INVALID_SOCKET);
		ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
		ASSERT_EQ(closesocket(a1), 0);
		ASSERT_EQ(closesocket(a2), 0);
		ASSERT_EQ(closesocket(c1), 0);
		ASSERT_EQ(closesocket(c2), 0);
		ASSERT_EQ(closesocket(l), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* A registration made before listen sees the connections that come after it. */
TEST(WSAEventSelect_before_listen)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAEVENT ev = WSACreateEvent();
		SOCKET l = socket(families[f], SOCK_STREAM, IPPROTO_TCP), c, a;
		int len;

		ASSERT_NE(l, INVALID_SOCKET);
		loopback(families[f], &ss, &len);
		ASSERT_EQ(bind(l, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(getsockname(l, (struct sockaddr *)&ss, &len), 0);
		ASSERT_EQ(WSAEventSelect(l, ev, FD_ACCEPT), 0);
		ASSERT_EQ(listen(l, 4), 0);
		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(COLLECT(l, ev, FD_ACCEPT, NULL), FD_ACCEPT);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(l), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_CONNECT: success with FD_WRITE after it; a refused connect is FD_CONNECT with
 * WSAECONNREFUSED and nothing else. */
TEST(WSAEventSelect_fd_connect)
{
	start();
	for (int f = 0; f < 2; f++) {
		struct sockaddr_storage ss;
		WSAEVENT ev = WSACreateEvent();
		int len, r, errs[FD_MAX_EVENTS];
		SOCKET l = listener(families[f], &ss, &len), c, a, d;

		c = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(WSAEventSelect(c, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE), 0);
		ASSERT_EQ(record_now(c), 0);	/* unconnected: nothing holds yet */
		r = connect(c, (struct sockaddr *)&ss, len);
		ASSERT_TRUE(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
		memset(errs, 0x55, sizeof errs);
		ASSERT_EQ(COLLECT(c, ev, FD_CONNECT | FD_WRITE, errs), FD_CONNECT | FD_WRITE);
		ASSERT_EQ(errs[FD_CONNECT_BIT], 0);
		ASSERT_EQ(errs[FD_WRITE_BIT], 0);
		{
			WSAPOLLFD p = { l, POLLRDNORM, 0 };
			ASSERT_EQ(WSAPoll(&p, 1, WAIT_MS), 1);
		}
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		/* Refused: nothing listens on l's port once l is closed. */
		ASSERT_EQ(closesocket(l), 0);
		d = socket(families[f], SOCK_STREAM, IPPROTO_TCP);
		ASSERT_EQ(WSAEventSelect(d, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE), 0);
		r = connect(d, (struct sockaddr *)&ss, len);
		if (r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK) {
			memset(errs, 0x55, sizeof errs);
			ASSERT_EQ(COLLECT(d, ev, FD_CONNECT, errs), FD_CONNECT);
			ASSERT_EQ(errs[FD_CONNECT_BIT], WSAECONNREFUSED);
			ASSERT_EQ(errs[FD_CLOSE_BIT], 0x55555555);
			ASSERT_EQ(record_now(d), 0);	/* no FD_WRITE, no FD_CLOSE after it */
		} else {
			ASSERT_EQ(r, SOCKET_ERROR);
			ASSERT_EQ(WSAGetLastError(), WSAECONNREFUSED);
		}
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(d), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_CLOSE after an abortive close is WSAECONNRESET, and the receive still reports it. */
TEST(WSAEventSelect_fd_close_abortive)
{
	char buf[8];

	start();
	for (int f = 0; f < 2; f++) {
		WSAEVENT ev = WSACreateEvent();
		int errs[FD_MAX_EVENTS] = { 0 };
		LINGER lg = { 1, 0 };
		SOCKET c, s;

		tcp_pair(families[f], &c, &s);
		ASSERT_EQ(WSAEventSelect(s, ev, FD_CLOSE), 0);
		ASSERT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(COLLECT(s, ev, FD_CLOSE, errs), FD_CLOSE);
		ASSERT_EQ(errs[FD_CLOSE_BIT], WSAECONNRESET);
		WSASetLastError(0xdeadbeef);
		ASSERT_EQ(recv(s, buf, sizeof buf, 0), SOCKET_ERROR);
		ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
		ASSERT_EQ(record_now(s), 0);	/* once */
		ASSERT_EQ(closesocket(s), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

struct blocked {
	SOCKET s;
	int r, err;
};

static DWORD WINAPI recv_thread(LPVOID p)
{
	struct blocked *b = p;
	char buf[4];
	WSAEVENT none = WSACreateEvent();

	/* Non-blocking (event-selected): wait until the close makes it fail. */
	for (;;) {
		b->r = recv(b->s, buf, sizeof buf, 0);
		b->err = WSAGetLastError();
		if (b->r != SOCKET_ERROR || b->err != WSAEWOULDBLOCK)
			break;
		WaitForSingleObject(none, 5);
	}
	WSACloseEvent(none);
	return 0;
}

/* A local closesocket posts no FD_CLOSE (here while another thread is in a call on it, which
 * makes linsock shut the socket down) and cancels the association. */
TEST(WSAEventSelect_no_fd_close_after_local_close)
{
	start();
	for (int f = 0; f < 2; f++) {
		WSAEVENT ev = WSACreateEvent();
		struct blocked b;
		HANDLE t;
		SOCKET c, s;

		tcp_pair(families[f], &c, &s);
		ASSERT_EQ(WSAEventSelect(c, ev, FD_CLOSE | FD_READ), 0);
		ASSERT_EQ(record_now(c), 0);
		b.s = c;
		t = CreateThread(NULL, 0, recv_thread, &b, 0, NULL);
		ASSERT_NE(t, NULL);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(WaitForSingleObject(t, WAIT_MS), WAIT_OBJECT_0);
		ASSERT_TRUE(CloseHandle(t));
		/* The peer's close reaches nothing either. Absence can only be sampled: a short wait
		 * that passes whenever nothing is posted. */
		ASSERT_EQ(closesocket(s), 0);
		ASSERT_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE), WSA_WAIT_TIMEOUT);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* WSAEventSelect makes the socket non-blocking; FIONBIO 0 is refused until the association
 * is cancelled, and cancelling leaves the socket non-blocking. */
TEST(WSAEventSelect_nonblocking_mode)
{
	WSAEVENT ev;
	SOCKET c, s;
	char buf[4];
	u_long zero = 0, one = 1;

	start();
	ev = WSACreateEvent();
	tcp_pair(AF_INET, &c, &s);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_READ), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &zero), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &one), 0);
	/* An empty mask cancels too (with any event). */
	ASSERT_EQ(WSAEventSelect(s, ev, 0), 0);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_READ), 0);
	ASSERT_EQ(WSAEventSelect(s, NULL, 0), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &zero), 0);
	/* Blocking again: the receive waits for the data. */
	ASSERT_EQ(send(c, "q", 1, 0), 1);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 1);
	/* Cancelled: data no longer records anything. */
	ASSERT_EQ(record_now(s), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* A new WSAEventSelect replaces the old one and clears the record; conditions that hold are
 * recorded again for the new one. */
TEST(WSAEventSelect_replace_clears_record)
{
	WSAEVENT e1, e2;
	SOCKET c, s;
	char buf[4];

	start();
	e1 = WSACreateEvent();
	e2 = WSACreateEvent();
	tcp_pair(AF_INET6, &c, &s);
	ASSERT_EQ(WSAEventSelect(s, e1, FD_WRITE | FD_READ), 0);
	wait_signalled(__LINE__, e1);
	ASSERT_EQ(WSAEventSelect(s, e2, FD_READ), 0);
	ASSERT_EQ(record_now(s), 0);	/* FD_WRITE of the old registration is gone */
	ASSERT_TRUE(WSAResetEvent(e1));
	ASSERT_EQ(send(c, "ab", 2, 0), 2);
	ASSERT_EQ(COLLECT(s, e2, FD_READ, NULL), FD_READ);
	ASSERT_EQ(WaitForSingleObject(e1, 0), WAIT_TIMEOUT);	/* the old event is not used */
	/* Data already there at registration is recorded at once. */
	ASSERT_EQ(WSAEventSelect(s, e1, FD_READ), 0);
	ASSERT_EQ(WaitForSingleObject(e1, 0), WAIT_OBJECT_0);
	ASSERT_EQ(record_now(s), FD_READ);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 2);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(WSACloseEvent(e1));
	ASSERT_TRUE(WSACloseEvent(e2));
	ASSERT_EQ(WSACleanup(), 0);
}

struct waiter {
	WSAEVENT ev;
	DWORD r;
};

static DWORD WINAPI wait_thread(LPVOID p)
{
	struct waiter *w = p;

	w->r = WSAWaitForMultipleEvents(1, &w->ev, FALSE, WAIT_MS, FALSE);
	return 0;
}

/* One event for several sockets: each socket keeps its own record. A thread waiting on the
 * event is woken. */
TEST(WSAEventSelect_shared_event)
{
	WSAEVENT ev;
	SOCKET c1, s1, c2, s2;
	struct waiter w;
	HANDLE t;
	long got1 = 0, got2 = 0;

	start();
	ev = WSACreateEvent();
	tcp_pair(AF_INET, &c1, &s1);
	tcp_pair(AF_INET6, &c2, &s2);
	ASSERT_EQ(WSAEventSelect(s1, ev, FD_READ), 0);
	ASSERT_EQ(WSAEventSelect(s2, ev, FD_READ), 0);
	w.ev = ev;
	w.r = 0xdead;
	t = CreateThread(NULL, 0, wait_thread, &w, 0, NULL);
	ASSERT_NE(t, NULL);
	ASSERT_EQ(send(c1, "1", 1, 0), 1);
	ASSERT_EQ(WaitForSingleObject(t, WAIT_MS), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_EQ(w.r, WSA_WAIT_EVENT_0);
	ASSERT_EQ(send(c2, "2", 1, 0), 1);
	for (int i = 0; i < 20 && !(got1 && got2); i++) {
		wait_signalled(__LINE__, ev);
		ASSERT_TRUE(WSAResetEvent(ev));
		got1 |= record_now(s1);
		got2 |= record_now(s2);
	}
	ASSERT_EQ(got1, FD_READ);
	ASSERT_EQ(got2, FD_READ);
	ASSERT_EQ(closesocket(c1), 0);
	ASSERT_EQ(closesocket(s1), 0);
	ASSERT_EQ(closesocket(c2), 0);
	ASSERT_EQ(closesocket(s2), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(WSACleanup(), 0);
}

/* FD_OOB: urgent data records it (SO_OOBINLINE off); recv(MSG_OOB) re-enables it. */
TEST(WSAEventSelect_fd_oob)
{
	start();
	for (int f = 0; f < 2; f++) {
		WSAEVENT ev = WSACreateEvent();
		SOCKET c, s;
		char b;

		tcp_pair(families[f], &c, &s);
		ASSERT_EQ(WSAEventSelect(s, ev, FD_OOB), 0);
		ASSERT_EQ(send(c, "u", 1, MSG_OOB), 1);
		ASSERT_EQ(COLLECT(s, ev, FD_OOB, NULL), FD_OOB);
		ASSERT_EQ(recv(s, &b, 1, MSG_OOB), 1);
		ASSERT_EQ(b, 'u');
		ASSERT_EQ(record_now(s), 0);	/* read: nothing urgent left */
		ASSERT_EQ(send(c, "v", 1, MSG_OOB), 1);
		ASSERT_EQ(COLLECT(s, ev, FD_OOB, NULL), FD_OOB);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(s), 0);
		ASSERT_TRUE(WSACloseEvent(ev));
	}
	ASSERT_EQ(WSACleanup(), 0);
}
