/*
 * mswsock.h - Microsoft-specific Winsock extensions: AcceptEx, ConnectEx,
 * DisconnectEx, TransmitFile/TransmitPackets, WSARecvMsg/WSASendMsg
 * pointers and the legacy SOL_SOCKET options of the Microsoft provider
 * (spec/constants.md sections 4 and 11).
 */
#ifndef _MSWSOCK_
#define _MSWSOCK_

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Provider-specific SOL_SOCKET options ---- */
#define SO_CONNDATA               0x7000
#define SO_CONNOPT                0x7001
#define SO_DISCDATA               0x7002
#define SO_DISCOPT                0x7003
#define SO_CONNDATALEN            0x7004
#define SO_CONNOPTLEN             0x7005
#define SO_DISCDATALEN            0x7006
#define SO_DISCOPTLEN             0x7007
#define SO_OPENTYPE               0x7008
#define SO_SYNCHRONOUS_ALERT      0x10
#define SO_SYNCHRONOUS_NONALERT   0x20
#define SO_MAXDG                  0x7009
#define SO_MAXPATHDG              0x700A
#define SO_UPDATE_ACCEPT_CONTEXT  0x700B
#define SO_CONNECT_TIME           0x700C
#define SO_UPDATE_CONNECT_CONTEXT 0x7010
#define TCP_BSDURGENT             0x7000

#define SIO_UDP_CONNRESET          _WSAIOW(IOC_VENDOR, 12)
#define SIO_SET_COMPATIBILITY_MODE _WSAIOW(IOC_VENDOR, 300)

/* ---- TransmitFile / DisconnectEx / TransmitPackets flags ---- */
#define TF_DISCONNECT         0x01
#define TF_REUSE_SOCKET       0x02
#define TF_WRITE_BEHIND       0x04
#define TF_USE_DEFAULT_WORKER 0x00
#define TF_USE_SYSTEM_THREAD  0x10
#define TF_USE_KERNEL_APC     0x20

#define TP_ELEMENT_MEMORY     1
#define TP_ELEMENT_FILE       2
#define TP_ELEMENT_EOP        4
#define TP_DISCONNECT         TF_DISCONNECT
#define TP_REUSE_SOCKET       TF_REUSE_SOCKET
#define TP_USE_DEFAULT_WORKER TF_USE_DEFAULT_WORKER
#define TP_USE_SYSTEM_THREAD  TF_USE_SYSTEM_THREAD
#define TP_USE_KERNEL_APC     TF_USE_KERNEL_APC

typedef struct _TRANSMIT_FILE_BUFFERS {
	LPVOID Head;
	DWORD  HeadLength;
	LPVOID Tail;
	DWORD  TailLength;
} TRANSMIT_FILE_BUFFERS, *PTRANSMIT_FILE_BUFFERS, *LPTRANSMIT_FILE_BUFFERS;

/* 24 bytes: flags, length, then a file range or a memory buffer. */
typedef struct _TRANSMIT_PACKETS_ELEMENT {
	ULONG dwElFlags;
	ULONG cLength;
	LS_ANON union {
		LS_ANON struct {
			LARGE_INTEGER nFileOffset;
			HANDLE        hFile;
		};
		PVOID pBuffer;
	};
} TRANSMIT_PACKETS_ELEMENT, *PTRANSMIT_PACKETS_ELEMENT, *LPTRANSMIT_PACKETS_ELEMENT;

/* ---- Extension function identifiers (SIO_GET_EXTENSION_FUNCTION_POINTER).
 * Each expands to a GUID initializer, for `GUID g = WSAID_ACCEPTEX;`. ---- */
#define WSAID_TRANSMITFILE \
	{ 0xb5367df0, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define WSAID_ACCEPTEX \
	{ 0xb5367df1, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define WSAID_GETACCEPTEXSOCKADDRS \
	{ 0xb5367df2, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define WSAID_TRANSMITPACKETS \
	{ 0xd9689da0, 0x1f90, 0x11d3, { 0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76 } }
#define WSAID_CONNECTEX \
	{ 0x25a207b9, 0xddf3, 0x4660, { 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e } }
#define WSAID_DISCONNECTEX \
	{ 0x7fda2e11, 0x8630, 0x436f, { 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57 } }
#define WSAID_WSARECVMSG \
	{ 0xf689d7c8, 0x6f1f, 0x436b, { 0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22 } }
#define WSAID_WSASENDMSG \
	{ 0xa441e712, 0x754f, 0x43ca, { 0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d } }
#define WSAID_WSAPOLL \
	{ 0x18c76f85, 0xdc66, 0x4964, { 0x97, 0x2e, 0x23, 0xc2, 0x72, 0x38, 0x31, 0x2b } }

/* ---- Extension function pointer types ---- */
typedef BOOL (PASCAL *LPFN_TRANSMITFILE)(SOCKET hSocket, HANDLE hFile,
	DWORD nNumberOfBytesToWrite, DWORD nNumberOfBytesPerSend,
	LPOVERLAPPED lpOverlapped, LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
	DWORD dwReserved);
typedef BOOL (PASCAL *LPFN_ACCEPTEX)(SOCKET sListenSocket, SOCKET sAcceptSocket,
	PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
	DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
	LPOVERLAPPED lpOverlapped);
typedef VOID (PASCAL *LPFN_GETACCEPTEXSOCKADDRS)(PVOID lpOutputBuffer,
	DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
	DWORD dwRemoteAddressLength, struct sockaddr **LocalSockaddr,
	LPINT LocalSockaddrLength, struct sockaddr **RemoteSockaddr,
	LPINT RemoteSockaddrLength);
typedef BOOL (PASCAL *LPFN_TRANSMITPACKETS)(SOCKET hSocket,
	LPTRANSMIT_PACKETS_ELEMENT lpPacketArray, DWORD nElementCount,
	DWORD nSendSize, LPOVERLAPPED lpOverlapped, DWORD dwFlags);
typedef BOOL (PASCAL *LPFN_CONNECTEX)(SOCKET s, const struct sockaddr *name,
	int namelen, PVOID lpSendBuffer, DWORD dwSendDataLength,
	LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);
typedef BOOL (PASCAL *LPFN_DISCONNECTEX)(SOCKET s, LPOVERLAPPED lpOverlapped,
	DWORD dwFlags, DWORD dwReserved);
typedef INT (PASCAL *LPFN_WSARECVMSG)(SOCKET s, LPWSAMSG lpMsg,
	LPDWORD lpdwNumberOfBytesRecvd, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef INT (WSAAPI *LPFN_WSASENDMSG)(SOCKET s, LPWSAMSG lpMsg, DWORD dwFlags,
	LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef INT (WSAAPI *LPFN_WSAPOLL)(LPWSAPOLLFD fdarray, ULONG nfds, INT timeout);

/* ---- Functions mswsock exports directly (Microsoft provider only) ---- */
WINSOCK_API_LINKAGE BOOL PASCAL TransmitFile(SOCKET hSocket, HANDLE hFile,
	DWORD nNumberOfBytesToWrite, DWORD nNumberOfBytesPerSend,
	LPOVERLAPPED lpOverlapped, LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
	DWORD dwReserved);
WINSOCK_API_LINKAGE BOOL PASCAL AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket,
	PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
	DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
	LPOVERLAPPED lpOverlapped);
WINSOCK_API_LINKAGE VOID PASCAL GetAcceptExSockaddrs(PVOID lpOutputBuffer,
	DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
	DWORD dwRemoteAddressLength, struct sockaddr **LocalSockaddr,
	LPINT LocalSockaddrLength, struct sockaddr **RemoteSockaddr,
	LPINT RemoteSockaddrLength);
/* Legacy receive reporting message truncation through *flags. */
WINSOCK_API_LINKAGE int PASCAL WSARecvEx(SOCKET s, char *buf, int len, int *flags);

#ifdef __cplusplus
}
#endif

#endif /* _MSWSOCK_ */
