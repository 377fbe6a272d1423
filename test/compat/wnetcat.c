/* A small netcat for Windows, written from scratch: connect to host:port, or listen (-l) and
 * take one connection, then relay standard input to the socket and the socket to standard
 * output. Standard handles are used the Windows way (GetStdHandle, ReadFile, WriteFile); a
 * second thread pumps stdin and shuts the sending side down at end of input.
 * usage: wnetcat host port | wnetcat -l port */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#pragma comment(lib, "ws2_32")

static SOCKET g_sock = INVALID_SOCKET;

static DWORD WINAPI StdinToSocket(LPVOID unused)
{
    HANDLE hIn = GetStdHandle(STD_INPUT_HANDLE);
    char buf[4096];
    DWORD got;

    (void)unused;
    while (ReadFile(hIn, buf, sizeof(buf), &got, NULL) && got > 0) {
        DWORD off = 0;
        while (off < got) {
            int n = send(g_sock, buf + off, (int)(got - off), 0);
            if (n == SOCKET_ERROR) {
                fprintf(stderr, "wnetcat: send failed with error %d\n", WSAGetLastError());
                return 1;
            }
            off += (DWORD)n;
        }
    }
    // End of input (or a broken pipe): tell the peer we are done sending
    shutdown(g_sock, SD_SEND);
    return 0;
}

static SOCKET Listen(const char *port)
{
    struct addrinfo hints, *res;
    SOCKET ls, s;
    SOCKADDR_STORAGE ss;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int len = sizeof(ss), rc;

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if ((rc = getaddrinfo(NULL, port, &hints, &res)) != 0) {
        fprintf(stderr, "wnetcat: getaddrinfo failed with error %d\n", rc);
        return INVALID_SOCKET;
    }
    ls = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (ls == INVALID_SOCKET || bind(ls, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR ||
        listen(ls, 1) == SOCKET_ERROR) {
        fprintf(stderr, "wnetcat: cannot listen: error %d\n", WSAGetLastError());
        freeaddrinfo(res);
        return INVALID_SOCKET;
    }
    freeaddrinfo(res);
    getsockname(ls, (SOCKADDR *)&ss, &len);
    fprintf(stderr, "listening on port %u\n", ntohs(((SOCKADDR_IN *)&ss)->sin_port));
    fflush(stderr);

    len = sizeof(ss);
    s = accept(ls, (SOCKADDR *)&ss, &len);
    if (s == INVALID_SOCKET) {
        fprintf(stderr, "wnetcat: accept failed with error %d\n", WSAGetLastError());
    } else if (getnameinfo((SOCKADDR *)&ss, len, host, sizeof(host), serv, sizeof(serv),
                           NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        fprintf(stderr, "connection from %s port %s\n", host, serv);
    }
    closesocket(ls);
    return s;
}

static SOCKET Connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    SOCKET s = INVALID_SOCKET;
    int rc;

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
        fprintf(stderr, "wnetcat: %s: %s\n", host, gai_strerror(rc));
        return INVALID_SOCKET;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (s == INVALID_SOCKET)
            continue;
        if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0)
            break;
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(res);
    if (s == INVALID_SOCKET)
        fprintf(stderr, "wnetcat: cannot connect to %s port %s: error %d\n", host, port, WSAGetLastError());
    return s;
}

int main(int argc, char *argv[])
{
    WSADATA wsaData;
    HANDLE hOut = GetStdHandle(STD_OUTPUT_HANDLE), hThread;
    char buf[4096];
    int n;

    if (argc != 3) {
        fprintf(stderr, "usage: wnetcat host port\n       wnetcat -l port\n");
        return 2;
    }
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        fprintf(stderr, "wnetcat: WSAStartup failed\n");
        return 1;
    }
    g_sock = strcmp(argv[1], "-l") == 0 ? Listen(argv[2]) : Connect(argv[1], argv[2]);
    if (g_sock == INVALID_SOCKET) {
        WSACleanup();
        return 1;
    }

    hThread = CreateThread(NULL, 0, StdinToSocket, NULL, 0, NULL);
    if (hThread == NULL) {
        fprintf(stderr, "wnetcat: CreateThread failed with error %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    while ((n = recv(g_sock, buf, sizeof(buf), 0)) > 0) {
        DWORD written;
        if (!WriteFile(hOut, buf, (DWORD)n, &written, NULL) || written != (DWORD)n) {
            fprintf(stderr, "wnetcat: WriteFile failed with error %lu\n", (unsigned long)GetLastError());
            break;
        }
    }
    if (n == SOCKET_ERROR)
        fprintf(stderr, "wnetcat: recv failed with error %d\n", WSAGetLastError());

    // The peer is done. Finish sending our input unless it is an interactive console.
    if (GetFileType(GetStdHandle(STD_INPUT_HANDLE)) != FILE_TYPE_CHAR)
        WaitForSingleObject(hThread, INFINITE);
    CloseHandle(hThread);
    closesocket(g_sock);
    WSACleanup();
    return n == SOCKET_ERROR ? 1 : 0;
}
