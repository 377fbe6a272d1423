/*
 * linsock.h - linsock-only extensions: handing sockets between Windows code and native Linux code.
 *
 * A linsock SOCKET is a Linux file descriptor, so native code may use it directly with poll,
 * read, write, sendfile, epoll... (the value converts with a cast). The other direction needs
 * the object table to learn about the fd: linsock_adopt_socket.
 *
 * This header uses only C basic types, so it can be included both by files that include
 * winsock2.h and by files that include <sys/socket.h> (the two must stay in separate
 * translation units: docs/design.md H). A SOCKET travels as uintptr_t.
 */
#ifndef LINSOCK_H
#define LINSOCK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LINSOCK_INVALID_SOCKET (~(uintptr_t)0)

/* Takes ownership of a native Linux socket fd (any family linsock's catalog knows: AF_INET,
 * AF_INET6, AF_UNIX stream; bound, listening or connected) and returns it as a Winsock SOCKET:
 * from then on Winsock functions work on it and closesocket closes it. The fd becomes
 * close-on-exec; its blocking mode is kept (a non-blocking fd is a FIONBIO socket). If fd is 0
 * it is moved to a higher number (a SOCKET is never 0), so use the returned value.
 * Failure: LINSOCK_INVALID_SOCKET with WSAGetLastError() = WSANOTINITIALISED (no WSAStartup),
 * WSAENOTSOCK (not a socket, or not open), WSAEINVAL (already a linsock object),
 * WSAEAFNOSUPPORT / WSAESOCKTNOSUPPORT / WSAEPROTONOSUPPORT (nothing in the catalog for it);
 * the caller still owns fd then. */
__attribute__((visibility("default"))) uintptr_t linsock_adopt_socket(int fd);

/* The Linux fd of a linsock SOCKET (the same number), or -1 if s is not a linsock socket. The
 * fd stays owned by linsock: do not close it natively. */
__attribute__((visibility("default"))) int linsock_socket_fd(uintptr_t s);

#ifdef __cplusplus
}
#endif

#endif /* LINSOCK_H */
