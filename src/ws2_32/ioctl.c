/* ws2_32/ioctl: WSAIoctl.
 *
 * Codes (spec constants.md §11): FIONBIO/FIONREAD/SIOCATMARK as ioctlsocket (the base
 * provider's ls_baseprov_ioctl); SIO_GET_EXTENSION_FUNCTION_POINTER for AcceptEx,
 * GetAcceptExSockaddrs, ConnectEx, DisconnectEx, TransmitFile, TransmitPackets, WSARecvMsg,
 * WSASendMsg and WSAPoll (any other GUID is WSAEINVAL, Windows' answer for an unknown GUID);
 * SIO_KEEPALIVE_VALS;
 * SIO_LOOPBACK_FAST_PATH (accepted, nothing to do: loopback is already fast on Linux);
 * SIO_BASE_HANDLE and SIO_BSP_HANDLE(_SELECT/_POLL), which name the socket itself (linsock has
 * no layered providers over its base sockets). Any other code: WSAEOPNOTSUPP.
 * An output buffer too small is WSAEFAULT. With an OVERLAPPED on an overlapped socket the call
 * completes at once and its completion is still delivered (port, event or routine), as
 * Windows' immediate completions are (data-transfer.md §4). */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../mswsock/msw.h"

#include <mstcpip.h>
#include <inttypes.h>
#include <string.h>

static int guid_is(const GUID *g, const GUID *want)
{
	return memcmp(g, want, sizeof *g) == 0;
}

/* The extension function for a GUID, or NULL. */
static void *extension(const GUID *g)
{
	static const GUID acceptex = WSAID_ACCEPTEX, sockaddrs = WSAID_GETACCEPTEXSOCKADDRS,
			  connectex = WSAID_CONNECTEX, disconnectex = WSAID_DISCONNECTEX, poll = WSAID_WSAPOLL,
			  transmitfile = WSAID_TRANSMITFILE, transmitpackets = WSAID_TRANSMITPACKETS,
			  recvmsg = WSAID_WSARECVMSG, sendmsg = WSAID_WSASENDMSG;

	if (guid_is(g, &acceptex))
		return (void *)(LPFN_ACCEPTEX)AcceptEx;
	if (guid_is(g, &sockaddrs))
		return (void *)(LPFN_GETACCEPTEXSOCKADDRS)GetAcceptExSockaddrs;
	if (guid_is(g, &connectex))
		return (void *)(LPFN_CONNECTEX)ls_mswsock_connectex;
	if (guid_is(g, &disconnectex))
		return (void *)(LPFN_DISCONNECTEX)ls_mswsock_disconnectex;
	if (guid_is(g, &transmitfile))
		return (void *)(LPFN_TRANSMITFILE)TransmitFile;
	if (guid_is(g, &transmitpackets))
		return (void *)(LPFN_TRANSMITPACKETS)ls_mswsock_transmitpackets;
	if (guid_is(g, &recvmsg))
		return (void *)(LPFN_WSARECVMSG)ls_mswsock_wsarecvmsg;
	if (guid_is(g, &sendmsg))
		return (void *)(LPFN_WSASENDMSG)WSASendMsg;
	if (guid_is(g, &poll))
		return (void *)(LPFN_WSAPOLL)WSAPoll;
	return NULL;
}

/* Writes an output value of n bytes: WSAEFAULT's status if it does not fit. */
static NTSTATUS put_out(void *out, DWORD outlen, const void *v, DWORD n, DWORD *done)
{
	if (!out || outlen < n || ls_sys_copy_out(out, v, n) != 0)
		return STATUS_ACCESS_VIOLATION;
	*done = n;
	return STATUS_SUCCESS;
}

static NTSTATUS ioctl_one(SOCKET s, struct ls_handle *h, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen,
			  DWORD *done)
{
	u_long v;
	NTSTATUS st;

	switch (code) {
	case (DWORD)FIONBIO:
		if (!in || inlen < sizeof v || ls_sys_copy_in(&v, in, sizeof v) != 0)
			return STATUS_ACCESS_VIOLATION;
		return ls_baseprov_ioctl(h, FIONBIO, &v);
	case (DWORD)FIONREAD:
	case (DWORD)SIOCATMARK:
		if (!out || outlen < sizeof v)
			return STATUS_ACCESS_VIOLATION;
		st = ls_baseprov_ioctl(h, (long)code, &v);
		return st != STATUS_SUCCESS ? st : put_out(out, outlen, &v, sizeof v, done);
	case SIO_GET_EXTENSION_FUNCTION_POINTER: {
		GUID g;
		void *fn;
		if (!in || inlen < sizeof g || ls_sys_copy_in(&g, in, sizeof g) != 0)
			return STATUS_ACCESS_VIOLATION;
		fn = extension(&g);
		if (!fn)
			return STATUS_INVALID_PARAMETER;	/* WSAEINVAL: unknown GUID */
		return put_out(out, outlen, &fn, sizeof fn, done);
	}
	case SIO_KEEPALIVE_VALS: {
		struct tcp_keepalive k;
		if (!in || inlen < sizeof k || ls_sys_copy_in(&k, in, sizeof k) != 0)
			return STATUS_ACCESS_VIOLATION;
		return ls_baseprov_keepalive(h, k.onoff != 0, k.keepalivetime, k.keepaliveinterval);
	}
	case SIO_LOOPBACK_FAST_PATH: {
		DWORD on;
		if (!in || inlen < sizeof on || ls_sys_copy_in(&on, in, sizeof on) != 0)
			return STATUS_ACCESS_VIOLATION;
		return STATUS_SUCCESS;
	}
	case SIO_BASE_HANDLE:
	case SIO_BSP_HANDLE:
	case SIO_BSP_HANDLE_SELECT:
	case SIO_BSP_HANDLE_POLL:
		return put_out(out, outlen, &s, sizeof s, done);
	default:
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP */
	}
}

int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer,
		    DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
		    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct ls_handle *h;
	DWORD done = 0;
	NTSTATUS st;

	LS_TRACE("s=%" PRIuPTR " code=0x%x in=%p inlen=%u out=%p outlen=%u ret=%p ov=%p routine=%p", (uintptr_t)s,
		 (unsigned)dwIoControlCode, lpvInBuffer, (unsigned)cbInBuffer, lpvOutBuffer, (unsigned)cbOutBuffer,
		 (void *)lpcbBytesReturned, (void *)lpOverlapped, (void *)lpCompletionRoutine);
	LS_WS2_SOCKET_PROLOG(h, s);
	if (!lpOverlapped && !lpcbBytesReturned) {
		ls_handle_put(h);
		return ls_ws2_fail(WSAEFAULT);	/* the count is required for a synchronous call */
	}
	st = ioctl_one(s, h, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer, cbOutBuffer, &done);
	if (lpcbBytesReturned)
		*lpcbBytesReturned = done;
	if (lpOverlapped && h->u.sock.overlapped && st == STATUS_SUCCESS) {
		/* Done at once, still delivered (a failure delivers nothing, as a failed start). */
		struct ls_op *op = ls_engine_op_new(0);
		if (!op) {
			st = STATUS_INSUFFICIENT_RESOURCES;
		} else {
			st = ls_engine_op_prepare(op, h, lpOverlapped, (void *)lpCompletionRoutine, LS_OP_API_WSA, 0);
			if (st != STATUS_SUCCESS) {
				ls_engine_op_free(op);
				if (st == STATUS_INVALID_HANDLE) {
					ls_handle_put(h);
					return ls_ws2_fail(WSA_INVALID_HANDLE);
				}
			} else {
				st = ls_engine_complete_now(op, STATUS_SUCCESS, done);
			}
		}
	}
	ls_handle_put(h);
	return ls_ws2_return(st);
}
