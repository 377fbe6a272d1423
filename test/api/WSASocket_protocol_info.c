/* WSASocketA/W with a WSAPROTOCOL_INFO, and getsockopt(SO_PROTOCOL_INFOA/W) for every entry
 * WSAEnumProtocols lists: the structure names the provider, FROM_PROTOCOL_INFO (and af/type 0)
 * take the structure's own fields, explicit arguments win, mismatches give Windows' errors
 * (facts from Wine's test_WSASocket, run on Windows; spec protocol-info.md §7). */
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

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static WSAPROTOCOL_INFOW *all_w(int *n)
{
	DWORD len = 0;
	WSAPROTOCOL_INFOW *buf;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAENOBUFS);
	buf = malloc(len);
	ASSERT_TRUE(buf != NULL);
	*n = WSAEnumProtocolsW(NULL, buf, &len);
	ASSERT_TRUE(*n > 0);
	return buf;
}

static const WSAPROTOCOL_INFOW *find(const WSAPROTOCOL_INFOW *p, int n, int af, int type)
{
	for (int i = 0; i < n; i++)
		if (p[i].iAddressFamily == af && p[i].iSocketType == type)
			return &p[i];
	FAILF("no entry for af %d type %d", af, type);
}

static int sock_type(SOCKET s)
{
	int v = 0xdead, len = sizeof v;

	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, &len), 0);
	return v;
}

TEST(WSASocket_protocol_info_every_entry)
{
	WSAPROTOCOL_INFOW *p, got;
	WSAPROTOCOL_INFOA a, gota;
	int n, len;

	start();
	p = all_w(&n);
	for (int i = 0; i < n; i++) {
		SOCKET s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &p[i], 0,
				      WSA_FLAG_OVERLAPPED);
		if (s == INVALID_SOCKET)
			FAILF("entry %u: WSASocketW failed with %d", (unsigned)p[i].dwCatalogEntryId, WSAGetLastError());
		ASSERT_EQ(sock_type(s), p[i].iSocketType);
		/* SO_PROTOCOL_INFOW is the very entry, byte for byte. */
		memset(&got, 0xcc, sizeof got);
		len = sizeof got;
		ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&got, &len), 0);
		ASSERT_EQ(len, 628);
		ASSERT_MEM_EQ(&got, &p[i], sizeof got);
		/* SO_PROTOCOL_INFOA is the same with an ANSI name: 372 bytes. */
		memset(&gota, 0xcc, sizeof gota);
		len = sizeof gota;
		ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&gota, &len), 0);
		ASSERT_EQ(len, 372);
		ASSERT_MEM_EQ(&gota, &p[i], offsetof(WSAPROTOCOL_INFOA, szProtocol));
		ASSERT_EQ(closesocket(s), 0);

		/* WSASocketA reads the same fields from the A layout. */
		memcpy(&a, &gota, sizeof a);
		s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &a, 0, 0);
		ASSERT_NE(s, INVALID_SOCKET);
		len = sizeof got;
		ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&got, &len), 0);
		ASSERT_EQ(got.dwCatalogEntryId, p[i].dwCatalogEntryId);
		ASSERT_EQ(closesocket(s), 0);
	}
	free(p);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASocket_protocol_info_structure_fields_used)
{
	WSAPROTOCOL_INFOW *p, info, got;
	SOCKET s;
	int n, len;

	start();
	p = all_w(&n);
	/* A TCP entry whose fields say UDP: (0, 0, 0) takes the structure's fields, not the
	 * catalog entry's, and makes a datagram socket. */
	info = *find(p, n, AF_INET, SOCK_STREAM);
	info.iAddressFamily = AF_INET;
	info.iSocketType = SOCK_DGRAM;
	info.iProtocol = IPPROTO_UDP;
	s = WSASocketW(0, 0, 0, &info, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sock_type(s), SOCK_DGRAM);
	len = sizeof got;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&got, &len), 0);
	ASSERT_EQ(got.iProtocol, IPPROTO_UDP);
	ASSERT_EQ(closesocket(s), 0);
	/* Explicit arguments win over the structure. */
	s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, &info, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sock_type(s), SOCK_STREAM);
	ASSERT_EQ(closesocket(s), 0);
	/* An IPv6 entry with an explicit AF_INET: an IPv4 socket, reported as such. */
	info = *find(p, n, AF_INET6, SOCK_STREAM);
	s = WSASocketW(AF_INET, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	len = sizeof got;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&got, &len), 0);
	ASSERT_EQ(got.iAddressFamily, AF_INET);
	ASSERT_EQ(got.iMaxSockAddr, 16);
	ASSERT_EQ(closesocket(s), 0);
	free(p);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASocket_protocol_info_mismatch_errors)
{
	WSAPROTOCOL_INFOW *p, info;
	WSAPROTOCOL_INFOA a;
	int n;

	start();
	p = all_w(&n);
	info = *find(p, n, AF_INET, SOCK_STREAM);
	/* Combinations the provider does not have. */
	FAILS(WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_UDP, &info, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_TCP, &info, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketW(FROM_PROTOCOL_INFO, 42, FROM_PROTOCOL_INFO, &info, 0, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	FAILS(WSASocketW(12345, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	/* The structure's fields -1 (or 0) with af 0: no family, WSAEAFNOSUPPORT. */
	info.iAddressFamily = info.iSocketType = info.iProtocol = -1;
	FAILS(WSASocketW(0, 0, IPPROTO_UDP, &info, 0, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	info.iAddressFamily = info.iSocketType = info.iProtocol = 0;
	FAILS(WSASocketW(0, 0, IPPROTO_UDP, &info, 0, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	/* A catalog id no entry has: an invalid structure. */
	info = *find(p, n, AF_INET, SOCK_STREAM);
	info.dwCatalogEntryId = 0x7fff0000;
	FAILS(WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0), INVALID_SOCKET,
	      WSAEINVAL);
	memcpy(&a, &info, offsetof(WSAPROTOCOL_INFOA, szProtocol));
	a.szProtocol[0] = 0;
	FAILS(WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &a, 0, 0), INVALID_SOCKET,
	      WSAEINVAL);
	free(p);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASocket_wildcards_without_protocol_info)
{
	SOCKET s;

	start();
	/* Neither family nor protocol: WSAEINVAL whatever the type. */
	FAILS(WSASocketA(0, 0, 0, NULL, 0, 0), INVALID_SOCKET, WSAEINVAL);
	FAILS(WSASocketA(0, SOCK_STREAM, 0, NULL, 0, 0), INVALID_SOCKET, WSAEINVAL);
	FAILS(WSASocketA(0, -1, 0, NULL, 0, 0), INVALID_SOCKET, WSAEINVAL);
	FAILS(WSASocketA(0, 0xdead, 0, NULL, 0, 0), INVALID_SOCKET, WSAEINVAL);
	FAILS(socket(0, 0, 0), INVALID_SOCKET, WSAEINVAL);
	/* Otherwise the matching errors. */
	FAILS(WSASocketA(0, SOCK_STREAM, -1, NULL, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketA(0, -1, IPPROTO_UDP, NULL, 0, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	FAILS(WSASocketA(0, -1, -1, NULL, 0, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	FAILS(WSASocketA(AF_INET, -1, 0, NULL, 0, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	FAILS(WSASocketA(AF_INET, 0, -1, NULL, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketA(-1, SOCK_STREAM, IPPROTO_UDP, NULL, 0, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	FAILS(WSASocketA(0, 0, 0xdead, NULL, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketA(AF_INET, 0xdead, 0, NULL, 0, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	/* A family or a protocol is enough. */
	s = WSASocketA(AF_INET, 0, 0, NULL, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sock_type(s), SOCK_STREAM);	/* first PFL_MATCHES_PROTOCOL_ZERO entry of the family */
	ASSERT_EQ(closesocket(s), 0);
	s = WSASocketA(0, 0, IPPROTO_TCP, NULL, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sock_type(s), SOCK_STREAM);
	ASSERT_EQ(closesocket(s), 0);
	s = WSASocketA(0, 0, IPPROTO_UDP, NULL, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(sock_type(s), SOCK_DGRAM);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
