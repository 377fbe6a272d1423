/* A name-resolution tool, written from scratch: forward lookups with getaddrinfo
 * (AI_CANONNAME, every family and socket type, printed with getnameinfo and
 * WSAAddressToString) and reverse lookups with getnameinfo (NI_NAMEREQD). Cleanup runs in
 * __try/__finally blocks, as MSVC-era tools write it.
 * usage: resolver name [service]      forward
 *        resolver -x address          reverse */
#define WIN32_LEAN_AND_MEAN
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <Windows.h>
#include <stdio.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

static const char *FamilyName(int af)
{
    switch (af) {
    case AF_INET:  return "AF_INET";
    case AF_INET6: return "AF_INET6";
    default:       return "AF_?";
    }
}

static const char *TypeName(int type)
{
    switch (type) {
    case SOCK_STREAM: return "SOCK_STREAM";
    case SOCK_DGRAM:  return "SOCK_DGRAM";
    case SOCK_RAW:    return "SOCK_RAW";
    case 0:           return "(any type)";
    default:          return "SOCK_?";
    }
}

static int Forward(const char *name, const char *service)
{
    ADDRINFOA hints, *result = NULL, *ai;
    int rc = 1, err;

    __try {
        ZeroMemory(&hints, sizeof(hints));
        hints.ai_family = AF_UNSPEC;
        hints.ai_flags = AI_CANONNAME;
        err = getaddrinfo(name, service, &hints, &result);
        if (err != 0) {
            printf("getaddrinfo failed with error %d: %s\n", err, gai_strerror(err));
            __leave;
        }
        if (result->ai_canonname != NULL)
            printf("canonical name: %s\n", result->ai_canonname);
        for (ai = result; ai != NULL; ai = ai->ai_next) {
            char host[NI_MAXHOST], serv[NI_MAXSERV], text[INET6_ADDRSTRLEN + 16];
            DWORD textLen = sizeof(text);

            err = getnameinfo(ai->ai_addr, (socklen_t)ai->ai_addrlen, host, sizeof(host),
                              serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
            if (err != 0) {
                printf("getnameinfo failed with error %d\n", err);
                __leave;
            }
            if (WSAAddressToStringA(ai->ai_addr, (DWORD)ai->ai_addrlen, NULL, text, &textLen) != 0) {
                printf("WSAAddressToString failed with error %d\n", WSAGetLastError());
                __leave;
            }
            printf("%-8s %-11s %-15s port %-5s (%s)\n", FamilyName(ai->ai_family),
                   TypeName(ai->ai_socktype), host, serv, text);
        }
        rc = 0;
    }
    __finally {
        if (result != NULL)
            freeaddrinfo(result);
    }
    return rc;
}

static int Reverse(const char *address)
{
    SOCKADDR_STORAGE ss;
    INT len = sizeof(ss);
    char host[NI_MAXHOST];
    int err;

    ZeroMemory(&ss, sizeof(ss));
    // WSAStringToAddress parses both families; try IPv4 first, then IPv6
    ss.ss_family = AF_INET;
    if (WSAStringToAddressA((LPSTR)address, AF_INET, NULL, (LPSOCKADDR)&ss, &len) != 0) {
        len = sizeof(ss);
        ss.ss_family = AF_INET6;
        if (WSAStringToAddressA((LPSTR)address, AF_INET6, NULL, (LPSOCKADDR)&ss, &len) != 0) {
            printf("%s: not an address (error %d)\n", address, WSAGetLastError());
            return 1;
        }
    }
    err = getnameinfo((SOCKADDR *)&ss, len, host, sizeof(host), NULL, 0, NI_NAMEREQD);
    if (err != 0) {
        printf("getnameinfo failed with error %d: %s\n", err, gai_strerror(err));
        return 1;
    }
    printf("%s is %s\n", address, host);
    return 0;
}

int __cdecl main(int argc, char **argv)
{
    WSADATA wsaData;
    int rc = 1;

    if (argc < 2) {
        printf("usage: %s name [service] | %s -x address\n", argv[0], argv[0]);
        return 1;
    }
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    __try {
        if (strcmp(argv[1], "-x") == 0 && argc > 2)
            rc = Reverse(argv[2]);
        else
            rc = Forward(argv[1], argc > 2 ? argv[2] : NULL);
    }
    __finally {
        WSACleanup();
    }
    return rc;
}
