/* WSAEventSelect echo server, written from scratch in the style of the book samples: one event
 * object per socket, WSAWaitForMultipleEvents over the array, WSAEnumNetworkEvents to read and
 * reset, FD_ACCEPT / FD_READ / FD_WRITE / FD_CLOSE with their iErrorCode slots. A Visual Studio
 * console project: _tmain, TCHAR, _T().
 * usage: eventselect_server [port] [clients] */
#include <tchar.h>
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <Windows.h>
#include <stdio.h>

#pragma comment(lib, "Ws2_32.lib")

#define DATA_BUFSIZE 4096

typedef struct _SOCKET_INFORMATION {
    CHAR   Buffer[DATA_BUFSIZE];
    SOCKET Socket;
    int    Pending;   // bytes received and not yet echoed
} SOCKET_INFORMATION, *LPSOCKET_INFORMATION;

static WSAEVENT EventArray[WSA_MAXIMUM_WAIT_EVENTS];
static LPSOCKET_INFORMATION SocketArray[WSA_MAXIMUM_WAIT_EVENTS];
static DWORD EventTotal = 0;

static BOOL CreateSocketInformation(SOCKET s)
{
    LPSOCKET_INFORMATION SI;

    if ((EventArray[EventTotal] = WSACreateEvent()) == WSA_INVALID_EVENT) {
        _tprintf(_T("WSACreateEvent() failed with error %d\n"), WSAGetLastError());
        return FALSE;
    }
    if ((SI = (LPSOCKET_INFORMATION)LocalAlloc(LPTR, sizeof(SOCKET_INFORMATION))) == NULL) {
        _tprintf(_T("LocalAlloc() failed with error %lu\n"), (unsigned long)GetLastError());
        return FALSE;
    }
    SI->Socket = s;
    SocketArray[EventTotal] = SI;
    EventTotal++;
    return TRUE;
}

static void FreeSocketInformation(DWORD Event)
{
    LPSOCKET_INFORMATION SI = SocketArray[Event];
    DWORD i;

    closesocket(SI->Socket);
    LocalFree(SI);
    WSACloseEvent(EventArray[Event]);
    for (i = Event; i < EventTotal - 1; i++) {
        EventArray[i] = EventArray[i + 1];
        SocketArray[i] = SocketArray[i + 1];
    }
    EventTotal--;
}

// Sends what is buffered; a WSAEWOULDBLOCK leaves the rest for the next FD_WRITE.
static BOOL FlushPending(LPSOCKET_INFORMATION SI)
{
    while (SI->Pending > 0) {
        int n = send(SI->Socket, SI->Buffer, SI->Pending, 0);
        if (n == SOCKET_ERROR)
            return WSAGetLastError() == WSAEWOULDBLOCK;
        MoveMemory(SI->Buffer, SI->Buffer + n, SI->Pending - n);
        SI->Pending -= n;
    }
    return TRUE;
}

int _tmain(int argc, _TCHAR* argv[])
{
    SOCKET Listen, Accept;
    SOCKADDR_IN InternetAddr;
    int AddrLen = sizeof(InternetAddr);
    DWORD Event;
    WSANETWORKEVENTS NetworkEvents;
    WSADATA wsaData;
    int Ret, Served = 0, Wanted = argc > 2 ? _ttoi(argv[2]) : 1;

    if ((Ret = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        _tprintf(_T("WSAStartup() failed with error %d\n"), Ret);
        return 1;
    }

    if ((Listen = socket(AF_INET, SOCK_STREAM, 0)) == INVALID_SOCKET) {
        _tprintf(_T("socket() failed with error %d\n"), WSAGetLastError());
        return 1;
    }
    CreateSocketInformation(Listen);

    if (WSAEventSelect(Listen, EventArray[EventTotal - 1], FD_ACCEPT | FD_CLOSE) == SOCKET_ERROR) {
        _tprintf(_T("WSAEventSelect() failed with error %d\n"), WSAGetLastError());
        return 1;
    }

    ZeroMemory(&InternetAddr, sizeof(InternetAddr));
    InternetAddr.sin_family = AF_INET;
    InternetAddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    InternetAddr.sin_port = htons((u_short)(argc > 1 ? _ttoi(argv[1]) : 5150));

    if (bind(Listen, (PSOCKADDR)&InternetAddr, sizeof(InternetAddr)) == SOCKET_ERROR) {
        _tprintf(_T("bind() failed with error %d\n"), WSAGetLastError());
        return 1;
    }
    if (listen(Listen, 5)) {
        _tprintf(_T("listen() failed with error %d\n"), WSAGetLastError());
        return 1;
    }
    getsockname(Listen, (PSOCKADDR)&InternetAddr, &AddrLen);
    _tprintf(_T("listening on port %u\n"), ntohs(InternetAddr.sin_port));
    fflush(stdout);

    while (Served < Wanted || EventTotal > 1) {
        // Wait for one of the sockets to receive I/O notification
        if ((Event = WSAWaitForMultipleEvents(EventTotal, EventArray, FALSE, WSA_INFINITE, FALSE)) == WSA_WAIT_FAILED) {
            _tprintf(_T("WSAWaitForMultipleEvents() failed with error %d\n"), WSAGetLastError());
            return 1;
        }
        Event -= WSA_WAIT_EVENT_0;

        if (WSAEnumNetworkEvents(SocketArray[Event]->Socket, EventArray[Event], &NetworkEvents) == SOCKET_ERROR) {
            _tprintf(_T("WSAEnumNetworkEvents() failed with error %d\n"), WSAGetLastError());
            return 1;
        }

        if (NetworkEvents.lNetworkEvents & FD_ACCEPT) {
            if (NetworkEvents.iErrorCode[FD_ACCEPT_BIT] != 0) {
                _tprintf(_T("FD_ACCEPT failed with error %d\n"), NetworkEvents.iErrorCode[FD_ACCEPT_BIT]);
                break;
            }
            if ((Accept = accept(SocketArray[Event]->Socket, NULL, NULL)) == INVALID_SOCKET) {
                if (WSAGetLastError() == WSAEWOULDBLOCK)
                    continue;
                _tprintf(_T("accept() failed with error %d\n"), WSAGetLastError());
                break;
            }
            if (EventTotal > WSA_MAXIMUM_WAIT_EVENTS - 1) {
                _tprintf(_T("Too many connections - closing socket...\n"));
                closesocket(Accept);
                continue;
            }
            CreateSocketInformation(Accept);
            if (WSAEventSelect(Accept, EventArray[EventTotal - 1], FD_READ | FD_WRITE | FD_CLOSE) == SOCKET_ERROR) {
                _tprintf(_T("WSAEventSelect() failed with error %d\n"), WSAGetLastError());
                return 1;
            }
            Served++;
            continue;
        }

        // Try to read and write data to and from the data buffer if read and write events occur
        if (NetworkEvents.lNetworkEvents & FD_READ || NetworkEvents.lNetworkEvents & FD_WRITE) {
            LPSOCKET_INFORMATION SocketInfo = SocketArray[Event];

            if (NetworkEvents.lNetworkEvents & FD_READ && NetworkEvents.iErrorCode[FD_READ_BIT] != 0) {
                _tprintf(_T("FD_READ failed with error %d\n"), NetworkEvents.iErrorCode[FD_READ_BIT]);
                break;
            }
            if (NetworkEvents.lNetworkEvents & FD_READ && SocketInfo->Pending == 0) {
                int n = recv(SocketInfo->Socket, SocketInfo->Buffer, DATA_BUFSIZE, 0);
                if (n == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {
                    _tprintf(_T("recv() failed with error %d\n"), WSAGetLastError());
                    FreeSocketInformation(Event);
                    continue;
                }
                if (n > 0)
                    SocketInfo->Pending = n;
            }
            if (!FlushPending(SocketInfo)) {
                _tprintf(_T("send() failed with error %d\n"), WSAGetLastError());
                FreeSocketInformation(Event);
                continue;
            }
        }

        if (NetworkEvents.lNetworkEvents & FD_CLOSE) {
            LPSOCKET_INFORMATION SocketInfo = SocketArray[Event];
            int n;

            if (NetworkEvents.iErrorCode[FD_CLOSE_BIT] != 0) {
                _tprintf(_T("FD_CLOSE failed with error %d\n"), NetworkEvents.iErrorCode[FD_CLOSE_BIT]);
                FreeSocketInformation(Event);
                continue;
            }
            // A graceful close may leave data behind FD_CLOSE: drain it, echo it, then close.
            WSAEventSelect(SocketInfo->Socket, NULL, 0);
            {
                u_long Blocking = 0;
                ioctlsocket(SocketInfo->Socket, FIONBIO, &Blocking);
            }
            FlushPending(SocketInfo);
            while ((n = recv(SocketInfo->Socket, SocketInfo->Buffer, DATA_BUFSIZE, 0)) > 0) {
                SocketInfo->Pending = n;
                FlushPending(SocketInfo);
            }
            shutdown(SocketInfo->Socket, SD_SEND);
            FreeSocketInformation(Event);
        }
    }

    _tprintf(_T("served %d clients\n"), Served);
    FreeSocketInformation(0);
    WSACleanup();
    return 0;
}
