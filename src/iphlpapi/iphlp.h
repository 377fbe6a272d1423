/* iphlpapi: exported IP Helper functions (adapters.c, ifid.c, route.c). Private helpers shared by
 * the folder's files. The data is a src/netif snapshot; these files turn it into Windows
 * structures and codes. iphlpapi functions return their Win32 code and leave the last-error slot
 * alone (they are not BOOL APIs). */
#ifndef LS_IPHLPAPI_IPHLP_H
#define LS_IPHLPAPI_IPHLP_H

#include <iphlpapi.h>

#include "../netif/netif.h"

/* The Windows interface type (IF_TYPE_*) of a Linux interface. */
IFTYPE ls_iphlpapi_iftype(const struct ls_netif *i);
/* The interface's LUID: NetLuidIndex is the Linux index, IfType the type above. */
NET_LUID ls_iphlpapi_luid(const struct ls_netif *i);
/* Borrowed from l: the interface with that LUID, or NULL. */
const struct ls_netif *ls_iphlpapi_by_luid(const struct ls_netif_list *l, const NET_LUID *luid);

#endif
