/* mswsock/recvex: WSARecvEx, mswsock.dll's receive that reports partial messages.
 *
 * recv with *flags as an output only: the value it points to is ignored on input (no flags can
 * change the call), and on return it is MSG_PARTIAL when a message-oriented socket received
 * only part of a message, 0 otherwise (WSARecvEx page). A stream socket behaves exactly as recv
 * (MSG_PARTIAL never set; a graceful close returns 0). A datagram bigger than the buffer, where
 * recv fills the buffer and fails with WSAEMSGSIZE, is here a success: the buffer's length with
 * MSG_PARTIAL. Windows' UDP keeps no remainder (its entries lack XP1_PARTIAL_MESSAGE,
 * data-transfer.md §7), so the rest of that datagram is gone, as with recv. Errors are recv's
 * (WSAEWOULDBLOCK, WSAESHUTDOWN, WSAENOTCONN, WSAEINVAL for an unbound datagram socket...);
 * flags itself must be writable (WSAEFAULT), checked before anything is consumed. */
#include "msw.h"
#include "../ws2_32/ws2.h"
#include "../baseprov/baseprov.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <inttypes.h>

int PASCAL WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
	struct ls_handle *h;
	NTSTATUS st;
	int done = 0, out = 0, in;

	LS_TRACE_CALL("%s, %p, %ld, %p", ls_trace_socket(s), (const void *)buf, (long)len, (const void *)flags);
	LS_WS2_SOCKET_PROLOG(h, s);
	/* Read and written back unchanged: the pointer must be valid both ways, and a failure
	 * found here consumes no data. */
	if (ls_sys_copy_in(&in, flags, sizeof in) != 0 || ls_sys_copy_out(flags, &in, sizeof in) != 0) {
		ls_handle_put(h);
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));
	}
	st = ls_baseprov_recv(h, buf, len, 0, NULL, NULL, &done);
	if (st == STATUS_BUFFER_OVERFLOW && h->u.sock.type != SOCK_STREAM) {
		out = MSG_PARTIAL;	/* the buffer holds the message's first len bytes */
		st = STATUS_SUCCESS;
	}
	ls_handle_put(h);
	if (st != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	ls_sys_copy_out(flags, &out, sizeof out);
	return LS_TRACE_RET_INT(done);
}
