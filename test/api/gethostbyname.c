/* gethostname, GetHostNameW, gethostbyname, gethostbyaddr, getservbyname, getservbyport,
 * getprotobyname, getprotobynumber. Localhost, numeric names and /etc/services entries only. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "test.h"

#define SEED ((int)0xdeadbeef)

static void start(void)
{
	WSADATA d;

	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

TEST(netdb_not_started)
{
	char name[256];
	WCHAR wname[256];

	/* These database calls need WSAStartup (ReactOS' nostartup test). */
	WSASetLastError(SEED);
	ASSERT_TRUE(gethostbyname("localhost") == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(SEED);
	ASSERT_TRUE(getservbyname("http", NULL) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(SEED);
	ASSERT_TRUE(getservbyport(htons(80), NULL) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(SEED);
	ASSERT_TRUE(getprotobyname("tcp") == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(SEED);
	ASSERT_EQ(gethostname(name, sizeof name), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	WSASetLastError(SEED);
	ASSERT_EQ(GetHostNameW(wname, 256), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
}

TEST(gethostname_buffer)
{
	char name[256];
	WCHAR wname[256];
	int len;

	start();
	WSASetLastError(SEED);
	ASSERT_EQ(gethostname(NULL, 256), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(gethostname(name, sizeof name), 0);
	len = (int)strlen(name);
	ASSERT_TRUE(len > 0);
	/* Too short by the terminator: WSAEFAULT and the buffer untouched. */
	strcpy(name, "deadbeef");
	WSASetLastError(SEED);
	ASSERT_EQ(gethostname(name, len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_STR_EQ(name, "deadbeef");
	ASSERT_EQ(gethostname(name, len + 1), 0);
	ASSERT_EQ((int)strlen(name), len);
	ASSERT_TRUE(gethostbyname(name) != NULL);
	ASSERT_EQ(GetHostNameW(wname, 256), 0);
	ASSERT_EQ(wname[0], (WCHAR)(unsigned char)name[0]);
	WSASetLastError(SEED);
	ASSERT_EQ(GetHostNameW(wname, len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_EQ(GetHostNameW(NULL, 256), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSACleanup();
}

TEST(gethostbyname_localhost)
{
	static const unsigned char lo[4] = { 127, 0, 0, 1 };
	struct hostent *h;
	char **p;
	int n;

	start();
	h = gethostbyname("localhost");
	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(h->h_addrtype, AF_INET);
	ASSERT_EQ(h->h_length, 4);
	ASSERT_MEM_EQ(h->h_addr_list[0], lo, 4);
	/* Windows' layout: aliases right after the struct, then the address list, then addresses. */
	ASSERT_TRUE((void *)h->h_aliases == (void *)(h + 1));
	for (p = h->h_aliases, n = 1; *p; p++)
		n++;
	ASSERT_TRUE((void *)h->h_addr_list == (void *)(h->h_aliases + n));
	for (p = h->h_addr_list, n = 1; *p; p++)
		n++;
	ASSERT_TRUE((void *)h->h_addr_list[0] == (void *)(h->h_addr_list + n));
	/* "" and NULL are this host. */
	ASSERT_TRUE(gethostbyname("") != NULL);
	ASSERT_TRUE(gethostbyname(NULL) != NULL);
	WSACleanup();
}

TEST(gethostbyname_numeric)
{
	static const unsigned char a[4] = { 192, 0, 2, 7 };
	struct hostent *h, *h2;

	start();
	h = gethostbyname("192.0.2.7");
	ASSERT_TRUE(h != NULL);
	ASSERT_STR_EQ(h->h_name, "192.0.2.7");
	ASSERT_EQ(h->h_addrtype, AF_INET);
	ASSERT_EQ(h->h_length, 4);
	ASSERT_MEM_EQ(h->h_addr_list[0], a, 4);
	ASSERT_TRUE(h->h_addr_list[1] == NULL);
	ASSERT_TRUE(h->h_aliases[0] == NULL);
	/* Same thread, same buffer: the second answer replaces the first. */
	h2 = gethostbyname("127.0.0.1");
	ASSERT_TRUE(h2 == h);
	ASSERT_STR_EQ(h->h_name, "127.0.0.1");
	WSASetLastError(SEED);
	ASSERT_TRUE(gethostbyname("nonexistent.invalid") == NULL);
	ASSERT_TRUE(WSAGetLastError() == WSAHOST_NOT_FOUND || WSAGetLastError() == WSANO_DATA ||
		    WSAGetLastError() == WSATRY_AGAIN);
	WSACleanup();
}

TEST(gethostbyaddr_loopback)
{
	static const unsigned char lo[4] = { 127, 0, 0, 1 };
	struct hostent *h;

	start();
	h = gethostbyaddr((const char *)lo, 4, AF_INET);
	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(h->h_addrtype, AF_INET);
	ASSERT_EQ(h->h_length, 4);
	ASSERT_MEM_EQ(h->h_addr_list[0], lo, 4);
	WSASetLastError(SEED);
	ASSERT_TRUE(gethostbyaddr((const char *)lo, 3, AF_INET) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_TRUE(gethostbyaddr(NULL, 4, AF_INET) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(SEED);
	ASSERT_TRUE(gethostbyaddr((const char *)lo, 4, AF_IPX) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
	WSACleanup();
}

TEST(getservbyname_lookup)
{
	struct servent *s, *s2;

	start();
	s = getservbyname("http", "tcp");
	ASSERT_TRUE(s != NULL);
	ASSERT_STR_EQ(s->s_name, "http");
	ASSERT_STR_EQ(s->s_proto, "tcp");
	ASSERT_EQ(s->s_port, (short)htons(80));
	s2 = getservbyname("domain", "udp");
	ASSERT_TRUE(s2 == s);	/* per-thread buffer, reused */
	ASSERT_EQ(s->s_port, (short)htons(53));
	ASSERT_STR_EQ(s->s_proto, "udp");
	s = getservbyname("telnet", NULL);
	ASSERT_TRUE(s != NULL);
	ASSERT_EQ(s->s_port, (short)htons(23));
	ASSERT_TRUE(getservbyname("HTTP", "TCP") != NULL);	/* case-insensitive */
	WSASetLastError(SEED);
	ASSERT_TRUE(getservbyname("nonexistentservice", NULL) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANO_DATA);
	WSASetLastError(SEED);
	ASSERT_TRUE(getservbyname("http", "ddp") == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANO_DATA);
	WSACleanup();
}

TEST(getservbyport_lookup)
{
	struct servent *s;

	start();
	s = getservbyport(htons(80), "tcp");
	ASSERT_TRUE(s != NULL);
	ASSERT_STR_EQ(s->s_name, "http");
	ASSERT_EQ(s->s_port, (short)htons(80));
	s = getservbyport(htons(23), NULL);
	ASSERT_TRUE(s != NULL);
	ASSERT_STR_EQ(s->s_name, "telnet");
	WSASetLastError(SEED);
	ASSERT_TRUE(getservbyport(htons(1), "udp") == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANO_DATA);
	WSACleanup();
}

TEST(getprotobyname_table)
{
	static const struct {
		int num;
		const char *name, *alias;
	} t[] = {
		{ 0, "ip", "IP" }, { 1, "icmp", "ICMP" }, { 6, "tcp", "TCP" }, { 17, "udp", "UDP" },
		{ 41, "ipv6", "IPv6" }, { 58, "ipv6-icmp", "IPv6-ICMP" }, { 66, "rvd", "RVD" },
	};
	struct protoent *p;

	start();
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		p = getprotobyname(t[i].name);
		ASSERT_TRUE(p != NULL);
		ASSERT_EQ(p->p_proto, t[i].num);
		p = getprotobyname(t[i].alias);
		ASSERT_TRUE(p != NULL);
		ASSERT_EQ(p->p_proto, t[i].num);
		p = getprotobynumber(t[i].num);
		ASSERT_TRUE(p != NULL);
		ASSERT_STR_EQ(p->p_name, t[i].name);
		ASSERT_STR_EQ(p->p_aliases[0], t[i].alias);
		ASSERT_TRUE(p->p_aliases[1] == NULL);
	}
	/* Only Windows' table: SCTP (132) is unknown there. */
	WSASetLastError(SEED);
	ASSERT_TRUE(getprotobynumber(132) == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANO_DATA);
	ASSERT_TRUE(getprotobynumber(-1) == NULL);
	ASSERT_TRUE(getprotobynumber(256) == NULL);
	WSASetLastError(SEED);
	ASSERT_TRUE(getprotobyname("sctp") == NULL);
	ASSERT_EQ(WSAGetLastError(), WSANO_DATA);
	WSACleanup();
}
