/* Sockets as file handles: an echo server that does all its socket I/O with ReadFile and
 * WriteFile on OVERLAPPED structures, through an I/O completion port, the way code shared
 * between files, pipes and sockets does it. The main thread accepts; a worker thread takes the
 * completions. Written from scratch.
 * usage: readfile_port [port] [clients] */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "ws2_32.lib")

#define BUFSIZE 4096

typedef struct _CONNECTION {
    OVERLAPPED ov;          // first: the LPOVERLAPPED from the port is the connection
    HANDLE     hSock;       // the SOCKET, as the HANDLE the file functions take
    BOOL       bWriting;
    DWORD      dwToWrite, dwWritten;
    BYTE       buf[BUFSIZE];
} CONNECTION;

static volatile LONG g_closed = 0;

static BOOL StartRead(CONNECTION *c)
{
    ZeroMemory(&c->ov, sizeof(c->ov));
    c->bWriting = FALSE;
    if (!ReadFile(c->hSock, c->buf, BUFSIZE, NULL, &c->ov) && GetLastError() != ERROR_IO_PENDING) {
        printf("ReadFile failed with error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    return TRUE;
}

static BOOL StartWrite(CONNECTION *c)
{
    ZeroMemory(&c->ov, sizeof(c->ov));
    c->bWriting = TRUE;
    if (!WriteFile(c->hSock, c->buf + c->dwWritten, c->dwToWrite - c->dwWritten, NULL, &c->ov) &&
        GetLastError() != ERROR_IO_PENDING) {
        printf("WriteFile failed with error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    return TRUE;
}

static void Close(CONNECTION *c)
{
    shutdown((SOCKET)c->hSock, SD_SEND);
    closesocket((SOCKET)c->hSock);
    LocalFree(c);
    InterlockedIncrement(&g_closed);
}

static DWORD WINAPI Worker(LPVOID param)
{
    HANDLE hPort = (HANDLE)param;
    DWORD dwBytes;
    ULONG_PTR key;
    LPOVERLAPPED pov;

    for (;;) {
        BOOL ok = GetQueuedCompletionStatus(hPort, &dwBytes, &key, &pov, INFINITE);
        CONNECTION *c = (CONNECTION *)pov;

        if (pov == NULL)
            return ok ? 0 : 1;  // posted by main: done (or the port failed)
        if (!ok || dwBytes == 0) {
            // 0 bytes read is end of file: the client shut down its side
            if (!ok)
                printf("I/O failed with error %lu\n", (unsigned long)GetLastError());
            Close(c);
            continue;
        }
        if (!c->bWriting) {
            c->dwToWrite = dwBytes;
            c->dwWritten = 0;
            if (!StartWrite(c))
                Close(c);
        } else {
            c->dwWritten += dwBytes;
            if (!(c->dwWritten < c->dwToWrite ? StartWrite(c) : StartRead(c)))
                Close(c);
        }
    }
}

int main(int argc, char **argv)
{
    WSADATA wsd;
    SOCKET sListen;
    SOCKADDR_IN addr;
    int addrLen = sizeof(addr), i, wanted = argc > 2 ? atoi(argv[2]) : 1;
    HANDLE hPort, hThread;

    if (WSAStartup(MAKEWORD(2, 2), &wsd) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    hPort = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (hPort == NULL) {
        printf("CreateIoCompletionPort failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    hThread = CreateThread(NULL, 0, Worker, hPort, 0, NULL);

    sListen = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = htons((u_short)(argc > 1 ? atoi(argv[1]) : 5150));
    if (bind(sListen, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR || listen(sListen, SOMAXCONN) == SOCKET_ERROR) {
        printf("bind/listen failed with error %d\n", WSAGetLastError());
        return 1;
    }
    getsockname(sListen, (SOCKADDR *)&addr, &addrLen);
    printf("listening on port %u\n", ntohs(addr.sin_port));
    fflush(stdout);

    for (i = 0; i < wanted; i++) {
        CONNECTION *c;
        SOCKET s = accept(sListen, NULL, NULL);

        if (s == INVALID_SOCKET) {
            printf("accept failed with error %d\n", WSAGetLastError());
            return 1;
        }
        // A socket is a file handle: its type is FILE_TYPE_PIPE, as on Windows
        if (GetFileType((HANDLE)s) != FILE_TYPE_PIPE) {
            printf("GetFileType gave %lu for a socket\n", (unsigned long)GetFileType((HANDLE)s));
            return 1;
        }
        c = (CONNECTION *)LocalAlloc(LPTR, sizeof(CONNECTION));
        c->hSock = (HANDLE)s;
        if (CreateIoCompletionPort(c->hSock, hPort, 0, 0) == NULL) {
            printf("CreateIoCompletionPort failed with error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
        if (!StartRead(c))
            Close(c);
    }

    while (g_closed < wanted)
        Sleep(10);
    PostQueuedCompletionStatus(hPort, 0, 0, NULL);
    WaitForSingleObject(hThread, INFINITE);
    CloseHandle(hThread);
    CloseHandle(hPort);
    closesocket(sListen);
    printf("served %d clients\n", wanted);
    WSACleanup();
    return 0;
}
