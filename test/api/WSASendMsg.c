/* WSASendMsg (the ws2_32 export and WSAID_WSASENDMSG): data to the WSAMSG's address with
 * IP_PKTINFO / IPV6_PKTINFO choosing the source, on connected and unconnected sockets,
 * overlapped completion through an event, and bad input. */
#include <mswsock.h>

#include "overlapped_util.h"

static LPFN_WSASENDMSG get_sendmsg(SOCKET s)
{
	GUID g = WSAID_WSASENDMSG;
	LPFN_WSASENDMSG fn = NULL;
	DWORD n = 0;

	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL), 0);
	ASSERT_TRUE(fn == WSASendMsg);
	return fn;
}

/* One control message with a PKTINFO naming the loopback source of af. Returns its size. */
static ULONG pktinfo(int af, char *ctl)
{
	WSACMSGHDR *c = (WSACMSGHDR *)(void *)ctl;

	if (af == AF_INET) {
		IN_PKTINFO pi;
		memset(&pi, 0, sizeof pi);
		pi.ipi_addr.s_addr = htonl(INADDR_LOOPBACK);
		c->cmsg_len = WSA_CMSG_LEN(sizeof pi);
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		memcpy(WSA_CMSG_DATA(c), &pi, sizeof pi);
		return (ULONG)WSA_CMSG_SPACE(sizeof pi);
	} else {
		IN6_PKTINFO pi;
		memset(&pi, 0, sizeof pi);
		pi.ipi6_addr = in6addr_loopback;
		c->cmsg_len = WSA_CMSG_LEN(sizeof pi);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		memcpy(WSA_CMSG_DATA(c), &pi, sizeof pi);
		return (ULONG)WSA_CMSG_SPACE(sizeof pi);
	}
}

static void send_pktinfo(int af)
{
	struct sockaddr_storage to;
	char ctl[64] = { 0 }, got[16];
	SOCKET s, r;
	WSAMSG m;
	WSABUF b[2];
	DWORD n = 0;
	int tolen;

	ov_start();
	r = ov_bound(af, SOCK_DGRAM, &to, &tolen);
	s = socket(af, SOCK_DGRAM, 0);
	memset(&m, 0, sizeof m);
	b[0].buf = "hel";
	b[0].len = 3;
	b[1].buf = "lo";
	b[1].len = 2;
	m.name = (LPSOCKADDR)&to;
	m.namelen = tolen;
	m.lpBuffers = b;
	m.dwBufferCount = 2;
	m.Control.buf = ctl;
	m.Control.len = pktinfo(af, ctl);
	ASSERT_EQ(get_sendmsg(s)(s, &m, 0, &n, NULL, NULL), 0);
	ASSERT_EQ(n, 5);
	ASSERT_EQ(recv(r, got, sizeof got, 0), 5);
	ASSERT_MEM_EQ(got, "hello", 5);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASendMsg_pktinfo_v4) { send_pktinfo(AF_INET); }
TEST(WSASendMsg_pktinfo_v6) { send_pktinfo(AF_INET6); }

TEST(WSASendMsg_connected_overlapped)
{
	char got[16];
	OVERLAPPED ov;
	SOCKET s, r;
	WSAMSG m;
	WSABUF b;
	DWORD n = 0, fl = 0;
	int rc;

	ov_start();
	ov_udp_pair(AF_INET, &s, &r);
	memset(&m, 0, sizeof m);
	b.buf = "ovl";
	b.len = 3;
	m.lpBuffers = &b;
	m.dwBufferCount = 1;
	ov_init(&ov, WSACreateEvent());
	rc = WSASendMsg(s, &m, 0, NULL, &ov, NULL);
	if (rc != 0)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(s, &ov, &n, FALSE, &fl));
	ASSERT_EQ(n, 3);
	ASSERT_EQ(recv(r, got, sizeof got, 0), 3);
	ASSERT_MEM_EQ(got, "ovl", 3);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASendMsg_bad_input)
{
	struct sockaddr_storage to;
	WSACMSGHDR *c;
	char ctl[64] = { 0 }, x;
	SOCKET s, r, tc, ta;
	WSAMSG m;
	WSABUF b;
	DWORD n = 0;
	int tolen;

	ov_start();
	r = ov_bound(AF_INET, SOCK_DGRAM, &to, &tolen);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&m, 0, sizeof m);
	b.buf = "x";
	b.len = 1;
	m.name = (LPSOCKADDR)&to;
	m.namelen = tolen;
	m.lpBuffers = &b;
	m.dwBufferCount = 1;
	FAILS(WSASendMsg(INVALID_SOCKET, &m, 0, &n, NULL, NULL), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(WSASendMsg(s, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* The count may be NULL only with an OVERLAPPED. */
	FAILS(WSASendMsg(s, &m, 0, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* A control message linsock cannot express, and one whose length overruns the buffer. */
	c = (WSACMSGHDR *)(void *)ctl;
	c->cmsg_len = WSA_CMSG_LEN(4);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = 99;
	m.Control.buf = ctl;
	m.Control.len = (ULONG)WSA_CMSG_SPACE(4);
	FAILS(WSASendMsg(s, &m, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	c->cmsg_len = 200;
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_PKTINFO;
	FAILS(WSASendMsg(s, &m, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	m.Control.buf = NULL;
	m.Control.len = 0;
	/* Documented: datagram and raw sockets only. */
	ov_tcp_pair(AF_INET, &tc, &ta);
	FAILS(WSASendMsg(tc, &m, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(closesocket(ta), 0);
	ASSERT_EQ(closesocket(tc), 0);
	/* Nothing was sent by any of those; a good call still works. */
	ASSERT_EQ(WSASendMsg(s, &m, 0, &n, NULL, NULL), 0);
	ASSERT_EQ(recv(r, &x, 1, 0), 1);
	ASSERT_EQ(x, 'x');
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
