/* ws2_32/send: send, recv, sendto, recvfrom (blocking and non-blocking). */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../handle/handle.h"

#include <inttypes.h>

/* Byte count, or SOCKET_ERROR with the slot set. A truncated datagram fills the buffer and
 * still fails (WSAEMSGSIZE). */
static inline int io_return(NTSTATUS st, int done)
{
	if (st == STATUS_SUCCESS)
		return done;
	ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
	return SOCKET_ERROR;
}

int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
{
	struct ls_handle *h;
	NTSTATUS st;
	int done = 0;

	LS_TRACE_CALL("%s, %p, %ld, %s", ls_trace_socket(s), (const void *)buf, (long)len, ls_trace_msg_flags(flags));
	if (__builtin_expect(!ls_ws2_started(), 0))
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (__builtin_expect(!h, 0))
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	st = ls_baseprov_send(h, buf, len, flags, NULL, 0, &done);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(io_return(st, done));
}

int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)
{
	struct ls_handle *h;
	NTSTATUS st;
	int done = 0;

	LS_TRACE_CALL("%s, %p, %ld, %s, %s, %ld", ls_trace_socket(s), (const void *)buf, (long)len,
		 ls_trace_msg_flags(flags), ls_trace_sockaddr(to, (long)tolen), (long)tolen);
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	st = ls_baseprov_send(h, buf, len, flags, to, tolen, &done);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(io_return(st, done));
}

int WSAAPI recv(SOCKET s, char *buf, int len, int flags)
{
	struct ls_handle *h;
	NTSTATUS st;
	int done = 0;

	LS_TRACE_CALL("%s, %p, %ld, %s", ls_trace_socket(s), (const void *)buf, (long)len, ls_trace_msg_flags(flags));
	if (__builtin_expect(!ls_ws2_started(), 0))
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (__builtin_expect(!h, 0))
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	st = ls_baseprov_recv(h, buf, len, flags, NULL, NULL, &done);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(io_return(st, done));
}

int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
	struct ls_handle *h;
	NTSTATUS st;
	int done = 0;

	LS_TRACE_CALL("%s, %p, %ld, %s, %p, %p", ls_trace_socket(s), (const void *)buf, (long)len,
		 ls_trace_msg_flags(flags), (const void *)from, (const void *)fromlen);
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	/* recvfrom with a NULL from: as recv (fromlen is then ignored, as on Windows). */
	st = ls_baseprov_recv(h, buf, len, flags, from, from ? fromlen : NULL, &done);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(io_return(st, done));
}
