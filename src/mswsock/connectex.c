/* mswsock/connectex: ConnectEx and DisconnectEx, reached through WSAIoctl's
 * SIO_GET_EXTENSION_FUNCTION_POINTER (Windows exports neither by name).
 *
 * ConnectEx (engine LS_OP_CONNECT, send direction): a bound stream socket starts a
 * non-blocking connect now; the op completes when the socket is writable, SO_ERROR deciding,
 * then sends the optional buffer whole. A refused connection completes with
 * STATUS_CONNECTION_REFUSED: ERROR_CONNECTION_REFUSED from GetOverlappedResult, WSAECONNREFUSED
 * from WSAGetOverlappedResult (Wine's test_ConnectEx, run on Windows, for the first). Windows'
 * order (same source): no socket WSAENOTSOCK; unbound WSAEINVAL; no OVERLAPPED
 * ERROR_INVALID_PARAMETER.
 *
 * DisconnectEx: shutdown(SD_SEND), completed at once (TRUE; the completion is still delivered).
 * TF_REUSE_SOCKET then puts a fresh socket under the same SOCKET (reuse.c), ready for AcceptEx
 * or ConnectEx. Not connected: WSAENOTCONN. */
#include "msw.h"
#include "../ws2_32/ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../handle/handle.h"

#include <inttypes.h>

static BOOL fail(int code)
{
	ls_lasterr_set((uint32_t)code);
	return FALSE;
}

BOOL PASCAL ls_mswsock_connectex(SOCKET s, const struct sockaddr *name, int namelen, PVOID lpSendBuffer,
				 DWORD dwSendDataLength, LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped)
{
	struct ls_handle *h;
	struct ls_op *op;
	uint32_t bytes = 0;
	NTSTATUS st, failed = STATUS_SUCCESS;
	int code, phase = 0;

	LS_TRACE_CALL("%s, %s, %ld, %p, %lu, %p, %p", ls_trace_socket(s), ls_trace_sockaddr(name, (long)namelen),
		 (long)namelen, (const void *)lpSendBuffer, (unsigned long)dwSendDataLength, (const void *)lpdwBytesSent,
		 (const void *)lpOverlapped);
	if (!ls_ws2_started())
		return LS_TRACE_RET_BOOL(fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_BOOL(fail(WSAENOTSOCK));
	/* A socket made reusable (TF_REUSE_SOCKET, reuse.c) needs no new bind: Linux picks the
	 * local address at connect. */
	if ((!ls_baseprov_is_bound(h) && !ls_mswsock_reused(h)) || h->u.sock.listening) {
		code = WSAEINVAL;
		goto out;
	}
	if (!lpOverlapped) {
		code = ERROR_INVALID_PARAMETER;
		goto out;
	}
	if (!name || (dwSendDataLength && !lpSendBuffer)) {
		code = WSAEFAULT;
		goto out;
	}
	op = ls_engine_op_new(dwSendDataLength ? 1 : 0);
	if (!op) {
		code = WSAENOBUFS;
		goto out;
	}
	if (dwSendDataLength) {
		op->iov[0].base = lpSendBuffer;
		op->iov[0].len = dwSendDataLength;
	}
	op->kind = LS_OP_CONNECT;
	op->stream = 1;
	st = ls_engine_op_prepare(op, h, lpOverlapped, NULL, LS_OP_API_FILE, 0);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		code = st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st);
		goto out;
	}
	st = ls_baseprov_connect_start(h, name, namelen, &phase, &failed);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_unprepare(op);
		code = ls_err_wsa_from_status(st);
		goto out;
	}
	ls_mswsock_reused_clear(h);
	op->phase = (uint8_t)phase;
	op->status = failed;
	st = ls_engine_start(op, &bytes, NULL);
	if (st == STATUS_SUCCESS) {
		if (lpdwBytesSent)
			*lpdwBytesSent = bytes;
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(TRUE);
	}
	code = ls_err_wsa_from_status(st);	/* STATUS_PENDING: WSA_IO_PENDING */
out:
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(fail(code));
}

BOOL PASCAL ls_mswsock_disconnectex(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags, DWORD dwReserved)
{
	struct ls_handle *h;
	struct ls_op *op;
	NTSTATUS st;
	int code;

	LS_TRACE_CALL("%s, %p, %s, %lu", ls_trace_socket(s), (const void *)lpOverlapped, ls_trace_tf_flags(dwFlags),
		 (unsigned long)dwReserved);
	if (!ls_ws2_started())
		return LS_TRACE_RET_BOOL(fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_BOOL(fail(WSAENOTSOCK));
	if (dwReserved || (dwFlags & ~(DWORD)TF_REUSE_SOCKET)) {
		code = WSAEINVAL;
		goto out;
	}
	st = ls_baseprov_getpeername(h, NULL, NULL);
	if (st == STATUS_ACCESS_VIOLATION)
		st = STATUS_SUCCESS;	/* connected: only the (absent) output buffer was refused */
	if (st == STATUS_SUCCESS)
		st = ls_baseprov_shutdown(h, SD_SEND);
	if (st == STATUS_SUCCESS && (dwFlags & TF_REUSE_SOCKET))
		st = ls_mswsock_reuse(h, 0);
	if (st != STATUS_SUCCESS || !lpOverlapped) {
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(st == STATUS_SUCCESS ? TRUE : fail(ls_err_wsa_from_status(st)));
	}
	op = ls_engine_op_new(0);
	if (!op) {
		code = WSAENOBUFS;
		goto out;
	}
	st = ls_engine_op_prepare(op, h, lpOverlapped, NULL, LS_OP_API_FILE, 0);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		code = st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st);
		goto out;
	}
	ls_engine_complete_now(op, STATUS_SUCCESS, 0);
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(TRUE);
out:
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(fail(code));
}
