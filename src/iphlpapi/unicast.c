/* iphlpapi/unicast: InitializeUnicastIpAddressEntry, CreateUnicastIpAddressEntry,
 * DeleteUnicastIpAddressEntry - unicast addresses added and removed through rtnetlink
 * (src/netif). Checks and codes: Microsoft's pages for the three functions. What Linux has no
 * word for is ignored: SkipAsSource, DadState, ScopeId, CreationTimeStamp (as Windows ignores
 * the last three on input); the origins are checked, not kept. Lifetimes are Linux's
 * valid/preferred lifetimes (IPv4 too). */
#include <ws2tcpip.h>

#include "iphlp.h"
#include "../base/trace.h"
#include "../kernel32/kernel32.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* The layout mingw-w64's netioapi.h gives (x64). */
_Static_assert(sizeof(MIB_UNICASTIPADDRESS_ROW) == 80, "MIB_UNICASTIPADDRESS_ROW size");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, InterfaceLuid) == 32, "InterfaceLuid");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, InterfaceIndex) == 40, "InterfaceIndex");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, ValidLifetime) == 52, "ValidLifetime");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, OnLinkPrefixLength) == 60, "OnLinkPrefixLength");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, SkipAsSource) == 61, "SkipAsSource");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, DadState) == 64, "DadState");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, ScopeId) == 68, "ScopeId");
_Static_assert(offsetof(MIB_UNICASTIPADDRESS_ROW, CreationTimeStamp) == 72, "CreationTimeStamp");

#define INFINITE_LIFETIME 0xffffffffu

VOID WINAPI InitializeUnicastIpAddressEntry(PMIB_UNICASTIPADDRESS_ROW Row)
{
	LS_TRACE_CALL("%p", (void *)Row);
	if (ls_k32_bad_ptr(Row))
		return;
	memset(Row, 0, sizeof *Row);
	Row->PrefixOrigin = IpPrefixOriginUnchanged;
	Row->SuffixOrigin = IpSuffixOriginUnchanged;
	Row->OnLinkPrefixLength = 0xff;	/* "an illegal value": the caller must set it */
	Row->ValidLifetime = INFINITE_LIFETIME;
	Row->PreferredLifetime = INFINITE_LIFETIME;
}

/* A unicast address: not unspecified, not multicast, not IPv4 limited broadcast. */
static int unicast(int family, const uint8_t *a)
{
	static const uint8_t zero[16];

	if (family == LS_NETIF_INET)
		return memcmp(a, zero, 4) != 0 && (a[0] & 0xf0) != 0xe0 && !(a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255);
	return memcmp(a, zero, 16) != 0 && a[0] != 0xff;
}

/* The row's family, address bytes and interface, checked as Windows does: ERROR_INVALID_PARAMETER
 * for a bad row, ERROR_NOT_FOUND for an interface that does not exist. */
static DWORD row_parse(const MIB_UNICASTIPADDRESS_ROW *row, int *family, uint8_t *addr, uint32_t *index)
{
	if (ls_k32_bad_ptr(row))
		return ERROR_INVALID_PARAMETER;
	if (row->Address.si_family == AF_INET) {
		*family = LS_NETIF_INET;
		memcpy(addr, &row->Address.Ipv4.sin_addr, 4);
	} else if (row->Address.si_family == AF_INET6) {
		*family = LS_NETIF_INET6;
		memcpy(addr, &row->Address.Ipv6.sin6_addr, 16);
	} else {
		return ERROR_INVALID_PARAMETER;
	}
	if (!unicast(*family, addr))
		return ERROR_INVALID_PARAMETER;
	if (row->InterfaceLuid.Value != 0) {
		/* The LUID wins when both are given; NetLuidIndex is the Linux index (section I). */
		struct ls_netif_list *l;
		const struct ls_netif *i;
		if (ls_netif_list_new(&l) < 0)
			return ERROR_NOT_ENOUGH_MEMORY;
		i = ls_iphlpapi_by_luid(l, &row->InterfaceLuid);
		*index = i ? i->index : 0;
		ls_netif_list_free(l);
		if (!*index)
			return ERROR_NOT_FOUND;
	} else if (row->InterfaceIndex != 0) {
		char name[16];
		if (ls_netif_name_of(row->InterfaceIndex, name) < 0)
			return ERROR_NOT_FOUND;
		*index = row->InterfaceIndex;
	} else {
		return ERROR_INVALID_PARAMETER;	/* neither given */
	}
	return NO_ERROR;
}

static DWORD from_errno(int r)
{
	switch (r) {
	case 0:
		return NO_ERROR;
	case -EEXIST:
		return ERROR_OBJECT_ALREADY_EXISTS;
	case -ENODEV:
		return ERROR_NOT_FOUND;
	case -EADDRNOTAVAIL:
	case -ESRCH:
		return ERROR_NOT_FOUND;
	case -EPERM:
	case -EACCES:
		return ERROR_ACCESS_DENIED;	/* no CAP_NET_ADMIN: Windows' "not an administrator" */
	case -EAFNOSUPPORT:
		return ERROR_NOT_SUPPORTED;	/* no stack of that family */
	case -ENOMEM:
	case -ENOBUFS:
		return ERROR_NOT_ENOUGH_MEMORY;
	default:
		return ERROR_INVALID_PARAMETER;
	}
}

DWORD WINAPI CreateUnicastIpAddressEntry(const MIB_UNICASTIPADDRESS_ROW *Row)
{
	uint8_t addr[16];
	uint32_t index = 0;
	int family = 0, bits;
	DWORD err;

	LS_TRACE_CALL("%p", (const void *)Row);
	err = row_parse(Row, &family, addr, &index);
	if (err != NO_ERROR)
		return LS_TRACE_RET_CODE(err);
	bits = family == LS_NETIF_INET ? 32 : 128;
	/* The rest of the row's checks, in the page's list. */
	if (Row->ValidLifetime < Row->PreferredLifetime ||
	    (Row->PrefixOrigin == IpPrefixOriginUnchanged) != (Row->SuffixOrigin == IpSuffixOriginUnchanged) ||
	    ((unsigned)Row->PrefixOrigin > IpPrefixOriginRouterAdvertisement && Row->PrefixOrigin != IpPrefixOriginUnchanged) ||
	    ((unsigned)Row->SuffixOrigin > IpSuffixOriginRandom && Row->SuffixOrigin != IpSuffixOriginUnchanged) ||
	    Row->OnLinkPrefixLength > bits)
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	return LS_TRACE_RET_CODE(from_errno(ls_netif_addr_set(1, family, addr, Row->OnLinkPrefixLength, index,
							     Row->ValidLifetime, Row->PreferredLifetime)));
}

/* The prefix length of the address on interface index, or -1 if it is not there. */
static int prefix_of(int family, const uint8_t *addr, uint32_t index)
{
	struct ls_netif_list *l;
	const struct ls_netif *i;
	int prefix = -1;

	if (ls_netif_list_new(&l) < 0)
		return -1;
	i = ls_netif_by_index(l, index);
	for (const struct ls_netif_addr *a = i ? i->unicast : NULL; a; a = a->next)
		if (a->family == family && memcmp(a->addr, addr, family == LS_NETIF_INET ? 4 : 16) == 0) {
			prefix = a->prefix;
			break;
		}
	ls_netif_list_free(l);
	return prefix;
}

DWORD WINAPI DeleteUnicastIpAddressEntry(const MIB_UNICASTIPADDRESS_ROW *Row)
{
	uint8_t addr[16];
	uint32_t index = 0;
	int family = 0, prefix;
	DWORD err;

	LS_TRACE_CALL("%p", (const void *)Row);
	err = row_parse(Row, &family, addr, &index);
	if (err != NO_ERROR)
		return LS_TRACE_RET_CODE(err);
	/* Windows names the address by value and interface; Linux also wants its prefix length,
	 * which the row need not carry (InitializeUnicastIpAddressEntry leaves it invalid). */
	prefix = prefix_of(family, addr, index);
	if (prefix < 0)
		return LS_TRACE_RET_CODE(ERROR_NOT_FOUND);
	return LS_TRACE_RET_CODE(from_errno(ls_netif_addr_set(0, family, addr, prefix, index, INFINITE_LIFETIME,
							     INFINITE_LIFETIME)));
}
