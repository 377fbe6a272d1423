/* GetAdaptersAddresses, GetAdaptersInfo, GetBestInterface(Ex), GetNumberOfInterfaces,
 * if_nametoindex/if_indextoname and the LUID conversions: the loopback adapter is there with
 * 127.0.0.1 (and ::1 where the host has IPv6) and Windows' loopback type; the buffer-size
 * protocol (ERROR_BUFFER_OVERFLOW with the size, then success) holds; bad arguments get
 * Windows' codes. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdlib.h>

#include "test.h"

static PIP_ADAPTER_ADDRESSES get_all(ULONG family, ULONG flags)
{
	ULONG size = 0, again;
	PIP_ADAPTER_ADDRESSES p;

	ASSERT_EQ(GetAdaptersAddresses(family, flags, NULL, NULL, &size), ERROR_BUFFER_OVERFLOW);
	ASSERT_TRUE(size >= sizeof(IP_ADAPTER_ADDRESSES));
	p = malloc(size);
	ASSERT_TRUE(p != NULL);
	/* One byte short is still too small, and the answer is the same size. */
	again = size - 1;
	ASSERT_EQ(GetAdaptersAddresses(family, flags, NULL, p, &again), ERROR_BUFFER_OVERFLOW);
	ASSERT_EQ(again, size);
	ASSERT_EQ(GetAdaptersAddresses(family, flags, NULL, p, &size), NO_ERROR);
	return p;
}

static PIP_ADAPTER_ADDRESSES loopback(PIP_ADAPTER_ADDRESSES p)
{
	for (; p; p = p->Next)
		if (p->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
			return p;
	FAILF("no loopback adapter");
}

static int has_addr(PIP_ADAPTER_ADDRESSES a, int family, const void *bytes)
{
	for (PIP_ADAPTER_UNICAST_ADDRESS u = a->FirstUnicastAddress; u; u = u->Next) {
		if (u->Address.lpSockaddr->sa_family != family)
			continue;
		if (family == AF_INET && u->Address.iSockaddrLength == sizeof(SOCKADDR_IN) &&
		    memcmp(&((SOCKADDR_IN *)u->Address.lpSockaddr)->sin_addr, bytes, 4) == 0)
			return 1;
		if (family == AF_INET6 && u->Address.iSockaddrLength == sizeof(SOCKADDR_IN6) &&
		    memcmp(&((SOCKADDR_IN6 *)u->Address.lpSockaddr)->sin6_addr, bytes, 16) == 0)
			return 1;
	}
	return 0;
}

static const unsigned char lo4[4] = { 127, 0, 0, 1 };
static const unsigned char lo6[16] = { [15] = 1 };

TEST(GetAdaptersAddresses_loopback)
{
	PIP_ADAPTER_ADDRESSES all = get_all(AF_UNSPEC, GAA_FLAG_INCLUDE_PREFIX), lo = loopback(all);
	static const WCHAR lo_w[] = { 'l', 'o', 0 };
	char name[IF_NAMESIZE];
	NET_LUID luid;
	NET_IFINDEX idx;

	ASSERT_EQ(lo->Length, sizeof(IP_ADAPTER_ADDRESSES));
	ASSERT_EQ(sizeof(IP_ADAPTER_ADDRESSES), 448);
	ASSERT_TRUE(lo->IfIndex != 0);
	ASSERT_EQ(lo->OperStatus, IfOperStatusUp);
	ASSERT_EQ(lo->PhysicalAddressLength, 0);
	ASSERT_TRUE(lo->Mtu > 0);
	ASSERT_TRUE(has_addr(lo, AF_INET, lo4));
	ASSERT_STR_EQ(lo->AdapterName, "lo");
	ASSERT_MEM_EQ(lo->FriendlyName, lo_w, sizeof lo_w);
	ASSERT_TRUE(lo->DnsSuffix != NULL && lo->Description != NULL);
	ASSERT_TRUE(lo->Flags & IP_ADAPTER_IPV4_ENABLED);
	/* 127.0.0.0/8 among the prefixes. */
	{
		int found = 0;
		for (PIP_ADAPTER_PREFIX p = lo->FirstPrefix; p; p = p->Next)
			if (p->Address.lpSockaddr->sa_family == AF_INET && p->PrefixLength == 8 &&
			    ((SOCKADDR_IN *)p->Address.lpSockaddr)->sin_addr.s_addr == htonl(0x7f000000))
				found = 1;
		ASSERT_TRUE(found);
	}
	/* The other identifiers agree. */
	ASSERT_EQ(if_nametoindex("lo"), lo->IfIndex);
	ASSERT_TRUE(if_indextoname(lo->IfIndex, name) == name);
	ASSERT_STR_EQ(name, "lo");
	ASSERT_EQ(ConvertInterfaceIndexToLuid(lo->IfIndex, &luid), NO_ERROR);
	ASSERT_EQ(luid.Value, lo->Luid.Value);
	ASSERT_EQ(luid.Info.IfType, IF_TYPE_SOFTWARE_LOOPBACK);
	ASSERT_EQ(ConvertInterfaceLuidToIndex(&luid, &idx), NO_ERROR);
	ASSERT_EQ(idx, lo->IfIndex);
	ASSERT_EQ(ConvertInterfaceLuidToNameA(&luid, name, sizeof name), NO_ERROR);
	ASSERT_STR_EQ(name, "lo");
	ASSERT_EQ(ConvertInterfaceLuidToNameA(&luid, name, 2), ERROR_NOT_ENOUGH_MEMORY);
	luid.Value = 0;
	ASSERT_EQ(ConvertInterfaceNameToLuidA("lo", &luid), NO_ERROR);
	ASSERT_EQ(luid.Value, lo->Luid.Value);
	if (lo->Flags & IP_ADAPTER_IPV6_ENABLED) {
		ASSERT_TRUE(has_addr(lo, AF_INET6, lo6));
		ASSERT_EQ(lo->Ipv6IfIndex, lo->IfIndex);
	}
	free(all);
}

/* A family filter keeps only that family's addresses; AF_INET6 lists ::1 when IPv6 is on. */
TEST(GetAdaptersAddresses_family)
{
	PIP_ADAPTER_ADDRESSES v4 = get_all(AF_INET, 0), p;
	ULONG size = 0;

	for (p = v4; p; p = p->Next)
		for (PIP_ADAPTER_UNICAST_ADDRESS u = p->FirstUnicastAddress; u; u = u->Next)
			ASSERT_EQ(u->Address.lpSockaddr->sa_family, AF_INET);
	ASSERT_TRUE(has_addr(loopback(v4), AF_INET, lo4));
	free(v4);
	if (GetAdaptersAddresses(AF_INET6, 0, NULL, NULL, &size) == ERROR_NO_DATA)
		return;	/* no IPv6 on this host */
	p = get_all(AF_INET6, GAA_FLAG_SKIP_MULTICAST);
	ASSERT_TRUE(has_addr(loopback(p), AF_INET6, lo6));
	for (PIP_ADAPTER_ADDRESSES a = p; a; a = a->Next) {
		ASSERT_TRUE(a->FirstMulticastAddress == NULL);
		for (PIP_ADAPTER_UNICAST_ADDRESS u = a->FirstUnicastAddress; u; u = u->Next)
			ASSERT_EQ(u->Address.lpSockaddr->sa_family, AF_INET6);
	}
	free(p);
}

TEST(GetAdaptersAddresses_flags)
{
	PIP_ADAPTER_ADDRESSES p = get_all(AF_UNSPEC, GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_DNS_SERVER |
							 GAA_FLAG_SKIP_FRIENDLY_NAME);

	for (PIP_ADAPTER_ADDRESSES a = p; a; a = a->Next) {
		ASSERT_TRUE(a->FirstUnicastAddress == NULL);
		ASSERT_TRUE(a->FirstDnsServerAddress == NULL);
		ASSERT_TRUE(a->FirstPrefix == NULL);
		ASSERT_EQ(a->FriendlyName[0], 0);
	}
	free(p);
}

TEST(GetAdaptersAddresses_bad_args)
{
	ULONG size = 0;
	IP_ADAPTER_ADDRESSES one;

	ASSERT_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(GetAdaptersAddresses(AF_IPX, 0, NULL, NULL, &size), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, &size, NULL, &size), ERROR_INVALID_PARAMETER);
	size = sizeof one;	/* room for one adapter, not for its addresses and strings */
	ASSERT_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, &one, &size), ERROR_BUFFER_OVERFLOW);
	ASSERT_TRUE(size > sizeof one);
}

/* GetAdaptersInfo: IPv4 adapters, the loopback interface never among them. */
TEST(GetAdaptersInfo_no_loopback)
{
	ULONG size = 0;
	PIP_ADAPTER_INFO p;
	DWORD r = GetAdaptersInfo(NULL, &size);

	ASSERT_EQ(GetAdaptersInfo(NULL, NULL), ERROR_INVALID_PARAMETER);
	if (r == ERROR_NO_DATA)
		return;	/* only a loopback interface here */
	ASSERT_EQ(r, ERROR_BUFFER_OVERFLOW);
	ASSERT_TRUE(size >= sizeof(IP_ADAPTER_INFO));
	p = malloc(size);
	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(GetAdaptersInfo(p, &size), NO_ERROR);
	for (PIP_ADAPTER_INFO a = p; a; a = a->Next) {
		ASSERT_TRUE(a->Type != MIB_IF_TYPE_LOOPBACK);
		ASSERT_TRUE(strcmp(a->AdapterName, "lo") != 0);
		ASSERT_TRUE(strcmp(a->IpAddressList.IpAddress.String, "127.0.0.1") != 0);
		ASSERT_TRUE(inet_addr(a->IpAddressList.IpAddress.String) != INADDR_NONE);
		ASSERT_TRUE(a->Index != 0);
	}
	free(p);
}

TEST(GetBestInterface_loopback)
{
	DWORD idx = 0, n = 0;
	SOCKADDR_IN6 s6;

	ASSERT_EQ(GetBestInterface(htonl(INADDR_LOOPBACK), &idx), NO_ERROR);
	ASSERT_EQ(idx, if_nametoindex("lo"));
	ASSERT_EQ(GetBestInterface(htonl(INADDR_LOOPBACK), NULL), ERROR_INVALID_PARAMETER);
	memset(&s6, 0, sizeof s6);
	s6.sin6_family = AF_INET6;
	s6.sin6_addr.s6_addr[15] = 1;
	idx = 0;
	if (GetBestInterfaceEx((struct sockaddr *)&s6, &idx) == NO_ERROR)
		ASSERT_EQ(idx, if_nametoindex("lo"));
	ASSERT_EQ(GetNumberOfInterfaces(&n), NO_ERROR);
	ASSERT_TRUE(n >= 1);
	ASSERT_EQ(GetNumberOfInterfaces(NULL), ERROR_INVALID_PARAMETER);
}

TEST(if_nametoindex_unknown)
{
	char buf[IF_NAMESIZE];
	NET_LUID luid;
	NET_IFINDEX idx = 5;

	ASSERT_EQ(if_nametoindex("no-such-if0"), 0);
	ASSERT_TRUE(if_indextoname(0x7ffffff0, buf) == NULL);
	ASSERT_EQ(ConvertInterfaceIndexToLuid(0x7ffffff0, &luid), ERROR_FILE_NOT_FOUND);
	ASSERT_EQ(luid.Value, 0);
	ASSERT_EQ(ConvertInterfaceIndexToLuid(1, NULL), ERROR_INVALID_PARAMETER);
	luid.Value = 0x123456789abcdefull;
	ASSERT_EQ(ConvertInterfaceLuidToIndex(&luid, &idx), ERROR_FILE_NOT_FOUND);
	ASSERT_EQ(idx, 0);
	ASSERT_EQ(ConvertInterfaceNameToLuidA("no-such-if0", &luid), ERROR_INVALID_NAME);
}
