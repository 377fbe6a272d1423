/*
 * ws2tcpip.h - TCP/IP additions to Winsock 2: socklen_t, getaddrinfo and
 * getnameinfo families, inet_pton/inet_ntop, EAI_* codes.
 */
#ifndef _WS2TCPIP_H_
#define _WS2TCPIP_H_

#include "winsock2.h"
#include "ws2ipdef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Windows' socklen_t is a signed int (glibc's is unsigned; glibc declares
 * it only in socket headers a Windows program does not include). */
typedef int socklen_t;

/* ---- getaddrinfo errors are Winsock codes (errors.md section 1c) ---- */
#define EAI_AGAIN        WSATRY_AGAIN
#define EAI_BADFLAGS     WSAEINVAL
#define EAI_FAIL         WSANO_RECOVERY
#define EAI_FAMILY       WSAEAFNOSUPPORT
#define EAI_MEMORY       WSA_NOT_ENOUGH_MEMORY
#define EAI_NOSECURENAME WSA_SECURE_HOST_NOT_FOUND
#define EAI_NONAME       WSAHOST_NOT_FOUND
#define EAI_SERVICE      WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE     WSAESOCKTNOSUPPORT
#define EAI_IPSECPOLICY  WSA_IPSEC_NAME_POLICY_ERROR
/* As the Microsoft SDK has it (mingw-w64 uses WSANO_DATA instead). */
#define EAI_NODATA       EAI_NONAME

#define GAI_STRERROR_BUFFER_SIZE 1024

WINSOCK_API_LINKAGE INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName,
	const ADDRINFOA *pHints, PADDRINFOA *ppResult);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName,
	const ADDRINFOW *pHints, PADDRINFOW *ppResult);
WINSOCK_API_LINKAGE VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo);
WINSOCK_API_LINKAGE VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);
WINSOCK_API_LINKAGE INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr,
	socklen_t SockaddrLength, PCHAR pNodeBuffer, DWORD NodeBufferSize,
	PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
WINSOCK_API_LINKAGE INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr,
	socklen_t SockaddrLength, PWCHAR pNodeBuffer, DWORD NodeBufferSize,
	PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
#define GetAddrInfoA  getaddrinfo
#define FreeAddrInfoA freeaddrinfo
#define GetNameInfoA  getnameinfo

/* On Windows gai_strerror is an inline function in this header; linsock
 * exports it as two functions instead (one static buffer per thread). */
WINSOCK_API_LINKAGE char *WSAAPI gai_strerrorA(int ecode);
WINSOCK_API_LINKAGE WCHAR *WSAAPI gai_strerrorW(int ecode);

WINSOCK_API_LINKAGE INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr,
	PSTR pStringBuf, size_t StringBufSize);
WINSOCK_API_LINKAGE PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr,
	PWSTR pStringBuf, size_t StringBufSize);
#define InetPtonA inet_pton
#define InetNtopA inet_ntop

#ifdef UNICODE
typedef ADDRINFOW  ADDRINFOT, *PADDRINFOT;
#define GetAddrInfo  GetAddrInfoW
#define FreeAddrInfo FreeAddrInfoW
#define GetNameInfo  GetNameInfoW
#define gai_strerror gai_strerrorW
#define InetPton     InetPtonW
#define InetNtop     InetNtopW
#else
typedef ADDRINFOA  ADDRINFOT, *PADDRINFOT;
#define GetAddrInfo  GetAddrInfoA
#define FreeAddrInfo FreeAddrInfoA
#define GetNameInfo  GetNameInfoA
#define gai_strerror gai_strerrorA
#define InetPton     InetPtonA
#define InetNtop     InetNtopA
#endif


/* Names glibc exports too: bind to the WS2_32 version (LS_WS2_SYMVER, linsock_base.h). */
LS_WS2_SYMVER(getaddrinfo)
LS_WS2_SYMVER(freeaddrinfo)
LS_WS2_SYMVER(getnameinfo)
LS_WS2_SYMVER(inet_pton)
LS_WS2_SYMVER(inet_ntop)

#ifdef __cplusplus
}
#endif

#endif /* _WS2TCPIP_H_ */
