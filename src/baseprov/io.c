/* baseprov/io: blocking and non-blocking send/recv with Windows semantics. The hot path is one
 * syscall: no allocation, no lock, flags translated by a few bit tests. */
#include "baseprov.h"
#include "../base/sys.h"
#include "../err/err.h"
#include "../err/linux.h"

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

NTSTATUS ls_baseprov_send(struct ls_handle *h, const char *buf, int len, int flags,
			  const void *user_to, int tolen, int *done)
{
	struct ls_err_lxaddr a;
	const void *to = NULL;
	unsigned int alen = 0;
	long r;

	if (flags & ~SEND_FLAGS)
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP */
	if ((flags & MSG_OOB) && h->u.sock.type != SOCK_STREAM)
		return STATUS_NOT_SUPPORTED;
	if (h->u.sock.shut_wr)
		return STATUS_PIPE_DISCONNECTED;	/* WSAESHUTDOWN */
	if (bad_buffer(buf, len))
		return STATUS_ACCESS_VIOLATION;
	/* A stream socket ignores a destination (Windows sendto docs); a datagram one uses it. */
	if (user_to && h->u.sock.type != SOCK_STREAM) {
		NTSTATUS st = ls_err_sockaddr_to_linux(user_to, tolen, &a);
		if (st != STATUS_SUCCESS)
			return st;
		if (ls_err_af_from_linux(a.u.family) != h->u.sock.af)
			return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
		{
			static const unsigned char zero[16];
			if ((a.u.family == LX_AF_INET && memcmp(a.u.bytes + 4, zero, 4) == 0) ||
			    (a.u.family == LX_AF_INET6 && memcmp(a.u.bytes + 8, zero, 16) == 0))
				return STATUS_INVALID_ADDRESS_COMPONENT;	/* WSAEADDRNOTAVAIL */
		}
		to = a.u.bytes;
		alen = a.len;
	}
	do
		r = ls_sys_sendto(h->fd, buf, (size_t)len, flags_to_linux(flags), to, alen);
	while (r == -EINTR && !ls_handle_closing(h));
	if (r < 0)
		return ls_baseprov_io_status(h, r, 1);
	if (to)
		h->u.sock.bound = 1;	/* sendto binds implicitly, on Windows too */
	*done = (int)r;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_recv(struct ls_handle *h, char *buf, int len, int flags,
			  void *user_from, int *user_fromlen, int *done)
{
	struct ls_err_lxaddr a;
	int stream = h->u.sock.type == SOCK_STREAM, lflags;
	long r;

	if (flags & ~RECV_FLAGS)
		return STATUS_NOT_SUPPORTED;
	if ((flags & MSG_OOB) && !stream)
		return STATUS_NOT_SUPPORTED;
	/* MSG_WAITALL: stream sockets in blocking mode only (recv docs). */
	if ((flags & MSG_WAITALL) && (!stream || h->u.sock.nonblocking))
		return STATUS_NOT_SUPPORTED;
	if (h->u.sock.shut_rd)
		return STATUS_PIPE_DISCONNECTED;	/* WSAESHUTDOWN (Linux would return 0) */
	if (bad_buffer(buf, len))
		return STATUS_ACCESS_VIOLATION;
	if (user_from || user_fromlen) {
		/* Checked before any data is consumed: a bad buffer loses no datagram. */
		NTSTATUS st = ls_baseprov_check_addr_out(h, user_from, user_fromlen);
		if (st != STATUS_SUCCESS)
			return st;
	}
	/* Windows: receiving on an unbound datagram socket is WSAEINVAL; Linux would bind it and
	 * wait. */
	if (!stream && !ls_baseprov_is_bound(h))
		return STATUS_INVALID_PARAMETER;
	lflags = flags_to_linux(flags) | (stream ? 0 : LX_MSG_TRUNC);
	a.len = sizeof a.u.bytes;
	do
		r = ls_sys_recvfrom(h->fd, buf, (size_t)len, lflags, user_from ? a.u.bytes : NULL,
				    user_from ? &a.len : NULL);
	while (r == -EINTR && !ls_handle_closing(h));
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
