/* ws2_32/interop: linsock_adopt_socket and linsock_socket_fd (include/linsock.h), the
 * linsock-only bridge between native Linux sockets and Winsock. */
#include "ws2.h"
#include "../baseprov/baseprov.h"

#include <linsock.h>

uintptr_t linsock_adopt_socket(int fd)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%ld", (long)fd);
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_SOCKET(LINSOCK_INVALID_SOCKET);
	}
	h = ls_handle_get(fd);
	if (h) {
		ls_handle_put(h);
		ls_lasterr_set(WSAEINVAL);	/* already ours: adopting twice would close it twice */
		return LS_TRACE_RET_SOCKET(LINSOCK_INVALID_SOCKET);
	}
	st = fd < 0 ? STATUS_INVALID_HANDLE : ls_baseprov_adopt(fd, &h);
	if (st != STATUS_SUCCESS) {
		ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
		return LS_TRACE_RET_SOCKET(LINSOCK_INVALID_SOCKET);
	}
	fd = h->fd;
	ls_handle_put(h);
	return LS_TRACE_RET_SOCKET((uintptr_t)fd);
}

int linsock_socket_fd(uintptr_t s)
{
	struct ls_handle *h = ls_handle_get_socket(s);
	int fd;

	LS_TRACE_CALL("%#lx", (unsigned long)s);
	if (!h)
		return LS_TRACE_RET_INT(-1);
	fd = h->fd;
	ls_handle_put(h);
	return LS_TRACE_RET_INT(fd);
}
