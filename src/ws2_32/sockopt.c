/* ws2_32/sockopt: getsockopt, setsockopt, ioctlsocket. */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../handle/handle.h"

#include <inttypes.h>

int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE("s=%" PRIuPTR " level=0x%x name=0x%x optval=%p optlen=%p", (uintptr_t)s, level, optname,
		 (void *)optval, (void *)optlen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_getsockopt(h, level, optname, optval, optlen);
	ls_handle_put(h);
	return ls_ws2_return(st);
}

int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE("s=%" PRIuPTR " level=0x%x name=0x%x optval=%p optlen=%d", (uintptr_t)s, level, optname,
		 (const void *)optval, optlen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_setsockopt(h, level, optname, optval, optlen);
	ls_handle_put(h);
	return ls_ws2_return(st);
}

int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long *argp)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE("s=%" PRIuPTR " cmd=0x%x argp=%p", (uintptr_t)s, (unsigned)cmd, (void *)argp);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_ioctl(h, cmd, argp);
	ls_handle_put(h);
	return ls_ws2_return(st);
}
