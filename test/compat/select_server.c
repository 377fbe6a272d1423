/* select() echo server: the classic non-blocking design of Windows network-programming books,
 * written from scratch. FIONBIO sockets, one fd_set for reading and one for writing rebuilt
 * each round, a per-socket buffer, FD_ISSET dispatch.
 * usage: select_server [port] [clients]   (exits after serving that many clients) */
#define WIN32_LEAN_AND_MEAN
#include <WinSock2.h>
#include <Windows.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "Ws2_32.lib")

#define DATA_BUFSIZE 8192

typedef struct _SOCKET_INFORMATION {
    CHAR   Buffer[DATA_BUFSIZE];
    WSABUF DataBuf;
    SOCKET Socket;
    DWORD  BytesSEND;
    DWORD  BytesRECV;
    BOOL   PeerClosed;
} SOCKET_INFORMATION, *LPSOCKET_INFORMATION;

static DWORD TotalSockets = 0;
static LPSOCKET_INFORMATION SocketArray[FD_SETSIZE];

static BOOL CreateSocketInformation(SOCKET s)
{
    LPSOCKET_INFORMATION SI;

    if ((SI = (LPSOCKET_INFORMATION)LocalAlloc(LPTR, sizeof(SOCKET_INFORMATION))) == NULL) {
        printf("LocalAlloc() failed with error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    SI->Socket = s;
    SI->BytesSEND = 0;
    SI->BytesRECV = 0;
    SI->PeerClosed = FALSE;
    SocketArray[TotalSockets] = SI;
    TotalSockets++;
    return TRUE;
}

static void FreeSocketInformation(DWORD Index)
{
    LPSOCKET_INFORMATION SI = SocketArray[Index];
    DWORD i;

    closesocket(SI->Socket);
    LocalFree(SI);
    // Squash the socket array
    for (i = Index; i < TotalSockets - 1; i++)
        SocketArray[i] = SocketArray[i + 1];
    TotalSockets--;
}

int main(int argc, char **argv)
{
    SOCKET ListenSocket, AcceptSocket;
    SOCKADDR_IN InternetAddr;
    int AddrLen = sizeof(InternetAddr);
    WSADATA wsaData;
    FD_SET WriteSet, ReadSet;
    DWORD i, Total;
    ULONG NonBlock;
    DWORD Flags, SendBytes, RecvBytes;
    int Served = 0, Wanted = argc > 2 ? atoi(argv[2]) : 1;
    int Ret;

    if ((Ret = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup() failed with error %d\n", Ret);
        return 1;
    }

    if ((ListenSocket = WSASocket(AF_INET, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED)) == INVALID_SOCKET) {
        printf("WSASocket() failed with error %d\n", WSAGetLastError());
        return 1;
    }

    InternetAddr.sin_family = AF_INET;
    InternetAddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    InternetAddr.sin_port = htons((u_short)(argc > 1 ? atoi(argv[1]) : 5150));

    if (bind(ListenSocket, (PSOCKADDR)&InternetAddr, sizeof(InternetAddr)) == SOCKET_ERROR) {
        printf("bind() failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (listen(ListenSocket, 5)) {
        printf("listen() failed with error %d\n", WSAGetLastError());
        return 1;
    }
    getsockname(ListenSocket, (PSOCKADDR)&InternetAddr, &AddrLen);
    printf("listening on port %u\n", ntohs(InternetAddr.sin_port));
    fflush(stdout);

    // Change the socket mode on the listening socket from blocking to non-block
    NonBlock = 1;
    if (ioctlsocket(ListenSocket, FIONBIO, &NonBlock) == SOCKET_ERROR) {
        printf("ioctlsocket() failed with error %d\n", WSAGetLastError());
        return 1;
    }

    while (Served < Wanted || TotalSockets > 0) {
        // Prepare the Read and Write socket sets for network I/O notification
        FD_ZERO(&ReadSet);
        FD_ZERO(&WriteSet);

        // Always look for connection attempts while clients remain to be served
        if (Served < Wanted)
            FD_SET(ListenSocket, &ReadSet);

        // Set Read and Write notification for each socket based on the current state of the buffer.
        for (i = 0; i < TotalSockets; i++)
            if (SocketArray[i]->BytesRECV > SocketArray[i]->BytesSEND)
                FD_SET(SocketArray[i]->Socket, &WriteSet);
            else
                FD_SET(SocketArray[i]->Socket, &ReadSet);

        if ((Total = select(0, &ReadSet, &WriteSet, NULL, NULL)) == (DWORD)SOCKET_ERROR) {
            printf("select() returned with error %d\n", WSAGetLastError());
            return 1;
        }

        // Check for arriving connections on the listening socket.
        if (FD_ISSET(ListenSocket, &ReadSet)) {
            Total--;
            if ((AcceptSocket = accept(ListenSocket, NULL, NULL)) != INVALID_SOCKET) {
                // Set the accepted socket to non-blocking mode
                NonBlock = 1;
                if (ioctlsocket(AcceptSocket, FIONBIO, &NonBlock) == SOCKET_ERROR) {
                    printf("ioctlsocket(FIONBIO) failed with error %d\n", WSAGetLastError());
                    return 1;
                }
                if (CreateSocketInformation(AcceptSocket) == FALSE)
                    return 1;
                Served++;
            } else if (WSAGetLastError() != WSAEWOULDBLOCK) {
                printf("accept() failed with error %d\n", WSAGetLastError());
                return 1;
            }
        }

        // Check each socket for Read and Write notification until the number of sockets in Total is satisfied
        for (i = 0; Total > 0 && i < TotalSockets; i++) {
            LPSOCKET_INFORMATION SocketInfo = SocketArray[i];

            // If the ReadSet is marked for this socket then this means data is available to be read on the socket
            if (FD_ISSET(SocketInfo->Socket, &ReadSet)) {
                Total--;
                SocketInfo->DataBuf.buf = SocketInfo->Buffer;
                SocketInfo->DataBuf.len = DATA_BUFSIZE;
                Flags = 0;
                if (WSARecv(SocketInfo->Socket, &(SocketInfo->DataBuf), 1, &RecvBytes, &Flags, NULL, NULL) == SOCKET_ERROR) {
                    if (WSAGetLastError() != WSAEWOULDBLOCK) {
                        printf("WSARecv() failed with error %d\n", WSAGetLastError());
                        FreeSocketInformation(i--);
                    }
                    continue;
                }
                SocketInfo->BytesRECV = RecvBytes;
                // If zero bytes are received, this indicates the peer closed the connection.
                if (RecvBytes == 0) {
                    shutdown(SocketInfo->Socket, SD_SEND);
                    FreeSocketInformation(i--);
                    continue;
                }
            }

            // If the WriteSet is marked on this socket then this means the internal data buffers are available for more data
            if (FD_ISSET(SocketInfo->Socket, &WriteSet)) {
                Total--;
                SocketInfo->DataBuf.buf = SocketInfo->Buffer + SocketInfo->BytesSEND;
                SocketInfo->DataBuf.len = SocketInfo->BytesRECV - SocketInfo->BytesSEND;
                if (WSASend(SocketInfo->Socket, &(SocketInfo->DataBuf), 1, &SendBytes, 0, NULL, NULL) == SOCKET_ERROR) {
                    if (WSAGetLastError() != WSAEWOULDBLOCK) {
                        printf("WSASend() failed with error %d\n", WSAGetLastError());
                        FreeSocketInformation(i--);
                    }
                    continue;
                }
                SocketInfo->BytesSEND += SendBytes;
                if (SocketInfo->BytesSEND == SocketInfo->BytesRECV) {
                    SocketInfo->BytesSEND = 0;
                    SocketInfo->BytesRECV = 0;
                }
            }
        }
    }

    printf("served %d clients\n", Served);
    closesocket(ListenSocket);
    WSACleanup();
    return 0;
}
