/* UDP echo server and client in one program, written from scratch: sendto/recvfrom on a
 * SOCK_DGRAM socket, SO_RCVTIMEO so the client gives up on a lost datagram, WSAECONNRESET
 * ignored on the server (Windows reports an ICMP port-unreachable from an earlier sendto there).
 * usage: udp_echo -s port count          (echo count datagrams, then exit)
 *        udp_echo -c host port message [count] */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

#define BUFLEN 1500

static int Server(const char *port, int count)
{
    SOCKET s;
    SOCKADDR_IN local, from;
    int fromlen, n, len = sizeof(local), i;
    char buf[BUFLEN];

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET) {
        printf("socket failed with error %d\n", WSAGetLastError());
        return 1;
    }
    ZeroMemory(&local, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons((u_short)atoi(port));
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (SOCKADDR *)&local, sizeof(local)) == SOCKET_ERROR) {
        printf("bind failed with error %d\n", WSAGetLastError());
        return 1;
    }
    getsockname(s, (SOCKADDR *)&local, &len);
    printf("listening on port %u\n", ntohs(local.sin_port));
    fflush(stdout);

    for (i = 0; i < count; ) {
        fromlen = sizeof(from);
        n = recvfrom(s, buf, BUFLEN, 0, (SOCKADDR *)&from, &fromlen);
        if (n == SOCKET_ERROR) {
            if (WSAGetLastError() == WSAECONNRESET)
                continue;
            printf("recvfrom failed with error %d\n", WSAGetLastError());
            return 1;
        }
        if (sendto(s, buf, n, 0, (SOCKADDR *)&from, fromlen) == SOCKET_ERROR) {
            printf("sendto failed with error %d\n", WSAGetLastError());
            return 1;
        }
        printf("echoed %d bytes to %s:%u\n", n, inet_ntoa(from.sin_addr), ntohs(from.sin_port));
        i++;
    }
    closesocket(s);
    return 0;
}

static int Client(const char *host, const char *port, const char *msg, int count)
{
    struct addrinfo hints, *res;
    SOCKET s;
    DWORD timeout = 5000;   // milliseconds, as a DWORD: Windows' SO_RCVTIMEO format
    char buf[BUFLEN];
    int i, n, rc;

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
        printf("getaddrinfo failed with error %d\n", rc);
        return 1;
    }
    s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (s == INVALID_SOCKET) {
        printf("socket failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout)) == SOCKET_ERROR) {
        printf("setsockopt(SO_RCVTIMEO) failed with error %d\n", WSAGetLastError());
        return 1;
    }
    for (i = 0; i < count; i++) {
        SOCKADDR_IN from;
        int fromlen = sizeof(from);

        if (sendto(s, msg, (int)strlen(msg), 0, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR) {
            printf("sendto failed with error %d\n", WSAGetLastError());
            return 1;
        }
        n = recvfrom(s, buf, BUFLEN - 1, 0, (SOCKADDR *)&from, &fromlen);
        if (n == SOCKET_ERROR) {
            printf("recvfrom failed with error %d%s\n", WSAGetLastError(),
                   WSAGetLastError() == WSAETIMEDOUT ? " (timed out)" : "");
            return 1;
        }
        buf[n] = '\0';
        printf("reply %d: %s\n", i + 1, buf);
        if (strcmp(buf, msg) != 0)
            return 2;
    }
    freeaddrinfo(res);
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    int rc;

    if ((rc = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup failed with error %d\n", rc);
        return 1;
    }
    if (argc >= 4 && strcmp(argv[1], "-s") == 0)
        rc = Server(argv[2], atoi(argv[3]));
    else if (argc >= 5 && strcmp(argv[1], "-c") == 0)
        rc = Client(argv[2], argv[3], argv[4], argc > 5 ? atoi(argv[5]) : 1);
    else {
        printf("usage: udp_echo -s port count | udp_echo -c host port message [count]\n");
        rc = 1;
    }
    WSACleanup();
    return rc;
}
