/* select with a program-chosen FD_SETSIZE: defined before winsock2.h, it sizes fd_set and the
 * FD_SET limit (spec data-transfer.md §13), and select serves more than 64 sockets. */
#define FD_SETSIZE 256
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stddef.h>

#include "test.h"

enum { PAIRS = 70, N = 2 * PAIRS };	/* 140 sockets: more than the default 64 */

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static void tcp_pairs(int af, SOCKET *s, int pairs)
{
	struct sockaddr_storage ss;
	int len = sizeof ss;
	SOCKET l = socket(af, SOCK_STREAM, IPPROTO_TCP);

	ASSERT_NE(l, INVALID_SOCKET);
	memset(&ss, 0, sizeof ss);
	if (af == AF_INET) {
		((struct sockaddr_in *)&ss)->sin_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(struct sockaddr_in);
	} else {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
		len = sizeof(struct sockaddr_in6);
	}
	ASSERT_EQ(bind(l, (struct sockaddr *)&ss, len), 0);
	len = sizeof ss;
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&ss, &len), 0);
	ASSERT_EQ(listen(l, 8), 0);
	for (int i = 0; i < pairs; i++) {
		s[2 * i] = socket(af, SOCK_STREAM, IPPROTO_TCP);
		ASSERT_NE(s[2 * i], INVALID_SOCKET);
		ASSERT_EQ(connect(s[2 * i], (struct sockaddr *)&ss, len), 0);
		s[2 * i + 1] = accept(l, NULL, NULL);
		ASSERT_NE(s[2 * i + 1], INVALID_SOCKET);
	}
	ASSERT_EQ(closesocket(l), 0);
}

TEST(select_big_fd_setsize)
{
	fd_set s;

	ASSERT_EQ(FD_SETSIZE, 256);
	ASSERT_EQ(sizeof s, offsetof(fd_set, fd_array) + 256 * sizeof(SOCKET));
	FD_ZERO(&s);
	for (int i = 0; i < 300; i++)
		FD_SET((SOCKET)(5000 + i), &s);
	ASSERT_EQ(s.fd_count, 256);
	ASSERT_TRUE(FD_ISSET((SOCKET)5255, &s));
	ASSERT_TRUE(!FD_ISSET((SOCKET)5256, &s));
	FD_CLR((SOCKET)5100, &s);
	ASSERT_EQ(s.fd_count, 255);
	ASSERT_EQ(s.fd_array[100], 5101);
}

TEST(select_big_many_sockets)
{
	static const int families[2] = { AF_INET, AF_INET6 };

	start();
	for (int f = 0; f < 2; f++) {
		SOCKET s[N];
		fd_set rd, wr, ex;
		struct timeval tv = { 0, 0 };
		int got = 0;

		tcp_pairs(families[f], s, PAIRS);
		/* All writable, in input order. */
		FD_ZERO(&wr);
		for (int i = 0; i < N; i++)
			FD_SET(s[i], &wr);
		ASSERT_EQ(wr.fd_count, N);
		ASSERT_EQ(select(0, NULL, &wr, NULL, &tv), N);
		ASSERT_EQ(wr.fd_count, N);
		for (int i = 0; i < N; i++)
			ASSERT_EQ(wr.fd_array[i], s[i]);
		/* Readable: exactly those sent something, past the 64th entry too. */
		ASSERT_EQ(send(s[0], "a", 1, 0), 1);	/* s[1] readable */
		ASSERT_EQ(send(s[129], "b", 1, 0), 1);	/* s[128] readable */
		for (int tries = 0; tries < 100 && got != 2; tries++) {
			FD_ZERO(&rd);
			FD_ZERO(&ex);
			for (int i = 0; i < N; i++) {
				FD_SET(s[i], &rd);
				FD_SET(s[i], &ex);
			}
			tv.tv_sec = 5;
			got = select(0, &rd, NULL, &ex, &tv);
			ASSERT_TRUE(got >= 1);
		}
		ASSERT_EQ(got, 2);
		ASSERT_EQ(rd.fd_count, 2);
		ASSERT_EQ(rd.fd_array[0], s[1]);
		ASSERT_EQ(rd.fd_array[1], s[128]);
		ASSERT_TRUE(FD_ISSET(s[128], &rd));
		ASSERT_EQ(ex.fd_count, 0);
		for (int i = 0; i < N; i++)
			ASSERT_EQ(closesocket(s[i]), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}
