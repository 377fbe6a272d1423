/* WSAEnumProtocolsA / WSAEnumProtocolsW: Windows' default catalog entries field by field, the
 * buffer-size protocol, lpiProtocols filtering, bad pointers (spec protocol-info.md §2, §5, §6). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"

#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)

/* {E70F1AA0-AB8B-11CF-8CA3-00805F48A192} and {F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4}, as
 * `netsh winsock show catalog` prints them for the MSAFD Tcpip IPv4 and IPv6 entries. */
static const GUID msafd4 = { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };
static const GUID msafd6 = { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } };

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static int wide_is(const WCHAR *w, const char *s)
{
	for (; *s; w++, s++)
		if (*w != (WCHAR)(unsigned char)*s)
			return 0;
	return *w == 0;
}

/* The W catalog in a new buffer (free with free()); *n entries. */
static WSAPROTOCOL_INFOW *all_w(LPINT filter, int *n)
{
	DWORD len = 0;
	WSAPROTOCOL_INFOW *buf;

	FAILS(WSAEnumProtocolsW(filter, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_EQ(len % sizeof(WSAPROTOCOL_INFOW), 0);
	buf = malloc(len + 1);
	ASSERT_TRUE(buf != NULL);
	*n = WSAEnumProtocolsW(filter, buf, &len);
	ASSERT_EQ((DWORD)*n * sizeof(WSAPROTOCOL_INFOW), len);
	return buf;
}

static const WSAPROTOCOL_INFOW *find(const WSAPROTOCOL_INFOW *p, int n, int af, int type, int proto)
{
	for (int i = 0; i < n; i++)
		if (p[i].iAddressFamily == af && p[i].iSocketType == type && p[i].iProtocol == proto)
			return &p[i];
	return NULL;
}

TEST(WSAEnumProtocols_layouts)
{
	/* A and W differ only in szProtocol: 116 + 256 and 116 + 512 bytes. */
	ASSERT_EQ(sizeof(WSAPROTOCOL_INFOA), 372);
	ASSERT_EQ(sizeof(WSAPROTOCOL_INFOW), 628);
	ASSERT_EQ(offsetof(WSAPROTOCOL_INFOW, szProtocol), 116);
	ASSERT_EQ(offsetof(WSAPROTOCOL_INFOA, szProtocol), 116);
	ASSERT_EQ(offsetof(WSAPROTOCOL_INFOW, dwCatalogEntryId), 36);
	ASSERT_EQ(offsetof(WSAPROTOCOL_INFOW, iAddressFamily), 76);
}

TEST(WSAEnumProtocols_not_initialised)
{
	DWORD len = 0;

	FAILS(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR, WSANOTINITIALISED);
	FAILS(WSAEnumProtocolsA(NULL, NULL, &len), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(WSAEnumProtocols_buffer_size_protocol)
{
	WSAPROTOCOL_INFOW one;
	WSAPROTOCOL_INFOA onea;
	DWORD lenw = 0, lena = 0, len;
	unsigned char *buf;

	start();
	/* A NULL buffer or one too small: WSAENOBUFS and the size needed (Wine's tests on Windows). */
	FAILS(WSAEnumProtocolsW(NULL, NULL, &lenw), SOCKET_ERROR, WSAENOBUFS);
	FAILS(WSAEnumProtocolsA(NULL, NULL, &lena), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_TRUE(lenw >= 4 * sizeof(WSAPROTOCOL_INFOW));
	ASSERT_EQ(lenw % sizeof(WSAPROTOCOL_INFOW), 0);
	ASSERT_EQ(lena / sizeof(WSAPROTOCOL_INFOA), lenw / sizeof(WSAPROTOCOL_INFOW));
	ASSERT_EQ(lena % sizeof(WSAPROTOCOL_INFOA), 0);
	len = 0;
	FAILS(WSAEnumProtocolsW(NULL, &one, &len), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_EQ(len, lenw);
	len = sizeof onea;
	FAILS(WSAEnumProtocolsA(NULL, &onea, &len), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_EQ(len, lena);

	/* No partial results: one byte short writes nothing. */
	buf = malloc(lenw);
	ASSERT_TRUE(buf != NULL);
	memset(buf, 0xcc, lenw);
	len = lenw - 1;
	FAILS(WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)buf, &len), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_EQ(len, lenw);
	for (DWORD i = 0; i < lenw; i++)
		ASSERT_EQ(buf[i], 0xcc);
	/* The exact size succeeds and returns the number of entries. */
	len = lenw;
	ASSERT_EQ(WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)buf, &len), (int)(lenw / sizeof(WSAPROTOCOL_INFOW)));
	free(buf);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumProtocolsW_default_entries)
{
	static const struct { int af, type, proto, len; const GUID *id; DWORD flags, msg; const char *name; } want[] = {
		{ AF_INET, SOCK_STREAM, IPPROTO_TCP, 16, &msafd4, 0x20066, 0, "MSAFD Tcpip [TCP/IP]" },
		{ AF_INET, SOCK_DGRAM, IPPROTO_UDP, 16, &msafd4, 0x20609, 65467, "MSAFD Tcpip [UDP/IP]" },
		{ AF_INET6, SOCK_STREAM, IPPROTO_TCP, 28, &msafd6, 0x20066, 0, "MSAFD Tcpip [TCP/IPv6]" },
		{ AF_INET6, SOCK_DGRAM, IPPROTO_UDP, 28, &msafd6, 0x20609, 65467, "MSAFD Tcpip [UDP/IPv6]" },
	};
	WSAPROTOCOL_INFOW *p;
	int n;

	start();
	p = all_w(NULL, &n);
	ASSERT_TRUE(n >= 4);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const WSAPROTOCOL_INFOW *e = find(p, n, want[i].af, want[i].type, want[i].proto);
		ASSERT_TRUE(e != NULL);
		ASSERT_EQ(e->dwServiceFlags1, want[i].flags);
		ASSERT_TRUE(e->dwServiceFlags1 & XP1_IFS_HANDLES);
		ASSERT_EQ(e->dwServiceFlags2, 0);
		ASSERT_EQ(e->dwServiceFlags3, 0);
		ASSERT_EQ(e->dwServiceFlags4, 0);
		ASSERT_EQ(e->dwProviderFlags, PFL_MATCHES_PROTOCOL_ZERO);
		ASSERT_MEM_EQ(&e->ProviderId, want[i].id, sizeof(GUID));
		ASSERT_EQ(e->ProtocolChain.ChainLen, BASE_PROTOCOL);
		ASSERT_EQ(e->iVersion, 2);
		ASSERT_EQ(e->iMaxSockAddr, want[i].len);
		ASSERT_EQ(e->iMinSockAddr, want[i].len);
		ASSERT_EQ(e->iProtocolMaxOffset, 0);
		ASSERT_EQ(e->iNetworkByteOrder, BIGENDIAN);
		ASSERT_EQ(e->iSecurityScheme, SECURITY_PROTOCOL_NONE);
		ASSERT_EQ(e->dwMessageSize, want[i].msg);
		if (!wide_is(e->szProtocol, want[i].name))
			FAILF("entry %d/%d/%d is not named %s", want[i].af, want[i].type, want[i].proto, want[i].name);
	}
	/* Windows 10 order: IPv6 entries before IPv4 ones (protocol-info.md §5). */
	ASSERT_TRUE(find(p, n, AF_INET6, SOCK_STREAM, IPPROTO_TCP) < find(p, n, AF_INET, SOCK_STREAM, IPPROTO_TCP));
	for (int i = 0; i < n; i++) {
		/* Applications see neither hidden entries (the RAW ones) nor bare layers. */
		ASSERT_EQ(p[i].dwProviderFlags & PFL_HIDDEN, 0);
		ASSERT_TRUE(p[i].ProtocolChain.ChainLen >= BASE_PROTOCOL);
		ASSERT_NE(p[i].iSocketType, SOCK_RAW);
		ASSERT_NE(p[i].szProtocol[0], 0);
		for (int j = 0; j < i; j++)
			ASSERT_NE(p[i].dwCatalogEntryId, p[j].dwCatalogEntryId);
	}
	free(p);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumProtocolsA_same_entries_ansi_names)
{
	WSAPROTOCOL_INFOW *w;
	WSAPROTOCOL_INFOA *a;
	DWORD len = 0;
	int n;

	start();
	w = all_w(NULL, &n);
	FAILS(WSAEnumProtocolsA(NULL, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
	ASSERT_EQ(len, (DWORD)n * sizeof(WSAPROTOCOL_INFOA));
	a = malloc(len);
	ASSERT_TRUE(a != NULL);
	ASSERT_EQ(WSAEnumProtocolsA(NULL, a, &len), n);
	for (int i = 0; i < n; i++) {
		ASSERT_MEM_EQ(&a[i], &w[i], offsetof(WSAPROTOCOL_INFOA, szProtocol));
		if (!wide_is(w[i].szProtocol, a[i].szProtocol))
			FAILF("entry %d: ANSI name \"%s\" is not the W name", i, a[i].szProtocol);
	}
	free(a);
	free(w);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumProtocols_filter)
{
	/* Unknown values are ignored (Wine's tests on Windows use this very list). */
	INT tcp_udp[] = { 0xdead, IPPROTO_TCP, 0xcafe, IPPROTO_UDP, 0xbeef, 0 };
	INT tcp[] = { IPPROTO_TCP, IPPROTO_TCP, 0, IPPROTO_UDP };	/* stops at the 0 */
	WSAPROTOCOL_INFOW *p;
	WSAPROTOCOL_INFOA a[8];
	DWORD len;
	int n, tcps = 0, udps = 0;

	start();
	p = all_w(tcp_udp, &n);
	ASSERT_TRUE(n >= 4);
	for (int i = 0; i < n; i++) {
		tcps += p[i].iProtocol == IPPROTO_TCP;
		udps += p[i].iProtocol == IPPROTO_UDP;
	}
	ASSERT_EQ(tcps + udps, n);
	ASSERT_TRUE(tcps >= 2);
	ASSERT_TRUE(udps >= 2);
	free(p);

	p = all_w(tcp, &n);
	ASSERT_TRUE(n >= 2);
	for (int i = 0; i < n; i++)
		ASSERT_EQ(p[i].iProtocol, IPPROTO_TCP);
	free(p);

	len = sizeof a;
	ASSERT_EQ(WSAEnumProtocolsA(tcp, a, &len), n);
	for (int i = 0; i < n; i++)
		ASSERT_EQ(a[i].iSocketType, SOCK_STREAM);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumProtocols_bad_pointers)
{
	INT tcp[] = { IPPROTO_TCP, 0 };
	DWORD len = 0, big = 1u << 20;

	start();
	FAILS(WSAEnumProtocolsW(NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumProtocolsA(NULL, NULL, (LPDWORD)8), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumProtocolsW((LPINT)16, NULL, &len), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumProtocolsW(tcp, (LPWSAPROTOCOL_INFOW)64, &big), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumProtocolsA(NULL, (LPWSAPROTOCOL_INFOA)64, &big), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(WSACleanup(), 0);
}
