/* ws2_32/sockopt: getsockopt, setsockopt, ioctlsocket. */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../handle/handle.h"

#include <inttypes.h>

int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %p, %p", ls_trace_socket(s), ls_trace_sockopt(level, optname), (const void *)optval,
		 (const void *)optlen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_getsockopt(h, level, optname, optval, optlen);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %p, %ld", ls_trace_socket(s), ls_trace_sockopt(level, optname), (const void *)optval,
		 (long)optlen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_setsockopt(h, level, optname, optval, optlen);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long *argp)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %p", ls_trace_socket(s), ls_trace_ioctl((unsigned long)cmd), (const void *)argp);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_ioctl(h, cmd, argp);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}
