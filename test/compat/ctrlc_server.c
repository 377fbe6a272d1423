/* A console server that stops on Ctrl-C, written from scratch: SetConsoleCtrlHandler installs a
 * handler that (on Windows, on a thread of its own) signals an event; the main loop waits on
 * that event and on the listening socket's FD_ACCEPT event, serves clients, and on Ctrl-C
 * closes everything and exits 0. _tmain/TCHAR, as a Visual Studio console project.
 * usage: ctrlc_server [port] */
#include <tchar.h>
#include <WinSock2.h>
#include <Windows.h>
#include <stdio.h>

#pragma comment(lib, "Ws2_32.lib")
#pragma comment(lib, "Kernel32.lib")

static HANDLE g_hStop;
static volatile LONG g_signals;

static BOOL WINAPI CtrlHandler(DWORD dwCtrlType)
{
    switch (dwCtrlType) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
        InterlockedIncrement(&g_signals);
        SetEvent(g_hStop);
        return TRUE;    // handled: do not terminate the process
    default:
        return FALSE;
    }
}

int _tmain(int argc, _TCHAR *argv[])
{
    WSADATA wsaData;
    SOCKET listener;
    SOCKADDR_IN addr;
    int addrLen = sizeof(addr), served = 0;
    WSAEVENT hAccept;
    HANDLE handles[2];

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        _tprintf(_T("WSAStartup failed\n"));
        return 1;
    }
    g_hStop = CreateEvent(NULL, TRUE, FALSE, NULL);
    if (!SetConsoleCtrlHandler(CtrlHandler, TRUE)) {
        _tprintf(_T("SetConsoleCtrlHandler failed with error %lu\n"), (unsigned long)GetLastError());
        return 1;
    }

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((u_short)(argc > 1 ? _ttoi(argv[1]) : 27015));
    if (bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR || listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        _tprintf(_T("bind/listen failed with error %d\n"), WSAGetLastError());
        return 1;
    }
    hAccept = WSACreateEvent();
    WSAEventSelect(listener, hAccept, FD_ACCEPT);
    getsockname(listener, (SOCKADDR *)&addr, &addrLen);
    _tprintf(_T("listening on port %u; press Ctrl-C to stop\n"), ntohs(addr.sin_port));
    fflush(stdout);

    handles[0] = g_hStop;
    handles[1] = hAccept;
    for (;;) {
        DWORD w = WaitForMultipleObjects(2, handles, FALSE, INFINITE);
        if (w == WAIT_OBJECT_0)
            break;
        if (w == WAIT_OBJECT_0 + 1) {
            SOCKET s;
            char buf[512];
            int n;
            u_long blocking = 0;

            WSAResetEvent(hAccept);
            s = accept(listener, NULL, NULL);
            if (s == INVALID_SOCKET)
                continue;
            // The accepted socket inherits WSAEventSelect: cancel it to use it blocking
            WSAEventSelect(s, NULL, 0);
            ioctlsocket(s, FIONBIO, &blocking);
            while ((n = recv(s, buf, sizeof(buf), 0)) > 0)
                send(s, buf, n, 0);
            shutdown(s, SD_SEND);
            closesocket(s);
            _tprintf(_T("served client %d\n"), ++served);
            fflush(stdout);
            continue;
        }
        _tprintf(_T("WaitForMultipleObjects failed with error %lu\n"), (unsigned long)GetLastError());
        return 1;
    }

    _tprintf(_T("Ctrl-C received (%ld), shutting down after %d clients\n"), (long)g_signals, served);
    closesocket(listener);
    WSACloseEvent(hAccept);
    CloseHandle(g_hStop);
    SetConsoleCtrlHandler(CtrlHandler, FALSE);
    WSACleanup();
    return 0;
}
