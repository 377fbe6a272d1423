/* Completion-port client with ConnectEx and DisconnectEx, written from scratch: the extension
 * functions are loaded with SIO_GET_EXTENSION_FUNCTION_POINTER, the socket is bound first
 * (ConnectEx needs it), the message rides on the ConnectEx call itself, SO_UPDATE_CONNECT_CONTEXT
 * makes the socket whole, WSARecv gathers the echo, DisconnectEx closes gracefully; every
 * completion is taken from the port with GetQueuedCompletionStatus.
 * usage: iocp_client server port message [connections] */
#define WIN32_LEAN_AND_MEAN
#include <Windows.h>
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <MSWSock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")
#pragma comment(lib, "Mswsock.lib")

// Waits for the completion of ov on the port; returns the byte count, or -1 with the error printed.
static int WaitFor(HANDLE hPort, LPOVERLAPPED ov, const char *what)
{
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;

    if (!GetQueuedCompletionStatus(hPort, &bytes, &key, &done, 10000)) {
        printf("%s failed: GetQueuedCompletionStatus error %lu\n", what, (unsigned long)GetLastError());
        return -1;
    }
    if (done != ov) {
        printf("%s: unexpected completion\n", what);
        return -1;
    }
    return (int)bytes;
}

static int RunOne(HANDLE hPort, const struct addrinfo *ai, const char *msg, int n)
{
    SOCKET s;
    SOCKADDR_IN local;
    GUID connectex_guid = WSAID_CONNECTEX, disconnectex_guid = WSAID_DISCONNECTEX;
    LPFN_CONNECTEX lpfnConnectEx = NULL;
    LPFN_DISCONNECTEX lpfnDisconnectEx = NULL;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    DWORD dwBytes = 0, dwFlags;
    char reply[1024];
    int got = 0, len = (int)strlen(msg), r;

    s = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (s == INVALID_SOCKET) {
        printf("WSASocket failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &connectex_guid, sizeof(connectex_guid),
                 &lpfnConnectEx, sizeof(lpfnConnectEx), &dwBytes, NULL, NULL) == SOCKET_ERROR ||
        WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &disconnectex_guid, sizeof(disconnectex_guid),
                 &lpfnDisconnectEx, sizeof(lpfnDisconnectEx), &dwBytes, NULL, NULL) == SOCKET_ERROR) {
        printf("WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) failed with error %d\n", WSAGetLastError());
        return 1;
    }

    // ConnectEx requires a bound socket
    ZeroMemory(&local, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = INADDR_ANY;
    local.sin_port = 0;
    if (bind(s, (SOCKADDR *)&local, sizeof(local)) == SOCKET_ERROR) {
        printf("bind failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (CreateIoCompletionPort((HANDLE)s, hPort, (ULONG_PTR)s, 0) == NULL) {
        printf("CreateIoCompletionPort failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    ZeroMemory(&ov, sizeof(ov));
    if (!lpfnConnectEx(s, ai->ai_addr, (int)ai->ai_addrlen, (PVOID)msg, (DWORD)len, &dwBytes, &ov)) {
        if (WSAGetLastError() != ERROR_IO_PENDING) {
            printf("ConnectEx failed with error %d\n", WSAGetLastError());
            return 1;
        }
    }
    // Pending or not, the completion goes to the port: take it, so no stale packet is left behind
    if ((r = WaitFor(hPort, &ov, "ConnectEx")) < 0)
        return 1;
    dwBytes = (DWORD)r;
    if (setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) == SOCKET_ERROR) {
        printf("setsockopt(SO_UPDATE_CONNECT_CONTEXT) failed with error %d\n", WSAGetLastError());
        return 1;
    }
    printf("connection %d: ConnectEx sent %lu bytes\n", n, (unsigned long)dwBytes);

    while (got < len) {
        ZeroMemory(&ov, sizeof(ov));
        wsabuf.buf = reply + got;
        wsabuf.len = (ULONG)(sizeof(reply) - 1 - got);
        dwFlags = 0;
        if (WSARecv(s, &wsabuf, 1, &dwBytes, &dwFlags, &ov, NULL) == SOCKET_ERROR &&
            WSAGetLastError() != WSA_IO_PENDING) {
            printf("WSARecv failed with error %d\n", WSAGetLastError());
            return 1;
        }
        // Even an immediate success is queued to the port (no FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)
        if ((r = WaitFor(hPort, &ov, "WSARecv")) <= 0) {
            printf("connection %d: server closed early\n", n);
            return 1;
        }
        got += r;
    }
    reply[got] = '\0';
    printf("connection %d: echoed: %s\n", n, reply);

    ZeroMemory(&ov, sizeof(ov));
    if (!lpfnDisconnectEx(s, &ov, 0, 0)) {
        if (WSAGetLastError() != ERROR_IO_PENDING) {
            printf("DisconnectEx failed with error %d\n", WSAGetLastError());
            return 1;
        }
    }
    if (WaitFor(hPort, &ov, "DisconnectEx") < 0)
        return 1;
    printf("connection %d: disconnected\n", n);
    closesocket(s);
    return strcmp(reply, msg) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    HANDLE hPort;
    struct addrinfo hints, *result = NULL;
    int i, rc = 0, count;

    if (argc < 4) {
        printf("usage: %s server port message [connections]\n", argv[0]);
        return 1;
    }
    count = argc > 4 ? atoi(argv[4]) : 1;
    if ((rc = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup failed with error %d\n", rc);
        return 1;
    }
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    if ((rc = getaddrinfo(argv[1], argv[2], &hints, &result)) != 0) {
        printf("getaddrinfo failed with error %d\n", rc);
        WSACleanup();
        return 1;
    }
    hPort = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (hPort == NULL) {
        printf("CreateIoCompletionPort failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    for (i = 1; i <= count && rc == 0; i++)
        rc = RunOne(hPort, result, argv[3], i);
    freeaddrinfo(result);
    CloseHandle(hPort);
    WSACleanup();
    return rc;
}
