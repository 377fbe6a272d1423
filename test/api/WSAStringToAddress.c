/* WSAStringToAddressA/W and WSAAddressToStringA/W. Expected values are Windows' as Wine's ws2_32
 * protocol tests record them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "test.h"

#define SEED ((int)0xdeadbeef)

static void widen(WCHAR *d, const char *s)
{
	while ((*d++ = (WCHAR)(unsigned char)*s++))
		;
}

static int wcs_eq(const WCHAR *w, const char *s)
{
	for (; *s; w++, s++)
		if (*w != (WCHAR)(unsigned char)*s)
			return 0;
	return *w == 0;
}

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

TEST(WSAStringToAddress_ipv4)
{
	static const struct {
		const char *in;
		ULONG addr;	/* host order */
		USHORT port;
		int error;
	} t[] = {
		{ "", 0, 0, WSAEINVAL },
		{ " ", 0, 0, WSAEINVAL },
		{ "1.1.1.1", 0x01010101, 0, 0 },
		{ "127.127.127.127:", 0, 0, WSAEINVAL },
		{ "127.127.127.127:0", 0, 0, WSAEINVAL },
		{ "127.127.127.127:123", 0x7f7f7f7f, 123, 0 },
		{ "127.127.127.127:65535", 0x7f7f7f7f, 65535, 0 },
		{ "127.127.127.127:65537", 0, 0, WSAEINVAL },
		{ "127.127.127.127::1", 0, 0, WSAEINVAL },
		{ "127.127.127.127:0xAbCd", 0x7f7f7f7f, 43981, 0 },
		{ "127.127.127.127:010", 0x7f7f7f7f, 8, 0 },
		{ "127.127.127.127:08", 0, 0, WSAEINVAL },
		{ "255.255.255.255", 0xffffffff, 0, 0 },
		{ "255.255.255.256", 0, 0, WSAEINVAL },
		{ "1.1.1.0xaA", 0x010101aa, 0, 0 },
		{ "1.1.1.0x100", 0, 0, WSAEINVAL },
		{ "1.1.1.010", 0x01010108, 0, 0 },
		{ "1.1.1.08", 0, 0, WSAEINVAL },
		{ "1", 1, 0, 0 },
		{ "-1", 0, 0, WSAEINVAL },
		{ "1:1", 1, 1, 0 },
		{ "1.2", 0x01000002, 0, 0 },
		{ "1000.2000", 0, 0, WSAEINVAL },
		{ "1.2.", 0, 0, WSAEINVAL },
		{ "1..2", 0, 0, WSAEINVAL },
		{ "1.2.3", 0x01020003, 0, 0 },
		{ "203569230:123", 0x0c22384e, 123, 0 },
		{ "2001::1", 0, 0, WSAEINVAL },
		{ "1.223756", 0x01036a0c, 0, 0 },
		{ "3.4.756", 0x030402f4, 0, 0 },
		{ "3.4.65536", 0, 0, WSAEINVAL },
		{ "3.4.5.6 ", 0, 0, WSAEINVAL },
		{ "0x123456789", 0x23456789, 0, 0 },
		{ "017700000001", 0x7f000001, 0, 0 },
		{ "::1", 0, 0, WSAEINVAL },
	};
	SOCKADDR_IN sa;
	WCHAR w[64];
	INT len;

	start();
	for (int wide = 0; wide < 2; wide++) {
		for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
			int ret;

			len = sizeof sa + 10;
			memset(&sa, 0xab, sizeof sa);
			WSASetLastError(SEED);
			if (wide) {
				widen(w, t[i].in);
				ret = WSAStringToAddressW(w, AF_INET, NULL, (SOCKADDR *)&sa, &len);
			} else {
				ret = WSAStringToAddressA((char *)t[i].in, AF_INET, NULL, (SOCKADDR *)&sa, &len);
			}
			if (ret != (t[i].error ? SOCKET_ERROR : 0))
				FAILF("\"%s\" (wide %d): ret %d", t[i].in, wide, ret);
			ASSERT_EQ(WSAGetLastError(), t[i].error ? t[i].error : SEED);
			/* The structure is cleared first: a failure leaves family 0. */
			ASSERT_EQ(sa.sin_family, t[i].error ? 0 : AF_INET);
			ASSERT_EQ(len, t[i].error ? (int)sizeof sa + 10 : (int)sizeof sa);
			if (!t[i].error) {
				ASSERT_EQ(ntohl(sa.sin_addr.s_addr), t[i].addr);
				ASSERT_EQ(ntohs(sa.sin_port), t[i].port);
			}
		}
	}
	WSACleanup();
}

TEST(WSAStringToAddress_ipv6)
{
	static const struct {
		const char *in;
		USHORT w[8];
		USHORT port;
		ULONG scope;
		int error;
	} t[] = {
		{ "::1", { 0, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, 0 },
		{ "[::1]", { 0, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, 0 },
		{ "[::1]:65535", { 0, 0, 0, 0, 0, 0, 0, 0x100 }, 0xffff, 0, 0 },
		{ "2001::1", { 0x120, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, 0 },
		{ "fe80::1%5", { 0x80fe, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 5, 0 },
		{ "[fe80::1%5]:80", { 0x80fe, 0, 0, 0, 0, 0, 0, 0x100 }, 0x5000, 5, 0 },
		{ "001::1", { 0x100, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, 0 },
		{ "::1]:65535", { 0 }, 0, 0, WSAEINVAL },
		{ "::1:2:3:4:5:6:7", { 0 }, 0, 0, WSAEINVAL },	/* Windows' leading-"::" quirk */
		{ "1.2.3.4", { 0 }, 0, 0, WSAEINVAL },
		{ "1:2:3:", { 0 }, 0, 0, WSAEINVAL },
		{ "", { 0 }, 0, 0, WSAEINVAL },
	};
	SOCKADDR_IN6 sa;
	INT len;

	start();
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		len = sizeof sa + 10;
		memset(&sa, 0xab, sizeof sa);
		WSASetLastError(SEED);
		if (WSAStringToAddressA((char *)t[i].in, AF_INET6, NULL, (SOCKADDR *)&sa, &len) !=
		    (t[i].error ? SOCKET_ERROR : 0))
			FAILF("\"%s\"", t[i].in);
		ASSERT_EQ(WSAGetLastError(), t[i].error ? t[i].error : SEED);
		ASSERT_EQ(sa.sin6_family, t[i].error ? 0 : AF_INET6);
		if (t[i].error)
			continue;
		ASSERT_MEM_EQ(&sa.sin6_addr, t[i].w, 16);
		ASSERT_EQ(sa.sin6_port, t[i].port);
		ASSERT_EQ(sa.sin6_scope_id, t[i].scope);
		ASSERT_EQ(sa.sin6_flowinfo, 0);
		ASSERT_EQ(len, (int)sizeof sa);
	}
	WSACleanup();
}

TEST(WSAStringToAddress_errors)
{
	SOCKADDR_IN sa;
	INT len = 0;

	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sa, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	start();
	/* Too small: WSAEFAULT and the size needed. */
	len = 0;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"", AF_INET, NULL, (SOCKADDR *)&sa, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(len, (int)sizeof sa);
	len = sizeof(SOCKADDR_IN);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"::1", AF_INET6, NULL, (SOCKADDR *)&sa, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(len, (int)sizeof(SOCKADDR_IN6));
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sa, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	len = sizeof sa;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"1.2.3.4", AF_UNIX, NULL, (SOCKADDR *)&sa, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, NULL, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAStringToAddressA(NULL, AF_INET, NULL, (SOCKADDR *)&sa, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSACleanup();
}

TEST(WSAAddressToString_format)
{
	static const struct {
		USHORT w[8];
		ULONG scope;
		USHORT port;
		const char *out;
	} t6[] = {
		{ { 0, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, "::1" },
		{ { 0xab20, 0, 0, 0, 0, 0, 0, 0x100 }, 0, 0, "20ab::1" },
		{ { 0xab20, 0, 0, 0, 0, 0, 0, 0x120 }, 0, 0xfa81, "[20ab::2001]:33274" },
		{ { 0xab20, 0, 0, 0, 0, 0, 0, 0x120 }, 0x1234, 0xfa81, "[20ab::2001%4660]:33274" },
		{ { 0xab20, 0, 0, 0, 0, 0, 0, 0x120 }, 0x1234, 0, "20ab::2001%4660" },
	};
	static const struct {
		ULONG addr;
		USHORT port;
		const char *out;
	} t4[] = {
		{ 0, 0, "0.0.0.0" },
		{ 0xffffffff, 0, "255.255.255.255" },
		{ 0, 0xffff, "0.0.0.0:65535" },
		{ 0xffffffff, 0xffff, "255.255.255.255:65535" },
	};
	SOCKADDR_IN sa;
	SOCKADDR_IN6 sa6;
	char out[64];
	WCHAR wout[64];
	DWORD len;

	start();
	for (size_t i = 0; i < sizeof t4 / sizeof t4[0]; i++) {
		memset(&sa, 0, sizeof sa);
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = t4[i].addr;
		sa.sin_port = t4[i].port;
		len = sizeof out;
		ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa, NULL, out, &len), 0);
		ASSERT_STR_EQ(out, t4[i].out);
		ASSERT_EQ(len, strlen(t4[i].out) + 1);
		len = 64;
		ASSERT_EQ(WSAAddressToStringW((SOCKADDR *)&sa, sizeof sa, NULL, wout, &len), 0);
		ASSERT_TRUE(wcs_eq(wout, t4[i].out));
		ASSERT_EQ(len, strlen(t4[i].out) + 1);
	}
	for (size_t i = 0; i < sizeof t6 / sizeof t6[0]; i++) {
		memset(&sa6, 0, sizeof sa6);
		sa6.sin6_family = AF_INET6;
		sa6.sin6_scope_id = t6[i].scope;
		sa6.sin6_port = t6[i].port;
		memcpy(&sa6.sin6_addr, t6[i].w, 16);
		len = sizeof out;
		ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa6, sizeof sa6, NULL, out, &len), 0);
		ASSERT_STR_EQ(out, t6[i].out);
		ASSERT_EQ(len, strlen(t6[i].out) + 1);
		len = 64;
		ASSERT_EQ(WSAAddressToStringW((SOCKADDR *)&sa6, sizeof sa6, NULL, wout, &len), 0);
		ASSERT_TRUE(wcs_eq(wout, t6[i].out));
	}
	WSACleanup();
}

TEST(WSAAddressToString_errors)
{
	SOCKADDR_IN sa;
	char out[64];
	WCHAR wout[4];
	DWORD len = sizeof out;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa, NULL, out, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	start();
	/* Too small: WSAEFAULT with the length needed, terminator included ("0.0.0.0" is 8). */
	len = 0;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa, NULL, out, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(len, 8);
	len = 0;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringW((SOCKADDR *)&sa, sizeof sa, NULL, NULL, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(len, 8);
	len = 4;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringW((SOCKADDR *)&sa, sizeof sa, NULL, wout, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(len, 8);
	len = sizeof out;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa - 1, NULL, out, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA(NULL, sizeof sa, NULL, out, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa, NULL, out, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	sa.sin_family = AF_UNIX;
	WSASetLastError(SEED);
	ASSERT_EQ(WSAAddressToStringA((SOCKADDR *)&sa, sizeof sa, NULL, out, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSACleanup();
}
