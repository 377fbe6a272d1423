/* mstcpip.h address helpers: INETADDR_*, IN4ADDR_*, IN6ADDR_*, SS_PORT. (mingw-w64's
 * mstcpip.h lacks them, Microsoft's SDK has them: under mingw only the IPX layout is built.) */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <wsipx.h>

#include "test.h"

#ifndef __MINGW32__
TEST(INETADDR_v4_v6)
{
	SOCKADDR_STORAGE ss;
	SOCKADDR *sa = (SOCKADDR *)&ss;
	SOCKADDR_IN *a4 = (SOCKADDR_IN *)&ss;
	SOCKADDR_IN6 *a6 = (SOCKADDR_IN6 *)&ss;
	SOCKADDR_STORAGE other_ss;	/* room for either family, as INETADDR_ISEQUAL may read */
	SOCKADDR_IN *other = (SOCKADDR_IN *)&other_ss;

	memset(&ss, 0x55, sizeof ss);
	ss.ss_family = AF_INET;
	INETADDR_SETLOOPBACK(sa);
	ASSERT_EQ(a4->sin_family, AF_INET);
	ASSERT_EQ(a4->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	ASSERT_EQ(a4->sin_port, 0);
	ASSERT_TRUE(INETADDR_ISLOOPBACK(sa));
	ASSERT_TRUE(!INETADDR_ISANY(sa));
	INETADDR_SET_PORT(sa, htons(8080));
	ASSERT_EQ(SS_PORT(&ss), htons(8080));
	ASSERT_EQ(INETADDR_PORT(sa), htons(8080));
	ASSERT_EQ(INETADDR_ADDRESS(sa)[0], 127);
	ASSERT_EQ(INETADDR_SIZE(sa), sizeof(SOCKADDR_IN));
	IN4ADDR_SETANY(other);
	ASSERT_TRUE(IN4ADDR_ISUNSPECIFIED(other));
	ASSERT_TRUE(!INETADDR_ISEQUAL(sa, (SOCKADDR *)other));
	INETADDR_SETANY(sa);
	ASSERT_TRUE(INETADDR_ISANY(sa));
	ASSERT_TRUE(INETADDR_ISUNSPECIFIED(sa));
	ASSERT_TRUE(INETADDR_ISEQUAL(sa, (SOCKADDR *)other));

	memset(&ss, 0x55, sizeof ss);
	ss.ss_family = AF_INET6;
	INETADDR_SETLOOPBACK(sa);
	ASSERT_EQ(a6->sin6_family, AF_INET6);
	ASSERT_TRUE(IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr));
	ASSERT_EQ(a6->sin6_scope_id, 0);
	ASSERT_EQ(a6->sin6_flowinfo, 0);
	ASSERT_TRUE(INETADDR_ISLOOPBACK(sa));
	ASSERT_EQ(INETADDR_ADDRESS(sa)[15], 1);
	ASSERT_EQ(INETADDR_SIZE(sa), sizeof(SOCKADDR_IN6));
	SS_PORT(&ss) = htons(53);
	ASSERT_EQ(a6->sin6_port, htons(53));
	INETADDR_SETANY(sa);
	ASSERT_TRUE(INETADDR_ISANY(sa));
	ASSERT_EQ(a6->sin6_port, 0);
}

TEST(IN4_address_classes)
{
	IN_ADDR a;

	a.s_addr = htonl(0x0a000001);
	ASSERT_TRUE(IN4_IS_ADDR_RFC1918(&a));
	a.s_addr = htonl(0xc0a80101);
	ASSERT_TRUE(IN4_IS_ADDR_RFC1918(&a));
	a.s_addr = htonl(0xac1f0001);	/* 172.31.0.1 */
	ASSERT_TRUE(IN4_IS_ADDR_RFC1918(&a));
	a.s_addr = htonl(0xac200001);	/* 172.32.0.1 */
	ASSERT_TRUE(!IN4_IS_ADDR_RFC1918(&a));
	a.s_addr = htonl(0xe0000001);
	ASSERT_TRUE(IN4_IS_ADDR_MULTICAST(&a));
	a.s_addr = htonl(0xa9fe0102);
	ASSERT_TRUE(IN4_IS_ADDR_LINKLOCAL(&a));
	a.s_addr = 0xffffffffu;
	ASSERT_TRUE(IN4_IS_ADDR_BROADCAST(&a));
}
#endif

TEST(wsipx_layout)
{
	SOCKADDR_IPX ipx;

	ASSERT_EQ(sizeof ipx, 14);
	ASSERT_EQ((char *)&ipx.sa_nodenum - (char *)&ipx, 6);
	ASSERT_EQ((char *)&ipx.sa_socket - (char *)&ipx, 12);
	ASSERT_EQ(NSPROTO_IPX, 1000);
}
