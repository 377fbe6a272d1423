/* sporder.h - rewriting the order of the provider catalog. */
#ifndef _SPORDER_
#define _SPORDER_

#include "ws2spi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns ERROR_SUCCESS or the error code itself (not via last error). */
WINSOCK_API_LINKAGE int WSPAPI WSCWriteProviderOrder(LPDWORD lpwdCatalogEntryId,
	DWORD dwNumberOfEntries);
typedef int (WSPAPI *LPWSCWRITEPROVIDERORDER)(LPDWORD lpwdCatalogEntryId,
	DWORD dwNumberOfEntries);

#ifdef __cplusplus
}
#endif

#endif /* _SPORDER_ */
