/* WSAConnectByNameA/W and WSAConnectByList: resolve, try each address in order, one blocking
 * connect each (also on a non-blocking socket, which stays non-blocking), the local and remote
 * addresses with their lengths, dual-stack IPv4-mapped addresses, the timeout, the error of the
 * last attempt, and the argument errors. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

static SOCKET listener(int af, struct sockaddr_storage *ss, int *len, char *port, size_t n)
{
	SOCKET l = su_bound(af, SOCK_STREAM, ss, len);

	ASSERT_EQ(listen(l, 4), 0);
	snprintf(port, n, "%u", (unsigned)ntohs(su_port_of(ss)));
	return l;
}

static void widen(WCHAR *w, const char *s)
{
	while ((*w++ = (WCHAR)(unsigned char)*s++) != 0)
		;
}

/* A port that refuses: bound, never listening (kept by the returned socket). */
static SOCKET refusing(int af, struct sockaddr_storage *ss, int *len)
{
	return su_bound(af, SOCK_STREAM, ss, len);
}

TEST(WSAConnectByNameA_connects)
{
	struct sockaddr_storage ss, local, remote, name;
	DWORD llen = sizeof local, rlen = sizeof remote;
	char port[8], buf[4];
	SOCKET l, s, a;
	int len, nlen = sizeof name;

	su_start();
	l = listener(AF_INET, &ss, &len, port, sizeof port);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(WSAConnectByNameA(s, "127.0.0.1", port, &llen, (SOCKADDR *)&local, &rlen, (SOCKADDR *)&remote,
				    NULL, NULL), TRUE);
	/* The remote address is the listener's, the local one getsockname's, with their sizes. */
	ASSERT_EQ(rlen, sizeof(struct sockaddr_in));
	ASSERT_MEM_EQ(&remote, &ss, sizeof(struct sockaddr_in));
	ASSERT_EQ(llen, sizeof(struct sockaddr_in));
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&name, &nlen), 0);
	ASSERT_MEM_EQ(&local, &name, sizeof(struct sockaddr_in));
	ASSERT_NE(su_port_of(&local), 0);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(send(s, "hi", 2, 0), 2);
	ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);
	/* Connected now. */
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEISCONN);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByNameW_ipv6_nonblocking)
{
	struct sockaddr_storage ss, remote;
	DWORD rlen = sizeof remote;
	WCHAR wport[8], wnode[8];
	char port[8], buf[4];
	u_long on = 1;
	SOCKET l, s, a;
	int len;

	su_start();
	l = listener(AF_INET6, &ss, &len, port, sizeof port);
	widen(wport, port);
	widen(wnode, "::1");
	s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	/* Blocks even on a non-blocking socket, which stays non-blocking. */
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &on), 0);
	ASSERT_EQ(WSAConnectByNameW(s, wnode, wport, NULL, NULL, &rlen, (SOCKADDR *)&remote, NULL, NULL), TRUE);
	ASSERT_EQ(rlen, sizeof(struct sockaddr_in6));
	ASSERT_EQ(((struct sockaddr_in6 *)&remote)->sin6_family, AF_INET6);
	ASSERT_EQ(su_port_of(&remote), su_port_of(&ss));
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByName_dual_stack_maps_ipv4)
{
	struct sockaddr_storage ss, remote, local;
	DWORD rlen = sizeof remote, llen = sizeof local;
	struct sockaddr_in6 *r6 = (struct sockaddr_in6 *)&remote;
	static const unsigned char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1 };
	char port[8];
	DWORD off = 0;
	SOCKET l, s, a;
	int len;

	su_start();
	l = listener(AF_INET, &ss, &len, port, sizeof port);
	s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	/* IPV6_V6ONLY on (the default): no IPv6 address for 127.0.0.1. */
	WSASetLastError(0);
	ASSERT_EQ(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE);
	ASSERT_NE(WSAGetLastError(), 0);
	/* Dual-stack: the IPv4 address is tried as ::ffff:127.0.0.1. */
	ASSERT_EQ(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&off, sizeof off), 0);
	ASSERT_EQ(WSAConnectByNameA(s, "127.0.0.1", port, &llen, (SOCKADDR *)&local, &rlen, (SOCKADDR *)&remote,
				    NULL, NULL), TRUE);
	ASSERT_EQ(rlen, sizeof(struct sockaddr_in6));
	ASSERT_EQ(r6->sin6_family, AF_INET6);
	ASSERT_MEM_EQ(&r6->sin6_addr, mapped, 16);
	ASSERT_EQ(r6->sin6_port, su_port_of(&ss));
	ASSERT_EQ(llen, sizeof(struct sockaddr_in6));
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByName_refused)
{
	struct sockaddr_storage ss;
	char port[8], buf[4];
	SOCKET hold, s;
	int len;

	su_start();
	hold = refusing(AF_INET, &ss, &len);
	snprintf(port, sizeof port, "%u", (unsigned)ntohs(su_port_of(&ss)));
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAECONNREFUSED);
	/* Not connected afterwards. */
	FAILS(send(s, "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	FAILS(recv(s, buf, sizeof buf, 0), SOCKET_ERROR, WSAENOTCONN);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(hold), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByName_argument_errors)
{
	struct sockaddr_storage ss, remote;
	DWORD small = sizeof(struct sockaddr_in) - 1, rlen = sizeof remote;
	WSAOVERLAPPED ov;
	WCHAR wport[4];
	char port[8];
	u_long on = 1;
	SOCKET l, s, u;
	int len;

	su_start();
	l = listener(AF_INET, &ss, &len, port, sizeof port);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	memset(&ov, 0, sizeof ov);
	/* Reserved, the names: WSAEINVAL, before the socket is looked at. */
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, &ov), FALSE, WSAEINVAL);
	FAILS(WSAConnectByNameA(s, NULL, port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
	widen(wport, "80");
	FAILS(WSAConnectByNameW(s, NULL, wport, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
	FAILS(WSAConnectByNameA(INVALID_SOCKET, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSAEINVAL);
	FAILS(WSAConnectByNameA(INVALID_SOCKET, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSAENOTSOCK);
	/* Names the caller cannot read: WSAEFAULT, nothing connected. */
	FAILS(WSAConnectByNameA(s, (LPSTR)8, port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", (LPSTR)8, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
	/* Connection-oriented sockets only. */
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS(WSAConnectByNameA(u, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
	ASSERT_EQ(closesocket(u), 0);
	/* An output buffer too small for the family, a bad timeout: WSAEFAULT, and no connection
	 * was made (the listener has nothing to accept). */
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, &small, (SOCKADDR *)&remote, NULL, NULL), FALSE,
	      WSAEFAULT);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, &small, (SOCKADDR *)&remote, NULL, NULL, NULL, NULL), FALSE,
	      WSAEFAULT);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, &rlen, (SOCKADDR *)(uintptr_t)0x40, NULL, NULL),
	      FALSE, WSAEFAULT);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, (struct timeval *)(uintptr_t)0x50,
				NULL), FALSE, WSAEFAULT);
	ASSERT_EQ(ioctlsocket(l, FIONBIO, &on), 0);
	FAILS(accept(l, NULL, NULL), INVALID_SOCKET, WSAEWOULDBLOCK);
	/* Names outside the address space. */
	FAILS(WSAConnectByNameA(s, (char *)(uintptr_t)0x60, port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSAEFAULT);
	FAILS(WSAConnectByNameA(s, "127.0.0.1", (char *)(uintptr_t)0x60, NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSAEFAULT);
	/* The resolver's own code for a name it cannot resolve. */
	FAILS(WSAConnectByNameA(s, "127.0.0.1", "no-such-service-here", NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSATYPE_NOT_FOUND);
	/* The socket is still usable. */
	ASSERT_EQ(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), TRUE);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByName_not_started)
{
	FAILS(WSAConnectByNameA(INVALID_SOCKET, "127.0.0.1", "80", NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
	      WSANOTINITIALISED);
	FAILS(WSAConnectByList(INVALID_SOCKET, NULL, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSANOTINITIALISED);
}

/* A listener whose accept queue is full: Linux then drops further SYNs and the connecting side
 * retries after a second, so a connect to it stays under way for a while. The connections that
 * filled it are in s[0..*n). */
static SOCKET full_listener(char *port, size_t plen, SOCKET *s, int *n)
{
	struct sockaddr_storage ss;
	struct timeval tv = { 0, 300000 };
	SOCKET l;
	int len, err = 0;

	l = su_bound(AF_INET, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(listen(l, 1), 0);
	snprintf(port, plen, "%u", (unsigned)ntohs(su_port_of(&ss)));
	/* Connect until one times out: the queue is full then. */
	for (*n = 0; *n < 32; (*n)++) {
		s[*n] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		ASSERT_NE(s[*n], INVALID_SOCKET);
		if (!WSAConnectByNameA(s[*n], "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, NULL)) {
			err = WSAGetLastError();
			(*n)++;
			break;
		}
	}
	ASSERT_EQ(err, WSAETIMEDOUT);
	return l;
}

TEST(WSAConnectByName_timeout)
{
	SOCKET l, s[32];
	char port[8];
	int i, n;

	su_start();
	l = full_listener(port, sizeof port, s, &n);
	/* The socket that timed out is not connected and can try again (and time out again). */
	{
		struct timeval tv = { 0, 100000 };
		FAILS(WSAConnectByNameA(s[n - 1], "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, NULL), FALSE,
		      WSAETIMEDOUT);
		FAILS(send(s[n - 1], "x", 1, 0), SOCKET_ERROR, WSAENOTCONN);
	}
	for (i = 0; i < n; i++)
		ASSERT_EQ(closesocket(s[i]), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct blocked_connect {
	SOCKET s;
	char *port;
	volatile LONG result, err;
};

static DWORD WINAPI blocked_connect_main(LPVOID p)
{
	struct blocked_connect *b = p;

	b->result = WSAConnectByNameA(b->s, "127.0.0.1", b->port, NULL, NULL, NULL, NULL, NULL, NULL);
	b->err = WSAGetLastError();
	return 0;
}

TEST(WSAConnectByName_cancel_synchronous_io)
{
	struct blocked_connect b;
	SOCKET l, s[32];
	char port[8];
	HANDLE t;
	int i, n;

	su_start();
	l = full_listener(port, sizeof port, s, &n);
	memset(&b, 0, sizeof b);
	b.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(b.s, INVALID_SOCKET);
	b.port = port;
	b.result = -1;
	/* No timeout: the call waits until CancelSynchronousIo interrupts it, as any blocking call. */
	t = CreateThread(NULL, 0, blocked_connect_main, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	for (;;) {
		SetLastError(0xdeadbeef);
		if (CancelSynchronousIo(t))
			break;
		ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
		ASSERT_EQ(WaitForSingleObject(t, 1), WAIT_TIMEOUT);
	}
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_EQ(CloseHandle(t), TRUE);
	ASSERT_EQ(b.result, FALSE);
	ASSERT_EQ(b.err, WSA_OPERATION_ABORTED);
	ASSERT_EQ(closesocket(b.s), 0);
	for (i = 0; i < n; i++)
		ASSERT_EQ(closesocket(s[i]), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByList_tries_in_order)
{
	struct sockaddr_storage good, bad1, bad2, remote;
	DWORD rlen = sizeof remote;
	char port[8], buf[sizeof(SOCKET_ADDRESS_LIST) + 3 * sizeof(SOCKET_ADDRESS)];
	SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buf;
	SOCKET l, h1, h2, s, a;
	int glen, b1len, b2len;

	su_start();
	l = listener(AF_INET, &good, &glen, port, sizeof port);
	h1 = refusing(AF_INET, &bad1, &b1len);
	h2 = refusing(AF_INET, &bad2, &b2len);
	memset(buf, 0, sizeof buf);
	list->iAddressCount = 3;
	list->Address[0].lpSockaddr = (LPSOCKADDR)&bad1;
	list->Address[0].iSockaddrLength = b1len;
	list->Address[1].lpSockaddr = (LPSOCKADDR)&good;
	list->Address[1].iSockaddrLength = glen;
	list->Address[2].lpSockaddr = (LPSOCKADDR)&bad2;
	list->Address[2].iSockaddrLength = b2len;
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	/* The refused first address is skipped; the second connects. */
	ASSERT_EQ(WSAConnectByList(s, list, NULL, NULL, &rlen, (SOCKADDR *)&remote, NULL, NULL), TRUE);
	ASSERT_EQ(rlen, (DWORD)glen);
	ASSERT_MEM_EQ(&remote, &good, glen);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(s), 0);
	/* All refused: the last attempt's error. */
	list->Address[1] = list->Address[2];
	list->iAddressCount = 2;
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(WSAConnectByList(s, list, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAECONNREFUSED);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(h2), 0);
	ASSERT_EQ(closesocket(h1), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByList_bound_socket_keeps_its_port)
{
	struct sockaddr_storage good, bad, mine, local;
	DWORD llen = sizeof local;
	char port[8], buf[sizeof(SOCKET_ADDRESS_LIST) + sizeof(SOCKET_ADDRESS)];
	SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buf;
	SOCKET l, h, s, a;
	int glen, blen, mlen;

	su_start();
	l = listener(AF_INET, &good, &glen, port, sizeof port);
	h = refusing(AF_INET, &bad, &blen);
	/* Windows 10 accepts a bound socket; the failed first attempt does not lose the binding. */
	s = su_bound(AF_INET, SOCK_STREAM, &mine, &mlen);
	memset(buf, 0, sizeof buf);
	list->iAddressCount = 2;
	list->Address[0].lpSockaddr = (LPSOCKADDR)&bad;
	list->Address[0].iSockaddrLength = blen;
	list->Address[1].lpSockaddr = (LPSOCKADDR)&good;
	list->Address[1].iSockaddrLength = glen;
	ASSERT_EQ(WSAConnectByList(s, list, &llen, (SOCKADDR *)&local, NULL, NULL, NULL, NULL), TRUE);
	ASSERT_EQ(llen, (DWORD)mlen);
	ASSERT_MEM_EQ(&local, &mine, mlen);
	a = accept(l, NULL, NULL);
	ASSERT_NE(a, INVALID_SOCKET);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(h), 0);
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAConnectByList_argument_errors)
{
	SOCKET_ADDRESS_LIST list;
	WSAOVERLAPPED ov;
	SOCKET s, u;

	su_start();
	memset(&list, 0, sizeof list);
	memset(&ov, 0, sizeof ov);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(WSAConnectByList(s, &list, NULL, NULL, NULL, NULL, NULL, &ov), FALSE, WSAEINVAL);
	FAILS(WSAConnectByList(INVALID_SOCKET, &list, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);
	FAILS(WSAConnectByList(s, NULL, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
	/* An empty list. */
	FAILS(WSAConnectByList(s, &list, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(u, INVALID_SOCKET);
	FAILS(WSAConnectByList(u, &list, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
