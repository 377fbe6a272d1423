/* Connect with a timeout, the two ways Windows code does it, written from scratch: a
 * non-blocking connect (FIONBIO) followed by select, where success shows in writefds and failure
 * in exceptfds (not in writefds as on Linux), with SO_ERROR giving the reason; or (-e)
 * WSAEventSelect(FD_CONNECT) and WSAWaitForMultipleEvents, the error in
 * iErrorCode[FD_CONNECT_BIT].
 * usage: connect_timeout [-e] host port timeout-ms
 * prints "connected" or "connect failed: <WSA error>"; exit 0 when the outcome was reported. */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

static int WithSelect(SOCKET s, const struct addrinfo *ai, long timeoutMs)
{
    u_long nonblock = 1;
    fd_set writefds, exceptfds;
    struct timeval tv;
    int rc, err = 0, errlen = sizeof(err);

    if (ioctlsocket(s, FIONBIO, &nonblock) == SOCKET_ERROR) {
        printf("ioctlsocket failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0) {
        printf("connected\n");
        return 0;
    }
    if (WSAGetLastError() != WSAEWOULDBLOCK) {
        printf("connect failed: %d\n", WSAGetLastError());
        return 0;
    }
    FD_ZERO(&writefds);
    FD_ZERO(&exceptfds);
    FD_SET(s, &writefds);
    FD_SET(s, &exceptfds);
    tv.tv_sec = timeoutMs / 1000;
    tv.tv_usec = (timeoutMs % 1000) * 1000;
    rc = select(0, NULL, &writefds, &exceptfds, &tv);
    if (rc == SOCKET_ERROR) {
        printf("select failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (rc == 0) {
        printf("connect failed: %d\n", WSAETIMEDOUT);
        return 0;
    }
    if (FD_ISSET(s, &exceptfds)) {
        if (FD_ISSET(s, &writefds)) {
            printf("select reported the socket both writable and failed\n");
            return 1;
        }
        getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &errlen);
        printf("connect failed: %d\n", err);
        return 0;
    }
    if (FD_ISSET(s, &writefds)) {
        printf("connected\n");
        return 0;
    }
    printf("select returned %d with no socket set\n", rc);
    return 1;
}

static int WithEventSelect(SOCKET s, const struct addrinfo *ai, long timeoutMs)
{
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    DWORD w;

    if (WSAEventSelect(s, ev, FD_CONNECT) == SOCKET_ERROR) {
        printf("WSAEventSelect failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {
        printf("connect failed: %d\n", WSAGetLastError());
        return 0;
    }
    w = WSAWaitForMultipleEvents(1, &ev, FALSE, (DWORD)timeoutMs, FALSE);
    if (w == WSA_WAIT_TIMEOUT) {
        printf("connect failed: %d\n", WSAETIMEDOUT);
        return 0;
    }
    if (w != WSA_WAIT_EVENT_0) {
        printf("WSAWaitForMultipleEvents failed with error %d\n", WSAGetLastError());
        return 1;
    }
    if (WSAEnumNetworkEvents(s, ev, &ne) == SOCKET_ERROR || !(ne.lNetworkEvents & FD_CONNECT)) {
        printf("WSAEnumNetworkEvents gave no FD_CONNECT (error %d)\n", WSAGetLastError());
        return 1;
    }
    if (ne.iErrorCode[FD_CONNECT_BIT] != 0)
        printf("connect failed: %d\n", ne.iErrorCode[FD_CONNECT_BIT]);
    else
        printf("connected\n");
    WSACloseEvent(ev);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    struct addrinfo hints, *res;
    SOCKET s;
    int useEvents = argc > 1 && strcmp(argv[1], "-e") == 0, rc;

    if (argc - useEvents < 4) {
        printf("usage: connect_timeout [-e] host port timeout-ms\n");
        return 2;
    }
    argv += useEvents;
    if ((rc = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        printf("WSAStartup failed with error %d\n", rc);
        return 1;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    if ((rc = getaddrinfo(argv[1], argv[2], &hints, &res)) != 0) {
        printf("getaddrinfo failed with error %d\n", rc);
        return 1;
    }
    s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (s == INVALID_SOCKET) {
        printf("socket failed with error %d\n", WSAGetLastError());
        return 1;
    }
    rc = useEvents ? WithEventSelect(s, res, atol(argv[3])) : WithSelect(s, res, atol(argv[3]));
    freeaddrinfo(res);
    closesocket(s);
    WSACleanup();
    return rc;
}
