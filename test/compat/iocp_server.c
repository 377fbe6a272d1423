/* I/O completion port echo server with AcceptEx, written from scratch in the shape of the
 * Windows classic "iocpserverex" sample: the listening socket and every client socket are
 * associated with one port, several AcceptEx calls are posted up front (the function pointer
 * obtained with SIO_GET_EXTENSION_FUNCTION_POINTER), worker threads (one per processor from
 * GetSystemInfo) loop on GetQueuedCompletionStatus, per-I/O contexts come from HeapAlloc.
 * usage: iocp_server [port] [clients] */
#define WIN32_LEAN_AND_MEAN
#include <Windows.h>
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <MSWSock.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "ws2_32.lib")
#pragma comment(lib, "mswsock.lib")

#define MAX_BUFF_SIZE   4096
#define MAX_WORKERS     8
#define ACCEPTS_POSTED  4
#define ADDR_SPACE      (sizeof(SOCKADDR_STORAGE) + 16)

typedef enum _IO_OPERATION { ClientIoAccept, ClientIoRead, ClientIoWrite } IO_OPERATION;

typedef struct _PER_IO_CONTEXT {
    WSAOVERLAPPED Overlapped;   // first: the LPOVERLAPPED from the port is the context
    char          Buffer[MAX_BUFF_SIZE];
    WSABUF        wsabuf;
    int           nTotalBytes;
    int           nSentBytes;
    IO_OPERATION  IOOperation;
    SOCKET        SocketAccept;
} PER_IO_CONTEXT, *PPER_IO_CONTEXT;

static HANDLE g_hIOCP = INVALID_HANDLE_VALUE;
static SOCKET g_sdListen = INVALID_SOCKET;
static LPFN_ACCEPTEX g_fnAcceptEx = NULL;
static volatile LONG g_nClosed = 0;
static LONG g_nWanted = 1;
static HANDLE g_hDone;

static BOOL PostAccept(PPER_IO_CONTEXT ctx)
{
    DWORD dwRecvNumBytes = 0;

    ctx->SocketAccept = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (ctx->SocketAccept == INVALID_SOCKET) {
        printf("failed to create new accept socket: %d\n", WSAGetLastError());
        return FALSE;
    }
    ZeroMemory(&ctx->Overlapped, sizeof(ctx->Overlapped));
    ctx->IOOperation = ClientIoAccept;
    // No receive data with the accept (dwReceiveDataLength 0): complete as soon as a client connects
    if (!g_fnAcceptEx(g_sdListen, ctx->SocketAccept, ctx->Buffer, 0, ADDR_SPACE, ADDR_SPACE,
                      &dwRecvNumBytes, (LPOVERLAPPED)ctx)) {
        if (WSAGetLastError() != ERROR_IO_PENDING) {
            printf("AcceptEx() failed: %d\n", WSAGetLastError());
            return FALSE;
        }
    }
    return TRUE;
}

static BOOL PostRecv(PPER_IO_CONTEXT ctx)
{
    DWORD dwFlags = 0, dwRecvNumBytes = 0;

    ZeroMemory(&ctx->Overlapped, sizeof(ctx->Overlapped));
    ctx->IOOperation = ClientIoRead;
    ctx->wsabuf.buf = ctx->Buffer;
    ctx->wsabuf.len = MAX_BUFF_SIZE;
    if (WSARecv(ctx->SocketAccept, &ctx->wsabuf, 1, &dwRecvNumBytes, &dwFlags,
                &ctx->Overlapped, NULL) == SOCKET_ERROR && WSAGetLastError() != ERROR_IO_PENDING) {
        printf("WSARecv() failed: %d\n", WSAGetLastError());
        return FALSE;
    }
    return TRUE;
}

static void CloseClient(PPER_IO_CONTEXT ctx)
{
    LINGER lingerStruct;

    lingerStruct.l_onoff = 0;
    lingerStruct.l_linger = 0;
    setsockopt(ctx->SocketAccept, SOL_SOCKET, SO_LINGER, (char *)&lingerStruct, sizeof(lingerStruct));
    shutdown(ctx->SocketAccept, SD_SEND);
    closesocket(ctx->SocketAccept);
    HeapFree(GetProcessHeap(), 0, ctx);
    if (InterlockedIncrement(&g_nClosed) == g_nWanted)
        SetEvent(g_hDone);
}

static DWORD WINAPI WorkerThread(LPVOID WorkThreadContext)
{
    HANDLE hIOCP = (HANDLE)WorkThreadContext;
    BOOL bSuccess;
    DWORD dwIoSize = 0, dwSendNumBytes = 0, dwFlags = 0;
    ULONG_PTR lpCompletionKey = 0;
    LPOVERLAPPED lpOverlapped = NULL;
    PPER_IO_CONTEXT lpIOContext;

    for (;;) {
        bSuccess = GetQueuedCompletionStatus(hIOCP, &dwIoSize, &lpCompletionKey, &lpOverlapped, INFINITE);
        if (!bSuccess && lpOverlapped == NULL) {
            printf("GetQueuedCompletionStatus() failed: %lu\n", (unsigned long)GetLastError());
            return 1;
        }
        if (lpCompletionKey == 0 && lpOverlapped == NULL)
            return 0;   // PostQueuedCompletionStatus from main: time to exit

        lpIOContext = (PPER_IO_CONTEXT)lpOverlapped;

        if (lpIOContext->IOOperation == ClientIoAccept) {
            PPER_IO_CONTEXT fresh;
            SOCKADDR *pLocal = NULL, *pRemote = NULL;
            int localLen = 0, remoteLen = 0;
            char peer[INET6_ADDRSTRLEN];

            if (!bSuccess) {
                printf("AcceptEx completed with error %lu\n", (unsigned long)GetLastError());
                return 1;
            }
            // Inherit the listening socket's properties (getpeername, shutdown work after this)
            if (setsockopt(lpIOContext->SocketAccept, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT,
                           (char *)&g_sdListen, sizeof(g_sdListen)) == SOCKET_ERROR) {
                printf("setsockopt(SO_UPDATE_ACCEPT_CONTEXT) failed: %d\n", WSAGetLastError());
                return 1;
            }
            GetAcceptExSockaddrs(lpIOContext->Buffer, 0, ADDR_SPACE, ADDR_SPACE,
                                 &pLocal, &localLen, &pRemote, &remoteLen);
            if (pRemote == NULL || pRemote->sa_family != AF_INET ||
                inet_ntop(AF_INET, &((SOCKADDR_IN *)pRemote)->sin_addr, peer, sizeof(peer)) == NULL) {
                printf("GetAcceptExSockaddrs gave no peer address\n");
                return 1;
            }
            printf("accepted a client from %s\n", peer);
            fflush(stdout);

            if (CreateIoCompletionPort((HANDLE)lpIOContext->SocketAccept, hIOCP, (ULONG_PTR)1, 0) == NULL) {
                printf("CreateIoCompletionPort() failed: %lu\n", (unsigned long)GetLastError());
                return 1;
            }
            // Replace the accept that completed, then turn its context into the client's
            fresh = (PPER_IO_CONTEXT)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(PER_IO_CONTEXT));
            if (fresh == NULL || !PostAccept(fresh))
                return 1;
            if (!PostRecv(lpIOContext))
                CloseClient(lpIOContext);
            continue;
        }

        // A failed or zero-byte read or write: the client went away
        if (!bSuccess || dwIoSize == 0) {
            CloseClient(lpIOContext);
            continue;
        }

        switch (lpIOContext->IOOperation) {
        case ClientIoRead:
            // Echo what was read
            lpIOContext->IOOperation = ClientIoWrite;
            lpIOContext->nTotalBytes = dwIoSize;
            lpIOContext->nSentBytes = 0;
            lpIOContext->wsabuf.len = dwIoSize;
            dwFlags = 0;
            ZeroMemory(&lpIOContext->Overlapped, sizeof(lpIOContext->Overlapped));
            if (WSASend(lpIOContext->SocketAccept, &lpIOContext->wsabuf, 1, &dwSendNumBytes, dwFlags,
                        &lpIOContext->Overlapped, NULL) == SOCKET_ERROR && WSAGetLastError() != ERROR_IO_PENDING) {
                printf("WSASend() failed: %d\n", WSAGetLastError());
                CloseClient(lpIOContext);
            }
            break;

        case ClientIoWrite:
            lpIOContext->nSentBytes += dwIoSize;
            if (lpIOContext->nSentBytes < lpIOContext->nTotalBytes) {
                // The previous write was not completely done: post another one
                lpIOContext->wsabuf.buf = lpIOContext->Buffer + lpIOContext->nSentBytes;
                lpIOContext->wsabuf.len = lpIOContext->nTotalBytes - lpIOContext->nSentBytes;
                ZeroMemory(&lpIOContext->Overlapped, sizeof(lpIOContext->Overlapped));
                if (WSASend(lpIOContext->SocketAccept, &lpIOContext->wsabuf, 1, &dwSendNumBytes, 0,
                            &lpIOContext->Overlapped, NULL) == SOCKET_ERROR && WSAGetLastError() != ERROR_IO_PENDING) {
                    printf("WSASend() failed: %d\n", WSAGetLastError());
                    CloseClient(lpIOContext);
                }
            } else if (!PostRecv(lpIOContext)) {
                CloseClient(lpIOContext);
            }
            break;

        default:
            break;
        }
    }
}

int main(int argc, char *argv[])
{
    SYSTEM_INFO systemInfo;
    WSADATA wsaData;
    HANDLE hThreads[MAX_WORKERS];
    DWORD dwThreadCount, dwBytes = 0, i;
    GUID acceptex_guid = WSAID_ACCEPTEX;
    struct addrinfo hints, *addrlocal = NULL;
    SOCKADDR_IN bound;
    int boundLen = sizeof(bound), nRet;

    g_nWanted = argc > 2 ? atoi(argv[2]) : 1;
    GetSystemInfo(&systemInfo);
    dwThreadCount = systemInfo.dwNumberOfProcessors * 2;
    if (dwThreadCount > MAX_WORKERS)
        dwThreadCount = MAX_WORKERS;

    if ((nRet = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup() failed: %d\n", nRet);
        return 1;
    }
    g_hDone = CreateEvent(NULL, TRUE, FALSE, NULL);

    g_hIOCP = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (g_hIOCP == NULL) {
        printf("CreateIoCompletionPort() failed to create I/O completion port: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    for (i = 0; i < dwThreadCount; i++) {
        hThreads[i] = CreateThread(NULL, 0, WorkerThread, g_hIOCP, 0, NULL);
        if (hThreads[i] == NULL) {
            printf("CreateThread() failed to create worker thread: %lu\n", (unsigned long)GetLastError());
            return 1;
        }
    }

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_flags = AI_PASSIVE;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    if (getaddrinfo("127.0.0.1", argc > 1 ? argv[1] : "5001", &hints, &addrlocal) != 0 || addrlocal == NULL) {
        printf("getaddrinfo() failed with error %d\n", WSAGetLastError());
        return 1;
    }
    g_sdListen = WSASocket(addrlocal->ai_family, addrlocal->ai_socktype, addrlocal->ai_protocol,
                           NULL, 0, WSA_FLAG_OVERLAPPED);
    if (g_sdListen == INVALID_SOCKET) {
        printf("WSASocket(g_sdListen) failed: %d\n", WSAGetLastError());
        return 1;
    }
    if (bind(g_sdListen, addrlocal->ai_addr, (int)addrlocal->ai_addrlen) == SOCKET_ERROR) {
        printf("bind() failed: %d\n", WSAGetLastError());
        return 1;
    }
    freeaddrinfo(addrlocal);
    if (listen(g_sdListen, 5) == SOCKET_ERROR) {
        printf("listen() failed: %d\n", WSAGetLastError());
        return 1;
    }

    // Load the AcceptEx extension function from the provider for this socket
    nRet = WSAIoctl(g_sdListen, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex_guid, sizeof(acceptex_guid),
                    &g_fnAcceptEx, sizeof(g_fnAcceptEx), &dwBytes, NULL, NULL);
    if (nRet == SOCKET_ERROR) {
        printf("failed to load AcceptEx: %d\n", WSAGetLastError());
        return 1;
    }
    if (CreateIoCompletionPort((HANDLE)g_sdListen, g_hIOCP, (ULONG_PTR)1, 0) == NULL) {
        printf("CreateIoCompletionPort(listen) failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    for (i = 0; i < ACCEPTS_POSTED; i++) {
        PPER_IO_CONTEXT ctx = (PPER_IO_CONTEXT)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(PER_IO_CONTEXT));
        if (ctx == NULL || !PostAccept(ctx))
            return 1;
    }

    getsockname(g_sdListen, (SOCKADDR *)&bound, &boundLen);
    printf("listening on port %u\n", ntohs(bound.sin_port));
    fflush(stdout);

    WaitForSingleObject(g_hDone, INFINITE);

    // Cause worker threads to exit
    for (i = 0; i < dwThreadCount; i++)
        PostQueuedCompletionStatus(g_hIOCP, 0, 0, NULL);
    WaitForMultipleObjects(dwThreadCount, hThreads, TRUE, INFINITE);
    for (i = 0; i < dwThreadCount; i++)
        CloseHandle(hThreads[i]);

    // Closing the listener aborts the AcceptEx calls still posted
    closesocket(g_sdListen);
    CloseHandle(g_hIOCP);
    CloseHandle(g_hDone);
    printf("served %ld clients\n", (long)g_nWanted);
    WSACleanup();
    return 0;
}
