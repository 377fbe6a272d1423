/* WSARecvFrom: overlapped UDP receives on both families -- the source address written at
 * completion, truncation (WSAEMSGSIZE, buffer filled, rest dropped) at once and pending --
 * address-buffer checks made up front, unbound sockets, the synchronous scatter form
 * (spec data-transfer.md §4, §7). */
#include "overlapped_util.h"

static void pending_from(int af)
{
	SOCKET s, r;
	struct sockaddr_storage from, src;
	OVERLAPPED ov;
	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD flags = 0, got, fl;
	int fromlen = sizeof from, srclen = sizeof src;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_udp_pair(af, &s, &r);
	ov_init(&ov, ev);
	memset(&from, 0xee, sizeof from);
	FAILS(WSARecvFrom(r, &b, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL), SOCKET_ERROR,
	      WSA_IO_PENDING);
	ASSERT_EQ(send(s, "dgram", 5, 0), 5);
	ASSERT_EQ(WSAGetOverlappedResult(r, &ov, &got, TRUE, &fl), TRUE);
	ASSERT_EQ(got, 5);
	ASSERT_MEM_EQ(buf, "dgram", 5);
	/* lpFrom/lpFromlen were filled at completion. */
	ASSERT_EQ(getsockname(s, (struct sockaddr *)&src, &srclen), 0);
	ASSERT_EQ(fromlen, srclen);
	ASSERT_EQ(from.ss_family, af);
	ASSERT_MEM_EQ(&from, &src, srclen);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSARecvFrom_pending_from_v4) { pending_from(AF_INET); }
TEST(WSARecvFrom_pending_from_v6) { pending_from(AF_INET6); }

static void truncation(int af)
{
	SOCKET s, r;
	OVERLAPPED ov;
	char b1[2], b2[2];
	WSABUF bufs[2] = { { 2, b1 }, { 2, b2 } };
	DWORD n = 0, flags = 0, got = 0, fl = 7;
	WSAEVENT ev = WSACreateEvent();

	ov_start();
	ov_udp_pair(af, &s, &r);
	/* Pending, then a datagram too big: WSAEMSGSIZE with the buffers filled. */
	ov_init(&ov, ev);
	FAILS(WSARecvFrom(r, bufs, 2, &n, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSA_IO_PENDING);
	ASSERT_EQ(send(s, "abcdefgh", 8, 0), 8);
	WSASetLastError(0);
	ASSERT_EQ(WSAGetOverlappedResult(r, &ov, &got, TRUE, &fl), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEMSGSIZE);
	ASSERT_EQ(got, 4);
	ASSERT_EQ(fl, 0);	/* no MSG_PARTIAL: no partial-message support, the rest is dropped */
	ASSERT_EQ(ov.Internal, 0x80000005);	/* STATUS_BUFFER_OVERFLOW */
	ASSERT_MEM_EQ(b1, "ab", 2);
	ASSERT_MEM_EQ(b2, "cd", 2);
	FAILS32(GetOverlappedResult((HANDLE)r, &ov, &got, FALSE), ERROR_MORE_DATA);
	/* Already there: fails at once with the count, and is still delivered (a warning). */
	ASSERT_EQ(send(s, "123456", 6, 0), 6);
	ASSERT_EQ(send(s, "xy", 2, 0), 2);
	{
		char tmp[8];
		fd_set rs;
		FD_ZERO(&rs);
		FD_SET(r, &rs);
		ASSERT_EQ(select(0, &rs, NULL, NULL, NULL), 1);
		(void)tmp;
	}
	ov_init(&ov, ev);
	n = 0;
	FAILS(WSARecvFrom(r, bufs, 2, &n, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSAEMSGSIZE);
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(b1, "12", 2);
	ASSERT_MEM_EQ(b2, "34", 2);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	/* The rest of that datagram is gone; the next one is whole. */
	ov_init(&ov, ev);
	ASSERT_EQ(WSARecvFrom(r, bufs, 2, &n, &flags, NULL, NULL, &ov, NULL), 0);
	ASSERT_EQ(n, 2);
	ASSERT_MEM_EQ(b1, "xy", 2);
	/* The synchronous form truncates the same way. */
	ASSERT_EQ(send(s, "ABCDEF", 6, 0), 6);
	FAILS(WSARecvFrom(r, bufs, 2, &n, &flags, NULL, NULL, NULL, NULL), SOCKET_ERROR, WSAEMSGSIZE);
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(b2, "CD", 2);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(WSARecvFrom_truncation_v4) { truncation(AF_INET); }
TEST(WSARecvFrom_truncation_v6) { truncation(AF_INET6); }

TEST(WSARecvFrom_errors)
{
	SOCKET s, r, u;
	struct sockaddr_storage from;
	OVERLAPPED ov;
	char buf[8];
	WSABUF b = { sizeof buf, buf };
	DWORD n, flags = 0;
	int small = 4;
	WSAEVENT ev;

	ov_start();
	ev = WSACreateEvent();
	ov_udp_pair(AF_INET6, &s, &r);
	ov_init(&ov, ev);
	/* The address buffer is checked before anything is consumed (§4). */
	FAILS(WSARecvFrom(r, &b, 1, &n, &flags, (struct sockaddr *)&from, &small, &ov, NULL), SOCKET_ERROR,
	      WSAEFAULT);
	FAILS(WSARecvFrom(r, &b, 1, &n, &flags, (struct sockaddr *)&from, (LPINT)8, &ov, NULL), SOCKET_ERROR,
	      WSAEFAULT);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	/* Unbound datagram socket: WSAEINVAL. */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	FAILS(WSARecvFrom(u, &b, 1, &n, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSAEINVAL);
	FAILS(WSARecvFrom(u, &b, 1, &n, &flags, NULL, NULL, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
	/* OOB on a datagram socket. */
	flags = MSG_OOB;
	FAILS(WSARecvFrom(r, &b, 1, &n, &flags, NULL, NULL, &ov, NULL), SOCKET_ERROR, WSAEOPNOTSUPP);
	ASSERT_TRUE(WSACloseEvent(ev));
	ASSERT_EQ(closesocket(u), 0);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(closesocket(r), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
