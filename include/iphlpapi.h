/*
 * iphlpapi.h - the IP Helper subset network tools call: adapters and their
 * addresses, best interface, interface counts and identifiers.  The data
 * comes from Linux (getifaddrs, /sys, /proc, /etc/resolv.conf); what differs
 * from Windows is in docs/design.md I.
 */
#ifndef __IPHLPAPI_H__
#define __IPHLPAPI_H__

#include "winsock2.h"
#include "iptypes.h"
#include "netioapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef IPHLPAPI_DLL_LINKAGE
#define IPHLPAPI_DLL_LINKAGE LS_EXPORT
#endif
typedef ULONG IPAddr;	/* an IPv4 address in network order */

IPHLPAPI_DLL_LINKAGE ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved,
	PIP_ADAPTER_ADDRESSES AdapterAddresses, PULONG SizePointer);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetNumberOfInterfaces(PDWORD pdwNumIf);

#ifdef __cplusplus
}
#endif

#endif /* __IPHLPAPI_H__ */
