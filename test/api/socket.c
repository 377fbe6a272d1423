/* socket / WSASocketA / WSASocketW / closesocket: catalog matching and its errors, defaults
 * Windows sets at creation, protocol info round trip, WSAENOTSOCK. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "test.h"

/* A Winsock call fails with the expected code; the slot is seeded so a stale value cannot pass. */
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

/* The catalog entry a socket was created from, through SO_PROTOCOL_INFOW. */
static void info_of(SOCKET s, WSAPROTOCOL_INFOW *info)
{
	int len = (int)sizeof *info;

	memset(info, 0xcc, sizeof *info);
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)info, &len), 0);
	ASSERT_EQ(len, sizeof *info);
}

TEST(socket_families_and_types)
{
	static const struct { int af, type, proto, want_proto; } ok[] = {
		{ AF_INET, SOCK_STREAM, 0, IPPROTO_TCP },
		{ AF_INET, SOCK_STREAM, IPPROTO_TCP, IPPROTO_TCP },
		{ AF_INET, SOCK_DGRAM, 0, IPPROTO_UDP },
		{ AF_INET, SOCK_DGRAM, IPPROTO_UDP, IPPROTO_UDP },
		{ AF_INET6, SOCK_STREAM, 0, IPPROTO_TCP },
		{ AF_INET6, SOCK_DGRAM, 0, IPPROTO_UDP },
		/* type 0 is a wildcard: the first entry of the family (TCP) */
		{ AF_INET, 0, 0, IPPROTO_TCP },
		{ AF_INET, 0, IPPROTO_UDP, IPPROTO_UDP },
	};
	WSAPROTOCOL_INFOW info;

	start();
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		SOCKET s = socket(ok[i].af, ok[i].type, ok[i].proto);
		ASSERT_NE(s, INVALID_SOCKET);
		ASSERT_NE(s, 0);
		info_of(s, &info);
		ASSERT_EQ(info.iAddressFamily, ok[i].af);
		ASSERT_EQ(info.iProtocol, ok[i].want_proto);
		ASSERT_EQ(closesocket(s), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(socket_matching_errors)
{
	start();
	/* No entry of that family. */
	FAILS(socket(12345, SOCK_STREAM, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	/* Family known, type not. */
	FAILS(socket(AF_INET, 42, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	FAILS(socket(AF_INET, SOCK_SEQPACKET, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
	/* Family and type known, protocol not. */
	FAILS(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(socket(AF_INET6, SOCK_STREAM, 200), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	FAILS(WSASocketW(12345, SOCK_DGRAM, 0, NULL, 0, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
	FAILS(WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_UDP, NULL, 0, 0), INVALID_SOCKET, WSAEPROTONOSUPPORT);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(socket_ipv6_v6only_default)
{
	SOCKET s;
	DWORD v;
	int len;

	start();
	/* Windows IPv6 sockets start v6-only (constants.md §8); Linux's default is 0. */
	s = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	v = 0;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len), 0);
	ASSERT_EQ(v & 0xff, 1);
	ASSERT_EQ(closesocket(s), 0);
	s = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	v = 0;
	len = sizeof v;
	ASSERT_EQ(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len), 0);
	ASSERT_EQ(v & 0xff, 1);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASocket_flags)
{
	SOCKET s;

	start();
	s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(closesocket(s), 0);
	s = WSASocketA(AF_INET6, SOCK_DGRAM, 0, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(closesocket(s), 0);
	s = WSASocketA(AF_INET, SOCK_DGRAM, 0, NULL, 0, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(socket_protocol_info_a_and_w)
{
	WSAPROTOCOL_INFOW w;
	WSAPROTOCOL_INFOA a;
	SOCKET s;
	int len;

	start();
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	info_of(s, &w);
	ASSERT_EQ(w.iAddressFamily, AF_INET);
	ASSERT_EQ(w.iSocketType, SOCK_DGRAM);
	ASSERT_EQ(w.iProtocol, IPPROTO_UDP);
	ASSERT_TRUE(w.dwServiceFlags1 & XP1_CONNECTIONLESS);
	ASSERT_EQ(w.szProtocol[0], 'M');
	memset(&a, 0xcc, sizeof a);
	len = sizeof a;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len), 0);
	ASSERT_EQ(len, sizeof a);
	/* Same entry apart from the name's character set. */
	ASSERT_MEM_EQ(&a, &w, offsetof(WSAPROTOCOL_INFOA, szProtocol));
	for (int i = 0; w.szProtocol[i]; i++)
		ASSERT_EQ(a.szProtocol[i], (char)w.szProtocol[i]);
	/* Too short a buffer: WSAEFAULT. */
	len = (int)sizeof a / 2;
	FAILS(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len), SOCKET_ERROR, WSAEFAULT);
	FAILS(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, NULL, &len), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSASocket_from_protocol_info)
{
	WSAPROTOCOL_INFOW w, got;
	WSAPROTOCOL_INFOA a;
	SOCKET s, t;
	int len;

	start();
	s = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	info_of(s, &w);
	len = sizeof a;
	ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len), 0);
	ASSERT_EQ(closesocket(s), 0);

	/* The entry named by the structure creates the socket; FROM_PROTOCOL_INFO takes its values. */
	t = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &w, 0, WSA_FLAG_OVERLAPPED);
	ASSERT_NE(t, INVALID_SOCKET);
	info_of(t, &got);
	ASSERT_EQ(got.dwCatalogEntryId, w.dwCatalogEntryId);
	ASSERT_EQ(got.iAddressFamily, AF_INET6);
	ASSERT_EQ(got.iSocketType, SOCK_STREAM);
	ASSERT_EQ(closesocket(t), 0);

	t = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &a, 0, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	info_of(t, &got);
	ASSERT_EQ(got.dwCatalogEntryId, w.dwCatalogEntryId);
	ASSERT_EQ(closesocket(t), 0);

	/* Explicit values that agree with the entry are accepted too. */
	t = WSASocketW(AF_INET6, SOCK_STREAM, IPPROTO_TCP, &w, 0, 0);
	ASSERT_NE(t, INVALID_SOCKET);
	ASSERT_EQ(closesocket(t), 0);

	/* A bad pointer is WSAEFAULT, not a crash. */
	FAILS(WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, (WSAPROTOCOL_INFOW *)8, 0, 0),
	      INVALID_SOCKET, WSAEFAULT);
	ASSERT_EQ(WSACleanup(), 0);
}

static DWORD WINAPI nothing(LPVOID arg)
{
	(void)arg;
	return 0;
}

TEST(closesocket_not_a_socket)
{
	SOCKET s;
	HANDLE th;

	start();
	FAILS(closesocket((SOCKET)12345), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(closesocket(INVALID_SOCKET), SOCKET_ERROR, WSAENOTSOCK);
	FAILS(closesocket(0), SOCKET_ERROR, WSAENOTSOCK);
	/* Double close: the second one finds no socket (nothing else was created in between). */
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	ASSERT_EQ(closesocket(s), 0);
	FAILS(closesocket(s), SOCKET_ERROR, WSAENOTSOCK);
	/* A handle of another kind (a thread) is not a socket either. */
	th = CreateThread(NULL, 0, nothing, NULL, 0, NULL);
	ASSERT_TRUE(th != NULL);
	FAILS(closesocket((SOCKET)(UINT_PTR)th), SOCKET_ERROR, WSAENOTSOCK);
	ASSERT_EQ(WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(th));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(socket_values_distinct_and_nonzero)
{
	SOCKET s[16];

	start();
	for (int i = 0; i < 16; i++) {
		s[i] = socket(i & 1 ? AF_INET6 : AF_INET, i & 2 ? SOCK_DGRAM : SOCK_STREAM, 0);
		ASSERT_NE(s[i], INVALID_SOCKET);
		ASSERT_NE(s[i], 0);
		for (int j = 0; j < i; j++)
			ASSERT_NE(s[i], s[j]);
	}
	for (int i = 0; i < 16; i++)
		ASSERT_EQ(closesocket(s[i]), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
