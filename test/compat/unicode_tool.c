/* A UNICODE build (-DUNICODE -D_UNICODE): every string is a TCHAR string, so the generic names
 * resolve to the wide functions: GetAddrInfo(W), GetNameInfo(W), InetPton(W), InetNtop(W),
 * WSAAddressToString(W), WSAStringToAddress(W), WSASocket(W). It runs a loopback round trip
 * on the address given on its command line and sends a UTF-16 message with non-ASCII
 * characters through it. Written from scratch.
 * usage: unicode_tool [address]     (default 127.0.0.1; ::1 works too) */
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <tchar.h>
#include <stdio.h>
#include <string.h>

#pragma comment(lib, "ws2_32.lib")

static const TCHAR g_message[] = _T("h\u00e9llo, w\u00f6rld \u2014 \u00fcnicode");

static int Fail(const TCHAR *what)
{
    _tprintf(_T("%s failed with error %d\n"), what, WSAGetLastError());
    return 1;
}

int _tmain(int argc, _TCHAR *argv[])
{
    WSADATA wsaData;
    ADDRINFOT hints, *res = NULL;
    SOCKET ls, cs, as;
    SOCKADDR_STORAGE ss, parsed;
    INT ssLen = sizeof(ss), parsedLen = sizeof(parsed);
    TCHAR text[INET6_ADDRSTRLEN + 16], host[NI_MAXHOST], serv[NI_MAXSERV], ntop[INET6_ADDRSTRLEN];
    DWORD textLen = _countof(text);
    const TCHAR *addr = argc > 1 ? argv[1] : _T("127.0.0.1");
    BYTE binary[16];
    TCHAR received[64];
    int got = 0, n, rc;

    if ((rc = WSAStartup(MAKEWORD(2, 2), &wsaData)) != 0) {
        _tprintf(_T("WSAStartup failed with error %d\n"), rc);
        return 1;
    }

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    if ((rc = GetAddrInfo(addr, _T("0"), &hints, &res)) != 0) {
        _tprintf(_T("GetAddrInfo(%s) failed with error %d\n"), addr, rc);
        return 1;
    }

    ls = WSASocket(res->ai_family, res->ai_socktype, res->ai_protocol, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (ls == INVALID_SOCKET)
        return Fail(_T("WSASocket"));
    if (bind(ls, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR || listen(ls, 1) == SOCKET_ERROR)
        return Fail(_T("bind/listen"));
    FreeAddrInfo(res);

    if (getsockname(ls, (SOCKADDR *)&ss, &ssLen) == SOCKET_ERROR)
        return Fail(_T("getsockname"));
    if (WSAAddressToString((LPSOCKADDR)&ss, ssLen, NULL, text, &textLen) == SOCKET_ERROR)
        return Fail(_T("WSAAddressToString"));
    _tprintf(_T("listening at %s\n"), text);

    // The printed form parses back to the same address
    if (WSAStringToAddress(text, ss.ss_family, NULL, (LPSOCKADDR)&parsed, &parsedLen) == SOCKET_ERROR)
        return Fail(_T("WSAStringToAddress"));
    if (parsedLen != ssLen || memcmp(&parsed, &ss, ssLen) != 0) {
        _tprintf(_T("WSAStringToAddress(%s) gave another address\n"), text);
        return 1;
    }

    // InetPton and InetNtop round trip on the bare address
    if (InetPton(ss.ss_family, addr, binary) != 1)
        return Fail(_T("InetPton"));
    if (InetNtop(ss.ss_family, binary, ntop, _countof(ntop)) == NULL)
        return Fail(_T("InetNtop"));
    _tprintf(_T("InetNtop: %s\n"), ntop);

    cs = socket(ss.ss_family, SOCK_STREAM, IPPROTO_TCP);
    if (cs == INVALID_SOCKET || connect(cs, (SOCKADDR *)&ss, ssLen) == SOCKET_ERROR)
        return Fail(_T("connect"));
    as = accept(ls, (SOCKADDR *)&parsed, &parsedLen);
    if (as == INVALID_SOCKET)
        return Fail(_T("accept"));
    if (GetNameInfo((SOCKADDR *)&parsed, parsedLen, host, NI_MAXHOST, serv, NI_MAXSERV,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return Fail(_T("GetNameInfo"));
    _tprintf(_T("accepted %s port %s\n"), host, serv);

    // Send the wide message as bytes, terminator included
    if (send(cs, (const char *)g_message, (int)sizeof(g_message), 0) != (int)sizeof(g_message))
        return Fail(_T("send"));
    shutdown(cs, SD_SEND);
    while ((n = recv(as, (char *)received + got, (int)sizeof(received) - got, 0)) > 0)
        got += n;
    if (n == SOCKET_ERROR)
        return Fail(_T("recv"));
    if (got != (int)sizeof(g_message) || _tcscmp(received, g_message) != 0) {
        _tprintf(_T("received %d bytes, not the message\n"), got);
        return 1;
    }
    _tprintf(_T("received %d bytes: %s\n"), got, received);
    _tprintf(_T("round trip ok\n"));

    closesocket(as);
    closesocket(cs);
    closesocket(ls);
    WSACleanup();
    return 0;
}
