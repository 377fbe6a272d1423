/* Thread-per-client blocking server, the CRT way, written from scratch: _beginthreadex (never
 * CreateThread, so the C runtime is set up for the thread) with the HANDLE it returns closed by
 * the acceptor, the client SOCKET passed through the void * argument, an interlocked count of
 * live clients, StringCchPrintf to build the reply prefix.
 * usage: thread_server [port] [clients] */
#define WIN32_LEAN_AND_MEAN
#include <WinSock2.h>
#include <Windows.h>
#include <process.h>
#include <strsafe.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "Ws2_32.lib")

static volatile LONG g_live = 0;

static unsigned __stdcall ClientThread(void *arg)
{
    SOCKET s = (SOCKET)(ULONG_PTR)arg;
    char buf[1024];
    int n;

    while ((n = recv(s, buf, sizeof(buf), 0)) > 0) {
        int off = 0;
        while (off < n) {
            int sent = send(s, buf + off, n - off, 0);
            if (sent == SOCKET_ERROR) {
                printf("send failed with error %d\n", WSAGetLastError());
                goto done;
            }
            off += sent;
        }
    }
    if (n == SOCKET_ERROR)
        printf("recv failed with error %d\n", WSAGetLastError());
done:
    shutdown(s, SD_SEND);
    closesocket(s);
    InterlockedDecrement(&g_live);
    _endthreadex(0);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    SOCKET listener;
    SOCKADDR_IN addr;
    int addrLen = sizeof(addr), i, wanted = argc > 2 ? atoi(argv[2]) : 1;
    char banner[64];

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((u_short)(argc > 1 ? atoi(argv[1]) : 27015));
    if (bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR || listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        printf("bind/listen failed with error %d\n", WSAGetLastError());
        return 1;
    }
    getsockname(listener, (SOCKADDR *)&addr, &addrLen);
    if (FAILED(StringCchPrintfA(banner, _countof(banner), "listening on port %u", ntohs(addr.sin_port)))) {
        printf("StringCchPrintf failed\n");
        return 1;
    }
    printf("%s\n", banner);
    fflush(stdout);

    for (i = 0; i < wanted; i++) {
        HANDLE hThread;
        SOCKET s = accept(listener, NULL, NULL);

        if (s == INVALID_SOCKET) {
            printf("accept failed with error %d\n", WSAGetLastError());
            return 1;
        }
        InterlockedIncrement(&g_live);
        hThread = (HANDLE)_beginthreadex(NULL, 0, ClientThread, (void *)(ULONG_PTR)s, 0, NULL);
        if (hThread == 0) {
            printf("_beginthreadex failed with errno %d\n", errno);
            return 1;
        }
        CloseHandle(hThread);   // the thread runs on; we do not wait for it by handle
    }
    while (g_live > 0)
        Sleep(10);
    printf("served %d clients\n", wanted);
    closesocket(listener);
    WSACleanup();
    return 0;
}
