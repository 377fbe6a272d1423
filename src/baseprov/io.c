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

/* UDP and ICMP. Windows: a datagram that draws an ICMP port unreachable makes the next receive
 * on the socket (connected or not) fail with WSAECONNRESET, once per ICMP, unless
 * SIO_UDP_CONNRESET turned that off; a send never fails for it (data-transfer.md §7).
 * Linux reports ICMP errors on an unconnected UDP socket only with IP_RECVERR (set at creation,
 * ls_baseprov_udp_connreset), and then reports all of them, soft ones included: each is queued
 * on the error queue (POLLERR while queued) and the one at the head is the pending socket error,
 * which the next receive or send consumes (ECONNREFUSED for port unreachable). Dequeuing an
 * entry makes the next one pending. So the error queue is the record: a failed receive takes
 * entries until a port unreachable (reported: WSAECONNRESET) or none is left (other reports are
 * dropped: Windows gives none of them by default); a failed send takes them all, counting the
 * port unreachables in icmp_pending for the next receives, and is tried again. Leaving an entry
 * queued would keep POLLERR up with nothing for a receive to return. */
enum { ICMP_NONE, ICMP_PORT, ICMP_OTHER };

/* Linux ABI facts (linux/errqueue.h, sys/socket.h): sock_extended_err is u32 ee_errno, u8
 * ee_origin, ee_type, ee_code, ...; a cmsghdr is a size_t length and two ints, its data
 * size_t-aligned. */
#define EE_ORIGIN_ICMP 2
#define EE_ORIGIN_ICMP6 3
#define CMSG_HDR ((sizeof(size_t) + 2 * sizeof(int) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))

/* Takes the oldest entry off the error queue: ICMP_PORT (port unreachable), ICMP_OTHER (another
 * ICMP report) or ICMP_NONE (queue empty, or a local error that belonged to a failed call). */
static int icmp_take(struct ls_handle *h)
{
	union {
		size_t align;
		unsigned char b[128];
	} ctl;
	struct ls_sys_msg m;
	size_t off = 0, len;
	int level, type;

	memset(&m, 0, sizeof m);
	m.control = ctl.b;
	m.controllen = sizeof ctl.b;
	if (ls_sys_recvmsg(h->fd, &m, LX_MSG_ERRQUEUE | LX_MSG_DONTWAIT) < 0)
		return ICMP_NONE;
	while (off + CMSG_HDR <= m.controllen) {
		memcpy(&len, ctl.b + off, sizeof len);
		memcpy(&level, ctl.b + off + sizeof(size_t), sizeof level);
		memcpy(&type, ctl.b + off + sizeof(size_t) + sizeof(int), sizeof type);
		if (len < CMSG_HDR || len > m.controllen - off)
			break;
		if (len >= CMSG_HDR + 8 && ((level == LX_SOL_IP && type == LX_IP_RECVERR) ||
					    (level == LX_SOL_IPV6 && type == LX_IPV6_RECVERR))) {
			const unsigned char *e = ctl.b + off + CMSG_HDR;
			if (e[4] == EE_ORIGIN_ICMP)	/* destination unreachable, port */
				return e[5] == 3 && e[6] == 3 ? ICMP_PORT : ICMP_OTHER;
			if (e[4] == EE_ORIGIN_ICMP6)
				return e[5] == 1 && e[6] == 4 ? ICMP_PORT : ICMP_OTHER;
			return ICMP_NONE;
		}
		off += (len + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
	}
	return ICMP_NONE;
}

static inline int is_udp(const struct ls_handle *h)
{
	return h->u.sock.type == SOCK_DGRAM;
}

/* A report a send consumed, owed to this receive: 1 (and the debt paid) or 0. */
static int icmp_owed(struct ls_handle *h)
{
	uint8_t n = __atomic_load_n(&h->u.sock.icmp_pending, __ATOMIC_RELAXED);

	while (n > 0)
		if (__atomic_compare_exchange_n(&h->u.sock.icmp_pending, &n, (uint8_t)(n - 1), 0, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return 1;
	return 0;
}

int ls_baseprov_send_icmp(struct ls_handle *h, long r)
{
	int k, again = 0;

	if (r >= 0 || r == -EAGAIN || r == -EINTR || !is_udp(h))
		return 0;
	/* SIO_UDP_CONNRESET FALSE: no error queue, but Linux still gives a connected socket the
	 * port unreachable as its pending error. */
	if (h->u.sock.udp_noreset)
		return r == -ECONNREFUSED;
	while ((k = icmp_take(h)) != ICMP_NONE) {
		again = 1;
		if (k == ICMP_PORT && __atomic_load_n(&h->u.sock.icmp_pending, __ATOMIC_RELAXED) < 255)
			__atomic_fetch_add(&h->u.sock.icmp_pending, 1, __ATOMIC_RELAXED);
	}
	return again;
}

/* A receive failed with r: 1 if it reports a port unreachable (WSAECONNRESET), -1 if it was an
 * ICMP report Windows would not give (try again, or wait), 0 if not an ICMP report at all. */
static int recv_icmp(struct ls_handle *h, long r)
{
	int k, other = 0;

	if (r >= 0 || r == -EAGAIN || r == -EINTR || !is_udp(h))
		return 0;
	if (h->u.sock.udp_noreset)
		return r == -ECONNREFUSED ? -1 : 0;
	while ((k = icmp_take(h)) == ICMP_OTHER)
		other = 1;
	if (k == ICMP_PORT)
		return 1;
	if (other)
		return -1;
	return r == -ECONNREFUSED;	/* a connected socket's pending error with nothing queued */
}

NTSTATUS ls_baseprov_udp_connreset(struct ls_handle *h, int on)
{
	int v = on != 0, r;

	if (!is_udp(h))
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	/* Clearing IP_RECVERR also empties the error queue (Linux). */
	r = ls_sys_setsockopt(h->fd, LX_SOL_IP, LX_IP_RECVERR, &v, sizeof v);
	if (h->u.sock.af == AF_INET6) {
		/* A dual-stack socket's IPv4 traffic reports through IP_RECVERR, IPv6's through
		 * IPV6_RECVERR. */
		r = ls_sys_setsockopt(h->fd, LX_SOL_IPV6, LX_IPV6_RECVERR, &v, sizeof v);
	}
	if (r < 0)
		return ls_baseprov_status(h, r);
	h->u.sock.udp_noreset = (uint8_t)!v;
	if (!v)
		__atomic_store_n(&h->u.sock.icmp_pending, 0, __ATOMIC_RELAXED);
	return STATUS_SUCCESS;
}

/* io_status without the ICMP step (the synchronous receives take it in their retry loop). */
static NTSTATUS status_of(struct ls_handle *h, long r, int sending)
{
	if (ls_handle_closing(h))
		return STATUS_REQUEST_ABORTED;	/* WSAEINTR */
	switch (r) {
	case -EAGAIN:
		/* An overlapped receive that was waiting when a send took the report. */
		if (!sending && is_udp(h) && icmp_owed(h))
			return STATUS_PORT_UNREACHABLE;
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

/* The status for a failed data call, where Windows' answer depends on the operation. An ICMP
 * report Windows would not give is EAGAIN's status: the engine waits for readiness (the queue
 * is empty then, so no readiness is lost); a send taken by one is retried by its caller
 * (ls_baseprov_send_icmp) before it gets here. */
NTSTATUS ls_baseprov_io_status(struct ls_handle *h, long r, int sending)
{
	int k;

	if (!sending && !ls_handle_closing(h) && (k = recv_icmp(h, r)) != 0)
		return k > 0 ? STATUS_PORT_UNREACHABLE
			     : h->u.sock.nonblocking ? STATUS_DEVICE_NOT_READY : STATUS_IO_TIMEOUT;
	return status_of(h, r, sending);
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
	/* A port-unreachable report a send consumed comes before any datagram (as on Linux). */
	if (__atomic_load_n(&h->u.sock.icmp_pending, __ATOMIC_RELAXED) && icmp_owed(h))
		return STATUS_PORT_UNREACHABLE;
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
	while ((r == -EINTR || ls_baseprov_send_icmp(h, r)) && !ls_wait_syncio_stop(sync, h));
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
	int stream = h->u.sock.type == SOCK_STREAM, lflags, icmp = 0;
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
	while ((r == -EINTR || (icmp = recv_icmp(h, r)) < 0) && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	ls_evsel_rearm(h, FD_READ | FD_OOB);	/* re-enabled by every receive, even a failed one */
	if (r < 0)
		return icmp > 0 ? STATUS_PORT_UNREACHABLE : status_of(h, r, 0);
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
	while ((r == -EINTR || ls_baseprov_send_icmp(h, r)) && !ls_wait_syncio_stop(sync, h));
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
	int stream = h->u.sock.type == SOCK_STREAM, lflags, icmp = 0;
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
	while ((r == -EINTR || (icmp = recv_icmp(h, r)) < 0) && !ls_wait_syncio_stop(sync, h));
	if (ls_wait_syncio_end(sync) && r < 0)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	ls_evsel_rearm(h, FD_READ | FD_OOB);
	if (r < 0)
		return icmp > 0 ? STATUS_PORT_UNREACHABLE : status_of(h, r, 0);
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
