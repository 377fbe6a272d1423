/*
 * wsipx.h - IPX/SPX address family names and the SOCKADDR_IPX layout
 * (14 bytes).  Linux has no IPX: socket(AF_IPX, ...) fails with
 * WSAEAFNOSUPPORT, as on a Windows without the protocol installed.
 */
#ifndef _WSIPX_
#define _WSIPX_

#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sockaddr_ipx {
	short          sa_family;
	char           sa_netnum[4];
	char           sa_nodenum[6];
	unsigned short sa_socket;
} SOCKADDR_IPX, *PSOCKADDR_IPX, *LPSOCKADDR_IPX;

#define NSPROTO_IPX   1000
#define NSPROTO_SPX   1256
#define NSPROTO_SPXII 1257

#ifdef __cplusplus
}
#endif

#endif /* _WSIPX_ */
