/* mswsock: Microsoft's extension functions (AcceptEx, GetAcceptExSockaddrs, ConnectEx,
 * DisconnectEx, TransmitFile, TransmitPackets). AcceptEx, GetAcceptExSockaddrs and TransmitFile
 * are exported, as mswsock.dll does; ConnectEx, DisconnectEx and TransmitPackets are not
 * exported by name on Windows either: programs get them from WSAIoctl
 * (SIO_GET_EXTENSION_FUNCTION_POINTER, ws2_32/ioctl.c), which is why they have ls_ names here. */
#ifndef LS_MSWSOCK_MSW_H
#define LS_MSWSOCK_MSW_H

#include <winsock2.h>
#include <mswsock.h>

#include "../err/err.h"

BOOL PASCAL ls_mswsock_connectex(SOCKET s, const struct sockaddr *name, int namelen, PVOID lpSendBuffer,
				 DWORD dwSendDataLength, LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);
BOOL PASCAL ls_mswsock_disconnectex(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags, DWORD dwReserved);
BOOL PASCAL ls_mswsock_transmitpackets(SOCKET hSocket, LPTRANSMIT_PACKETS_ELEMENT lpPacketArray, DWORD nElementCount,
				       DWORD nSendSize, LPOVERLAPPED lpOverlapped, DWORD dwFlags);
INT PASCAL ls_mswsock_wsarecvmsg(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
				 LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

struct ls_handle;
/* TF_REUSE_SOCKET (reuse.c): a fresh unconnected socket under h's fd number (h borrowed).
 * locked: called from an engine attempt holding h's queue lock. */
NTSTATUS ls_mswsock_reuse(struct ls_handle *h, int locked);
/* h was made reusable and has not connected since: ConnectEx takes it without a bind. */
int ls_mswsock_reused(struct ls_handle *h);
void ls_mswsock_reused_clear(struct ls_handle *h);

#endif
