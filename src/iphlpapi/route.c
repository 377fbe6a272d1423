/* iphlpapi/route: GetBestInterface, GetBestInterfaceEx - the interface the kernel's routing
 * table sends a packet for the destination out of (src/netif: a connected UDP socket's source
 * address names it; no packet is sent). */
#include <ws2tcpip.h>

#include "iphlp.h"
#include "../base/trace.h"
#include "../kernel32/kernel32.h"

#include <string.h>

static DWORD best(int family, const uint8_t *addr, PDWORD pdwBestIfIndex)
{
	uint32_t idx;

	if (ls_netif_route(family, addr, &idx) < 0)
		return ERROR_CAN_NOT_COMPLETE;	/* no route to the destination */
	*pdwBestIfIndex = idx;
	return NO_ERROR;
}

DWORD WINAPI GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex)
{
	uint8_t a[4];

	LS_TRACE("dest=0x%08x", (unsigned)dwDestAddr);
	if (ls_k32_bad_ptr(pdwBestIfIndex))
		return ERROR_INVALID_PARAMETER;
	memcpy(a, &dwDestAddr, 4);	/* network order in memory */
	return best(LS_NETIF_INET, a, pdwBestIfIndex);
}

DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex)
{
	LS_TRACE("dest=%p", (void *)pDestAddr);
	if (ls_k32_bad_ptr(pDestAddr) || ls_k32_bad_ptr(pdwBestIfIndex))
		return ERROR_INVALID_PARAMETER;
	if (pDestAddr->sa_family == AF_INET)
		return best(LS_NETIF_INET, (const uint8_t *)&((SOCKADDR_IN *)pDestAddr)->sin_addr, pdwBestIfIndex);
	if (pDestAddr->sa_family == AF_INET6)
		return best(LS_NETIF_INET6, (const uint8_t *)&((SOCKADDR_IN6 *)pDestAddr)->sin6_addr,
			    pdwBestIfIndex);
	return ERROR_INVALID_PARAMETER;
}
