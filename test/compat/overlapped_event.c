/* Overlapped I/O with event notification, written from scratch in the shape of the book
 * samples: the main thread accepts, a worker thread waits on an array of WSAOVERLAPPED events
 * (slot 0 is a "new client" event the acceptor sets), WSAGetOverlappedResult, then reposts
 * WSARecv/WSASend with the same OVERLAPPED.
 * usage: overlapped_event [port] [clients] */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "ws2_32.lib")

#define DATA_BUFSIZE 4096

typedef struct _SOCKET_INFORMATION {
    WSAOVERLAPPED Overlapped;
    CHAR   Buffer[DATA_BUFSIZE];
    WSABUF DataBuf;
    SOCKET Socket;
    DWORD  BytesSEND;
    DWORD  BytesRECV;
} SOCKET_INFORMATION, *LPSOCKET_INFORMATION;

static DWORD EventTotal = 0;
static WSAEVENT EventArray[WSA_MAXIMUM_WAIT_EVENTS];
static LPSOCKET_INFORMATION SocketArray[WSA_MAXIMUM_WAIT_EVENTS];
static CRITICAL_SECTION CriticalSection;
static volatile LONG Finished = 0;

static DWORD WINAPI ProcessIO(LPVOID lpParameter);

int main(int argc, char **argv)
{
    WSADATA wsaData;
    SOCKET ListenSocket, AcceptSocket;
    SOCKADDR_IN InternetAddr;
    int AddrLen = sizeof(InternetAddr);
    DWORD Flags, RecvBytes, ThreadId;
    HANDLE Worker;
    int Ret, i, Wanted = argc > 2 ? atoi(argv[2]) : 1;

    InitializeCriticalSection(&CriticalSection);

    if ((Ret = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup() failed with error %d\n", Ret);
        WSACleanup();
        return 1;
    }

    if ((ListenSocket = WSASocket(AF_INET, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED)) == INVALID_SOCKET) {
        printf("Failed to get a socket %d\n", WSAGetLastError());
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

    // Setup the event that tells the worker a new socket arrived
    if ((EventArray[0] = WSACreateEvent()) == WSA_INVALID_EVENT) {
        printf("WSACreateEvent() failed with error %d\n", WSAGetLastError());
        return 1;
    }
    EventTotal = 1;

    // Create a thread to service overlapped requests
    if ((Worker = CreateThread(NULL, 0, ProcessIO, NULL, 0, &ThreadId)) == NULL) {
        printf("CreateThread failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    for (i = 0; i < Wanted; i++) {
        LPSOCKET_INFORMATION SI;

        if ((AcceptSocket = accept(ListenSocket, NULL, NULL)) == INVALID_SOCKET) {
            printf("accept() failed with error %d\n", WSAGetLastError());
            return 1;
        }

        EnterCriticalSection(&CriticalSection);

        // Create a socket information structure to associate with the accepted socket
        if ((SI = (LPSOCKET_INFORMATION)LocalAlloc(LPTR, sizeof(SOCKET_INFORMATION))) == NULL) {
            printf("LocalAlloc() failed with error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
        SocketArray[EventTotal] = SI;
        SI->Socket = AcceptSocket;
        SI->DataBuf.len = DATA_BUFSIZE;
        SI->DataBuf.buf = SI->Buffer;

        if ((EventArray[EventTotal] = WSACreateEvent()) == WSA_INVALID_EVENT) {
            printf("WSACreateEvent() failed with error %d\n", WSAGetLastError());
            return 1;
        }
        SI->Overlapped.hEvent = EventArray[EventTotal];

        // Post a WSARecv request to begin receiving data on the socket
        Flags = 0;
        if (WSARecv(SI->Socket, &SI->DataBuf, 1, &RecvBytes, &Flags, &SI->Overlapped, NULL) == SOCKET_ERROR) {
            if (WSAGetLastError() != ERROR_IO_PENDING) {
                printf("WSARecv() failed with error %d\n", WSAGetLastError());
                return 1;
            }
        }
        EventTotal++;
        LeaveCriticalSection(&CriticalSection);

        // Signal the first event in the event array to tell the worker thread to
        // service an additional event in the event array
        if (WSASetEvent(EventArray[0]) == FALSE) {
            printf("WSASetEvent() failed with error %d\n", WSAGetLastError());
            return 1;
        }
    }

    InterlockedExchange(&Finished, 1);
    WSASetEvent(EventArray[0]);
    WaitForSingleObject(Worker, INFINITE);
    CloseHandle(Worker);
    printf("served %d clients\n", Wanted);
    closesocket(ListenSocket);
    WSACloseEvent(EventArray[0]);
    DeleteCriticalSection(&CriticalSection);
    WSACleanup();
    return 0;
}

static DWORD WINAPI ProcessIO(LPVOID lpParameter)
{
    DWORD Index, Flags, BytesTransferred, RecvBytes, SendBytes, i;
    LPSOCKET_INFORMATION SI;

    (void)lpParameter;
    // Process asynchronous WSASend, WSARecv requests
    for (;;) {
        if ((Index = WSAWaitForMultipleEvents(EventTotal, EventArray, FALSE, WSA_INFINITE, FALSE)) == WSA_WAIT_FAILED) {
            printf("WSAWaitForMultipleEvents() failed %d\n", WSAGetLastError());
            return 0;
        }

        // If the event triggered was zero then a connection attempt was made on our listening socket.
        if ((Index - WSA_WAIT_EVENT_0) == 0) {
            WSAResetEvent(EventArray[0]);
            EnterCriticalSection(&CriticalSection);
            if (Finished && EventTotal == 1) {
                LeaveCriticalSection(&CriticalSection);
                return 0;
            }
            LeaveCriticalSection(&CriticalSection);
            continue;
        }

        SI = SocketArray[Index - WSA_WAIT_EVENT_0];
        WSAResetEvent(EventArray[Index - WSA_WAIT_EVENT_0]);

        if (WSAGetOverlappedResult(SI->Socket, &SI->Overlapped, &BytesTransferred, FALSE, &Flags) == FALSE || BytesTransferred == 0) {
            // The peer closed its side (or the I/O failed): close the socket and squash the arrays
            shutdown(SI->Socket, SD_SEND);
            if (closesocket(SI->Socket) == SOCKET_ERROR)
                printf("closesocket() failed with error %d\n", WSAGetLastError());
            EnterCriticalSection(&CriticalSection);
            WSACloseEvent(EventArray[Index - WSA_WAIT_EVENT_0]);
            LocalFree(SI);
            for (i = Index - WSA_WAIT_EVENT_0; i < EventTotal - 1; i++) {
                EventArray[i] = EventArray[i + 1];
                SocketArray[i] = SocketArray[i + 1];
            }
            EventTotal--;
            if (Finished && EventTotal == 1) {
                LeaveCriticalSection(&CriticalSection);
                return 0;
            }
            LeaveCriticalSection(&CriticalSection);
            continue;
        }

        // Check to see if the BytesRECV field equals zero. If this is so, then
        // this means a WSARecv call just completed so update the BytesRECV field
        // with the BytesTransferred value from the completed WSARecv() call.
        if (SI->BytesRECV == 0) {
            SI->BytesRECV = BytesTransferred;
            SI->BytesSEND = 0;
        } else {
            SI->BytesSEND += BytesTransferred;
        }

        if (SI->BytesRECV > SI->BytesSEND) {
            // Post another WSASend() request.
            ZeroMemory(&SI->Overlapped, sizeof(WSAOVERLAPPED));
            SI->Overlapped.hEvent = EventArray[Index - WSA_WAIT_EVENT_0];
            SI->DataBuf.buf = SI->Buffer + SI->BytesSEND;
            SI->DataBuf.len = SI->BytesRECV - SI->BytesSEND;
            if (WSASend(SI->Socket, &SI->DataBuf, 1, &SendBytes, 0, &SI->Overlapped, NULL) == SOCKET_ERROR) {
                if (WSAGetLastError() != ERROR_IO_PENDING) {
                    printf("WSASend() failed with error %d\n", WSAGetLastError());
                    return 0;
                }
            }
        } else {
            SI->BytesRECV = 0;
            // Now that there are no more bytes to send post another WSARecv() request.
            Flags = 0;
            ZeroMemory(&SI->Overlapped, sizeof(WSAOVERLAPPED));
            SI->Overlapped.hEvent = EventArray[Index - WSA_WAIT_EVENT_0];
            SI->DataBuf.len = DATA_BUFSIZE;
            SI->DataBuf.buf = SI->Buffer;
            if (WSARecv(SI->Socket, &SI->DataBuf, 1, &RecvBytes, &Flags, &SI->Overlapped, NULL) == SOCKET_ERROR) {
                if (WSAGetLastError() != ERROR_IO_PENDING) {
                    printf("WSARecv() failed with error %d\n", WSAGetLastError());
                    return 0;
                }
            }
        }
    }
}
