/* ws2_32/wsasend: WSASend, WSASendTo, WSARecv, WSARecvFrom, WSAGetOverlappedResult.
 *
 * Mode (spec data-transfer.md §3): a socket without the overlapped attribute, or a call without
 * an OVERLAPPED, is a plain scatter/gather send/recv (the base provider's sendmsg/recvmsg, with
 * send/recv's Windows semantics). Otherwise the call becomes an engine op: the WSABUF array is
 * copied now (the buffers stay the caller's until completion), the OVERLAPPED and routine choose
 * the delivery (engine/overlapped.c), and ls_engine_start says whether it completed at once or
 * went pending (data-transfer.md §4). */
#include "ws2.h"
#include "../evsel/evsel.h"
#include "../base/sys.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

#include <inttypes.h>
#include <stdlib.h>

#define MAX_BUFS 1024	/* Linux's IOV_MAX */
#define STACK_BUFS 16

static inline int bad_ptr(const void *p)
{
	return (uintptr_t)p < 65536u;
}

/* The BOOL face of a failure. */
static BOOL fail(int wsa)
{
	ls_lasterr_set((uint32_t)wsa);
	return FALSE;
}

/* Copies the caller's WSABUF array into iovecs. WSABUF is len@0, buf@8 -- the opposite of
 * struct iovec (data-transfer.md §1) -- so each field is moved by name. */
static NTSTATUS bufs_in(const WSABUF *user, DWORD n, struct ls_sys_iov *iov)
{
	WSABUF tmp[STACK_BUFS];

	for (DWORD i = 0; i < n;) {
		DWORD chunk = n - i < STACK_BUFS ? n - i : STACK_BUFS;
		if (ls_sys_copy_in(tmp, user + i, chunk * sizeof tmp[0]) != 0)
			return STATUS_ACCESS_VIOLATION;
		for (DWORD j = 0; j < chunk; j++, i++) {
			iov[i].base = tmp[j].buf;
			iov[i].len = tmp[j].len;
		}
	}
	return STATUS_SUCCESS;
}

/* One transfer, either mode. to: WSASendTo's destination (kind SEND); from/fromlen:
 * WSARecvFrom's source (kind RECV). wflags: Windows flags. On return *status is the NTSTATUS;
 * the byte count and receive flags are set for success and warnings. */
struct xfer {
	int kind;		/* LS_OP_RECV or LS_OP_SEND */
	const WSABUF *bufs;
	DWORD n;
	int wflags;
	const void *to;
	int tolen;
	void *from;
	int *fromlen;
	LPWSAOVERLAPPED ov;
	LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
};

static NTSTATUS sync_xfer(struct ls_handle *h, const struct xfer *x, uint32_t *done)
{
	struct ls_sys_iov stack_iov[STACK_BUFS], *iov = stack_iov;
	NTSTATUS st;

	if (x->n > STACK_BUFS) {
		iov = malloc(x->n * sizeof *iov);
		if (!iov)
			return STATUS_INSUFFICIENT_RESOURCES;
	}
	st = bufs_in(x->bufs, x->n, iov);
	if (st == STATUS_SUCCESS) {
		if (x->kind == LS_OP_SEND)
			st = ls_baseprov_sendmsg(h, iov, x->n, x->wflags, x->to, x->tolen, done);
		else
			st = ls_baseprov_recvmsg(h, iov, x->n, x->wflags, x->from, x->fromlen, done);
	}
	if (iov != stack_iov)
		free(iov);
	return st;
}

static NTSTATUS async_xfer(struct ls_handle *h, const struct xfer *x, uint32_t *done, uint32_t *flags_out)
{
	struct ls_op *op;
	NTSTATUS st;
	int lflags = 0;

	if (x->kind == LS_OP_SEND)
		st = ls_baseprov_send_prep(h, x->wflags, &lflags);
	else
		st = ls_baseprov_recv_prep(h, x->wflags, 1, &lflags);
	if (st != STATUS_SUCCESS)
		return st;
	if (x->from || x->fromlen) {
		/* Checked now: lpFrom/lpFromlen are written at completion (data-transfer.md §4). */
		st = ls_baseprov_check_addr_out(h, x->from, x->fromlen);
		if (st != STATUS_SUCCESS)
			return st;
	}
	op = ls_engine_op_new(x->n);
	if (!op)
		return STATUS_INSUFFICIENT_RESOURCES;
	st = bufs_in(x->bufs, x->n, op->iov);
	for (DWORD i = 0; st == STATUS_SUCCESS && i < x->n; i++)
		if (op->iov[i].len > 0 && bad_ptr(op->iov[i].base))
			st = STATUS_ACCESS_VIOLATION;
	if (st == STATUS_SUCCESS && x->kind == LS_OP_SEND)
		st = ls_baseprov_send_dest(h, x->to, x->tolen, &op->addr);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		return st;
	}
	op->kind = (uint8_t)x->kind;
	op->lflags = lflags;
	op->stream = h->u.sock.type == SOCK_STREAM;
	if (x->kind == LS_OP_RECV && x->from) {
		op->user_from = x->from;
		op->user_fromlen = x->fromlen;
	}
	st = ls_engine_op_prepare(op, h, x->ov, (void *)x->routine, LS_OP_API_WSA, 0);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		/* hEvent is no event: WSA_INVALID_HANDLE, which no status projects to. */
		return st == STATUS_INVALID_HANDLE ? LS_STATUS_FROM_WSA(WSA_INVALID_HANDLE) : st;
	}
	if (op->addr.len)
		h->u.sock.bound = 1;	/* WSASendTo binds implicitly, as sendto */
	st = ls_engine_start(op, done, flags_out);
	if (x->kind == LS_OP_RECV)
		ls_evsel_rearm(h, FD_READ | FD_OOB);	/* an overlapped WSARecv re-enables too */
	return st;
}

/* The common body of the four calls: mode, transfer, the return protocol of §4. */
static int xfer(SOCKET s, const struct xfer *x, LPDWORD count, LPDWORD lpFlags)
{
	struct ls_handle *h;
	uint32_t done = 0, flags_out = 0;
	NTSTATUS st;
	int overlapped;

	LS_WS2_SOCKET_PROLOG(h, s);
	overlapped = x->ov && h->u.sock.overlapped;
	if (!x->bufs || (x->ov && bad_ptr(x->ov)) || (x->routine && bad_ptr((const void *)x->routine)) ||
	    (count && bad_ptr(count)) || (!count && !overlapped)) {
		ls_handle_put(h);
		return ls_ws2_fail(WSAEFAULT);
	}
	if (x->n > MAX_BUFS) {
		ls_handle_put(h);
		return ls_ws2_fail(WSAEINVAL);	/* more buffers than Linux takes (unconfirmed code) */
	}
	st = overlapped ? async_xfer(h, x, &done, &flags_out) : sync_xfer(h, x, &done);
	ls_handle_put(h);
	if (st == STATUS_SUCCESS || st == STATUS_BUFFER_OVERFLOW) {
		/* Completed at once (an overlapped op is still delivered). A truncated datagram
		 * reports its bytes and fails with WSAEMSGSIZE. */
		if (count)
			*count = done;
		if (lpFlags)
			*lpFlags = flags_out;
		return st == STATUS_SUCCESS ? 0 : ls_ws2_fail(WSAEMSGSIZE);
	}
	return ls_ws2_fail(ls_err_wsa_from_status(st));	/* STATUS_PENDING: WSA_IO_PENDING */
}

int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
		   LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct xfer x = { LS_OP_SEND, lpBuffers, dwBufferCount, (int)dwFlags, NULL, 0, NULL, NULL, lpOverlapped,
			  lpCompletionRoutine };

	LS_TRACE_CALL("%s, %s, %lu, %p, %s, %p, %p", ls_trace_socket(s), ls_trace_wsabufs(lpBuffers, dwBufferCount),
		 (unsigned long)dwBufferCount, (const void *)lpNumberOfBytesSent, ls_trace_msg_flags((int)dwFlags),
		 (const void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_INT(xfer(s, &x, lpNumberOfBytesSent, NULL));
}

int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
		     const struct sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
		     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct xfer x = { LS_OP_SEND, lpBuffers, dwBufferCount, (int)dwFlags, lpTo, iTolen, NULL, NULL, lpOverlapped,
			  lpCompletionRoutine };

	LS_TRACE_CALL("%s, %s, %lu, %p, %s, %s, %ld, %p, %p", ls_trace_socket(s),
		 ls_trace_wsabufs(lpBuffers, dwBufferCount), (unsigned long)dwBufferCount,
		 (const void *)lpNumberOfBytesSent, ls_trace_msg_flags((int)dwFlags),
		 ls_trace_sockaddr(lpTo, (long)iTolen), (long)iTolen, (const void *)lpOverlapped,
		 (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_INT(xfer(s, &x, lpNumberOfBytesSent, NULL));
}

/* *lpFlags is in/out: read once here. MSG_PARTIAL is output-only on receive (ignored in). */
static int recv_common(SOCKET s, struct xfer *x, LPDWORD count, LPDWORD lpFlags)
{
	DWORD f;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	if (!lpFlags || ls_sys_copy_in(&f, lpFlags, sizeof f) != 0)
		return ls_ws2_fail(WSAEFAULT);
	x->wflags = (int)(f & ~(DWORD)MSG_PARTIAL);
	return xfer(s, x, count, lpFlags);
}

int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
		   LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct xfer x = { LS_OP_RECV, lpBuffers, dwBufferCount, 0, NULL, 0, NULL, NULL, lpOverlapped,
			  lpCompletionRoutine };

	LS_TRACE_CALL("%s, %s, %lu, %p, %s, %p, %p", ls_trace_socket(s), ls_trace_wsabufs(lpBuffers, dwBufferCount),
		 (unsigned long)dwBufferCount, (const void *)lpNumberOfBytesRecvd, ls_trace_msg_flags_ptr(lpFlags),
		 (const void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_INT(recv_common(s, &x, lpNumberOfBytesRecvd, lpFlags));
}

int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
		       LPDWORD lpFlags, struct sockaddr *lpFrom, LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
		       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	/* A NULL lpFrom: as WSARecv (lpFromlen is then ignored, as recvfrom's fromlen). */
	struct xfer x = { LS_OP_RECV, lpBuffers, dwBufferCount, 0, NULL, 0, lpFrom, lpFrom ? lpFromlen : NULL,
			  lpOverlapped, lpCompletionRoutine };

	LS_TRACE_CALL("%s, %s, %lu, %p, %s, %p, %p, %p, %p", ls_trace_socket(s),
		 ls_trace_wsabufs(lpBuffers, dwBufferCount), (unsigned long)dwBufferCount,
		 (const void *)lpNumberOfBytesRecvd, ls_trace_msg_flags_ptr(lpFlags),
		 (const void *)lpFrom, (const void *)lpFromlen, (const void *)lpOverlapped,
		 (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_INT(recv_common(s, &x, lpNumberOfBytesRecvd, lpFlags));
}

BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer, BOOL fWait,
				   LPDWORD lpdwFlags)
{
	struct ls_handle *h;
	NTSTATUS st;
	uint32_t err = 0;

	LS_TRACE_CALL("%s, %p, %p, %s, %p", ls_trace_socket(s), (const void *)lpOverlapped, (const void *)lpcbTransfer,
		 ls_trace_bool(fWait), (const void *)lpdwFlags);
	if (!ls_ws2_started())
		return LS_TRACE_RET_BOOL(fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_BOOL(fail(WSAENOTSOCK));
	ls_handle_put(h);
	/* Windows Server 2003 and earlier: WSAEFAULT; later versions crash (handles.md §5). */
	if (bad_ptr(lpOverlapped) || bad_ptr(lpcbTransfer) || bad_ptr(lpdwFlags))
		return LS_TRACE_RET_BOOL(fail(WSAEFAULT));
	if (__atomic_load_n(&lpOverlapped->Internal, __ATOMIC_ACQUIRE) == STATUS_PENDING) {
		if (!fWait)
			return LS_TRACE_RET_BOOL(fail(WSA_IO_INCOMPLETE));
		/* On hEvent if the op has one, else on the OVERLAPPED (handles.md §5). */
		if (ls_engine_wait_result(lpOverlapped, LS_WAIT_INFINITE, 0, &err) != 0)
			return LS_TRACE_RET_BOOL(fail(err == ERROR_INVALID_HANDLE ? WSA_INVALID_HANDLE : WSA_INVALID_PARAMETER));
	}
	/* The count and flags are written whatever the result (as kernel32's GetOverlappedResult
	 * writes the count before testing the status; Wine does the same). */
	st = (NTSTATUS)(uint32_t)__atomic_load_n(&lpOverlapped->Internal, __ATOMIC_ACQUIRE);
	*lpcbTransfer = (DWORD)lpOverlapped->InternalHigh;
	*lpdwFlags = lpOverlapped->Offset;
	if (st == STATUS_SUCCESS)
		return LS_TRACE_RET_BOOL(TRUE);
	return LS_TRACE_RET_BOOL(fail(ls_err_wsa_from_status(st)));
}
