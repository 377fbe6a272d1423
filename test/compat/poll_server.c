/* WSAPoll echo server, written from scratch in the spirit of the Windows classic WSAPoll
 * sample: a WSAPOLLFD array, POLLRDNORM/POLLWRNORM requests, POLLHUP/POLLERR handling,
 * non-blocking sockets, a listening socket in slot 0.
 * usage: poll_server [port] [clients] */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#pragma comment(lib, "Ws2_32.lib")

#define MAX_CLIENTS 16
#define BUFSIZE 1024

typedef struct {
    char buf[BUFSIZE];
    int  len;       // bytes waiting to be echoed
} CLIENT;

int __cdecl main(int argc, char **argv)
{
    WSADATA wsd;
    WSAPOLLFD fds[MAX_CLIENTS + 1];
    CLIENT clients[MAX_CLIENTS + 1];
    ULONG nonblock = 1;
    SOCKET lsock;
    SOCKADDR_STORAGE addr;
    int addrlen, nfds = 1, served = 0, wanted = argc > 2 ? atoi(argv[2]) : 1, ret, i;
    struct addrinfo hints, *res = NULL;

    if ((ret = WSAStartup(MAKEWORD(2, 2), &wsd)) != 0) {
        printf("WSAStartup failed: %d\n", ret);
        return 1;
    }
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    // A dual-stack listener: IPv6 with IPV6_V6ONLY cleared accepts IPv4 clients too
    if ((ret = getaddrinfo("::", argc > 1 ? argv[1] : "27015", &hints, &res)) != 0) {
        printf("getaddrinfo failed: %d\n", ret);
        return 1;
    }
    lsock = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (lsock == INVALID_SOCKET) {
        printf("socket failed: %d\n", WSAGetLastError());
        return 1;
    }
    {
        DWORD v6only = 0;
        if (setsockopt(lsock, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v6only, sizeof(v6only)) == SOCKET_ERROR) {
            printf("setsockopt(IPV6_V6ONLY) failed: %d\n", WSAGetLastError());
            return 1;
        }
    }
    if (bind(lsock, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR ||
        listen(lsock, SOMAXCONN) == SOCKET_ERROR ||
        ioctlsocket(lsock, FIONBIO, &nonblock) == SOCKET_ERROR) {
        printf("bind/listen/ioctlsocket failed: %d\n", WSAGetLastError());
        return 1;
    }
    freeaddrinfo(res);
    addrlen = sizeof(addr);
    getsockname(lsock, (SOCKADDR *)&addr, &addrlen);
    printf("listening on port %u\n", ntohs(((SOCKADDR_IN6 *)&addr)->sin6_port));
    fflush(stdout);

    fds[0].fd = lsock;
    fds[0].events = POLLRDNORM;

    while (served < wanted || nfds > 1) {
        ret = WSAPoll(fds, nfds, 10000);
        if (ret == SOCKET_ERROR) {
            printf("WSAPoll failed: %d\n", WSAGetLastError());
            return 1;
        }
        if (ret == 0) {
            printf("WSAPoll timed out\n");
            return 1;
        }

        if (fds[0].revents & POLLRDNORM) {
            SOCKET asock = accept(lsock, NULL, NULL);
            if (asock != INVALID_SOCKET) {
                ioctlsocket(asock, FIONBIO, &nonblock);
                fds[nfds].fd = asock;
                fds[nfds].events = POLLRDNORM;
                fds[nfds].revents = 0;
                clients[nfds].len = 0;
                nfds++;
                if (++served == wanted)
                    fds[0].events = 0;   // stop accepting (a negative fd would also do)
            } else if (WSAGetLastError() != WSAEWOULDBLOCK) {
                printf("accept failed: %d\n", WSAGetLastError());
                return 1;
            }
        }

        for (i = 1; i < nfds; i++) {
            SHORT re = fds[i].revents;
            BOOL closeit = FALSE;

            if (re & POLLWRNORM) {
                int n = send(fds[i].fd, clients[i].buf, clients[i].len, 0);
                if (n > 0) {
                    MoveMemory(clients[i].buf, clients[i].buf + n, clients[i].len - n);
                    clients[i].len -= n;
                } else if (WSAGetLastError() != WSAEWOULDBLOCK) {
                    closeit = TRUE;
                }
            } else if (re & (POLLRDNORM | POLLHUP)) {
                // POLLHUP with data still queued: read until recv reports the close
                int n = recv(fds[i].fd, clients[i].buf, BUFSIZE, 0);
                if (n > 0)
                    clients[i].len = n;
                else if (n == 0 || WSAGetLastError() != WSAEWOULDBLOCK)
                    closeit = TRUE;
            } else if (re & (POLLERR | POLLNVAL)) {
                closeit = TRUE;
            }

            if (closeit) {
                shutdown(fds[i].fd, SD_SEND);
                closesocket(fds[i].fd);
                fds[i] = fds[nfds - 1];
                clients[i] = clients[nfds - 1];
                nfds--;
                i--;
                continue;
            }
            fds[i].events = clients[i].len > 0 ? POLLWRNORM : POLLRDNORM;
        }
    }

    printf("served %d clients\n", served);
    closesocket(lsock);
    WSACleanup();
    return 0;
}
