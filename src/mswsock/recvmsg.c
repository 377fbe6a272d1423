/* mswsock/recvmsg: WSARecvMsg, reached only through WSAIoctl (WSAID_WSARECVMSG), as on Windows.
 *
 * A datagram receive that also returns control data (spec data-transfer.md §12; stream sockets
 * are WSAEOPNOTSUPP, as the documentation says). The WSAMSG is the caller's and stays in use
 * until the call completes (Windows reads and writes it then, as Wine notes): its namelen,
 * Control.len and dwFlags are written at completion.
 *
 * Control data is received in Linux form and rewritten in Windows form (WSACMSGHDR is laid out
 * as Linux's cmsghdr on x64: SIZE_T length, INT level, INT type, data 8-aligned):
 *   Linux SOL_IP/IP_PKTINFO (in_pktinfo: ifindex, spec_dst, addr)
 *     -> IPPROTO_IP/IP_PKTINFO (IN_PKTINFO: ipi_addr = the destination address, ipi_ifindex)
 *   Linux SOL_IPV6/IPV6_PKTINFO -> IPPROTO_IPV6/IPV6_PKTINFO (IN6_PKTINFO: the same layout)
 * Other Linux messages are dropped. What does not fit the caller's control buffer sets
 * MSG_CTRUNC; a datagram larger than the buffers sets MSG_TRUNC and fails with WSAEMSGSIZE,
 * as WSARecv does. A packet sent to a multicast or the broadcast address sets MSG_MCAST /
 * MSG_BCAST when its destination is known (IP_PKTINFO/IPV6_PKTINFO enabled).
 *
 * Overlapped on an overlapped socket: an engine op (LS_OP_EXT_RECV) whose attempt is here;
 * the flags also reach the completion routine and WSAGetOverlappedResult. */
#include "msw.h"
#include "../ws2_32/ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../err/linux.h"
#include "../evsel/evsel.h"
#include "../handle/handle.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define LCTL 64			/* Linux control bytes: a PKTINFO and one more small message; with
			 * one buffer the op still fits the engine's cached size class */
#define MAX_BUFS 1024
#define HDR 16			/* sizeof(WSACMSGHDR) = sizeof(struct cmsghdr) on x64 */
#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)

struct rmsg {
	LPWSAMSG user;			/* the caller's, written at completion */
	char *wctl;			/* the caller's control buffer and its size */
	ULONG wctl_len;
	uint32_t nbuf;
	uint64_t cap;			/* bytes the buffers hold */
	char lctl[LCTL];
};

/* Writes one Windows control message at *used; 0, or -1 if it does not fit. */
static int put_cmsg(char *wbuf, ULONG wlen, ULONG *used, int level, int type, const void *data, size_t n)
{
	unsigned char tmp[HDR + 32];
	size_t need = HDR + n, space = ALIGN8(need);
	SIZE_T len = (SIZE_T)need;

	if (*used + need > wlen)
		return -1;
	memcpy(tmp, &len, sizeof len);
	memcpy(tmp + 8, &level, 4);
	memcpy(tmp + 12, &type, 4);
	memcpy(tmp + HDR, data, n);
	if (ls_sys_copy_out(wbuf + *used, tmp, need) != 0)
		return -1;
	*used += (ULONG)(space < wlen - *used ? space : wlen - *used);
	return 0;
}

/* Rewrites Linux control data as Windows'; *wflags gets MSG_CTRUNC/MSG_MCAST/MSG_BCAST. */
static ULONG cmsgs_to_windows(const char *l, size_t llen, char *wbuf, ULONG wlen, DWORD *wflags)
{
	ULONG used = 0;
	size_t off = 0;

	while (off + HDR <= llen) {
		size_t clen;
		int level, type;
		const unsigned char *d;

		memcpy(&clen, l + off, sizeof clen);
		memcpy(&level, l + off + 8, 4);
		memcpy(&type, l + off + 12, 4);
		if (clen < HDR || off + clen > llen)
			break;
		d = (const unsigned char *)l + off + HDR;
		if (level == LX_SOL_IP && type == LX_IP_PKTINFO && clen >= HDR + 12) {
			unsigned char w[8];	/* IN_PKTINFO: ipi_addr@0, ipi_ifindex@4 */
			memcpy(w, d + 8, 4);
			memcpy(w + 4, d, 4);
			if (d[8] >= 224 && d[8] <= 239)
				*wflags |= MSG_MCAST;
			else if (d[8] == 255 && d[9] == 255 && d[10] == 255 && d[11] == 255)
				*wflags |= MSG_BCAST;
			if (put_cmsg(wbuf, wlen, &used, IPPROTO_IP, IP_PKTINFO, w, sizeof w) != 0) {
				*wflags |= MSG_CTRUNC;
				break;
			}
		} else if (level == LX_SOL_IPV6 && type == LX_IPV6_PKTINFO && clen >= HDR + 20) {
			if (d[0] == 0xff)
				*wflags |= MSG_MCAST;
			if (put_cmsg(wbuf, wlen, &used, IPPROTO_IPV6, IPV6_PKTINFO, d, 20) != 0) {
				*wflags |= MSG_CTRUNC;
				break;
			}
		}
		off += ALIGN8(clen);
	}
	return used;
}

/* After a receive of r bytes into the buffers with msg: control data, flags and the source
 * written into the caller's WSAMSG. Returns the status of the receive. */
static NTSTATUS finish(struct ls_handle *h, struct rmsg *m, struct ls_sys_msg *msg, struct ls_err_lxaddr *a,
		       long r, uint32_t *bytes, DWORD *wflags)
{
	NTSTATUS st = STATUS_SUCCESS;
	ULONG clen;

	(void)h;
	*wflags = 0;
	*bytes = (uint32_t)r;
	if ((uint64_t)r > m->cap) {
		*bytes = (uint32_t)m->cap;
		*wflags |= MSG_TRUNC;
		st = STATUS_BUFFER_OVERFLOW;	/* WSAEMSGSIZE, as WSARecv */
	}
	if (msg->flags & LX_MSG_CTRUNC)
		*wflags |= MSG_CTRUNC;
	clen = cmsgs_to_windows(m->lctl, msg->controllen, m->wctl, m->wctl_len, wflags);
	ls_sys_copy_out(&m->user->Control.len, &clen, sizeof clen);
	ls_sys_copy_out(&m->user->dwFlags, wflags, sizeof *wflags);
	if (msg->name && msg->namelen > 0) {
		LPSOCKADDR name = NULL;
		ls_sys_copy_in(&name, &m->user->name, sizeof name);
		a->len = msg->namelen;
		if (name)
			ls_err_sockaddr_from_linux(a, name, &m->user->namelen);
	}
	return st;
}

static struct rmsg *rmsg_of(struct ls_op *op)
{
	return (struct rmsg *)(void *)(op->iov + op->niov);
}

static int attempt(struct ls_op *op)
{
	struct rmsg *m = rmsg_of(op);
	DWORD wflags = 0;
	long r;

	for (;;) {
		memset(&op->msg, 0, sizeof op->msg);
		op->msg.iov = op->iov;
		op->msg.iovlen = m->nbuf;
		op->msg.name = op->user_from ? op->addr.u.bytes : NULL;
		op->msg.namelen = op->user_from ? sizeof op->addr.u.bytes : 0;
		op->msg.control = m->lctl;
		op->msg.controllen = sizeof m->lctl;
		r = ls_sys_recvmsg(op->h->fd, &op->msg, op->lflags | LX_MSG_DONTWAIT);
		if (r != -EINTR)
			break;
	}
	if (r == -EAGAIN)
		return 0;
	if (r < 0) {
		op->status = ls_baseprov_io_status(op->h, r, 0);
		return !(op->status == STATUS_IO_TIMEOUT || op->status == STATUS_DEVICE_NOT_READY);
	}
	op->status = finish(op->h, m, &op->msg, &op->addr, r, &op->bytes, &wflags);
	op->flags_out = wflags;
	return 1;
}

static int fail(int code)
{
	ls_lasterr_set((uint32_t)code);
	return SOCKET_ERROR;
}

INT PASCAL ls_mswsock_wsarecvmsg(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
				 LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct ls_handle *h;
	struct ls_op *op = NULL;
	struct rmsg *m;
	WSAMSG w;
	WSABUF b;
	uint32_t bytes = 0;
	DWORD wflags = 0;
	NTSTATUS st;
	int lflags = 0, code, overlapped;
	uint32_t slots;

	LS_TRACE_CALL("%s, %p, %p, %p, %p", ls_trace_socket(s), (void *)lpMsg,
		      (void *)lpdwNumberOfBytesRecvd, (void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_INT(fail(WSAENOTSOCK));
	overlapped = lpOverlapped && h->u.sock.overlapped;
	if (!lpMsg || ls_sys_copy_in(&w, lpMsg, sizeof w) != 0 || (!overlapped && !lpdwNumberOfBytesRecvd) ||
	    (w.dwBufferCount && !w.lpBuffers) || (w.Control.len && !w.Control.buf)) {
		code = WSAEFAULT;
		goto out;
	}
	if (h->u.sock.type == SOCK_STREAM) {
		code = WSAEOPNOTSUPP;	/* datagram and raw sockets only */
		goto out;
	}
	if (w.dwBufferCount > MAX_BUFS) {
		code = WSAEINVAL;
		goto out;
	}
	st = ls_baseprov_recv_prep(h, (int)w.dwFlags, overlapped, &lflags);
	if (st == STATUS_SUCCESS && w.name)
		st = ls_baseprov_check_addr_out(h, w.name, &lpMsg->namelen);
	if (st != STATUS_SUCCESS) {
		code = ls_err_wsa_from_status(st);
		goto out;
	}
	slots = (uint32_t)((sizeof(struct rmsg) + sizeof(struct ls_sys_iov) - 1) / sizeof(struct ls_sys_iov));
	op = ls_engine_op_new(w.dwBufferCount + slots);
	if (!op) {
		code = WSAENOBUFS;
		goto out;
	}
	op->niov = w.dwBufferCount;
	m = rmsg_of(op);
	memset(m, 0, offsetof(struct rmsg, lctl));
	m->user = lpMsg;
	m->wctl = w.Control.buf;
	m->wctl_len = w.Control.len;
	m->nbuf = w.dwBufferCount;
	for (DWORD i = 0; i < w.dwBufferCount; i++) {
		if (ls_sys_copy_in(&b, &w.lpBuffers[i], sizeof b) != 0) {
			code = WSAEFAULT;
			goto out;
		}
		op->iov[i].base = b.buf;
		op->iov[i].len = b.len;
		m->cap += b.len;
	}
	op->lflags = lflags;
	op->user_from = w.name;
	op->user_fromlen = w.name ? &lpMsg->namelen : NULL;
	if (!overlapped) {
		/* Blocking as the socket is (a non-blocking one says WSAEWOULDBLOCK). */
		long r;
		do {
			memset(&op->msg, 0, sizeof op->msg);
			op->msg.iov = op->iov;
			op->msg.iovlen = m->nbuf;
			op->msg.name = w.name ? op->addr.u.bytes : NULL;
			op->msg.namelen = w.name ? sizeof op->addr.u.bytes : 0;
			op->msg.control = m->lctl;
			op->msg.controllen = sizeof m->lctl;
			r = ls_sys_recvmsg(h->fd, &op->msg, lflags);
		} while (r == -EINTR && !ls_handle_closing(h));
		ls_evsel_rearm(h, FD_READ | FD_OOB);
		if (r < 0)
			st = ls_baseprov_io_status(h, r, 0);
		else
			st = finish(h, m, &op->msg, &op->addr, r, &bytes, &wflags);
		ls_engine_op_free(op);
		op = NULL;
	} else {
		op->kind = LS_OP_EXT_RECV;
		op->ext = attempt;
		st = ls_engine_op_prepare(op, h, lpOverlapped, (void *)lpCompletionRoutine, LS_OP_API_WSA, 0);
		if (st != STATUS_SUCCESS) {
			code = st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st);
			goto out;
		}
		st = ls_engine_start(op, &bytes, NULL);
		op = NULL;
		ls_evsel_rearm(h, FD_READ | FD_OOB);
	}
	ls_handle_put(h);
	if (st == STATUS_SUCCESS || st == STATUS_BUFFER_OVERFLOW) {
		if (lpdwNumberOfBytesRecvd)
			*lpdwNumberOfBytesRecvd = bytes;
		return LS_TRACE_RET_INT(st == STATUS_SUCCESS ? 0 : fail(WSAEMSGSIZE));
	}
	return LS_TRACE_RET_INT(fail(ls_err_wsa_from_status(st)));	/* STATUS_PENDING: WSA_IO_PENDING */
out:
	if (op)
		ls_engine_op_free(op);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(fail(code));
}
