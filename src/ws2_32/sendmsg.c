/* ws2_32/sendmsg: WSASendMsg (exported by ws2_32, and through WSAID_WSASENDMSG).
 *
 * A send with a destination and control data from a WSAMSG, on datagram and raw sockets
 * (stream sockets are WSAEOPNOTSUPP, as the documentation says). Control data is rewritten in
 * Linux form before the send (WSACMSGHDR has Linux's cmsghdr layout on x64):
 *   IPPROTO_IP/IP_PKTINFO (IN_PKTINFO: source address, interface)
 *     -> SOL_IP/IP_PKTINFO (in_pktinfo: ipi_ifindex, ipi_spec_dst = the source, addr 0)
 *   IPPROTO_IPV6/IPV6_PKTINFO (IN6_PKTINFO) -> SOL_IPV6/IPV6_PKTINFO (same layout)
 * Any other control message, or a malformed one, is WSAEINVAL.
 *
 * Modes as WSASend: without an OVERLAPPED (or on a socket without the overlapped attribute)
 * the send is made now, blocking as the socket is; otherwise an engine LS_OP_SEND whose
 * message carries the converted control data (kept in the op's tail). */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../err/linux.h"
#include "../handle/handle.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define MAX_BUFS 1024
#define LCTL 80		/* Linux control bytes: an IPv4 and an IPv6 PKTINFO fit; keeps small ops cached */
#define HDR 16
#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)

/* Windows control data (the caller's, wlen bytes) into Linux form in l (LCTL bytes).
 * *llen gets the size. STATUS_SUCCESS, STATUS_INVALID_PARAMETER or STATUS_ACCESS_VIOLATION. */
static NTSTATUS cmsgs_to_linux(const char *wbuf, ULONG wlen, char *l, size_t *llen)
{
	unsigned char w[HDR + 32];
	size_t off = 0, lo = 0;

	while (off < wlen) {
		SIZE_T clen;
		int level, type, ltype;
		size_t n, dl;
		unsigned char d[20];

		if (wlen - off < HDR || ls_sys_copy_in(w, wbuf + off, HDR) != 0)
			return wlen - off < HDR ? STATUS_INVALID_PARAMETER : STATUS_ACCESS_VIOLATION;
		memcpy(&clen, w, sizeof clen);
		memcpy(&level, w + 8, 4);
		memcpy(&type, w + 12, 4);
		if (clen < HDR || clen > wlen - off)
			return STATUS_INVALID_PARAMETER;
		n = clen - HDR;
		if (level == IPPROTO_IP && type == IP_PKTINFO && n == 8) {
			unsigned char in[8];
			if (ls_sys_copy_in(in, wbuf + off + HDR, 8) != 0)
				return STATUS_ACCESS_VIOLATION;
			memcpy(d, in + 4, 4);		/* ipi_ifindex */
			memcpy(d + 4, in, 4);		/* ipi_spec_dst: the source to use */
			memset(d + 8, 0, 4);		/* ipi_addr: ignored on send */
			dl = 12;
			level = LX_SOL_IP;
			ltype = LX_IP_PKTINFO;
		} else if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO && n == 20) {
			if (ls_sys_copy_in(d, wbuf + off + HDR, 20) != 0)
				return STATUS_ACCESS_VIOLATION;
			dl = 20;
			level = LX_SOL_IPV6;
			ltype = LX_IPV6_PKTINFO;
		} else {
			return STATUS_INVALID_PARAMETER;
		}
		if (lo + ALIGN8(HDR + dl) > LCTL)
			return STATUS_INVALID_PARAMETER;
		{
			size_t ll = HDR + dl;
			memset(l + lo, 0, ALIGN8(ll));
			memcpy(l + lo, &ll, sizeof ll);
			memcpy(l + lo + 8, &level, 4);
			memcpy(l + lo + 12, &ltype, 4);
			memcpy(l + lo + HDR, d, dl);
			lo += ALIGN8(ll);
		}
		off += ALIGN8(clen);
	}
	*llen = lo;
	return STATUS_SUCCESS;
}

int WSAAPI WSASendMsg(SOCKET Handle, LPWSAMSG lpMsg, DWORD dwFlags, LPDWORD lpNumberOfBytesSent,
		      LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct ls_handle *h;
	struct ls_op *op;
	WSAMSG w;
	WSABUF b;
	uint32_t done = 0, slots;
	size_t llen = 0;
	char *lctl;
	NTSTATUS st;
	int lflags = 0, overlapped;

	LS_TRACE_CALL("%s, %p, %s, %p, %p, %p", ls_trace_socket(Handle), (void *)lpMsg,
		      ls_trace_msg_flags((int)dwFlags), (void *)lpNumberOfBytesSent, (void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	LS_WS2_SOCKET_PROLOG(h, Handle);
	overlapped = lpOverlapped && h->u.sock.overlapped;
	if (!lpMsg || ls_sys_copy_in(&w, lpMsg, sizeof w) != 0 || (!overlapped && !lpNumberOfBytesSent) ||
	    (w.dwBufferCount && !w.lpBuffers) || (w.Control.len && !w.Control.buf)) {
		ls_handle_put(h);
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));
	}
	if (h->u.sock.type == SOCK_STREAM) {
		ls_handle_put(h);
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEOPNOTSUPP));	/* datagram and raw sockets only */
	}
	if (w.dwBufferCount > MAX_BUFS) {
		ls_handle_put(h);
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEINVAL));
	}
	st = ls_baseprov_send_prep(h, (int)dwFlags, &lflags);
	if (st != STATUS_SUCCESS)
		goto out;
	slots = (LCTL + sizeof(struct ls_sys_iov) - 1) / sizeof(struct ls_sys_iov);
	op = ls_engine_op_new(w.dwBufferCount + slots);
	if (!op) {
		st = STATUS_INSUFFICIENT_RESOURCES;
		goto out;
	}
	op->niov = w.dwBufferCount;
	lctl = (char *)(op->iov + w.dwBufferCount);
	for (DWORD i = 0; st == STATUS_SUCCESS && i < w.dwBufferCount; i++) {
		if (ls_sys_copy_in(&b, &w.lpBuffers[i], sizeof b) != 0) {
			st = STATUS_ACCESS_VIOLATION;
			break;
		}
		op->iov[i].base = b.buf;
		op->iov[i].len = b.len;
	}
	if (st == STATUS_SUCCESS)
		st = cmsgs_to_linux(w.Control.buf, w.Control.len, lctl, &llen);
	if (st == STATUS_SUCCESS)
		st = ls_baseprov_send_dest(h, w.name, w.namelen, &op->addr);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		goto out;
	}
	op->msg.control = llen ? lctl : NULL;
	op->msg.controllen = llen;
	if (!overlapped) {
		long r;
		op->msg.iov = op->iov;
		op->msg.iovlen = op->niov;
		op->msg.name = op->addr.len ? op->addr.u.bytes : NULL;
		op->msg.namelen = op->addr.len;
		do
			r = ls_sys_sendmsg(h->fd, &op->msg, lflags);
		while ((r == -EINTR || ls_baseprov_send_icmp(h, r)) && !ls_handle_closing(h));
		st = r < 0 ? ls_baseprov_io_status(h, r, 1) : STATUS_SUCCESS;
		done = r < 0 ? 0 : (uint32_t)r;
		if (r >= 0 && op->addr.len)
			h->u.sock.bound = 1;	/* an implicit bind, as sendto */
		ls_engine_op_free(op);
	} else {
		op->kind = LS_OP_SEND;
		op->lflags = lflags;
		op->stream = 0;
		st = ls_engine_op_prepare(op, h, lpOverlapped, (void *)lpCompletionRoutine, LS_OP_API_WSA, 0);
		if (st != STATUS_SUCCESS) {
			ls_engine_op_free(op);
			ls_handle_put(h);
			return LS_TRACE_RET_INT(ls_ws2_fail(st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st)));
		}
		if (op->addr.len)
			h->u.sock.bound = 1;
		st = ls_engine_start(op, &done, NULL);
	}
out:
	ls_handle_put(h);
	if (st == STATUS_SUCCESS) {
		if (lpNumberOfBytesSent)
			*lpNumberOfBytesSent = done;
		return LS_TRACE_RET_INT(0);
	}
	return LS_TRACE_RET_INT(ls_ws2_fail(ls_err_wsa_from_status(st)));	/* STATUS_PENDING: WSA_IO_PENDING */
}
