/* WSAEnumNameSpaceProvidersA / W: the default DNS ("Tcpip") name-space entry and the buffer
 * protocol: structures first, their strings after them in the caller's buffer, and WSAEFAULT
 * with the size needed when the buffer is too small (Microsoft Learn). */
#include <winsock2.h>
#include <windows.h>

#include "test.h"

#define FAILS(call, ret, code) \
	do { \
		WSASetLastError(0xdeadbeef); \
		ASSERT_EQ(call, ret); \
		ASSERT_EQ(WSAGetLastError(), code); \
	} while (0)

/* {22059D40-7E9E-11CF-AE5A-00AA00A7112B}: Windows' Tcpip name-space provider. */
static const GUID nsp_tcpip = { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } };

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

TEST(WSAEnumNameSpaceProviders_not_initialised)
{
	DWORD len = 0;

	FAILS(WSAEnumNameSpaceProvidersW(&len, NULL), SOCKET_ERROR, WSANOTINITIALISED);
	FAILS(WSAEnumNameSpaceProvidersA(&len, NULL), SOCKET_ERROR, WSANOTINITIALISED);
}

TEST(WSAEnumNameSpaceProvidersW_dns_entry)
{
	DWORD len = 0, need;
	char *buf;
	WSANAMESPACE_INFOW *ns;
	int n, dns = -1;

	start();
	/* Size query: WSAEFAULT (not WSAENOBUFS) and the length needed. */
	FAILS(WSAEnumNameSpaceProvidersW(&len, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_TRUE(len > sizeof(WSANAMESPACE_INFOW));
	need = len;
	buf = malloc(need);
	ASSERT_TRUE(buf != NULL);
	/* One byte short: WSAEFAULT again, the same length, nothing written. */
	memset(buf, 0xcc, need);
	len = need - 1;
	FAILS(WSAEnumNameSpaceProvidersW(&len, (LPWSANAMESPACE_INFOW)buf), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(len, need);
	ASSERT_EQ((unsigned char)buf[0], 0xcc);

	n = WSAEnumNameSpaceProvidersW(&len, (LPWSANAMESPACE_INFOW)buf);
	ASSERT_TRUE(n >= 1);
	ns = (WSANAMESPACE_INFOW *)buf;
	for (int i = 0; i < n; i++) {
		/* Strings live in the same buffer, after all the structures. */
		ASSERT_TRUE((char *)ns[i].lpszIdentifier >= buf + n * sizeof(WSANAMESPACE_INFOW));
		ASSERT_TRUE((char *)ns[i].lpszIdentifier < buf + need);
		if (ns[i].dwNameSpace == NS_DNS && !memcmp(&ns[i].NSProviderId, &nsp_tcpip, sizeof(GUID)))
			dns = i;
	}
	ASSERT_TRUE(dns >= 0);
	ASSERT_EQ(ns[dns].fActive, TRUE);
	ASSERT_EQ(ns[dns].dwVersion, 0);
	ASSERT_TRUE(wide_is(ns[dns].lpszIdentifier, "Tcpip"));
	free(buf);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumNameSpaceProvidersA_dns_entry)
{
	DWORD len = 0;
	char *buf;
	WSANAMESPACE_INFOA *ns;
	int n, dns = -1;

	start();
	FAILS(WSAEnumNameSpaceProvidersA(&len, NULL), SOCKET_ERROR, WSAEFAULT);
	ASSERT_TRUE(len > sizeof(WSANAMESPACE_INFOA));
	buf = malloc(len);
	ASSERT_TRUE(buf != NULL);
	n = WSAEnumNameSpaceProvidersA(&len, (LPWSANAMESPACE_INFOA)buf);
	ASSERT_TRUE(n >= 1);
	ns = (WSANAMESPACE_INFOA *)buf;
	for (int i = 0; i < n; i++)
		if (ns[i].dwNameSpace == NS_DNS && !memcmp(&ns[i].NSProviderId, &nsp_tcpip, sizeof(GUID)))
			dns = i;
	ASSERT_TRUE(dns >= 0);
	ASSERT_EQ(ns[dns].fActive, TRUE);
	ASSERT_STR_EQ(ns[dns].lpszIdentifier, "Tcpip");
	ASSERT_TRUE(ns[dns].lpszIdentifier >= buf + n * sizeof(WSANAMESPACE_INFOA));
	free(buf);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAEnumNameSpaceProviders_bad_pointers)
{
	DWORD big = 1u << 16;

	start();
	FAILS(WSAEnumNameSpaceProvidersW(NULL, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumNameSpaceProvidersA((LPDWORD)8, NULL), SOCKET_ERROR, WSAEFAULT);
	FAILS(WSAEnumNameSpaceProvidersW(&big, (LPWSANAMESPACE_INFOW)64), SOCKET_ERROR, WSAEFAULT);
	ASSERT_EQ(WSACleanup(), 0);
}
