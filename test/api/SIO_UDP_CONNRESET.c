/* SIO_UDP_CONNRESET: a datagram that draws an ICMP port unreachable makes the next receive on the
 * UDP socket (connected or not) fail with WSAECONNRESET, once per ICMP, unless the ioctl turned
 * that off (default on); the sends never fail for it; select says readable; an overlapped
 * receive waiting when the ICMP comes completes with the error (STATUS_PORT_UNREACHABLE,
 * ERROR_PORT_UNREACHABLE from GetOverlappedResult). Spec data-transfer.md §7, errors.md.
 * Loopback answers a closed port with an ICMP port unreachable (not rate-limited there). */
#include "sockutil.h"

#include <mstcpip.h>

/* The address of a UDP port nobody listens on: bound, then closed. */
static void closed_port(int af, struct sockaddr_storage *ss, int *len)
{
	SOCKET t = su_bound(af, SOCK_DGRAM, ss, len);

	ASSERT_EQ(closesocket(t), 0);
}

/* Waits until s is readable (the ICMP or a datagram is there); a generous bound, no timing. */
static void wait_readable(SOCKET s)
{
	fd_set rs;
	struct timeval tv = { 10, 0 };

	FD_ZERO(&rs);
	FD_SET(s, &rs);
	ASSERT_EQ(select(0, &rs, NULL, NULL, &tv), 1);
	ASSERT_TRUE(FD_ISSET(s, &rs));
}

static void set_nonblocking(SOCKET s)
{
	u_long on = 1;

	ASSERT_EQ(ioctlsocket(s, FIONBIO, &on), 0);
}

static void unconnected(int af)
{
	struct sockaddr_storage me, dead, from;
	int melen, deadlen, fromlen = sizeof from;
	char buf[16];
	SOCKET s;

	su_start();
	s = su_bound(af, SOCK_DGRAM, &me, &melen);
	closed_port(af, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	wait_readable(s);
	/* The error comes once, from the receive... */
	FAILS(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen), SOCKET_ERROR, WSAECONNRESET);
	set_nonblocking(s);
	FAILS(recvfrom(s, buf, sizeof buf, 0, NULL, NULL), SOCKET_ERROR, WSAEWOULDBLOCK);
	/* ...and a real datagram is received after it. */
	ASSERT_EQ(sendto(s, "real", 4, 0, (struct sockaddr *)&me, melen), 4);
	wait_readable(s);
	fromlen = sizeof from;
	ASSERT_EQ(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen), 4);
	ASSERT_MEM_EQ(buf, "real", 4);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(SIO_UDP_CONNRESET_recvfrom_v4) { unconnected(AF_INET); }
TEST(SIO_UDP_CONNRESET_recvfrom_v6) { unconnected(AF_INET6); }

static void turned_off(int af)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	BOOL off = FALSE;
	DWORD n;
	char buf[16];
	SOCKET s;

	su_start();
	s = su_bound(af, SOCK_DGRAM, &me, &melen);
	ASSERT_EQ(WSAIoctl(s, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &n, NULL, NULL), 0);
	closed_port(af, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	ASSERT_EQ(sendto(s, "real", 4, 0, (struct sockaddr *)&me, melen), 4);
	wait_readable(s);
	/* No error: the datagram, then nothing. */
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 4);
	ASSERT_MEM_EQ(buf, "real", 4);
	set_nonblocking(s);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(SIO_UDP_CONNRESET_off_v4) { turned_off(AF_INET); }
TEST(SIO_UDP_CONNRESET_off_v6) { turned_off(AF_INET6); }

/* Turned off, then on again: reports come back. */
TEST(SIO_UDP_CONNRESET_off_then_on)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	BOOL on = FALSE;
	DWORD n;
	char buf[16];
	SOCKET s;

	su_start();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	ASSERT_EQ(WSAIoctl(s, SIO_UDP_CONNRESET, &on, sizeof on, NULL, 0, &n, NULL, NULL), 0);
	on = TRUE;
	ASSERT_EQ(WSAIoctl(s, SIO_UDP_CONNRESET, &on, sizeof on, NULL, 0, &n, NULL, NULL), 0);
	closed_port(AF_INET, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	wait_readable(s);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A second send to the dead port succeeds (Linux would fail it with the first one's error) and
 * each ICMP is reported once, before the datagrams behind it. */
static void two_sends(int af)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen, resets = 0, r;
	char buf[16];
	SOCKET s;

	su_start();
	s = su_bound(af, SOCK_DGRAM, &me, &melen);
	closed_port(af, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost1", 5, 0, (struct sockaddr *)&dead, deadlen), 5);
	wait_readable(s);
	ASSERT_EQ(sendto(s, "lost2", 5, 0, (struct sockaddr *)&dead, deadlen), 5);
	ASSERT_EQ(sendto(s, "real", 4, 0, (struct sockaddr *)&me, melen), 4);
	set_nonblocking(s);
	for (;;) {
		WSASetLastError(0xdeadbeef);
		r = recv(s, buf, sizeof buf, 0);
		if (r != SOCKET_ERROR)
			break;
		ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
		resets++;
		ASSERT_TRUE(resets <= 2);
	}
	ASSERT_EQ(resets, 2);
	ASSERT_EQ(r, 4);
	ASSERT_MEM_EQ(buf, "real", 4);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(SIO_UDP_CONNRESET_two_sends_v4) { two_sends(AF_INET); }
TEST(SIO_UDP_CONNRESET_two_sends_v6) { two_sends(AF_INET6); }

/* A connected UDP socket whose peer went away: WSAECONNRESET on the receive, sends succeed. */
static void connected(int af)
{
	char buf[16];
	SOCKET s, r;

	su_start();
	su_udp_pair(af, &s, &r);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(send(s, "lost", 4, 0), 4);
	wait_readable(s);
	ASSERT_EQ(send(s, "lost", 4, 0), 4);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(SIO_UDP_CONNRESET_connected_v4) { connected(AF_INET); }
TEST(SIO_UDP_CONNRESET_connected_v6) { connected(AF_INET6); }

/* The synchronous scatter form (WSARecvFrom without OVERLAPPED) says the same. */
TEST(SIO_UDP_CONNRESET_wsarecvfrom_sync)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD got = 0, flags = 0;
	SOCKET s;

	su_start();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	closed_port(AF_INET, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	wait_readable(s);
	FAILS(WSARecvFrom(s, &b, 1, &got, &flags, NULL, NULL, NULL, NULL), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* An overlapped WSARecvFrom waiting when the ICMP arrives completes with the error. */
static void overlapped(int af)
{
	struct sockaddr_storage me, dead, from;
	int melen, deadlen, fromlen = sizeof from;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got = 7, fl;
	OVERLAPPED ov;
	WSAEVENT ev;
	SOCKET s;

	su_start();
	ev = WSACreateEvent();
	s = su_bound(af, SOCK_DGRAM, &me, &melen);
	closed_port(af, &dead, &deadlen);
	memset(&ov, 0, sizeof ov);
	ov.hEvent = ev;
	FAILS(WSARecvFrom(s, &b, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL), SOCKET_ERROR,
	      WSA_IO_PENDING);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(s, &ov, &got, TRUE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
	ASSERT_EQ(got, 0);
	ASSERT_EQ(ov.Internal, 0xC000023F);	/* STATUS_PORT_UNREACHABLE */
	FAILS32(GetOverlappedResult((HANDLE)s, &ov, &got, FALSE), ERROR_PORT_UNREACHABLE);
	/* The next overlapped receive gets a real datagram. */
	memset(&ov, 0, sizeof ov);
	ov.hEvent = ev;
	ASSERT_TRUE(WSAResetEvent(ev));
	fromlen = sizeof from;
	if (WSARecvFrom(s, &b, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL) == SOCKET_ERROR)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(sendto(s, "real", 4, 0, (struct sockaddr *)&me, melen), 4);
	ASSERT_EQ(WSAGetOverlappedResult(s, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 4);
	ASSERT_MEM_EQ(buf, "real", 4);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(SIO_UDP_CONNRESET_overlapped_v4) { overlapped(AF_INET); }
TEST(SIO_UDP_CONNRESET_overlapped_v6) { overlapped(AF_INET6); }

/* On a completion port: the failed receive is queued as a failed packet. */
TEST(SIO_UDP_CONNRESET_iocp)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got = 7;
	ULONG_PTR key = 0;
	OVERLAPPED ov, *pov = NULL;
	HANDLE port;
	SOCKET s;

	su_start();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	port = CreateIoCompletionPort((HANDLE)s, NULL, 42, 0);
	ASSERT_TRUE(port != NULL);
	closed_port(AF_INET, &dead, &deadlen);
	memset(&ov, 0, sizeof ov);
	FAILS(WSARecvFrom(s, &b, 1, NULL, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	SetLastError(0);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &got, &key, &pov, INFINITE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_PORT_UNREACHABLE);
	ASSERT_TRUE(pov == &ov);
	ASSERT_EQ(key, 42);
	ASSERT_EQ(got, 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* WSAEventSelect: the report signals FD_READ, and the failed receive re-enables it. */
TEST(SIO_UDP_CONNRESET_eventselect)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	WSANETWORKEVENTS ne;
	char buf[16];
	WSAEVENT ev;
	SOCKET s;

	su_start();
	ev = WSACreateEvent();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_READ), 0);
	closed_port(AF_INET, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	ASSERT_EQ(WaitForSingleObject(ev, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_TRUE(ne.lNetworkEvents & FD_READ);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	/* Nothing more is there: no FD_READ until a datagram comes. */
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(sendto(s, "real", 4, 0, (struct sockaddr *)&me, melen), 4);
	ASSERT_EQ(WaitForSingleObject(ev, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(recv(s, buf, sizeof buf, 0), 4);
	ASSERT_EQ(WSAEventSelect(s, NULL, 0), 0);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* TCP is untouched: the ioctl is for datagram sockets. */
TEST(SIO_UDP_CONNRESET_tcp_einval)
{
	BOOL on = TRUE;
	DWORD n;
	SOCKET t;

	su_start();
	t = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	FAILS(WSAIoctl(t, SIO_UDP_CONNRESET, &on, sizeof on, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* WSAPoll says readable (POLLRDNORM) while a report waits, and not after it was received. */
TEST(SIO_UDP_CONNRESET_wsapoll)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	WSAPOLLFD p;
	char buf[16];
	SOCKET s;

	su_start();
	s = su_bound(AF_INET6, SOCK_DGRAM, &me, &melen);
	closed_port(AF_INET6, &dead, &deadlen);
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&dead, deadlen), 4);
	p.fd = s;
	p.events = POLLRDNORM;
	p.revents = 0;
	ASSERT_EQ(WSAPoll(&p, 1, 10000), 1);
	ASSERT_EQ(p.revents, POLLRDNORM);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	p.revents = 0;
	ASSERT_EQ(WSAPoll(&p, 1, 0), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A datagram too big fails the send with WSAEMSGSIZE and leaves nothing to receive (a send's
 * own error is no ICMP report, whatever IP_RECVERR queues). */
TEST(SIO_UDP_CONNRESET_msgsize_not_readable)
{
	static char big[70000];
	struct sockaddr_storage me;
	int melen;
	fd_set rs;
	struct timeval tv = { 0, 0 };
	SOCKET s;

	su_start();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	FAILS(sendto(s, big, sizeof big, 0, (struct sockaddr *)&me, melen), SOCKET_ERROR, WSAEMSGSIZE);
	FD_ZERO(&rs);
	FD_SET(s, &rs);
	ASSERT_EQ(select(0, &rs, NULL, NULL, &tv), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* A dual-stack IPv6 socket sending to an IPv4-mapped address gets the IPv4 ICMP report too. */
TEST(SIO_UDP_CONNRESET_dual_stack)
{
	struct sockaddr_storage dead4;
	struct sockaddr_in6 any, to;
	int deadlen;
	DWORD v6only = 0;
	char buf[16];
	SOCKET s;

	su_start();
	closed_port(AF_INET, &dead4, &deadlen);
	s = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&v6only, sizeof v6only), 0);
	memset(&any, 0, sizeof any);
	any.sin6_family = AF_INET6;
	ASSERT_EQ(bind(s, (struct sockaddr *)&any, sizeof any), 0);
	memset(&to, 0, sizeof to);
	to.sin6_family = AF_INET6;
	to.sin6_port = su_port_of(&dead4);
	to.sin6_addr.s6_addr[10] = 0xff;
	to.sin6_addr.s6_addr[11] = 0xff;
	to.sin6_addr.s6_addr[12] = 127;
	to.sin6_addr.s6_addr[15] = 1;
	ASSERT_EQ(sendto(s, "lost", 4, 0, (struct sockaddr *)&to, sizeof to), 4);
	wait_readable(s);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAECONNRESET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* An overlapped receive waiting while the program sends twice to the dead port: the receive
 * completes with the report (the second send must not swallow it). */
TEST(SIO_UDP_CONNRESET_overlapped_two_sends)
{
	struct sockaddr_storage me, dead;
	int melen, deadlen;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got = 7, fl;
	OVERLAPPED ov;
	WSAEVENT ev;
	SOCKET s;

	su_start();
	ev = WSACreateEvent();
	s = su_bound(AF_INET, SOCK_DGRAM, &me, &melen);
	closed_port(AF_INET, &dead, &deadlen);
	memset(&ov, 0, sizeof ov);
	ov.hEvent = ev;
	FAILS(WSARecvFrom(s, &b, 1, NULL, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(sendto(s, "lost1", 5, 0, (struct sockaddr *)&dead, deadlen), 5);
	ASSERT_EQ(sendto(s, "lost2", 5, 0, (struct sockaddr *)&dead, deadlen), 5);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(s, &ov, &got, TRUE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAECONNRESET);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
