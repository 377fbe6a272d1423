/* Overlapped I/O with completion routines, written from scratch in the shape of the book
 * samples: the main thread accepts and sets an event; the worker waits alertably
 * (WSAWaitForMultipleEvents with fAlertable TRUE, then SleepEx) so the WSARecv/WSASend
 * completion routines it posted run in it, each routine posting the next operation.
 * usage: completion_routine [port] [clients] */
#define WIN32_LEAN_AND_MEAN
#include <Windows.h>
#include <WinSock2.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "Ws2_32.lib")

#define DATA_BUFSIZE 4096

typedef struct _SOCKET_INFORMATION {
    OVERLAPPED Overlapped;      // first, so the routine's LPWSAOVERLAPPED is the whole record
    SOCKET Socket;
    CHAR   Buffer[DATA_BUFSIZE];
    WSABUF DataBuf;
    DWORD  BytesSEND;
    DWORD  BytesRECV;
} SOCKET_INFORMATION, *LPSOCKET_INFORMATION;

static void CALLBACK WorkerRoutine(DWORD Error, DWORD BytesTransferred,
    LPWSAOVERLAPPED Overlapped, DWORD InFlags);
static DWORD WINAPI WorkerThread(LPVOID lpParameter);

static SOCKET AcceptSocket;
static WSAEVENT AcceptEvent, TakenEvent;
static int Active = 0, Wanted = 1, Served = 0;

int main(int argc, char **argv)
{
    WSADATA wsaData;
    SOCKET ListenSocket;
    SOCKADDR_IN InternetAddr;
    int AddrLen = sizeof(InternetAddr);
    HANDLE Thread;
    DWORD ThreadId;
    int i, Ret;

    Wanted = argc > 2 ? atoi(argv[2]) : 1;
    if ((Ret = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup failed with error %d\n", Ret);
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

    if ((AcceptEvent = WSACreateEvent()) == WSA_INVALID_EVENT ||
        (TakenEvent = WSACreateEvent()) == WSA_INVALID_EVENT) {
        printf("WSACreateEvent() failed with error %d\n", WSAGetLastError());
        return 1;
    }

    // Create a worker thread to service completed I/O requests.
    if ((Thread = CreateThread(NULL, 0, WorkerThread, NULL, 0, &ThreadId)) == NULL) {
        printf("CreateThread failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    for (i = 0; i < Wanted; i++) {
        SOCKET s = accept(ListenSocket, NULL, NULL);
        if (s == INVALID_SOCKET) {
            printf("accept() failed with error %d\n", WSAGetLastError());
            return 1;
        }
        AcceptSocket = s;
        if (WSASetEvent(AcceptEvent) == FALSE) {
            printf("WSASetEvent failed with error %d\n", WSAGetLastError());
            return 1;
        }
        // Wait until the worker took the socket before accepting the next one
        WaitForSingleObject(TakenEvent, INFINITE);
        WSAResetEvent(TakenEvent);
    }

    WaitForSingleObject(Thread, INFINITE);
    CloseHandle(Thread);
    printf("served %d clients\n", Served);
    closesocket(ListenSocket);
    WSACloseEvent(AcceptEvent);
    WSACloseEvent(TakenEvent);
    WSACleanup();
    return 0;
}

static DWORD WINAPI WorkerThread(LPVOID lpParameter)
{
    DWORD Flags, RecvBytes, Index;
    LPSOCKET_INFORMATION SocketInfo;
    WSAEVENT EventArray[1];

    (void)lpParameter;
    EventArray[0] = AcceptEvent;

    while (Served < Wanted) {
        // Wait for accept() to signal an event and also process WorkerRoutine() returns.
        Index = WSAWaitForMultipleEvents(1, EventArray, FALSE, WSA_INFINITE, TRUE);
        if (Index == WSA_WAIT_FAILED) {
            printf("WSAWaitForMultipleEvents failed with error %d\n", WSAGetLastError());
            return FALSE;
        }
        if (Index != WAIT_IO_COMPLETION) {
            // An accept() call event is ready - break the wait loop
            WSAResetEvent(EventArray[Index - WSA_WAIT_EVENT_0]);

            // Create a socket information structure to associate with the accepted socket.
            if ((SocketInfo = (LPSOCKET_INFORMATION)LocalAlloc(LPTR, sizeof(SOCKET_INFORMATION))) == NULL) {
                printf("LocalAlloc() failed with error %lu\n", (unsigned long)GetLastError());
                return FALSE;
            }
            SocketInfo->Socket = AcceptSocket;
            SocketInfo->DataBuf.len = DATA_BUFSIZE;
            SocketInfo->DataBuf.buf = SocketInfo->Buffer;
            Served++;
            Active++;
            WSASetEvent(TakenEvent);

            Flags = 0;
            if (WSARecv(SocketInfo->Socket, &SocketInfo->DataBuf, 1, &RecvBytes, &Flags,
                        &SocketInfo->Overlapped, WorkerRoutine) == SOCKET_ERROR) {
                if (WSAGetLastError() != WSA_IO_PENDING) {
                    printf("WSARecv() failed with error %d\n", WSAGetLastError());
                    return FALSE;
                }
            }
        }
    }

    // Every client arrived: run the remaining completion routines until all are gone.
    while (Active > 0)
        SleepEx(INFINITE, TRUE);
    return TRUE;
}

static void CALLBACK WorkerRoutine(DWORD Error, DWORD BytesTransferred,
    LPWSAOVERLAPPED Overlapped, DWORD InFlags)
{
    DWORD SendBytes, RecvBytes, Flags;
    LPSOCKET_INFORMATION SI = (LPSOCKET_INFORMATION)Overlapped;

    (void)InFlags;
    if (Error != 0)
        printf("I/O operation failed with error %lu\n", (unsigned long)Error);

    if (Error != 0 || BytesTransferred == 0) {
        shutdown(SI->Socket, SD_SEND);
        closesocket(SI->Socket);
        LocalFree(SI);
        Active--;
        return;
    }

    // Check to see if the BytesRECV field equals zero. If this is so, then
    // this means a WSARecv call just completed.
    if (SI->BytesRECV == 0) {
        SI->BytesRECV = BytesTransferred;
        SI->BytesSEND = 0;
    } else {
        SI->BytesSEND += BytesTransferred;
    }

    if (SI->BytesRECV > SI->BytesSEND) {
        // Post another WSASend() request.
        ZeroMemory(&SI->Overlapped, sizeof(WSAOVERLAPPED));
        SI->DataBuf.buf = SI->Buffer + SI->BytesSEND;
        SI->DataBuf.len = SI->BytesRECV - SI->BytesSEND;
        if (WSASend(SI->Socket, &SI->DataBuf, 1, &SendBytes, 0, &SI->Overlapped, WorkerRoutine) == SOCKET_ERROR) {
            if (WSAGetLastError() != WSA_IO_PENDING) {
                printf("WSASend() failed with error %d\n", WSAGetLastError());
                return;
            }
        }
    } else {
        SI->BytesRECV = 0;
        // Now that there are no more bytes to send post another WSARecv() request.
        Flags = 0;
        ZeroMemory(&SI->Overlapped, sizeof(WSAOVERLAPPED));
        SI->DataBuf.len = DATA_BUFSIZE;
        SI->DataBuf.buf = SI->Buffer;
        if (WSARecv(SI->Socket, &SI->DataBuf, 1, &RecvBytes, &Flags, &SI->Overlapped, WorkerRoutine) == SOCKET_ERROR) {
            if (WSAGetLastError() != WSA_IO_PENDING) {
                printf("WSARecv() failed with error %d\n", WSAGetLastError());
                return;
            }
        }
    }
}
