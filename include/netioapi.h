/*
 * netioapi.h - interface identifiers: LUID/index/name conversions and
 * if_nametoindex/if_indextoname (iphlpapi).  Interface names are the Linux
 * names ("lo", "eth0"); docs/design.md I.
 */
#ifndef _NETIOAPI_H_
#define _NETIOAPI_H_

#include "ifdef.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NETIO_STATUS
#define NETIO_STATUS DWORD
#endif
#ifndef NETIOAPI_API
#define NETIOAPI_API WINBASEAPI NETIO_STATUS WINAPI
#endif
#ifndef IF_NAMESIZE
#define IF_NAMESIZE NDIS_IF_MAX_STRING_SIZE
#endif

NETIOAPI_API ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex, PNET_LUID InterfaceLuid);
NETIOAPI_API ConvertInterfaceLuidToIndex(const NET_LUID *InterfaceLuid, PNET_IFINDEX InterfaceIndex);
NETIOAPI_API ConvertInterfaceLuidToNameA(const NET_LUID *InterfaceLuid, PSTR InterfaceName, SIZE_T Length);
NETIOAPI_API ConvertInterfaceLuidToNameW(const NET_LUID *InterfaceLuid, PWSTR InterfaceName, SIZE_T Length);
NETIOAPI_API ConvertInterfaceNameToLuidA(const CHAR *InterfaceName, PNET_LUID InterfaceLuid);
NETIOAPI_API ConvertInterfaceNameToLuidW(const WCHAR *InterfaceName, PNET_LUID InterfaceLuid);

WINBASEAPI NET_IFINDEX WINAPI if_nametoindex(PCSTR InterfaceName);
WINBASEAPI PCHAR WINAPI if_indextoname(NET_IFINDEX InterfaceIndex, PCHAR InterfaceName);

/* Unicast address rows (CreateUnicastIpAddressEntry, DeleteUnicastIpAddressEntry): with
 * SOCKADDR_INET, so only after ws2ipdef.h (iphlpapi.h brings winsock2.h, ws2ipdef.h's
 * includer, first). x64 layout: 80 bytes, InterfaceLuid at 32, DadState at 64,
 * CreationTimeStamp at 72 (checked in src/iphlpapi/unicast.c). */
#ifdef _WS2IPDEF_
#include "nldef.h"

typedef struct _MIB_UNICASTIPADDRESS_ROW {
	SOCKADDR_INET Address;
	NET_LUID InterfaceLuid;
	NET_IFINDEX InterfaceIndex;
	NL_PREFIX_ORIGIN PrefixOrigin;
	NL_SUFFIX_ORIGIN SuffixOrigin;
	ULONG ValidLifetime;
	ULONG PreferredLifetime;
	UINT8 OnLinkPrefixLength;
	BOOLEAN SkipAsSource;
	NL_DAD_STATE DadState;
	SCOPE_ID ScopeId;
	LARGE_INTEGER CreationTimeStamp;
} MIB_UNICASTIPADDRESS_ROW, *PMIB_UNICASTIPADDRESS_ROW;

WINBASEAPI VOID WINAPI InitializeUnicastIpAddressEntry(PMIB_UNICASTIPADDRESS_ROW Row);
NETIOAPI_API CreateUnicastIpAddressEntry(const MIB_UNICASTIPADDRESS_ROW *Row);
NETIOAPI_API DeleteUnicastIpAddressEntry(const MIB_UNICASTIPADDRESS_ROW *Row);
#endif

/* glibc exports these two names too: bind to the WS2_32 version (docs/design.md S). */
LS_WS2_SYMVER(if_nametoindex)
LS_WS2_SYMVER(if_indextoname)

#ifdef __cplusplus
}
#endif

#endif /* _NETIOAPI_H_ */
