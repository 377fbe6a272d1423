/* WSARecvMsg (only through WSAIoctl, WSAID_WSARECVMSG): data, source address and IP_PKTINFO /
 * IPV6_PKTINFO control data in Windows' layout (WSA_CMSG_* macros), MSG_TRUNC and MSG_CTRUNC
 * in dwFlags, overlapped completion through an event and a routine, and bad input. */
#include <mswsock.h>

#include "overlapped_util.h"

static LPFN_WSARECVMSG get_recvmsg(SOCKET s)
{
	GUID g = WSAID_WSARECVMSG;
	LPFN_WSARECVMSG fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_EQ(n, sizeof fn);
	ASSERT_TRUE(fn != NULL);
	return fn;
}

/* r: a bound UDP socket of af with PKTINFO on; s: an unbound UDP socket; *to the address of r. */
static void pair(int af, SOCKET *s, SOCKET *r, struct sockaddr_storage *to, int *tolen)
{
	DWORD on = 1;

	*r = ov_bound(af, SOCK_DGRAM, to, tolen);
	if (af == AF_INET)
		ASSERT_EQ(setsockopt(*r, IPPROTO_IP, IP_PKTINFO, (char *)&on, sizeof on), 0);
	else
		ASSERT_EQ(setsockopt(*r, IPPROTO_IPV6, IPV6_PKTINFO, (char *)&on, sizeof on), 0);
	*s = socket(af, SOCK_DGRAM, 0);
	ASSERT_NE(*s, INVALID_SOCKET);
}

static void msg_init(WSAMSG *m, WSABUF *b, char *data, ULONG dlen, struct sockaddr_storage *from, char *ctl,
		     ULONG clen)
{
	memset(m, 0, sizeof *m);
	b->buf = data;
	b->len = dlen;
	m->name = (LPSOCKADDR)from;
	m->namelen = sizeof *from;
	m->lpBuffers = b;
	m->dwBufferCount = 1;
	m->Control.buf = ctl;
	m->Control.len = clen;
}

/* The control data holds exactly one PKTINFO naming the loopback destination. */
static void check_pktinfo(int af, WSAMSG *m)
{
	WSACMSGHDR *c = WSA_CMSG_FIRSTHDR(m);

	ASSERT_TRUE(c != NULL);
	if (af == AF_INET) {
		IN_PKTINFO pi;
		ASSERT_EQ(c->cmsg_level, IPPROTO_IP);
		ASSERT_EQ(c->cmsg_type, IP_PKTINFO);
		ASSERT_EQ(c->cmsg_len, WSA_CMSG_LEN(sizeof pi));
		memcpy(&pi, WSA_CMSG_DATA(c), sizeof pi);
		ASSERT_EQ(pi.ipi_addr.s_addr, htonl(INADDR_LOOPBACK));
		ASSERT_TRUE(pi.ipi_ifindex != 0);
		ASSERT_EQ(m->Control.len, WSA_CMSG_SPACE(sizeof pi));
	} else {
		IN6_PKTINFO pi;
		ASSERT_EQ(c->cmsg_level, IPPROTO_IPV6);
		ASSERT_EQ(c->cmsg_type, IPV6_PKTINFO);
		ASSERT_EQ(c->cmsg_len, WSA_CMSG_LEN(sizeof pi));
		memcpy(&pi, WSA_CMSG_DATA(c), sizeof pi);
		ASSERT_MEM_EQ(&pi.ipi6_addr, &in6addr_loopback, sizeof pi.ipi6_addr);
		ASSERT_TRUE(pi.ipi6_ifindex != 0);
		ASSERT_EQ(m->Control.len, WSA_CMSG_SPACE(sizeof pi));
	}
	ASSERT_TRUE(WSA_CMSG_NXTHDR(m, c) == NULL);
}

static void sync_pktinfo(int af)
{
	struct sockaddr_storage to, from, me;
	char data[16], ctl[128];
	SOCKET s, r;
	WSAMSG m;
	WSABUF b;
	DWORD n = 0;
	int tolen, melen = sizeof me;

	ov_start();
	pair(af, &s, &r, &to, &tolen);
	ASSERT_EQ(sendto(s, "hello", 5, 0, (struct sockaddr *)&to, tolen), 5);
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&me, &melen), 0);
	msg_init(&m, &b, data, sizeof data, &from, ctl, sizeof ctl);
	m.dwFlags = 0x12345678 & 0;	/* input flags: none */
	ASSERT_EQ(get_recvmsg(r)(r, &m, &n, NULL, NULL), 0);
	ASSERT_EQ(n, 5);
	ASSERT_MEM_EQ(data, "hello", 5);
	ASSERT_EQ(m.dwFlags, 0);
	ASSERT_EQ(m.namelen, melen);
	ASSERT_EQ(su_port_of(&from), su_port_of(&me));
	check_pktinfo(af, &m);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvMsg_pktinfo_v4) { sync_pktinfo(AF_INET); }
TEST(WSARecvMsg_pktinfo_v6) { sync_pktinfo(AF_INET6); }

TEST(WSARecvMsg_trunc_ctrunc)
{
	struct sockaddr_storage to, from;
	char data[2], ctl[8];
	SOCKET s, r;
	WSAMSG m;
	WSABUF b;
	DWORD n = 0;
	int tolen;

	ov_start();
	pair(AF_INET, &s, &r, &to, &tolen);
	ASSERT_EQ(sendto(s, "hello", 5, 0, (struct sockaddr *)&to, tolen), 5);
	msg_init(&m, &b, data, sizeof data, &from, ctl, sizeof ctl);
	/* Datagram larger than the buffer: WSAEMSGSIZE, MSG_TRUNC; control too small: MSG_CTRUNC. */
	FAILS(get_recvmsg(r)(r, &m, &n, NULL, NULL), SOCKET_ERROR, WSAEMSGSIZE);
	ASSERT_MEM_EQ(data, "he", 2);
	ASSERT_EQ(m.dwFlags, MSG_TRUNC | MSG_CTRUNC);
	ASSERT_EQ(m.Control.len, 0);
	/* No control buffer at all: the data alone, MSG_CTRUNC (something did not fit). */
	ASSERT_EQ(sendto(s, "ab", 2, 0, (struct sockaddr *)&to, tolen), 2);
	msg_init(&m, &b, data, sizeof data, NULL, NULL, 0);
	m.namelen = 0;
	ASSERT_EQ(get_recvmsg(r)(r, &m, &n, NULL, NULL), 0);
	ASSERT_EQ(n, 2);
	ASSERT_EQ(m.dwFlags, MSG_CTRUNC);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvMsg_overlapped_event)
{
	struct sockaddr_storage to, from;
	char data[16], ctl[128];
	OVERLAPPED ov;
	SOCKET s, r;
	WSAMSG m;
	WSABUF b;
	DWORD n = 0, fl = 0;
	int tolen;

	ov_start();
	pair(AF_INET6, &s, &r, &to, &tolen);
	msg_init(&m, &b, data, sizeof data, &from, ctl, sizeof ctl);
	ov_init(&ov, WSACreateEvent());
	FAILS(get_recvmsg(r)(r, &m, NULL, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
	ASSERT_EQ(sendto(s, "later", 5, 0, (struct sockaddr *)&to, tolen), 5);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(r, &ov, &n, FALSE, &fl));
	ASSERT_EQ(n, 5);
	ASSERT_EQ(fl, 0);
	ASSERT_MEM_EQ(data, "later", 5);
	ASSERT_EQ(from.ss_family, AF_INET6);
	check_pktinfo(AF_INET6, &m);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

static volatile LONG routine_calls;
static DWORD routine_err, routine_bytes, routine_flags;

static void CALLBACK on_done(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)ov;
	routine_err = err;
	routine_bytes = bytes;
	routine_flags = flags;
	InterlockedIncrement(&routine_calls);
}

TEST(WSARecvMsg_overlapped_routine_trunc)
{
	struct sockaddr_storage to, from;
	char data[3], ctl[128];
	OVERLAPPED ov;
	SOCKET s, r;
	WSAMSG m;
	WSABUF b;
	int tolen;

	ov_start();
	pair(AF_INET, &s, &r, &to, &tolen);
	msg_init(&m, &b, data, sizeof data, &from, ctl, sizeof ctl);
	ov_init(&ov, NULL);
	FAILS(get_recvmsg(r)(r, &m, NULL, &ov, on_done), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(sendto(s, "toolong", 7, 0, (struct sockaddr *)&to, tolen), 7);
	ov_alert_until(&routine_calls, 1);
	ASSERT_EQ(routine_err, WSAEMSGSIZE);
	ASSERT_EQ(routine_bytes, 3);
	ASSERT_EQ(routine_flags, MSG_TRUNC);
	ASSERT_EQ(m.dwFlags, MSG_TRUNC);
	check_pktinfo(AF_INET, &m);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSARecvMsg_bad_input)
{
	struct sockaddr_storage to;
	LPFN_WSARECVMSG fn;
	SOCKET s, r, c, a;
	char data[4];
	WSAMSG m;
	WSABUF b;
	DWORD n = 0;
	u_long on = 1;
	int tolen;

	ov_start();
	pair(AF_INET, &s, &r, &to, &tolen);
	fn = get_recvmsg(r);
	msg_init(&m, &b, data, sizeof data, NULL, NULL, 0);
	m.namelen = 0;
	FAILS(fn(INVALID_SOCKET, &m, &n, NULL, NULL), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(fn(r, NULL, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(fn(r, &m, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* Documented: datagram and raw sockets only. */
	ov_tcp_pair(AF_INET, &c, &a);
	FAILS(fn(c, &m, &n, NULL, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(ioctlsocket(r, FIONBIO, &on), 0);
	FAILS(fn(r, &m, &n, NULL, NULL), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
