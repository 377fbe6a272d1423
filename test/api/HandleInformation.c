/* GetHandleInformation / SetHandleInformation (spec handles.md §9): sockets from socket() and
 * WSASocket are inheritable, WSA_FLAG_NO_HANDLE_INHERIT clears it, accept() copies the listener's;
 * only the bits in the mask change; HANDLE_FLAG_PROTECT_FROM_CLOSE makes CloseHandle fail. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"

#define FAILS32(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_TRUE(!(call)); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static DWORD flags_of(HANDLE h)
{
	DWORD f = 0xdeadbeef;

	ASSERT_TRUE(GetHandleInformation(h, &f));
	return f;
}

TEST(HandleInformation_socket_defaults)
{
	static const int afs[] = { AF_INET, AF_INET6 };

	start();
	for (int i = 0; i < 2; i++) {
		SOCKET s = socket(afs[i], SOCK_STREAM, 0), w, n, l, c, a;
		SOCKADDR_STORAGE ss;
		int len = sizeof ss;

		ASSERT_NE(s, INVALID_SOCKET);
		ASSERT_EQ(flags_of((HANDLE)s), HANDLE_FLAG_INHERIT);
		w = WSASocketW(afs[i], SOCK_DGRAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED);
		ASSERT_NE(w, INVALID_SOCKET);
		ASSERT_EQ(flags_of((HANDLE)w), HANDLE_FLAG_INHERIT);
		/* handles.md §9: the flag's evident intent is a non-inheritable handle. */
		n = WSASocketW(afs[i], SOCK_STREAM, 0, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
		ASSERT_NE(n, INVALID_SOCKET);
		ASSERT_EQ(flags_of((HANDLE)n), 0);
		/* An accepted socket has the listener's properties. */
		l = n;
		memset(&ss, 0, sizeof ss);
		ss.ss_family = (ADDRESS_FAMILY)afs[i];
		if (afs[i] == AF_INET)
			((SOCKADDR_IN *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		else
			((SOCKADDR_IN6 *)&ss)->sin6_addr = in6addr_loopback;
		ASSERT_EQ(bind(l, (SOCKADDR *)&ss, afs[i] == AF_INET ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6)), 0);
		ASSERT_EQ(getsockname(l, (SOCKADDR *)&ss, &len), 0);
		ASSERT_EQ(listen(l, 1), 0);
		c = s;
		ASSERT_EQ(connect(c, (SOCKADDR *)&ss, len), 0);
		a = accept(l, NULL, NULL);
		ASSERT_NE(a, INVALID_SOCKET);
		ASSERT_EQ(flags_of((HANDLE)a), 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(w), 0);
		ASSERT_EQ(closesocket(l), 0);
	}
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(HandleInformation_mask_and_protect)
{
	SOCKET s;
	HANDLE r, w;

	start();
	s = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	/* Only the bits in the mask change. */
	ASSERT_TRUE(SetHandleInformation((HANDLE)s, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
	ASSERT_EQ(flags_of((HANDLE)s), HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE);
	ASSERT_TRUE(SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0));
	ASSERT_EQ(flags_of((HANDLE)s), HANDLE_FLAG_PROTECT_FROM_CLOSE);
	ASSERT_TRUE(SetHandleInformation((HANDLE)s, 0, HANDLE_FLAG_INHERIT));
	ASSERT_EQ(flags_of((HANDLE)s), HANDLE_FLAG_PROTECT_FROM_CLOSE);
	/* Bits other than the two flags are ignored. */
	ASSERT_TRUE(SetHandleInformation((HANDLE)s, 0xFFFFFFFC, 0xFFFFFFFF));
	ASSERT_EQ(flags_of((HANDLE)s), HANDLE_FLAG_PROTECT_FROM_CLOSE);
	/* Protected: CloseHandle fails and the socket still works. */
	FAILS32(CloseHandle((HANDLE)s), ERROR_INVALID_HANDLE);
	ASSERT_EQ(GetFileType((HANDLE)s), FILE_TYPE_PIPE);
	ASSERT_TRUE(SetHandleInformation((HANDLE)s, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
	ASSERT_EQ(flags_of((HANDLE)s), 0);
	ASSERT_TRUE(CloseHandle((HANDLE)s));
	/* Pipes carry the flags too. */
	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	ASSERT_EQ(flags_of(r), 0);
	ASSERT_TRUE(SetHandleInformation(w, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE,
					 HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE));
	FAILS32(CloseHandle(w), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(SetHandleInformation(w, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
	ASSERT_EQ(flags_of(w), HANDLE_FLAG_INHERIT);
	ASSERT_TRUE(CloseHandle(w));
	ASSERT_TRUE(CloseHandle(r));
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(HandleInformation_inherit_pipe)
{
	SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
	HANDLE r, w;

	ASSERT_TRUE(CreatePipe(&r, &w, &sa, 0));
	ASSERT_EQ(flags_of(r), HANDLE_FLAG_INHERIT);
	ASSERT_EQ(flags_of(w), HANDLE_FLAG_INHERIT);
	ASSERT_TRUE(CloseHandle(r));
	ASSERT_TRUE(CloseHandle(w));
}

TEST(HandleInformation_invalid)
{
	SOCKET s;
	DWORD f;

	start();
	s = socket(AF_INET6, SOCK_DGRAM, 0);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS32(GetHandleInformation((HANDLE)s, NULL), ERROR_NOACCESS);
	FAILS32(GetHandleInformation((HANDLE)s, (LPDWORD)(uintptr_t)4), ERROR_NOACCESS);
	ASSERT_EQ(closesocket(s), 0);
	FAILS32(GetHandleInformation((HANDLE)s, &f), ERROR_INVALID_HANDLE);
	FAILS32(SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0), ERROR_INVALID_HANDLE);
	FAILS32(GetHandleInformation(INVALID_HANDLE_VALUE, &f), ERROR_INVALID_HANDLE);
	FAILS32(GetHandleInformation(NULL, &f), ERROR_INVALID_HANDLE);
	FAILS32(SetHandleInformation((HANDLE)(intptr_t)55555, HANDLE_FLAG_INHERIT, 0), ERROR_INVALID_HANDLE);
	ASSERT_EQ(WSACleanup(), 0);
}
