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

	LS_TRACE_CALL("%s, %p", ls_trace_in_addr(&dwDestAddr), (void *)pdwBestIfIndex);
	if (ls_k32_bad_ptr(pdwBestIfIndex))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	memcpy(a, &dwDestAddr, 4);	/* network order in memory */
	return LS_TRACE_RET_CODE(best(LS_NETIF_INET, a, pdwBestIfIndex));
}

DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex)
{
	LS_TRACE_CALL("%s, %p", ls_trace_sockaddr(pDestAddr, (long)sizeof(SOCKADDR_IN6)), (void *)pdwBestIfIndex);
	if (ls_k32_bad_ptr(pDestAddr) || ls_k32_bad_ptr(pdwBestIfIndex))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if (pDestAddr->sa_family == AF_INET)
		return LS_TRACE_RET_CODE(best(LS_NETIF_INET, (const uint8_t *)&((SOCKADDR_IN *)pDestAddr)->sin_addr, pdwBestIfIndex));
	if (pDestAddr->sa_family == AF_INET6)
		return LS_TRACE_RET_CODE(best(LS_NETIF_INET6, (const uint8_t *)&((SOCKADDR_IN6 *)pDestAddr)->sin6_addr,
			    pdwBestIfIndex));
	return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
}
