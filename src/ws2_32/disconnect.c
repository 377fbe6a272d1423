/* ws2_32/disconnect: WSASendDisconnect and WSARecvDisconnect.
 *
 * Each is shutdown (SD_SEND, SD_RECEIVE) plus disconnect data for protocols that carry it. No
 * entry of our catalog has XP1_DISCONNECT_DATA, as none of Windows' TCP/IP entries has: "the
 * native implementation of TCP/IP on Windows does not support disconnect data" (both pages). So
 * a data buffer is refused with WSAENOPROTOOPT, the code both pages give for "not NULL, and the
 * disconnect data is not supported", after the pointer itself is checked (WSAEFAULT for one
 * outside the address space). Otherwise the rules are shutdown's: WSAENOTCONN for an
 * unconnected connection-oriented socket, success on a datagram socket; neither call blocks,
 * whatever SO_LINGER says. */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <inttypes.h>

/* The shared body: the data buffer's checks, then the shutdown. */
static NTSTATUS disconnect(struct ls_handle *h, const WSABUF *user_data, int how)
{
	WSABUF b;

	if (user_data) {
		if (ls_sys_copy_in(&b, user_data, sizeof b) != 0)
			return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT */
		return LS_STATUS_FROM_WSA(WSAENOPROTOOPT);
	}
	return ls_baseprov_shutdown(h, how);
}

int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %p", ls_trace_socket(s), (const void *)lpOutboundDisconnectData);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = disconnect(h, lpOutboundDisconnectData, SD_SEND);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %p", ls_trace_socket(s), (const void *)lpInboundDisconnectData);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = disconnect(h, lpInboundDisconnectData, SD_RECEIVE);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}
