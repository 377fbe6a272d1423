/* WSCEnumProtocols: the SPI's view of the whole catalog, hidden entries included, errors through
 * *lpErrno, no WSAStartup needed (spec protocol-info.md §6, spi.md §7). */
#include <winsock2.h>
#include <ws2spi.h>
#include <windows.h>

#include "test.h"

static WSAPROTOCOL_INFOW *wsc_all(LPINT filter, int *n)
{
	DWORD len = 0;
	INT err = 0xdead;
	WSAPROTOCOL_INFOW *buf;

	ASSERT_EQ(WSCEnumProtocols(filter, NULL, &len, &err), SOCKET_ERROR);
	ASSERT_EQ(err, WSAENOBUFS);
	ASSERT_EQ(len % sizeof(WSAPROTOCOL_INFOW), 0);
	buf = malloc(len + 1);
	ASSERT_TRUE(buf != NULL);
	*n = WSCEnumProtocols(filter, buf, &len, &err);
	ASSERT_EQ((DWORD)*n * sizeof(WSAPROTOCOL_INFOW), len);
	return buf;
}

TEST(WSCEnumProtocols_without_startup_shows_hidden_entries)
{
	WSAPROTOCOL_INFOW *p;
	int n, raw4 = 0, raw6 = 0;

	/* No WSAStartup: installers call it before any (no WSANOTINITIALISED among its errors). */
	p = wsc_all(NULL, &n);
	ASSERT_TRUE(n >= 6);
	for (int i = 0; i < n; i++) {
		if (p[i].iSocketType != SOCK_RAW)
			continue;
		/* The RAW entries: hidden, protocol 0 with a 255 range, 32768-byte messages. */
		ASSERT_TRUE(p[i].dwProviderFlags & PFL_HIDDEN);
		ASSERT_TRUE(p[i].dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO);
		ASSERT_EQ(p[i].dwServiceFlags1, 0x20609);
		ASSERT_EQ(p[i].iProtocol, 0);
		ASSERT_EQ(p[i].iProtocolMaxOffset, 255);
		ASSERT_EQ(p[i].dwMessageSize, 32768);
		ASSERT_EQ(p[i].ProtocolChain.ChainLen, BASE_PROTOCOL);
		raw4 += p[i].iAddressFamily == AF_INET && p[i].iMaxSockAddr == 16;
		raw6 += p[i].iAddressFamily == AF_INET6 && p[i].iMaxSockAddr == 28;
	}
	ASSERT_EQ(raw4, 1);
	ASSERT_EQ(raw6, 1);
	free(p);
}

TEST(WSCEnumProtocols_superset_of_WSAEnumProtocols)
{
	WSADATA d;
	WSAPROTOCOL_INFOW *all, *vis;
	DWORD len = 0;
	int n, m, k = 0;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	all = wsc_all(NULL, &n);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOBUFS);
	vis = malloc(len);
	ASSERT_TRUE(vis != NULL);
	m = WSAEnumProtocolsW(NULL, vis, &len);
	ASSERT_TRUE(m < n);
	/* The visible entries are the non-hidden ones, in the same (catalog) order. */
	for (int i = 0; i < n; i++) {
		if (all[i].dwProviderFlags & PFL_HIDDEN)
			continue;
		ASSERT_TRUE(k < m);
		ASSERT_MEM_EQ(&all[i], &vis[k], sizeof vis[k]);
		k++;
	}
	ASSERT_EQ(k, m);
	free(all);
	free(vis);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSCEnumProtocols_filter_by_protocol_range)
{
	/* ICMP (1) lies in the RAW entries' range [0, 255]; ws2_32 filters by range. */
	INT icmp[] = { IPPROTO_ICMP, 0 };
	WSAPROTOCOL_INFOW *p;
	int n;

	p = wsc_all(icmp, &n);
	ASSERT_EQ(n, 2);
	for (int i = 0; i < n; i++)
		ASSERT_EQ(p[i].iSocketType, SOCK_RAW);
	free(p);
}

TEST(WSCEnumProtocols_errors_through_lpErrno)
{
	WSAPROTOCOL_INFOW one;
	DWORD len = sizeof one;
	INT err;

	err = 0;
	ASSERT_EQ(WSCEnumProtocols(NULL, &one, &len, &err), SOCKET_ERROR);
	ASSERT_EQ(err, WSAENOBUFS);
	ASSERT_TRUE(len > sizeof one);
	err = 0;
	ASSERT_EQ(WSCEnumProtocols(NULL, NULL, NULL, &err), SOCKET_ERROR);
	ASSERT_EQ(err, WSAEFAULT);
	err = 0;
	ASSERT_EQ(WSCEnumProtocols((LPINT)16, NULL, &len, &err), SOCKET_ERROR);
	ASSERT_EQ(err, WSAEFAULT);
	/* Nowhere to report: still no crash. */
	ASSERT_EQ(WSCEnumProtocols(NULL, NULL, NULL, NULL), SOCKET_ERROR);
}
