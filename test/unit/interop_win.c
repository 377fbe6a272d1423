/* Windows side of the native-interop tests (interop_native.c holds the tests): small helpers
 * with basic-typed signatures, so the Linux side can drive Winsock without its headers. */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "interop.h"

int iw_startup(void)
{
	WSADATA d;

	return WSAStartup(MAKEWORD(2, 2), &d);
}

int iw_cleanup(void)
{
	return WSACleanup();
}

int iw_last_error(void)
{
	return WSAGetLastError();
}

int iw_tcp_pair(uintptr_t *a, uintptr_t *b)
{
	struct sockaddr_in sa;
	int len = sizeof sa;
	SOCKET l = socket(AF_INET, SOCK_STREAM, 0), c, s;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&sa, sizeof sa))
		return -1;
	s = accept(l, NULL, NULL);
	closesocket(l);
	if (s == INVALID_SOCKET)
		return -1;
	*a = c;
	*b = s;
	return 0;
}

int iw_listener(uintptr_t *l_out, int *port)
{
	struct sockaddr_in sa;
	int len = sizeof sa;
	SOCKET l = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 4) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	*l_out = l;
	*port = ntohs(sa.sin_port);
	return 0;
}

uintptr_t iw_accept(uintptr_t l)
{
	return accept(l, NULL, NULL);
}

int iw_connect_loopback(uintptr_t s, int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((u_short)port);
	return connect(s, (struct sockaddr *)&sa, sizeof sa);
}

int iw_send(uintptr_t s, const char *buf, int len)
{
	return send(s, buf, len, 0);
}

int iw_recv(uintptr_t s, char *buf, int len)
{
	return recv(s, buf, len, 0);
}

int iw_peer_port(uintptr_t s)
{
	struct sockaddr_in sa;
	int len = sizeof sa;

	if (getpeername(s, (struct sockaddr *)&sa, &len))
		return -1;
	return sa.sin_family == AF_INET ? ntohs(sa.sin_port) : -1;
}

int iw_socket_type(uintptr_t s)
{
	int type = 0, len = sizeof type;

	if (getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len))
		return -1;
	return type;
}

int iw_close(uintptr_t s)
{
	return closesocket(s);
}

int iw_wouldblock(void)
{
	return WSAEWOULDBLOCK;
}

int iw_code(const char *name)
{
	if (!strcmp(name, "WSAENOTSOCK"))
		return WSAENOTSOCK;
	if (!strcmp(name, "WSAEINVAL"))
		return WSAEINVAL;
	if (!strcmp(name, "WSANOTINITIALISED"))
		return WSANOTINITIALISED;
	return -1;
}
