/* mswsock: Microsoft's extension functions (AcceptEx, GetAcceptExSockaddrs, ConnectEx,
 * DisconnectEx). AcceptEx and GetAcceptExSockaddrs are exported, as mswsock.dll does; ConnectEx
 * and DisconnectEx are not exported by name on Windows either: programs get them from WSAIoctl
 * (SIO_GET_EXTENSION_FUNCTION_POINTER, ws2_32/ioctl.c), which is why they have ls_ names here. */
#ifndef LS_MSWSOCK_MSW_H
#define LS_MSWSOCK_MSW_H

#include <winsock2.h>
#include <mswsock.h>

BOOL PASCAL ls_mswsock_connectex(SOCKET s, const struct sockaddr *name, int namelen, PVOID lpSendBuffer,
				 DWORD dwSendDataLength, LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);
BOOL PASCAL ls_mswsock_disconnectex(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags, DWORD dwReserved);

#endif
