/* baseprov/io: blocking and non-blocking send/recv with Windows semantics. The hot path is one
 * syscall: no allocation, no lock, flags translated by a few bit tests. */
#include "baseprov.h"
#include "../base/sys.h"
#include "../err/err.h"
#include "../err/linux.h"
#include "../evsel/evsel.h"
#include "../wait/wait.h"

#include <errno.h>
#include <string.h>


#define SEND_FLAGS (MSG_OOB | MSG_DONTROUTE)
#define RECV_FLAGS (MSG_OOB | MSG_PEEK | MSG_WAITALL | MSG_PUSH_IMMEDIATE)

/* Windows MSG_* to Linux: OOB, PEEK and DONTROUTE share values; WAITALL is 0x8 vs 0x100;
 * MSG_PUSH_IMMEDIATE is a hint with no Linux counterpart. */
static inline int flags_to_linux(int f)
{
	return (f & (MSG_OOB | MSG_PEEK | MSG_DONTROUTE)) | ((f & MSG_WAITALL) ? LX_MSG_WAITALL : 0);
}

/* Windows probes the caller's buffer before the call waits or consumes anything (WSAEFAULT).
 * A full probe costs a syscall on the hot path; this catches what callers actually pass (NULL,
 * small integers, negative lengths). Other bad pointers reach the kernel, which fails with
 * EFAULT once data is there. */
static inline int bad_buffer(const void *buf, int len)
{
	return len < 0 || (len > 0 && (uintptr_t)buf < 65536);
}

/* A blocking socket's call can block: it registers so CancelSynchronousIo and a close of the
 * handle can interrupt it (src/wait/syncio.c). A non-blocking one never waits: nothing to do. */
static inline struct ls_wait_syncio *sync_begin(struct ls_handle *h)
{
	return h->u.sock.nonblocking ? NULL : ls_wait_syncio_begin(h);
}

/* Before each try of a registered call: a close or cancel that came after registering but
 * before the syscall would otherwise find the thread not yet blocked (its signal lost). */
static inline int sync_skip(struct ls_wait_syncio *s, struct ls_handle *h)
{
	return s && ls_wait_syncio_stop(s, h);
}

/* The status for a failed data call, where Windows' answer depends on the operation. */
NTSTATUS ls_baseprov_io_status(struct ls_handle *h, long r, int sending)
{
	if (ls_handle_closing(h))
		return STATUS_REQUEST_ABORTED;	/* WSAEINTR */
	switch (r) {
	case -EAGAIN:
		/* On a blocking socket EAGAIN means SO_RCVTIMEO/SO_SNDTIMEO expired. */
		return h->u.sock.nonblocking ? STATUS_DEVICE_NOT_READY : STATUS_IO_TIMEOUT;
	case -EPIPE:
		/* Linux says EPIPE for a stream that was never connected too (WSAENOTCONN). */
		if (h->u.sock.shut_wr)
			return STATUS_PIPE_DISCONNECTED;
		return h->u.sock.connected ? STATUS_CONNECTION_RESET : STATUS_INVALID_CONNECTION;
	case -EDESTADDRREQ:
		return STATUS_INVALID_CONNECTION;	/* WSAENOTCONN: no destination (Windows) */
	case -ECONNREFUSED:
		/* Datagram: an ICMP port unreachable for an earlier send, WSAECONNRESET on Windows. */
		if (h->u.sock.type != SOCK_STREAM)
			return STATUS_PORT_UNREACHABLE;
		break;
	case -EINVAL:
		/* recv(MSG_OOB) with no urgent data: Windows says WSAEWOULDBLOCK unless OOB is
		 * inline (then WSAEINVAL, as Linux). */
		if (!sending && !h->u.sock.oobinline)
			return STATUS_DEVICE_NOT_READY;
		break;
	}
	return ls_err_status_from_errno((int)r);
}

NTSTATUS ls_baseprov_send_prep(struct ls_handle *h, int flags, int *lflags)
{
	/* MSG_PARTIAL needs XP1_PARTIAL_MESSAGE, which no base-provider entry has: WSAEOPNOTSUPP. */
	if (flags & ~SEND_FLAGS)
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP */
	if ((flags & MSG_OOB) && h->u.sock.type != SOCK_STREAM)
		return STATUS_NOT_SUPPORTED;
	if (h->u.sock.shut_wr)
		return STATUS_PIPE_DISCONNECTED;	/* WSAESHUTDOWN */
	*lflags = flags_to_linux(flags);
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_send_dest(struct ls_handle *h, const void *user_to, int tolen, struct ls_err_lxaddr *a)
{
	static const unsigned char zero[16];
	NTSTATUS st;

	a->len = 0;
	/* A stream socket ignores a destination (Windows sendto docs); a datagram one uses it. */
	if (!user_to || h->u.sock.type == SOCK_STREAM)
		return STATUS_SUCCESS;
	st = ls_err_sockaddr_to_linux(user_to, tolen, a);
	if (st != STATUS_SUCCESS)
		return st;
	if (ls_err_af_from_linux(a->u.family) != h->u.sock.af)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	if ((a->u.family == LX_AF_INET && memcmp(a->u.bytes + 4, zero, 4) == 0) ||
	    (a->u.family == LX_AF_INET6 && memcmp(a->u.bytes + 8, zero, 16) == 0))
		return STATUS_INVALID_ADDRESS_COMPONENT;	/* WSAEADDRNOTAVAIL */
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_recv_prep(struct ls_handle *h, int flags, int overlapped, int *lflags)
{
	int stream = h->u.sock.type == SOCK_STREAM;

	if (flags & ~RECV_FLAGS)
		return STATUS_NOT_SUPPORTED;
	if ((flags & MSG_OOB) && !stream)
		return STATUS_NOT_SUPPORTED;
	/* MSG_WAITALL: stream sockets only; a non-overlapped call also needs a blocking socket
	 * (recv docs; recv with PEEK|WAITALL works, test send_recv pins it). An overlapped call
	 * never blocks the caller, so the socket's mode does not matter there, but the engine
	 * gathers a WAITALL receive piecewise, which cannot peek or read OOB (WSARecv docs list
	 * both combinations as WSAEOPNOTSUPP). data-transfer.md §6; unconfirmed, pinned by tests. */
	if ((flags & MSG_WAITALL) &&
	    (!stream || (overlapped ? (flags & (MSG_OOB | MSG_PEEK)) != 0 : h->u.sock.nonblocking)))
		return STATUS_NOT_SUPPORTED;
	if (h->u.sock.shut_rd)
		return STATUS_PIPE_DISCONNECTED;	/* WSAESHUTDOWN (Linux would return 0) */
	/* Windows: receiving on an unbound datagram socket is WSAEINVAL; Linux would bind it and
	 * wait. */
	if (!stream && !ls_baseprov_is_bound(h))
		return STATUS_INVALID_PARAMETER;
	/* Datagrams: MSG_TRUNC makes Linux report the whole length, so truncation is seen. */
	*lflags = flags_to_linux(flags) | (stream ? 0 : LX_MSG_TRUNC);
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_send(struct ls_handle *h, const char *buf, int len, int flags,
			  const void *user_to, int tolen, int *done)
{
	struct ls_err_lxaddr a;
	NTSTATUS st;
	int lflags;
	struct ls_wait_syncio *sync;
	long r;

	st = ls_baseprov_send_prep(h, flags, &lflags);
	if (st != STATUS_SUCCESS)
		return st;
	if (bad_buffer(buf, len))
		return STATUS_ACCESS_VIOLATION;
	st = ls_baseprov_send_dest(h, user_to, tolen, &a);
	if (st != STATUS_SUCCESS)
		return st;
	sync = sync_begin(h);
	do
		r = sync_skip(sync, h) ? -EINTR
				       : ls_sys_sendto(h->fd, buf, (size_t)len, lflags, a.len ? a.u.bytes : NULL, a.len);
	while (r == -EINTR && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	if (r == -EAGAIN)
		ls_evsel_rearm(h, FD_WRITE);	/* FD_WRITE comes back after a WSAEWOULDBLOCK send */
	if (r < 0)
		return ls_baseprov_io_status(h, r, 1);
	if (a.len)
		h->u.sock.bound = 1;	/* sendto binds implicitly, on Windows too */
	*done = (int)r;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_recv(struct ls_handle *h, char *buf, int len, int flags,
			  void *user_from, int *user_fromlen, int *done)
{
	struct ls_err_lxaddr a;
	int stream = h->u.sock.type == SOCK_STREAM, lflags;
	NTSTATUS st;
	struct ls_wait_syncio *sync;
	long r;

	st = ls_baseprov_recv_prep(h, flags, 0, &lflags);
	if (st != STATUS_SUCCESS)
		return st;
	if (bad_buffer(buf, len))
		return STATUS_ACCESS_VIOLATION;
	if (user_from || user_fromlen) {
		/* Checked before any data is consumed: a bad buffer loses no datagram. */
		st = ls_baseprov_check_addr_out(h, user_from, user_fromlen);
		if (st != STATUS_SUCCESS)
			return st;
	}
	a.len = sizeof a.u.bytes;
	sync = sync_begin(h);
	do
		r = sync_skip(sync, h) ? -EINTR
				       : ls_sys_recvfrom(h->fd, buf, (size_t)len, lflags, user_from ? a.u.bytes : NULL,
							 user_from ? &a.len : NULL);
	while (r == -EINTR && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	ls_evsel_rearm(h, FD_READ | FD_OOB);	/* re-enabled by every receive, even a failed one */
	if (r < 0)
		return ls_baseprov_io_status(h, r, 0);
	if (r == 0 && ls_handle_closing(h))
		return STATUS_REQUEST_ABORTED;	/* woken by closesocket on another thread */
	if (user_from && a.len > 0)
		ls_err_sockaddr_from_linux(&a, user_from, user_fromlen);
	if (!stream && r > len) {
		/* Truncated datagram: Windows fills the buffer, discards the rest, and fails with
		 * WSAEMSGSIZE (Linux reports success with MSG_TRUNC). */
		*done = len;
		return STATUS_BUFFER_OVERFLOW;
	}
	*done = (int)r;
	return STATUS_SUCCESS;
}

static int bad_iov(const struct ls_sys_iov *iov, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (iov[i].len > 0 && (uintptr_t)iov[i].base < 65536)
			return 1;
	return 0;
}

NTSTATUS ls_baseprov_sendmsg(struct ls_handle *h, struct ls_sys_iov *iov, uint32_t n, int flags,
			     const void *user_to, int tolen, uint32_t *done)
{
	struct ls_err_lxaddr a;
	struct ls_sys_msg msg;
	NTSTATUS st;
	int lflags;
	struct ls_wait_syncio *sync;
	long r;

	st = ls_baseprov_send_prep(h, flags, &lflags);
	if (st != STATUS_SUCCESS)
		return st;
	if (bad_iov(iov, n))
		return STATUS_ACCESS_VIOLATION;
	st = ls_baseprov_send_dest(h, user_to, tolen, &a);
	if (st != STATUS_SUCCESS)
		return st;
	memset(&msg, 0, sizeof msg);
	msg.name = a.len ? a.u.bytes : NULL;
	msg.namelen = a.len;
	msg.iov = iov;
	msg.iovlen = n;
	sync = sync_begin(h);
	do
		r = sync_skip(sync, h) ? -EINTR : ls_sys_sendmsg(h->fd, &msg, lflags);
	while (r == -EINTR && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	if (r == -EAGAIN)
		ls_evsel_rearm(h, FD_WRITE);
	if (r < 0)
		return ls_baseprov_io_status(h, r, 1);
	if (a.len)
		h->u.sock.bound = 1;
	*done = (uint32_t)r;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_recvmsg(struct ls_handle *h, struct ls_sys_iov *iov, uint32_t n, int flags,
			     void *user_from, int *user_fromlen, uint32_t *done)
{
	struct ls_err_lxaddr a;
	struct ls_sys_msg msg;
	int stream = h->u.sock.type == SOCK_STREAM, lflags;
	uint64_t cap = 0;
	NTSTATUS st;
	struct ls_wait_syncio *sync;
	long r;

	st = ls_baseprov_recv_prep(h, flags, 0, &lflags);
	if (st != STATUS_SUCCESS)
		return st;
	if (bad_iov(iov, n))
		return STATUS_ACCESS_VIOLATION;
	if (user_from || user_fromlen) {
		st = ls_baseprov_check_addr_out(h, user_from, user_fromlen);
		if (st != STATUS_SUCCESS)
			return st;
	}
	for (uint32_t i = 0; i < n; i++)
		cap += iov[i].len;
	memset(&msg, 0, sizeof msg);
	msg.name = user_from ? a.u.bytes : NULL;
	msg.namelen = user_from ? sizeof a.u.bytes : 0;
	msg.iov = iov;
	msg.iovlen = n;
	sync = sync_begin(h);
	do
		r = sync_skip(sync, h) ? -EINTR : ls_sys_recvmsg(h->fd, &msg, lflags);
	while (r == -EINTR && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	ls_evsel_rearm(h, FD_READ | FD_OOB);
	if (r < 0)
		return ls_baseprov_io_status(h, r, 0);
	if (r == 0 && ls_handle_closing(h))
		return STATUS_REQUEST_ABORTED;
	if (user_from && msg.namelen > 0) {
		a.len = msg.namelen;
		ls_err_sockaddr_from_linux(&a, user_from, user_fromlen);
	}
	if (!stream && (uint64_t)r > cap) {
		/* Truncated datagram: no partial-message support, so the rest is dropped and the
		 * call fails with WSAEMSGSIZE (data-transfer.md §7), the buffers filled. */
		*done = (uint32_t)cap;
		return STATUS_BUFFER_OVERFLOW;
	}
	*done = (uint32_t)r;
	return STATUS_SUCCESS;
}
