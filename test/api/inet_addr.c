/* inet_addr, inet_ntoa, inet_pton, InetPtonW, inet_ntop, InetNtopW. Expected values are Windows'
 * as Wine's ws2_32 protocol tests record them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "test.h"

/* WSAGetLastError returns int: compare the seed as one. */
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

TEST(inet_addr_grammar)
{
	static const struct {
		const char *in;
		u_long addr;	/* as Windows returns it (network order in a little-endian u_long) */
	} t[] = {
		{ "1.2.3.4", 0x04030201 },
		{ "1 2 3 4", 0x01000000 },
		{ "1.2.3. 4", 0xffffffff },
		{ "1.2.3 .4", 0x03000201 },
		{ "3.4.5.6.7", 0xffffffff },
		{ "3.4.5.6  7", 0x06050403 },
		{ " 3.4.5.6", 0xffffffff },
		{ "\t3.4.5.6", 0xffffffff },
		{ "3.4.5.6 ", 0x06050403 },
		{ "1.2.3", 0x03000201 },
		{ ".1.2.3", 0xffffffff },
		{ "0.0.0.0", 0 },
		{ "", 0xffffffff },
		{ " 0", 0xffffffff },
		{ "0xa1a2b3b4 ", 0xb4b3a2a1 },
		{ ".", 0xffffffff },
		{ " ", 0 },
		{ "\t", 0xffffffff },
		{ "  ", 0xffffffff },
		{ "127.127.127.255", 0xff7f7f7f },
		{ "127.127.127.255:123", 0xffffffff },
		{ "127.127.127.256", 0xffffffff },
		{ "a", 0xffffffff },
		{ "1.2.3.0xaA", 0xaa030201 },
		{ "1.1.1.0x", 0xffffffff },
		{ "1.2.3.010", 0x08030201 },
		{ "1.2.3.00", 0x00030201 },
		{ "1.2.3.0a", 0xffffffff },
		{ "1.1.1.-2", 0xffffffff },
		{ "1", 0x01000000 },
		{ "1.2", 0x02000001 },
		{ "203569230", 0x4e38220c },
		{ "[0.1.2.3]", 0xffffffff },
		{ "0x00010203", 0x03020100 },
		{ "0x2134", 0x34210000 },
		{ "1234BEEF", 0xffffffff },
		{ "017700000001", 0x0100007f },
		{ "0777", 0xff010000 },
		{ "::1", 0xffffffff },
		{ "2607:f0d0:1002:51::4", 0xffffffff },
	};

	/* No WSAStartup needed; failures other than NULL leave the slot alone. */
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		WSASetLastError(0xdeadbeef);
		if (inet_addr(t[i].in) != t[i].addr)
			FAILF("inet_addr(\"%s\") = %#x, expected %#x", t[i].in, (unsigned)inet_addr(t[i].in),
			      (unsigned)t[i].addr);
		ASSERT_EQ(WSAGetLastError(), SEED);
	}
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(inet_addr(NULL), INADDR_NONE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
}

TEST(inet_addr_trailing_space)
{
	char s[8] = "1.2.3";

	for (int c = 1; c < 256; c++) {
		int space = c == ' ' || (c >= '\t' && c <= '\r');

		if (c >= '0' && c <= '9')
			continue;
		s[5] = (char)c;
		s[6] = 0;
		ASSERT_EQ(inet_addr(s), space ? 0x03000201u : INADDR_NONE);
	}
}

TEST(inet_ntoa_per_thread_buffer)
{
	struct in_addr a, b;
	char *p, *q;

	a.s_addr = inet_addr("1.2.3.4");
	b.s_addr = inet_addr("21.16.32.32");
	p = inet_ntoa(a);
	ASSERT_STR_EQ(p, "1.2.3.4");
	q = inet_ntoa(b);
	/* Same thread: the same buffer, overwritten. */
	ASSERT_TRUE(p == q);
	ASSERT_STR_EQ(p, "21.16.32.32");
	a.s_addr = 0;
	ASSERT_STR_EQ(inet_ntoa(a), "0.0.0.0");
	a.s_addr = 0xffffffff;
	ASSERT_STR_EQ(inet_ntoa(a), "255.255.255.255");
}

TEST(inet_pton_ipv4)
{
	static const struct {
		const char *in;
		int ret;
		DWORD addr;
	} t[] = {
		{ "", 0, 0xdeadbeef },
		{ " ", 0, 0xdeadbeef },
		{ "1.1.1.1", 1, 0x01010101 },
		{ "0.0.0.0", 1, 0 },
		{ "127.127.127.255", 1, 0xff7f7f7f },
		{ "127.127.127.255:123", 0, 0xff7f7f7f },	/* Windows stores, then refuses the tail */
		{ "127.127.127.256", 0, 0xdeadbeef },
		{ "1.1.1.0xaA", 0, 0xdeadbeef },
		{ "1.1.1.0x", 0, 0xdeadbeef },
		{ "1.1.1.010", 0, 0xdeadbeef },
		{ "1.1.1.00", 0, 0xdeadbeef },
		{ "1.1.1.0a", 0, 0x00010101 },
		{ "1", 0, 0xdeadbeef },
		{ "1.2.3", 0, 0xdeadbeef },
		{ "203569230", 0, 0xdeadbeef },
		{ "3.4.5.6.7", 0, 0xdeadbeef },
		{ " 3.4.5.6", 0, 0xdeadbeef },
		{ "3.4.5.6 ", 0, 0x06050403 },
		{ "0x00010203", 0, 0xdeadbeef },
		{ "::1", 0, 0xdeadbeef },
	};
	WCHAR w[64];
	DWORD addr;

	start();
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		WSASetLastError(0xdeadbeef);
		addr = 0xdeadbeef;
		if (inet_pton(AF_INET, t[i].in, &addr) != t[i].ret || addr != t[i].addr)
			FAILF("inet_pton(\"%s\"): addr %#x", t[i].in, (unsigned)addr);
		ASSERT_EQ(WSAGetLastError(), SEED);
		/* The wide form reports a malformed string as WSAEINVAL. */
		widen(w, t[i].in);
		WSASetLastError(0xdeadbeef);
		addr = 0xdeadbeef;
		ASSERT_EQ(InetPtonW(AF_INET, w, &addr), t[i].ret);
		ASSERT_EQ(addr, t[i].addr);
		ASSERT_EQ(WSAGetLastError(), t[i].ret ? SEED : WSAEINVAL);
	}
	WSACleanup();
}

TEST(inet_pton_ipv6)
{
	static const struct {
		const char *in;
		int ret;
		unsigned short w[8];	/* host-order words as Windows' s6_words show them */
	} t[] = {
		{ "0:0:0:0:0:0:0:1", 1, { 0, 0, 0, 0, 0, 0, 0, 0x100 } },
		{ "0:0:0:0:0:0:0::", 1, { 0 } },
		{ "0:0:0:0:0:0:13.1.68.3", 1, { 0, 0, 0, 0, 0, 0, 0x10d, 0x344 } },
		{ "0:0:0:0:0:FFFF:129.144.52.38", 1, { 0, 0, 0, 0, 0, 0xffff, 0x9081, 0x2634 } },
		{ "1080:0:0:0:8:800:200c:417a", 1, { 0x8010, 0, 0, 0, 0x800, 0x8, 0x0c20, 0x7a41 } },
		{ "0:a:b:c:d:e:f::", 1, { 0, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00, 0xf00, 0 } },
		{ "1111:2222:3333:4444:5555:6666:7777::", 1,
		  { 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0 } },
		{ "1111::8888", 1, { 0x1111, 0, 0, 0, 0, 0, 0, 0x8888 } },
		{ "1::001.2.3.4", 1, { 0x100, 0, 0, 0, 0, 0, 0x201, 0x403 } },
		{ "::", 1, { 0 } },
		{ "::0:0:0:0:0:0", 1, { 0 } },
		{ "::123.123.123.123", 1, { 0, 0, 0, 0, 0, 0, 0x7b7b, 0x7b7b } },
	};
	static const char *const bad[] = {
		"1111:2222:3333:4444:0x5555:6666:7777:8888",
		"1111:2222:3333:4444:5555:6666::7777:8888",
		"1111:2222:3333:4444:5555:6666:7777::8888",
		"::0:0:0:0:0:0:0",	/* Windows refuses 7 groups after a leading "::" */
		"::0:a:b:c:d:e:f",
		"::%16",
		"::/16",
		"::01234",
		"1.2.3.4",
		"1111:2222:",
		"1111:2222:3333:4444:5555:6666::1.2.3.4",
		"1111:2222:3333:4444:5555:6666:7777:8888:",
		"1::0001.2.3.4",
		"1::1.2.256.4",
		"1::1a.2.3.4",
		"1::2::3",
		":",
		":1111::",
		"[::]",
		"2001:0000:1234:0000:0000:C1C0:ABCD:0876  0",
	};
	unsigned short w[8];
	WCHAR ws[64];

	start();
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(w, 0xab, sizeof w);
		if (inet_pton(AF_INET6, t[i].in, w) != t[i].ret || memcmp(w, t[i].w, sizeof w))
			FAILF("inet_pton(AF_INET6, \"%s\")", t[i].in);
		widen(ws, t[i].in);
		memset(w, 0xab, sizeof w);
		ASSERT_EQ(InetPtonW(AF_INET6, ws, w), 1);
		ASSERT_MEM_EQ(w, t[i].w, sizeof w);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		WSASetLastError(0xdeadbeef);
		if (inet_pton(AF_INET6, bad[i], w) != 0)
			FAILF("inet_pton(AF_INET6, \"%s\") accepted", bad[i]);
		ASSERT_EQ(WSAGetLastError(), SEED);
	}
	WSACleanup();
}

TEST(inet_pton_errors)
{
	BYTE buf[16];
	WCHAR w[16];

	start();
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(inet_pton(AF_UNSPEC, NULL, buf), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(inet_pton(AF_INET, NULL, buf), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(InetPtonW(AF_INET, NULL, buf), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(inet_pton(AF_UNSPEC, "127.0.0.1", buf), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	widen(w, "::1");
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(InetPtonW(AF_UNSPEC, w, buf), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(inet_pton(AF_INET, "1.2.3.4", NULL), -1);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSACleanup();
}

TEST(inet_ntop_format)
{
	static const struct {
		unsigned char a[16];
		const char *s;
	} t[] = {
		{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0xcc, 0x98, 0xbd, 0x74 }, "::fffe:cc98:bd74" },
		{ { 0x20, 0x30, 0xa4, 0xb1 }, "2030:a4b1::" },
		{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xcc, 0x98, 0xbd, 0x74 }, "::204.152.189.116" },
		{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4 }, "::ffff:1.2.3.4" },
		{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "::1" },
		{ { 0 }, "::" },
		{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 }, "2001:db8::1:0:0:1" },
		{ { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0xab, 0xcd }, "fe80::1234:0:0:abcd" },
	};
	char buf[64];
	WCHAR wbuf[64];
	ULONG v4 = 0x20201015;

	/* inet_ntop needs no WSAStartup. */
	ASSERT_STR_EQ(inet_ntop(AF_INET, &v4, buf, sizeof buf), "21.16.32.32");
	ASSERT_TRUE(InetNtopW(AF_INET, &v4, wbuf, 64) == wbuf);
	ASSERT_TRUE(wcs_eq(wbuf, "21.16.32.32"));
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		ASSERT_TRUE(inet_ntop(AF_INET6, t[i].a, buf, sizeof buf) == buf);
		ASSERT_STR_EQ(buf, t[i].s);
		ASSERT_TRUE(InetNtopW(AF_INET6, t[i].a, wbuf, 64) == wbuf);
		if (!wcs_eq(wbuf, t[i].s))
			FAILF("InetNtopW gave a different text for %s", t[i].s);
	}
}

TEST(inet_ntop_errors)
{
	char buf[64];
	WCHAR wbuf[64];
	ULONG v4 = 0x20201015;
	unsigned char v6[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0xcc, 0x98, 0xbd, 0x74 };

	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(inet_ntop(1, &v4, buf, sizeof buf) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	/* NULL or short buffers: Windows 8 and later leave STATUS_INVALID_PARAMETER in the slot. */
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(inet_ntop(AF_INET, &v4, NULL, sizeof buf) == NULL);
	ASSERT_EQ(WSAGetLastError(), (int)STATUS_INVALID_PARAMETER);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(inet_ntop(AF_INET, &v4, buf, 0) == NULL);
	ASSERT_EQ(WSAGetLastError(), (int)STATUS_INVALID_PARAMETER);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(inet_ntop(AF_INET, &v4, buf, 11) == NULL);	/* "21.16.32.32" needs 12 */
	ASSERT_EQ(WSAGetLastError(), (int)STATUS_INVALID_PARAMETER);
	ASSERT_TRUE(inet_ntop(AF_INET, &v4, buf, 12) == buf);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(inet_ntop(AF_INET6, v6, buf, 16) == NULL);	/* 16 chars + NUL */
	ASSERT_EQ(WSAGetLastError(), (int)STATUS_INVALID_PARAMETER);
	ASSERT_TRUE(inet_ntop(AF_INET6, v6, buf, 17) == buf);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(InetNtopW(AF_INET6, v6, wbuf, 16) == NULL);
	ASSERT_EQ(WSAGetLastError(), (int)STATUS_INVALID_PARAMETER);
	WSASetLastError(0xdeadbeef);
	ASSERT_TRUE(InetNtopW(AF_UNSPEC, v6, wbuf, 64) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
}
