/* wspiapi.h - getaddrinfo for pre-XP targets.  linsock always has the real functions, so the
 * Wspiapi* names a program may call directly are the functions themselves. */
#ifndef _WSPIAPI_H_
#define _WSPIAPI_H_
#include "ws2tcpip.h"
#define WspiapiGetAddrInfo  getaddrinfo
#define WspiapiFreeAddrInfo freeaddrinfo
#define WspiapiGetNameInfo  getnameinfo
#endif
