/* WSASend / WSASendTo: gather sends, overlapped (immediate and large, possibly pending) and
 * synchronous, WSASendTo destinations on both families, a socket without the overlapped
 * attribute, errors (spec data-transfer.md §3-9). */
#include "overlapped_util.h"

static void gather(int af)
{
	SOCKET c, a;
	OVERLAPPED ov;
	WSABUF bufs[3] = { { 2, "ab" }, { 0, NULL }, { 3, "cde" } };
	DWORD n = 0, got, fl;
	char buf[8];
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_tcp_pair(af, &c, &a);
	ov_init(&ov, ev);
	ASSERT_EQ(WSASend(c, bufs, 3, &n, 0, &ov, NULL), 0);	/* fits: completes at once */
	ASSERT_EQ(n, 5);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);	/* and is still delivered */
	ASSERT_EQ(WSAGetOverlappedResult(c, &ov, &got, FALSE, &fl), TRUE);
	ASSERT_EQ(got, 5);
	ASSERT_EQ(fl, 0);
	ASSERT_EQ(recv(a, buf, 5, MSG_WAITALL), 5);
	ASSERT_MEM_EQ(buf, "abcde", 5);
	/* Synchronous form. */
	ASSERT_EQ(WSASend(c, bufs, 3, &n, 0, NULL, NULL), 0);
	ASSERT_EQ(n, 5);
	ASSERT_EQ(recv(a, buf, 5, MSG_WAITALL), 5);
	ASSERT_MEM_EQ(buf, "abcde", 5);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSASend_gather_v4) { gather(AF_INET); }
TEST(WSASend_gather_v6) { gather(AF_INET6); }

struct drain {
	SOCKET s;
	DWORD want;
	unsigned sum;
};

static DWORD WINAPI drain_main(LPVOID p)
{
	struct drain *d = p;
	static char buf[65536];
	DWORD total = 0;

	while (total < d->want) {
		int r = recv(d->s, buf, sizeof buf, 0);
		if (r <= 0)
			break;
		for (int i = 0; i < r; i++)
			d->sum += (unsigned char)buf[i];
		total += (DWORD)r;
	}
	d->want = total;
	return 0;
}

/* A send larger than the socket buffers: pending or not (no timing assumed), it completes with
 * every byte sent, in order (a stream send completes only when all is queued). */
TEST(WSASend_large)
{
	enum { N = 8 << 20 };
	SOCKET c, a;
	OVERLAPPED ov;
	char *big = malloc(N);
	WSABUF b = { N, big };
	DWORD got = 0, fl, tid;
	unsigned sum = 0;
	struct drain d;
	HANDLE t;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	for (int i = 0; i < N; i++) {
		big[i] = (char)(i * 7);
		sum += (unsigned char)big[i];
	}
	ov_init(&ov, ev);
	WSASetLastError(0);
	if (WSASend(c, &b, 1, NULL, 0, &ov, NULL) != 0)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	d.s = a;
	d.want = N;
	d.sum = 0;
	t = CreateThread(NULL, 0, drain_main, &d, 0, &tid);
	ASSERT_TRUE(t != NULL);
	ASSERT_EQ(WSAGetOverlappedResult(c, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, N);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_EQ(d.want, N);
	ASSERT_EQ(d.sum, sum);
	free(big);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static void sendto_udp(int af)
{
	struct sockaddr_storage to, any;
	SOCKET s, r;
	OVERLAPPED ov;
	WSABUF b = { 4, "ping" };
	DWORD n = 0;
	char buf[8];
	int len, anylen;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	r = ov_bound(af, SOCK_DGRAM, &to, &len);
	s = socket(af, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ov_init(&ov, ev);
	ASSERT_EQ(WSASendTo(s, &b, 1, &n, 0, (struct sockaddr *)&to, len, &ov, NULL), 0);
	ASSERT_EQ(n, 4);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 4);
	ASSERT_MEM_EQ(buf, "ping", 4);
	/* The wildcard address is no destination (§8). */
	anylen = ov_loopback(af, &any);
	memset(af == AF_INET ? (void *)&((struct sockaddr_in *)&any)->sin_addr
			     : (void *)&((struct sockaddr_in6 *)&any)->sin6_addr,
	       0, af == AF_INET ? 4 : 16);
	((struct sockaddr_in *)&any)->sin_port = htons(9);
	FAILS(WSASendTo(s, &b, 1, &n, 0, (struct sockaddr *)&any, anylen, &ov, NULL), SOCKET_ERROR,
	      WSAEADDRNOTAVAIL);
	FAILS(WSASendTo(s, &b, 1, &n, 0, (struct sockaddr *)&to, 3, &ov, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSASendTo_udp_v4) { sendto_udp(AF_INET); }
TEST(WSASendTo_udp_v6) { sendto_udp(AF_INET6); }

/* A socket made without WSA_FLAG_OVERLAPPED ignores lpOverlapped: a plain call (§3), the
 * OVERLAPPED untouched. */
TEST(WSASend_non_overlapped_socket)
{
	SOCKET s, r;
	struct sockaddr_storage to;
	OVERLAPPED ov;
	WSABUF b = { 3, "abc" };
	DWORD n = 0;
	char buf[8];
	int len;

	ov_start();
	r = ov_bound(AF_INET, SOCK_DGRAM, &to, &len);
	s = WSASocketW(AF_INET, SOCK_DGRAM, 0, NULL, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ov_init(&ov, NULL);
	ov.Internal = 0x1234;
	ASSERT_EQ(WSASendTo(s, &b, 1, &n, 0, (struct sockaddr *)&to, len, &ov, NULL), 0);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(ov.Internal, 0x1234);
	ASSERT_EQ(recv(r, buf, sizeof buf, 0), 3);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASend_errors)
{
	SOCKET c, a;
	OVERLAPPED ov;
	WSABUF b = { 1, "x" }, bad = { 4, (char *)12 };
	DWORD n;
	WSAEVENT ev;

	FAILS(WSASend(5, &b, 1, &n, 0, NULL, NULL), SOCKET_ERROR, WSANOTINITIALISED);
	ov_start();
	ev = WSACreateEvent();
	ov_tcp_pair(AF_INET6, &c, &a);
	ov_init(&ov, ev);
	FAILS(WSASend((SOCKET)ev, &b, 1, &n, 0, &ov, NULL), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(WSASend(c, NULL, 1, &n, 0, &ov, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSASend(c, &b, 1, NULL, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSASend(c, &bad, 1, &n, 0, &ov, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSASend(c, &bad, 1, &n, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	/* MSG_PARTIAL needs a partial-message transport. */
	FAILS(WSASend(c, &b, 1, &n, MSG_PARTIAL, &ov, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);	/* failures deliver nothing */
	ASSERT_EQ(shutdown(c, SD_SEND), 0);
	FAILS(WSASend(c, &b, 1, &n, 0, &ov, NULL), SOCKET_ERROR, WSAESHUTDOWN);
	FAILS(WSASend(c, &b, 1, &n, 0, NULL, NULL), SOCKET_ERROR, WSAESHUTDOWN);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
