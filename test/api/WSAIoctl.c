/* WSAIoctl: extension function pointers (known GUIDs, an unknown one WSAEINVAL, a short output
 * WSAEFAULT), the ioctlsocket codes, SIO_KEEPALIVE_VALS (milliseconds rounded up to Linux's
 * seconds, seen through getsockopt), SIO_LOOPBACK_FAST_PATH, the base-handle queries, unknown
 * codes (WSAEOPNOTSUPP), and an overlapped call completing at once through port or event. */
#include <mswsock.h>
#include <mstcpip.h>

#include "overlapped_util.h"

/* Windows values; older mingw-w64 headers lack them. */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif

static int get_fn(SOCKET s, GUID g, void **fn, DWORD outlen)
{
	DWORD n = 0xdead;
	int r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, fn, outlen, &n, NULL, NULL);

	if (r == 0)
		ASSERT_EQ(n, sizeof(void *));
	return r;
}

TEST(WSAIoctl_extension_pointers)
{
	GUID acc = WSAID_ACCEPTEX, gaes = WSAID_GETACCEPTEXSOCKADDRS, con = WSAID_CONNECTEX,
	     dis = WSAID_DISCONNECTEX, poll = WSAID_WSAPOLL, tf = WSAID_TRANSMITFILE, tp = WSAID_TRANSMITPACKETS,
	     rm = WSAID_WSARECVMSG, sm = WSAID_WSASENDMSG, bogus = { 0x12345678, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
	void *fn = NULL;
	SOCKET s, u;

	ov_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_EQ(get_fn(s, acc, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn == (void *)AcceptEx);
	ASSERT_EQ(get_fn(u, gaes, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn == (void *)GetAcceptExSockaddrs);
	fn = NULL;
	ASSERT_EQ(get_fn(s, con, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn != NULL);
	fn = NULL;
	ASSERT_EQ(get_fn(s, dis, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn != NULL);
	ASSERT_EQ(get_fn(s, poll, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn == (void *)WSAPoll);
	ASSERT_EQ(get_fn(s, tf, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn == (void *)TransmitFile);
	fn = NULL;
	ASSERT_EQ(get_fn(s, tp, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn != NULL);
	fn = NULL;
	ASSERT_EQ(get_fn(u, rm, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn != NULL);
	ASSERT_EQ(get_fn(u, sm, &fn, sizeof fn), 0);
	ASSERT_TRUE(fn == (void *)WSASendMsg);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(get_fn(s, bogus, &fn, sizeof fn), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	/* Output too small. */
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(get_fn(s, acc, &fn, sizeof fn - 1), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	FAILS(WSAIoctl(INVALID_SOCKET, SIO_GET_EXTENSION_FUNCTION_POINTER, &acc, sizeof acc, &fn, sizeof fn, NULL,
		       NULL, NULL),
	      SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_ioctlsocket_codes)
{
	SOCKET c, a;
	u_long v = 1, out = 0;
	DWORD n = 0xdead;
	char b[4];

	ov_start();
	ov_tcp_pair(AF_INET6, &c, &a);
	ASSERT_EQ(WSAIoctl(a, FIONBIO, &v, sizeof v, NULL, 0, &n, NULL, NULL), 0);
	ASSERT_EQ(n, 0);
	FAILS(recv(a, b, sizeof b, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	ASSERT_EQ(send(c, "abc", 3, 0), 3);
	do
		ASSERT_EQ(WSAIoctl(a, FIONREAD, NULL, 0, &out, sizeof out, &n, NULL, NULL), 0);
	while (out < 3);
	ASSERT_EQ(out, 3);
	ASSERT_EQ(n, sizeof out);
	ASSERT_EQ(WSAIoctl(a, SIOCATMARK, NULL, 0, &out, sizeof out, &n, NULL, NULL), 0);
	ASSERT_EQ(out, 1);	/* no urgent data waiting */
	FAILS(WSAIoctl(a, FIONREAD, NULL, 0, &out, sizeof out - 1, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAIoctl(a, FIONBIO, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* Ours (pinned): a synchronous call needs lpcbBytesReturned. */
	FAILS(WSAIoctl(a, FIONREAD, NULL, 0, &out, sizeof out, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_keepalive_vals)
{
	SOCKET s;
	struct tcp_keepalive k = { 1, 2500, 1000 };
	DWORD n, v = 0;
	int len = sizeof v;

	ov_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &k, sizeof k, NULL, 0, &n, NULL, NULL), 0);
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len), 0);
	ASSERT_EQ(v & 0xff, 1);
	v = 0;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&v, &len), 0);
	ASSERT_EQ(v, 3);	/* 2500 ms rounded up to whole seconds */
	v = 0;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&v, &len), 0);
	ASSERT_EQ(v, 1);
	k.onoff = 0;
	ASSERT_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &k, sizeof k, NULL, 0, &n, NULL, NULL), 0);
	v = 7;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len), 0);
	ASSERT_EQ(v & 0xff, 0);
	FAILS(WSAIoctl(s, SIO_KEEPALIVE_VALS, &k, sizeof k - 1, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_misc_codes)
{
	SOCKET s, out = 0;
	DWORD on = 1, n = 0;
	DWORD codes[] = { SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT, SIO_BSP_HANDLE_POLL };

	ov_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(WSAIoctl(s, SIO_LOOPBACK_FAST_PATH, &on, sizeof on, NULL, 0, &n, NULL, NULL), 0);
	for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		out = 0;
		ASSERT_EQ(WSAIoctl(s, codes[i], NULL, 0, &out, sizeof out, &n, NULL, NULL), 0);
		ASSERT_EQ(out, s);
		ASSERT_EQ(n, sizeof out);
		FAILS(WSAIoctl(s, codes[i], NULL, 0, &out, sizeof out - 1, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	}
	FAILS(WSAIoctl(s, SIO_FLUSH, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS(WSAIoctl(s, 0x12345678, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* With an OVERLAPPED: completes at once (0) and the completion is still delivered. */
TEST(WSAIoctl_overlapped)
{
	SOCKET s, out = 0;
	OVERLAPPED ov, *got_ov = NULL;
	DWORD n = 0;
	ULONG_PTR key = 0;
	HANDLE port;

	ov_start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ov_init(&ov, WSACreateEvent());
	ASSERT_EQ(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &out, sizeof out, &n, &ov, NULL), 0);
	ASSERT_EQ(out, s);
	ASSERT_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
	ASSERT_TRUE(GetOverlappedResult((HANDLE)s, &ov, &n, FALSE));
	ASSERT_EQ(n, sizeof out);
	ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	port = CreateIoCompletionPort((HANDLE)s, NULL, 0x42, 0);
	ov_init(&ov, NULL);
	ASSERT_EQ(WSAIoctl(s, SIO_BSP_HANDLE, NULL, 0, &out, sizeof out, NULL, &ov, NULL), 0);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 10000));
	ASSERT_EQ(key, 0x42);
	ASSERT_TRUE(got_ov == &ov);
	ASSERT_EQ(n, sizeof out);
	/* A failure delivers nothing. */
	ov_init(&ov, NULL);
	FAILS(WSAIoctl(s, 0x12345678, NULL, 0, NULL, 0, NULL, &ov, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	FAILS32(GetQueuedCompletionStatus(port, &n, &key, &got_ov, 50), WAIT_TIMEOUT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}

/* SIO_ADDRESS_LIST_QUERY: too small a buffer is WSAEFAULT with the size needed in the count;
 * the list then fits, holds addresses of the socket's family that point into the buffer, and
 * never the loopback address. */
static void address_list(int af)
{
	char buf[4096];
	SOCKET_ADDRESS_LIST *l = (SOCKET_ADDRESS_LIST *)(void *)buf;
	DWORD n = 0, need;
	SOCKET s;

	ov_start();
	s = socket(af, SOCK_DGRAM, 0);
	FAILS(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buf, 4, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	need = n;
	ASSERT_TRUE(need >= sizeof(INT));
	ASSERT_TRUE(need <= sizeof buf);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buf, sizeof buf, &n, NULL, NULL), 0);
	ASSERT_EQ(n, need);
	for (int i = 0; i < l->iAddressCount; i++) {
		LPSOCKADDR a = l->Address[i].lpSockaddr;
		ASSERT_TRUE((char *)a >= buf && (char *)a + l->Address[i].iSockaddrLength <= buf + need);
		ASSERT_EQ(a->sa_family, af);
		if (af == AF_INET)
			ASSERT_NE(((struct sockaddr_in *)a)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
		else
			ASSERT_TRUE(memcmp(&((struct sockaddr_in6 *)a)->sin6_addr, &in6addr_loopback, 16) != 0);
	}
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_address_list_query_v4) { address_list(AF_INET); }
TEST(WSAIoctl_address_list_query_v6) { address_list(AF_INET6); }

/* SIO_GET_INTERFACE_LIST lists the loopback interface (up, IFF_LOOPBACK, 127.0.0.1/8). */
TEST(WSAIoctl_get_interface_list)
{
	INTERFACE_INFO ii[64];
	DWORD n = 0;
	SOCKET s;
	int found = 0;

	ov_start();
	s = socket(AF_INET, SOCK_DGRAM, 0);
	FAILS(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, ii, 1, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, ii, sizeof ii, &n, NULL, NULL), 0);
	ASSERT_EQ(n % sizeof(INTERFACE_INFO), 0);
	ASSERT_EQ(sizeof(INTERFACE_INFO), 76);
	for (DWORD i = 0; i < n / sizeof(INTERFACE_INFO); i++) {
		ASSERT_EQ(ii[i].iiAddress.AddressIn.sin_family, AF_INET);
		if (ii[i].iiAddress.AddressIn.sin_addr.s_addr == htonl(INADDR_LOOPBACK)) {
			found = 1;
			ASSERT_TRUE(ii[i].iiFlags & IFF_UP);
			ASSERT_TRUE(ii[i].iiFlags & IFF_LOOPBACK);
			ASSERT_EQ(ii[i].iiNetmask.AddressIn.sin_addr.s_addr, htonl(0xff000000));
		}
	}
	ASSERT_TRUE(found);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* SIO_ROUTING_INTERFACE_QUERY: loopback is reached from the loopback address. */
static void routing(int af)
{
	struct sockaddr_storage dst, src;
	DWORD n = 0;
	SOCKET s;
	int len;

	ov_start();
	s = socket(af, SOCK_DGRAM, 0);
	len = su_loopback(af, &dst, htons(9));
	ASSERT_EQ(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &dst, len, &src, sizeof src, &n, NULL, NULL), 0);
	ASSERT_EQ(n, len);
	ASSERT_EQ(src.ss_family, af);
	ASSERT_EQ(su_port_of(&src), 0);
	if (af == AF_INET)
		ASSERT_EQ(((struct sockaddr_in *)&src)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	else
		ASSERT_MEM_EQ(&((struct sockaddr_in6 *)&src)->sin6_addr, &in6addr_loopback, 16);
	/* Too small an output: WSAEFAULT with the size needed. */
	n = 0;
	FAILS(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &dst, len, &src, 4, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(n, len);
	FAILS(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, NULL, 0, &src, sizeof src, &n, NULL, NULL), SOCKET_ERROR,
	      WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_routing_interface_query_v4) { routing(AF_INET); }
TEST(WSAIoctl_routing_interface_query_v6) { routing(AF_INET6); }

TEST(WSAIoctl_udp_connreset)
{
	BOOL off = FALSE;
	DWORD n = 0;
	SOCKET u, t;

	ov_start();
	u = socket(AF_INET, SOCK_DGRAM, 0);
	t = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(WSAIoctl(u, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &n, NULL, NULL), 0);
	FAILS(WSAIoctl(u, SIO_UDP_CONNRESET, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* Ours (pinned): a UDP setting, refused on a stream socket. */
	FAILS(WSAIoctl(t, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(t), 0);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAIoctl_tcp_info)
{
	TCP_INFO_v0 v0;
	TCP_INFO_v1 v1;
	DWORD ver = 0, n = 0;
	SOCKET c, a, u;
	char buf[8];

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ASSERT_EQ(send(c, "12345", 5, 0), 5);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 5);
	ASSERT_EQ(WSAIoctl(c, SIO_TCP_INFO, &ver, sizeof ver, &v0, sizeof v0, &n, NULL, NULL), 0);
	ASSERT_EQ(n, sizeof v0);
	ASSERT_EQ(v0.State, TCPSTATE_ESTABLISHED);
	ASSERT_TRUE(v0.Mss > 0);
	ASSERT_TRUE(v0.RttUs > 0);
	ASSERT_TRUE(v0.BytesOut >= 5);
	ver = 1;
	ASSERT_EQ(WSAIoctl(a, SIO_TCP_INFO, &ver, sizeof ver, &v1, sizeof v1, &n, NULL, NULL), 0);
	ASSERT_EQ(n, sizeof v1);
	ASSERT_EQ(v1.State, TCPSTATE_ESTABLISHED);
	ASSERT_TRUE(v1.BytesIn >= 5);
	/* Version 1 needs its larger output; version 2 does not exist; no version is WSAEFAULT. */
	FAILS(WSAIoctl(a, SIO_TCP_INFO, &ver, sizeof ver, &v1, sizeof v0, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	ver = 2;
	FAILS(WSAIoctl(a, SIO_TCP_INFO, &ver, sizeof ver, &v1, sizeof v1, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	FAILS(WSAIoctl(a, SIO_TCP_INFO, NULL, 0, &v1, sizeof v1, &n, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* Ours (pinned): TCP sockets only. */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	ver = 0;
	FAILS(WSAIoctl(u, SIO_TCP_INFO, &ver, sizeof ver, &v0, sizeof v0, &n, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
