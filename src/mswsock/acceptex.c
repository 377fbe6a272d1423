/* mswsock/acceptex: AcceptEx, GetAcceptExSockaddrs.
 *
 * The op (engine LS_OP_ACCEPT) waits in the listener's receive queue; the connection it takes
 * is moved onto the accept socket's fd number (dup3), so the SOCKET the program made stays the
 * connected socket. Completion goes to the listener's port, event or OVERLAPPED, as on Windows.
 *
 * Output buffer layout (ours; GetAcceptExSockaddrs is its only reader, and Wine uses the same):
 *   [0, dwReceiveDataLength)                     the first data received
 *   then a slot of dwLocalAddressLength bytes:   int length, then the local Windows sockaddr
 *   then a slot of dwRemoteAddressLength bytes:  int length, then the remote Windows sockaddr
 * Each slot thus needs 4 + sizeof(sockaddr of the family) bytes; Windows asks for 16 more than
 * the sockaddr. A slot too small for its address is left untouched.
 *
 * Validation, in Windows' order as recorded by Wine's test_AcceptEx (run on Windows):
 * listener no socket WSAENOTSOCK; not listening WSAEINVAL; accept socket no socket
 * WSAENOTSOCK; no OVERLAPPED ERROR_INVALID_PARAMETER; no buffer WSAEFAULT; a remote slot of 0
 * bytes WSAEFAULT (a short local slot, or a short non-zero remote one, is accepted and goes
 * pending); an AcceptEx already pending into the same accept socket WSAEINVAL. Ours, pinned by
 * test/api/AcceptEx.c: an accept socket that is bound, connected, listening or of another
 * family or type is WSAEINVAL. */
#include "msw.h"
#include "../ws2_32/ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../handle/handle.h"

#include <inttypes.h>
#include <string.h>

static BOOL fail(int code)
{
	ls_lasterr_set((uint32_t)code);
	return FALSE;
}

WINSOCK_API_LINKAGE BOOL PASCAL AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket, PVOID lpOutputBuffer,
					 DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
					 DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
					 LPOVERLAPPED lpOverlapped)
{
	struct ls_handle *l, *a = NULL;
	struct ls_op *op;
	uint32_t bytes = 0;
	NTSTATUS st;
	int code = 0;

	LS_TRACE_CALL("%s, %s, %p, %lu, %lu, %lu, %p, %p", ls_trace_socket(sListenSocket),
		 ls_trace_socket(sAcceptSocket), (const void *)lpOutputBuffer, (unsigned long)dwReceiveDataLength,
		 (unsigned long)dwLocalAddressLength, (unsigned long)dwRemoteAddressLength, (const void *)lpdwBytesReceived,
		 (const void *)lpOverlapped);
	if (!ls_ws2_started())
		return LS_TRACE_RET_BOOL(fail(WSANOTINITIALISED));
	l = ls_handle_get_socket(sListenSocket);
	if (!l)
		return LS_TRACE_RET_BOOL(fail(WSAENOTSOCK));
	if (!l->u.sock.listening) {
		code = WSAEINVAL;
		goto out;
	}
	a = ls_handle_get_socket(sAcceptSocket);
	if (!a) {
		code = WSAENOTSOCK;
		goto out;
	}
	if (!lpOverlapped) {
		code = ERROR_INVALID_PARAMETER;
		goto out;
	}
	if (!lpOutputBuffer || dwRemoteAddressLength == 0 ||
	    (uint64_t)dwReceiveDataLength + dwLocalAddressLength + dwRemoteAddressLength > INT32_MAX) {
		code = WSAEFAULT;
		goto out;
	}
	/* The record's flags suffice for "bound": a TCP socket is bound only by bind (which sets
	 * the flag), connect or listen (flags of their own); no kernel query on this hot path. */
	if (a == l || a->u.sock.af != l->u.sock.af || a->u.sock.type != l->u.sock.type || a->u.sock.listening ||
	    a->u.sock.connected || a->u.sock.connecting || a->u.sock.bound) {
		code = WSAEINVAL;
		goto out;
	}
	op = ls_engine_op_new(1);
	if (!op) {
		code = WSAENOBUFS;
		goto out;
	}
	op->kind = LS_OP_ACCEPT;
	op->stream = 1;
	op->iov[0].base = lpOutputBuffer;
	op->iov[0].len = dwReceiveDataLength;
	op->local_len = dwLocalAddressLength;
	op->remote_len = dwRemoteAddressLength;
	/* File-style completion: the OVERLAPPED's Offset is left alone (no receive flags). */
	st = ls_engine_op_prepare(op, l, lpOverlapped, NULL, LS_OP_API_FILE, 0);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		code = st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st);
		goto out;
	}
	if (ls_engine_accept_mark(a, l->fd) != 0) {
		ls_engine_op_unprepare(op);
		code = WSAEINVAL;	/* an AcceptEx into this socket is already pending */
		goto out;
	}
	ls_mswsock_reused_clear(a);
	/* The connection that lands on a is a copy of the listener's socket, SO_REUSEADDR and
	 * all: closesocket need not set it then (baseprov/sock.c sock_destroy). */
	a->u.sock.lx_reuse = l->u.sock.lx_reuse == 1 ? 2 : 0;
	ls_handle_hold(a);
	op->target = a;		/* released (and unmarked) with the op */
	st = ls_engine_start(op, &bytes, NULL);
	if (st == STATUS_SUCCESS) {
		if (lpdwBytesReceived)
			*lpdwBytesReceived = bytes;
		ls_handle_put(a);
		ls_handle_put(l);
		return LS_TRACE_RET_BOOL(TRUE);
	}
	code = ls_err_wsa_from_status(st);	/* STATUS_PENDING: WSA_IO_PENDING */
out:
	if (a)
		ls_handle_put(a);
	ls_handle_put(l);
	return LS_TRACE_RET_BOOL(fail(code));
}

WINSOCK_API_LINKAGE VOID PASCAL GetAcceptExSockaddrs(PVOID lpOutputBuffer, DWORD dwReceiveDataLength,
						     DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
						     struct sockaddr **LocalSockaddr, LPINT LocalSockaddrLength,
						     struct sockaddr **RemoteSockaddr, LPINT RemoteSockaddrLength)
{
	char *p = (char *)lpOutputBuffer;
	int n;

	LS_TRACE_CALL("%p, %lu, %lu, %lu, %p, %p, %p, %p", (const void *)lpOutputBuffer,
		 (unsigned long)dwReceiveDataLength, (unsigned long)dwLocalAddressLength,
		 (unsigned long)dwRemoteAddressLength, (const void *)LocalSockaddr, (const void *)LocalSockaddrLength,
		 (const void *)RemoteSockaddr, (const void *)RemoteSockaddrLength);
	/* A void function with no error channel: Windows reads the buffer as given. */
	if (!p || !LocalSockaddr || !LocalSockaddrLength || !RemoteSockaddr || !RemoteSockaddrLength)
		return;
	p += dwReceiveDataLength;
	memcpy(&n, p, sizeof n);
	*LocalSockaddr = (struct sockaddr *)(p + sizeof n);
	*LocalSockaddrLength = n;
	p += dwLocalAddressLength;
	memcpy(&n, p, sizeof n);
	*RemoteSockaddr = (struct sockaddr *)(p + sizeof n);
	*RemoteSockaddrLength = n;
}
