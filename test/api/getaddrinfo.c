/* getaddrinfo, GetAddrInfoW, freeaddrinfo, FreeAddrInfoW, getnameinfo, GetNameInfoW,
 * gai_strerrorA/W. Localhost and numeric addresses only. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "test.h"

#define SEED ((int)0xdeadbeef)

static void widen(WCHAR *d, const char *s)
{
	while ((*d++ = (WCHAR)(unsigned char)*s++))
		;
}

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

TEST(getaddrinfo_not_started)
{
	ADDRINFOA *res = (ADDRINFOA *)1;

	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("127.0.0.1", "80", NULL, &res), WSANOTINITIALISED);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
}

TEST(getaddrinfo_numeric_ipv4)
{
	ADDRINFOA hints, *res = NULL;
	SOCKADDR_IN *sin;

	start();
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("127.0.0.1", "8080", &hints, &res), 0);
	/* Windows leaves the result code, 0 included, in the slot. */
	ASSERT_EQ(WSAGetLastError(), 0);
	ASSERT_TRUE(res != NULL);
	ASSERT_EQ(res->ai_family, AF_INET);
	ASSERT_EQ(res->ai_socktype, SOCK_STREAM);
	ASSERT_EQ(res->ai_protocol, IPPROTO_TCP);
	ASSERT_EQ(res->ai_addrlen, sizeof(SOCKADDR_IN));
	ASSERT_TRUE(res->ai_canonname == NULL);
	ASSERT_TRUE(res->ai_next == NULL);
	sin = (SOCKADDR_IN *)res->ai_addr;
	ASSERT_EQ(sin->sin_family, AF_INET);
	ASSERT_EQ(ntohs(sin->sin_port), 8080);
	ASSERT_EQ(sin->sin_addr.s_addr, htonl(0x7f000001));
	freeaddrinfo(res);
	freeaddrinfo(NULL);
	WSACleanup();
}

TEST(getaddrinfo_numeric_ipv6)
{
	ADDRINFOA hints, *res = NULL;
	SOCKADDR_IN6 *sin6;
	static const unsigned char lo[16] = { [15] = 1 };
	static const unsigned char beef[16] = { 0xbe, 0xef, [14] = 0xca, [15] = 0xfe };

	start();
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST;
	ASSERT_EQ(getaddrinfo("::1", "80", &hints, &res), 0);
	ASSERT_EQ(res->ai_family, AF_INET6);
	ASSERT_EQ(res->ai_addrlen, sizeof(SOCKADDR_IN6));
	sin6 = (SOCKADDR_IN6 *)res->ai_addr;
	ASSERT_EQ(sin6->sin6_family, AF_INET6);	/* 23, not Linux's 10 */
	ASSERT_EQ(ntohs(sin6->sin6_port), 80);
	ASSERT_MEM_EQ(&sin6->sin6_addr, lo, 16);
	freeaddrinfo(res);
	/* Brackets are accepted around a numeric IPv6 address, a trailing port ignored. */
	ASSERT_EQ(getaddrinfo("[beef::cafe]", NULL, &hints, &res), 0);
	ASSERT_MEM_EQ(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, beef, 16);
	freeaddrinfo(res);
	ASSERT_EQ(getaddrinfo("[beef::cafe]:10239", NULL, NULL, &res), 0);
	ASSERT_EQ(((SOCKADDR_IN6 *)res->ai_addr)->sin6_port, 0);
	freeaddrinfo(res);
	res = (ADDRINFOA *)1;
	ASSERT_EQ(getaddrinfo("[beef::cafe", NULL, &hints, &res), WSAHOST_NOT_FOUND);
	ASSERT_TRUE(res == NULL);
	ASSERT_EQ(getaddrinfo("beef::cafe]", NULL, &hints, &res), WSAHOST_NOT_FOUND);
	WSACleanup();
}

TEST(getaddrinfo_localhost)
{
	ADDRINFOA hints, *res = NULL, *p;
	int n = 0;

	start();
	ASSERT_EQ(getaddrinfo("localhost", NULL, NULL, &res), 0);
	for (p = res; p; p = p->ai_next, n++) {
		ASSERT_TRUE(p->ai_family == AF_INET || p->ai_family == AF_INET6);
		/* No hints: one node per address, socktype and protocol 0. */
		ASSERT_EQ(p->ai_socktype, 0);
		ASSERT_EQ(p->ai_protocol, 0);
		ASSERT_EQ(p->ai_addr->sa_family, p->ai_family);
	}
	ASSERT_TRUE(n >= 1);
	freeaddrinfo(res);
	/* Hints are echoed into every node, even combinations Linux would refuse. */
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_UDP;
	ASSERT_EQ(getaddrinfo("localhost", "http", &hints, &res), 0);
	for (p = res; p; p = p->ai_next) {
		ASSERT_EQ(p->ai_family, AF_INET);
		ASSERT_EQ(p->ai_socktype, SOCK_STREAM);
		ASSERT_EQ(p->ai_protocol, IPPROTO_UDP);
		ASSERT_EQ(ntohs(((SOCKADDR_IN *)p->ai_addr)->sin_port), 80);
	}
	freeaddrinfo(res);
	hints.ai_flags = AI_CANONNAME;
	ASSERT_EQ(getaddrinfo("localhost", NULL, &hints, &res), 0);
	ASSERT_TRUE(res->ai_canonname != NULL);
	freeaddrinfo(res);
	/* "" is this host; NULL with a service is loopback or, passive, the wildcard. */
	ASSERT_EQ(getaddrinfo("", NULL, NULL, &res), 0);
	freeaddrinfo(res);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_flags = AI_PASSIVE;
	ASSERT_EQ(getaddrinfo(NULL, "0", &hints, &res), 0);
	ASSERT_EQ(((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr, 0);
	freeaddrinfo(res);
	hints.ai_flags = 0;
	ASSERT_EQ(getaddrinfo(NULL, "", &hints, &res), 0);
	ASSERT_EQ(((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr, htonl(0x7f000001));
	freeaddrinfo(res);
	WSACleanup();
}

TEST(getaddrinfo_errors)
{
	ADDRINFOA hints, *res;

	start();
	memset(&hints, 0, sizeof hints);
	res = (ADDRINFOA *)1;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo(NULL, NULL, NULL, &res), WSAHOST_NOT_FOUND);
	ASSERT_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND);
	ASSERT_TRUE(res == NULL);
	hints.ai_flags = AI_NUMERICHOST;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("localhost", "80", &hints, &res), WSAHOST_NOT_FOUND);
	ASSERT_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND);
	ASSERT_EQ(getaddrinfo("192.168.1.253:1024", NULL, &hints, &res), WSAHOST_NOT_FOUND);
	hints.ai_flags = 0x2000;	/* no such AI_ flag */
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("127.0.0.1", NULL, &hints, &res), EAI_BADFLAGS);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	hints.ai_flags = AI_CANONNAME | AI_FQDN;
	ASSERT_EQ(getaddrinfo("127.0.0.1", NULL, &hints, &res), EAI_BADFLAGS);
	hints.ai_flags = 0;
	hints.ai_family = AF_IPX;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("127.0.0.1", NULL, &hints, &res), EAI_FAMILY);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = 999;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("localhost", NULL, &hints, &res), WSAESOCKTNOSUPPORT);
	ASSERT_EQ(WSAGetLastError(), WSAESOCKTNOSUPPORT);
	hints.ai_socktype = 0;
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo(NULL, "nonexistentservice", &hints, &res), WSATYPE_NOT_FOUND);
	ASSERT_EQ(WSAGetLastError(), WSATYPE_NOT_FOUND);
	hints.ai_flags = AI_NUMERICSERV;
	ASSERT_EQ(getaddrinfo("127.0.0.1", "http", &hints, &res), WSAHOST_NOT_FOUND);
	hints.ai_flags = 0;
	ASSERT_EQ(getaddrinfo("127.0.0.1", "65536", &hints, &res), WSATYPE_NOT_FOUND);
	WSASetLastError(SEED);
	ASSERT_EQ(getaddrinfo("127.0.0.1", NULL, NULL, NULL), WSAEFAULT);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSACleanup();
}

TEST(GetAddrInfoW_basic)
{
	ADDRINFOW hints, *res = NULL;
	WCHAR node[32], serv[8];

	start();
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_flags = AI_CANONNAME;
	widen(node, "127.0.0.1");
	widen(serv, "443");
	WSASetLastError(SEED);
	ASSERT_EQ(GetAddrInfoW(node, serv, &hints, &res), 0);
	ASSERT_EQ(WSAGetLastError(), 0);
	ASSERT_EQ(res->ai_family, AF_INET);
	ASSERT_EQ(ntohs(((SOCKADDR_IN *)res->ai_addr)->sin_port), 443);
	ASSERT_TRUE(res->ai_canonname != NULL && res->ai_canonname[0] == '1');
	FreeAddrInfoW(res);
	res = (ADDRINFOW *)1;
	WSASetLastError(SEED);
	ASSERT_EQ(GetAddrInfoW(NULL, NULL, NULL, &res), WSAHOST_NOT_FOUND);
	ASSERT_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND);
	ASSERT_TRUE(res == NULL);
	WSACleanup();
}

TEST(getnameinfo_numeric)
{
	SOCKADDR_IN sin;
	SOCKADDR_IN6 sin6;
	char host[NI_MAXHOST], serv[NI_MAXSERV];
	WCHAR whost[NI_MAXHOST], wserv[NI_MAXSERV];

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(80);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, 0), WSANOTINITIALISED);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	start();
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv,
			      NI_NUMERICHOST | NI_NUMERICSERV), 0);
	ASSERT_STR_EQ(host, "127.0.0.1");
	ASSERT_STR_EQ(serv, "80");
	/* Named service from the services database. */
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, NULL, 0, serv, sizeof serv, 0), 0);
	ASSERT_STR_EQ(serv, "http");
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(8080);
	sin6.sin6_addr.s6_addr[15] = 1;
	ASSERT_EQ(GetNameInfoW((SOCKADDR *)&sin6, sizeof sin6, whost, NI_MAXHOST, wserv, NI_MAXSERV,
			       NI_NUMERICHOST | NI_NUMERICSERV), 0);
	ASSERT_TRUE(whost[0] == ':' && whost[1] == ':' && whost[2] == '1' && whost[3] == 0);
	ASSERT_TRUE(wserv[0] == '8' && wserv[4] == 0);
	WSACleanup();
}

TEST(getnameinfo_errors)
{
	SOCKADDR_IN sin;
	char host[NI_MAXHOST], tiny[4];

	start();
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(0x7f000001);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, NULL, 0, NULL, 0, 0), WSAHOST_NOT_FOUND);
	ASSERT_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, 0, NULL, 0, 0), WSAEINVAL);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin - 1, host, sizeof host, NULL, 0, 0), WSAEFAULT);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo(NULL, sizeof sin, host, sizeof host, NULL, 0, 0), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, tiny, sizeof tiny, NULL, 0, NI_NUMERICHOST), WSAEFAULT);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	sin.sin_family = AF_IPX;
	WSASetLastError(SEED);
	ASSERT_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, 0), WSAEAFNOSUPPORT);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	WSACleanup();
}

TEST(gai_strerror_text)
{
	WCHAR *w;

	ASSERT_STR_EQ(gai_strerrorA(WSAHOST_NOT_FOUND), "No such host is known.");
	ASSERT_STR_EQ(gai_strerrorA(EAI_BADFLAGS), "An invalid argument was supplied.");
	w = gai_strerrorW(EAI_NONAME);
	ASSERT_TRUE(w[0] == 'N' && w[1] == 'o');
}
