/*
 * afunix.h - AF_UNIX socket address (Windows 10 1803+; 110 bytes).
 */
#ifndef _AFUNIX_
#define _AFUNIX_

#include "ws2def.h"

#ifdef __cplusplus
extern "C" {
#endif

#define UNIX_PATH_MAX 108

typedef struct sockaddr_un {
	ADDRESS_FAMILY sun_family;
	char           sun_path[UNIX_PATH_MAX];
} SOCKADDR_UN, *PSOCKADDR_UN;

/* Returns the peer's process id (ULONG). */
#define SIO_AF_UNIX_GETPEERPID _WSAIOR(IOC_VENDOR, 256)

#ifdef __cplusplus
}
#endif

#endif /* _AFUNIX_ */
