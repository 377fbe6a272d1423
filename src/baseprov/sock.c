/* baseprov/sock: socket lifetime and connection setup with Windows semantics. */
#include "baseprov.h"
#include "../base/sys.h"
#include "../catalog/catalog.h"
#include "../err/err.h"
#include "../err/linux.h"
#include "../evsel/evsel.h"
#include "../wait/wait.h"

#include <errno.h>
#include <string.h>

static int sock_linux_type(int type)
{
	return type;	/* SOCK_* values are the same on both (constants.md §3) */
}

/* A failed call on a socket that another thread is closing reports WSAEINTR (Windows cancels
 * blocking calls of a closed socket). */
NTSTATUS ls_baseprov_status(struct ls_handle *h, int neg_errno)
{
	if (ls_handle_closing(h))
		return STATUS_REQUEST_ABORTED;
	return ls_err_status_from_errno(neg_errno);
}

static void set_int(int fd, int level, int name, int v)
{
	ls_sys_setsockopt(fd, level, name, &v, sizeof v);
}

static int is_tcp(const struct ls_handle *h)
{
	return h->u.sock.type == SOCK_STREAM && (h->u.sock.af == AF_INET || h->u.sock.af == AF_INET6);
}

/* Does the kernel socket carry Linux SO_REUSEADDR already? A listener got it at listen, a
 * connection it accepted was copied from it by the kernel, an AcceptEx target has it once a
 * connection landed on it (connected: set only by the accept or by connect, which clears 2). */
static int lx_reuse_carried(const struct ls_handle *h)
{
	return h->u.sock.lx_reuse == 1 || (h->u.sock.lx_reuse == 2 && h->u.sock.connected);
}

/* Last reference of a socket record, just before its fd closes. */
static void sock_destroy(struct ls_handle *h)
{
	ls_evsel_destroy(h);	/* closesocket cancels the WSAEventSelect association */
	if (h->u.sock.deferred_fd > 0)
		ls_sys_close(h->u.sock.deferred_fd - 1);
	/* Windows lets a new socket bind a port whose old connections sit in TIME_WAIT; Linux only
	 * if the TIME_WAIT socket carried SO_REUSEADDR too. Live sockets must not carry it (Linux
	 * would then let two bound, non-listening sockets share a port, where Windows says
	 * WSAEADDRINUSE), so it is set here, as the socket dies: the TIME_WAIT remnant inherits it.
	 * SO_EXCLUSIVEADDRUSE keeps the port until TIME_WAIT ends, as on Windows. Listeners and
	 * the connections they accepted carry it already (ls_baseprov_listen): no syscall. */
	if (is_tcp(h) && !h->u.sock.exclusive && !lx_reuse_carried(h))
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 1);
}

NTSTATUS ls_baseprov_socket(const WSAPROTOCOL_INFOW *entry, int af, int type, int protocol,
			    DWORD wsa_flags, struct ls_handle **out)
{
	struct ls_handle *h;
	int fd, laf;

	if (af == AF_UNSPEC || af == FROM_PROTOCOL_INFO)
		af = entry->iAddressFamily;
	if (type == 0 || type == FROM_PROTOCOL_INFO)
		type = entry->iSocketType;
	if (protocol == FROM_PROTOCOL_INFO)
		protocol = entry->iProtocol;
	laf = ls_err_af_to_linux(af);
	if (laf < 0)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	fd = ls_sys_socket(laf, sock_linux_type(type), af == AF_UNIX ? 0 : protocol, 0);
	if (fd < 0)
		return fd == -EPERM || fd == -EACCES ? STATUS_ACCESS_DENIED : ls_err_status_from_errno(fd);
	/* Windows: IPv6 sockets are v6-only until IPV6_V6ONLY is cleared (constants.md §8). */
	if (af == AF_INET6)
		set_int(fd, LX_SOL_IPV6, LX_IPV6_V6ONLY, 1);
	h = ls_handle_new(fd, LS_HANDLE_SOCKET, (wsa_flags & WSA_FLAG_NO_HANDLE_INHERIT) ? 0 : LS_HF_INHERIT);
	if (!h) {
		ls_sys_close(fd);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	h->destroy = sock_destroy;
	h->u.sock.af = af;
	h->u.sock.type = type;
	h->u.sock.protocol = protocol ? protocol : entry->iProtocol;
	h->u.sock.catalog_id = entry->dwCatalogEntryId;
	h->u.sock.overlapped = (wsa_flags & WSA_FLAG_OVERLAPPED) != 0;
	h->u.sock.multipoint = (uint8_t)(wsa_flags & (WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_C_LEAF |
						      WSA_FLAG_MULTIPOINT_D_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF));
	/* Windows reports ICMP port unreachable to UDP receives by default (SIO_UDP_CONNRESET). */
	if (type == SOCK_DGRAM && (af == AF_INET || af == AF_INET6))
		ls_baseprov_udp_connreset(h, 1);
	*out = h;
	return STATUS_SUCCESS;
}

/* Is the socket bound? Cached once true; asked of the kernel otherwise (Linux binds
 * implicitly on connect/sendto, Windows callers can observe either). */
int ls_baseprov_is_bound(struct ls_handle *h)
{
	struct ls_err_lxaddr a;

	if (h->u.sock.bound)
		return 1;
	a.len = sizeof a.u.bytes;
	if (ls_sys_getsockname(h->fd, a.u.bytes, &a.len) != 0)
		return 0;
	if (a.u.family == LX_AF_INET || a.u.family == LX_AF_INET6) {
		uint16_t port;
		memcpy(&port, a.u.bytes + 2, sizeof port);
		if (port == 0)
			return 0;
	} else if (a.u.family == LX_AF_UNIX && a.len <= 2) {
		return 0;
	}
	h->u.sock.bound = 1;
	return 1;
}

NTSTATUS ls_baseprov_bind(struct ls_handle *h, const void *user_sa, int len)
{
	struct ls_err_lxaddr a;
	NTSTATUS st = ls_err_sockaddr_to_linux(user_sa, len, &a);
	int r;

	if (st != STATUS_SUCCESS)
		return st;
	if (ls_err_af_from_linux(a.u.family) != h->u.sock.af)
		return h->u.sock.af == AF_INET6 && a.u.family == LX_AF_INET ? STATUS_ACCESS_VIOLATION
									 : LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	r = ls_sys_bind(h->fd, a.u.bytes, a.len);
	if (r == -EADDRINUSE && is_tcp(h) && !h->u.sock.exclusive && !h->u.sock.reuseaddr) {
		/* Maybe only TIME_WAIT remnants hold the port (see sock_destroy): with SO_REUSEADDR
		 * Linux lets us past those, and still refuses live sockets, which never carry it. */
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 1);
		r = ls_sys_bind(h->fd, a.u.bytes, a.len);
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 0);
	}
	if (r < 0) {
		/* A port another socket owns exclusively is WSAEACCES on Windows; Linux cannot tell
		 * us who holds it, so every conflict is WSAEADDRINUSE. */
		return ls_baseprov_status(h, r);
	}
	h->u.sock.bound = 1;
	if (h->u.sock.lx_reuse == 2)
		h->u.sock.lx_reuse = 0;	/* an AcceptEx was cancelled: no connection lands now */
	return STATUS_SUCCESS;
}

/* Caches a listener's local address when every connection it accepts shares it: an IPv4 or
 * IPv6 listener bound to one address. A wildcard listener's connections each have their own. */
static void cache_local_name(struct ls_handle *h)
{
	static const unsigned char zero[16];
	struct ls_err_lxaddr a;

	h->u.sock.lname_len = 0;
	a.len = sizeof a.u.bytes;
	if (ls_sys_getsockname(h->fd, a.u.bytes, &a.len) != 0 || a.len > sizeof h->u.sock.lname)
		return;
	/* The IPv4 address at bytes 4-7, the IPv6 one at 8-23; ::ffff:0.0.0.0 is IPv4's wildcard. */
	if ((a.u.family == LX_AF_INET && a.len >= 8 && memcmp(a.u.bytes + 4, zero, 4) != 0) ||
	    (a.u.family == LX_AF_INET6 && a.len >= 24 && memcmp(a.u.bytes + 8, zero, 16) != 0 &&
	     !(memcmp(a.u.bytes + 8, zero, 10) == 0 && a.u.bytes[18] == 0xff && a.u.bytes[19] == 0xff &&
	       memcmp(a.u.bytes + 20, zero, 4) == 0))) {
		memcpy(h->u.sock.lname, a.u.bytes, a.len);
		h->u.sock.lname_len = (uint8_t)a.len;
	}
}

NTSTATUS ls_baseprov_listen(struct ls_handle *h, int backlog)
{
	int r, keep;

	if (h->u.sock.type != SOCK_STREAM && h->u.sock.type != SOCK_SEQPACKET)
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP */
	if (!h->u.sock.listening) {
		struct ls_err_lxaddr peer;
		peer.len = sizeof peer.u.bytes;
		if (ls_sys_getpeername(h->fd, peer.u.bytes, &peer.len) == 0 || h->u.sock.connecting)
			return STATUS_CONNECTION_ACTIVE;	/* WSAEISCONN */
		/* Windows refuses to listen on an unbound socket; Linux would bind it implicitly. */
		if (!ls_baseprov_is_bound(h))
			return STATUS_INVALID_PARAMETER;
	}
	/* SOMAXCONN_HINT(n) is -n, clamped to 200..65535 (constants.md §3). */
	if (backlog < 0) {
		backlog = backlog == INT32_MIN ? 65535 : -backlog;
		backlog = backlog < 200 ? 200 : backlog > 65535 ? 65535 : backlog;
	}
	/* A TCP listener carries Linux SO_REUSEADDR for good, set before listen so that every
	 * connection it accepts is a copy carrying it too: their closesocket then need not set it
	 * (sock_destroy). Linux refuses every bind against a listening socket whatever the flag;
	 * once the listener is gone, a new socket may bind the port while connections it accepted
	 * live, which Windows allows unless the listener was SO_EXCLUSIVEADDRUSE (Microsoft's
	 * "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"). It also passes TIME_WAIT remnants, as
	 * the retry below does for the others. */
	keep = !h->u.sock.listening && is_tcp(h) && !h->u.sock.exclusive && !h->u.sock.reuseaddr;
	if (keep)
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 1);
	r = ls_sys_listen(h->fd, backlog);
	if (r < 0 && keep)
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 0);
	else if (keep)
		h->u.sock.lx_reuse = 1;
	if (r == -EADDRINUSE && !keep && is_tcp(h) && !h->u.sock.exclusive && !h->u.sock.reuseaddr &&
	    h->u.sock.lx_reuse != 1) {
		/* Linux checks the port again at listen: as in bind, only TIME_WAIT remnants may be
		 * passed (a listener on the port still refuses, SO_REUSEADDR or not). */
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 1);
		r = ls_sys_listen(h->fd, backlog);
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 0);
	}
	if (r < 0)
		return ls_baseprov_status(h, r);
	if (!h->u.sock.listening) {
		/* A listener's fd is O_NONBLOCK whatever its Windows mode: AcceptEx takes a
		 * connection without toggling the flag (and without the window in which a blocking
		 * accept would fail), and a blocking accept waits in poll (ls_baseprov_accept_fd). */
		if (!h->u.sock.nonblocking)
			ls_sys_set_nonblock(h->fd, 1);
		cache_local_name(h);
	}
	h->u.sock.listening = 1;
	ls_evsel_rearm(h, 0);	/* a registration made before listen learns it listens now */
	return STATUS_SUCCESS;
}

/* A blocking accept's wait: the listener's fd is always O_NONBLOCK (ls_baseprov_listen), so
 * the blocking is done here, in poll, which a close (shutdown wakes it, docs/design.md O) and
 * CancelSynchronousIo (a signal: -EINTR) interrupt as they would accept. SO_RCVTIMEO, which
 * Linux's accept honoured, bounds it (deadline in ns, 0 none). 0 to try again, -EINTR, or
 * -EAGAIN when the time is up. */
static int wait_connection(struct ls_wait_syncio *sync, struct ls_handle *h, uint64_t deadline)
{
	int ms = -1, r;

	if (sync && ls_wait_syncio_stop(sync, h))
		return -EINTR;
	if (deadline) {
		uint64_t now = ls_sys_now_ns();
		if (now >= deadline)
			return -EAGAIN;
		ms = (deadline - now) / 1000000u >= INT32_MAX ? INT32_MAX : (int)((deadline - now + 999999u) / 1000000u);
	}
	r = ls_sys_poll1(h->fd, LX_POLLIN, NULL, ms);
	if (r < 0)
		return r;
	return r == 0 && deadline && ls_sys_now_ns() >= deadline ? -EAGAIN : 0;
}

/* Takes a connection: its fd, in the listener's blocking mode, and (peer not NULL) the peer's
 * address as accept4 reported it, peer->len 0 when unknown (a WSAAccept-deferred connection). */
static NTSTATUS accept_fd(struct ls_handle *h, int *fd_out, struct ls_err_lxaddr *peer)
{
	struct ls_wait_syncio *sync;
	uint64_t deadline = 0;
	int fd;

	if (!h->u.sock.listening)
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL: accept before listen */
	fd = atomic_exchange((atomic_int *)&h->u.sock.deferred_fd, 0);
	if (fd > 0) {
		/* Taken earlier, in the listener's mode of then. */
		ls_sys_set_nonblock(fd - 1, h->u.sock.nonblocking);
		if (peer)
			peer->len = 0;
		*fd_out = fd - 1;
		return STATUS_SUCCESS;
	}
	sync = h->u.sock.nonblocking ? NULL : ls_wait_syncio_begin(h);
	if (!h->u.sock.nonblocking && h->u.sock.timeo[1])
		deadline = ls_sys_now_ns() + (uint64_t)h->u.sock.timeo[1] * 1000000u;
	for (;;) {
		/* Checked before each try: see baseprov/io.c sync_skip. */
		if (peer)
			peer->len = sizeof peer->u.bytes;
		/* The new socket has the listener's blocking mode (accept docs) from the start. */
		fd = sync && ls_wait_syncio_stop(sync, h) ? -EINTR
							  : ls_sys_accept(h->fd, peer ? peer->u.bytes : NULL,
									  peer ? &peer->len : NULL, h->u.sock.nonblocking);
		if (fd >= 0)
			break;
		if (fd == -EAGAIN && !h->u.sock.nonblocking)
			fd = wait_connection(sync, h, deadline);
		if (fd == 0)
			continue;	/* a connection is waiting (or was, for another thread) */
		if (fd == -EINTR && !ls_wait_syncio_stop(sync, h))
			continue;	/* Windows calls are not interrupted by signals */
		if (fd == -EINTR && ls_wait_syncio_end(sync))
			return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
		/* Linux passes up errors of a connection that died in the queue; Windows skips it. */
		if ((fd == -ECONNABORTED || fd == -EPROTO) && !ls_handle_closing(h))
			continue;
		ls_wait_syncio_end(sync);
		if (ls_handle_closing(h))
			return STATUS_REQUEST_ABORTED;
		if (fd == -EAGAIN)
			return h->u.sock.nonblocking ? STATUS_DEVICE_NOT_READY : STATUS_IO_TIMEOUT;
		return ls_baseprov_status(h, fd);
	}
	ls_wait_syncio_end(sync);
	*fd_out = fd;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_accept_fd(struct ls_handle *h, int *fd_out)
{
	return accept_fd(h, fd_out, NULL);
}

void ls_baseprov_abort_fd(int fd)
{
	int lg[2] = { 1, 0 };	/* linger on, timeout 0: close sends RST */

	ls_sys_setsockopt(fd, LX_SOL_SOCKET, LX_SO_LINGER, lg, sizeof lg);
	ls_sys_close(fd);
}

void ls_baseprov_defer(struct ls_handle *h, int fd)
{
	int old;

	h->destroy = sock_destroy;
	old = atomic_exchange((atomic_int *)&h->u.sock.deferred_fd, fd + 1);
	if (old > 0)
		ls_sys_close(old - 1);
}

NTSTATUS ls_baseprov_adopt_accepted(struct ls_handle *h, int fd, struct ls_handle **out)
{
	struct ls_handle *n = ls_handle_new(fd, LS_HANDLE_SOCKET,
					    atomic_load(&h->flags) & LS_HF_INHERIT);

	if (!n) {
		ls_sys_close(fd);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	n->destroy = sock_destroy;
	/* The accepted socket has the listening socket's properties (Windows accept docs),
	 * including its blocking mode. */
	n->u.sock = h->u.sock;
	n->u.sock.listening = 0;
	n->u.sock.bound = 1;
	n->u.sock.connecting = 0;
	n->u.sock.connected = 1;
	n->u.sock.deferred_fd = 0;
	n->u.sock.lname_len = 0;
	n->u.sock.shut_rd = n->u.sock.shut_wr = 0;
	/* fd is in the listener's blocking mode already (accept_fd). */
	/* It inherits the listener's WSAEventSelect event and mask too (spec §12). */
	ls_evsel_inherit(h, n);
	*out = n;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_adopt(int fd, struct ls_handle **out)
{
	const WSAPROTOCOL_INFOW *entry;
	struct ls_handle *h;
	int laf = 0, type = 0, protocol = 0, listening = 0, wsa = 0, af, nfd;
	unsigned int len = sizeof(int);
	struct ls_err_lxaddr peer;

	if (!ls_sys_is_socket(fd))
		return STATUS_INVALID_HANDLE;	/* WSAENOTSOCK */
	if (ls_sys_getsockopt(fd, LX_SOL_SOCKET, LX_SO_DOMAIN, &laf, &len) != 0 ||
	    ls_sys_getsockopt(fd, LX_SOL_SOCKET, LX_SO_TYPE, &type, &(unsigned int){ sizeof type }) != 0 ||
	    ls_sys_getsockopt(fd, LX_SOL_SOCKET, LX_SO_PROTOCOL, &protocol, &(unsigned int){ sizeof protocol }) != 0)
		return STATUS_INVALID_HANDLE;
	af = ls_err_af_from_linux(laf);
	if (af < 0)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	entry = ls_catalog_match(af, type, af == AF_UNIX ? 0 : protocol, &wsa);
	if (!entry)
		return LS_STATUS_FROM_WSA(wsa);
	/* A SOCKET is never 0, and every fd linsock owns is close-on-exec (DESIGN §1). */
	nfd = ls_sys_not_zero(fd);
	if (nfd < 0)
		return ls_err_status_from_errno(nfd);
	ls_sys_set_cloexec(nfd);
	h = ls_handle_new(nfd, LS_HANDLE_SOCKET, LS_HF_INHERIT);
	if (!h) {
		/* Out of memory after a possible move away from 0: the fd cannot go back. */
		ls_sys_close(nfd);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	h->destroy = sock_destroy;
	h->u.sock.af = af;
	h->u.sock.type = type;
	h->u.sock.protocol = af == AF_UNIX ? 0 : protocol;
	h->u.sock.catalog_id = entry->dwCatalogEntryId;
	h->u.sock.overlapped = 1;	/* as socket() sockets */
	h->u.sock.nonblocking = (uint8_t)ls_sys_get_nonblock(nfd);
	ls_sys_getsockopt(nfd, LX_SOL_SOCKET, LX_SO_ACCEPTCONN, &listening, &(unsigned int){ sizeof listening });
	h->u.sock.listening = listening != 0;
	if (h->u.sock.listening) {
		/* Our listeners are O_NONBLOCK inside (ls_baseprov_listen); the mode stays the fd's. */
		ls_sys_set_nonblock(nfd, 1);
		cache_local_name(h);
	}
	peer.len = sizeof peer.u.bytes;
	h->u.sock.connected = ls_sys_getpeername(nfd, peer.u.bytes, &peer.len) == 0;
	h->u.sock.bound = (uint8_t)ls_baseprov_is_bound(h);
	if (type == SOCK_DGRAM && (af == AF_INET || af == AF_INET6))
		ls_baseprov_udp_connreset(h, 1);
	*out = h;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_names(int fd, void *local, int *local_len, void *peer, int *peer_len)
{
	struct ls_err_lxaddr a;
	NTSTATUS st = STATUS_SUCCESS;

	if (local) {
		a.len = sizeof a.u.bytes;
		if (ls_sys_getsockname(fd, a.u.bytes, &a.len) != 0)
			return STATUS_INVALID_PARAMETER;
		st = ls_err_sockaddr_from_linux(&a, local, local_len);
	}
	if (peer && st == STATUS_SUCCESS) {
		a.len = sizeof a.u.bytes;
		if (ls_sys_getpeername(fd, a.u.bytes, &a.len) != 0)
			return STATUS_INVALID_CONNECTION;
		st = ls_err_sockaddr_from_linux(&a, peer, peer_len);
	}
	return st;
}

NTSTATUS ls_baseprov_check_addr_out(struct ls_handle *h, void *user_sa, int *user_len)
{
	unsigned char probe[28];
	int have, need = h->u.sock.af == AF_INET6 ? 28 : h->u.sock.af == AF_UNIX ? 2 : 16;

	if (!user_sa && !user_len)
		return STATUS_SUCCESS;
	if (!user_sa || !user_len || ls_sys_copy_in(&have, user_len, sizeof have) != 0 || have < need)
		return STATUS_ACCESS_VIOLATION;
	/* Writable? Read the bytes and write them back unchanged: the only probe there is. */
	if (ls_sys_copy_in(probe, user_sa, (size_t)need) != 0 || ls_sys_copy_out(user_sa, probe, (size_t)need) != 0 ||
	    ls_sys_copy_out(user_len, &have, sizeof have) != 0)
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_accept(struct ls_handle *h, void *user_sa, int *user_len, struct ls_handle **out)
{
	struct ls_err_lxaddr a;
	NTSTATUS st;
	int fd;

	/* Windows checks the address buffer before taking a connection off the queue, so a bad
	 * buffer loses no connection. */
	st = ls_baseprov_check_addr_out(h, user_sa, user_len);
	if (st != STATUS_SUCCESS)
		return st;
	st = accept_fd(h, &fd, user_sa ? &a : NULL);
	ls_evsel_rearm(h, FD_ACCEPT);	/* re-enabled by accept, even a failed one */
	if (st != STATUS_SUCCESS)
		return st;
	st = ls_baseprov_adopt_accepted(h, fd, out);
	if (st != STATUS_SUCCESS)
		return st;
	if (user_sa) {
		/* accept4's own address output; only a deferred connection asks the kernel. */
		if (a.len == 0) {
			a.len = sizeof a.u.bytes;
			if (ls_sys_getpeername(fd, a.u.bytes, &a.len) != 0)
				a.len = 0;
		}
		if (a.len == 0) {
			/* The peer already left: report an unspecified address of our family. */
			memset(&a, 0, sizeof a);
			a.u.family = (uint16_t)ls_err_af_to_linux(h->u.sock.af);
			a.len = h->u.sock.af == AF_INET6 ? 28 : 16;
		}
		ls_err_sockaddr_from_linux(&a, user_sa, user_len);
	}
	return STATUS_SUCCESS;
}

/* Windows refuses the unspecified address and port 0 as destinations (WSAEADDRNOTAVAIL);
 * Linux would connect to the local host. */
static int bad_destination(const struct ls_err_lxaddr *a)
{
	static const unsigned char zero[16];
	uint16_t port;

	if (a->u.family == LX_AF_INET) {
		memcpy(&port, a->u.bytes + 2, 2);
		return port == 0 || memcmp(a->u.bytes + 4, zero, 4) == 0;
	}
	if (a->u.family == LX_AF_INET6) {
		memcpy(&port, a->u.bytes + 2, 2);
		return port == 0 || memcmp(a->u.bytes + 8, zero, 16) == 0;
	}
	return 0;
}

/* Address part all zeros (any port). */
static int zero_address(const struct ls_err_lxaddr *a)
{
	static const unsigned char zero[16];

	if (a->u.family == LX_AF_INET)
		return memcmp(a->u.bytes + 4, zero, 4) == 0;
	if (a->u.family == LX_AF_INET6)
		return memcmp(a->u.bytes + 8, zero, 16) == 0;
	return 0;
}

/* Ends a datagram socket's association; its local address stays, as on Windows. Linux drops a
 * port the kernel chose (bind to port 0, or implicit) when it disconnects: bind it again. */
static NTSTATUS dissolve(struct ls_handle *h)
{
	uint16_t unspec[8] = { LX_AF_UNSPEC }, port_before = 0, port_after = 0;
	struct ls_err_lxaddr before, after;
	int r;

	before.len = sizeof before.u.bytes;
	if (ls_sys_getsockname(h->fd, before.u.bytes, &before.len) == 0)
		memcpy(&port_before, before.u.bytes + 2, 2);
	r = ls_sys_connect(h->fd, unspec, sizeof unspec);
	if (r < 0)
		return ls_baseprov_status(h, r);
	after.len = sizeof after.u.bytes;
	if (ls_sys_getsockname(h->fd, after.u.bytes, &after.len) == 0)
		memcpy(&port_after, after.u.bytes + 2, 2);
	if (port_before != 0 && port_after == 0) {
		r = ls_sys_bind(h->fd, before.u.bytes, before.len);
		if (r < 0)
			return ls_baseprov_status(h, r);
	}
	return STATUS_SUCCESS;
}

static NTSTATUS do_connect(struct ls_handle *h, const void *user_sa, int len);

NTSTATUS ls_baseprov_connect(struct ls_handle *h, const void *user_sa, int len)
{
	NTSTATUS st;

	/* WSAEventSelect: FD_CONNECT follows a connect that did not fail at once. */
	ls_evsel_connect(h, 0, 0);
	st = do_connect(h, user_sa, len);
	ls_evsel_connect(h, 1, st);
	return st;
}

static NTSTATUS do_connect(struct ls_handle *h, const void *user_sa, int len)
{
	struct ls_wait_syncio *sync;
	struct ls_err_lxaddr a;
	NTSTATUS st;
	int r;

	if (h->u.sock.listening)
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	if (h->u.sock.type != SOCK_STREAM) {
		uint16_t fam;
		if (len < 2 || ls_sys_copy_in(&fam, user_sa, sizeof fam) != 0)
			return STATUS_ACCESS_VIOLATION;
		if (fam == AF_UNSPEC)
			return dissolve(h);	/* Linux's way, accepted as well */
	}
	st = ls_err_sockaddr_to_linux(user_sa, len, &a);
	if (st != STATUS_SUCCESS)
		return st;
	if (ls_err_af_from_linux(a.u.family) != h->u.sock.af)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	/* Windows: connecting a datagram socket to the all-zero address dissolves its
	 * association (connect docs); send/recv are then WSAENOTCONN again. */
	if (h->u.sock.type != SOCK_STREAM && zero_address(&a))
		return dissolve(h);
	if (bad_destination(&a))
		return STATUS_INVALID_ADDRESS_COMPONENT;	/* WSAEADDRNOTAVAIL */
	if (h->u.sock.lx_reuse == 2)
		h->u.sock.lx_reuse = 0;	/* connected by connect, not by a cancelled AcceptEx */
	h->u.sock.connected = 1;
	sync = h->u.sock.nonblocking ? NULL : ls_wait_syncio_begin(h);
	for (;;) {
		/* Checked before each try: see baseprov/io.c sync_skip. */
		r = sync && ls_wait_syncio_stop(sync, h) ? -EINTR : ls_sys_connect(h->fd, a.u.bytes, a.len);
		if (r != -EINTR || ls_wait_syncio_stop(sync, h))
			break;
		/* Interrupted by a signal: the kernel goes on connecting; wait for it the way a
		 * second connect call would (that wait can be cancelled too). */
		if (!h->u.sock.nonblocking) {
			short rev = 0;
			int err = 0;
			unsigned int el = sizeof err;
			do
				r = ls_wait_syncio_stop(sync, h) ? -EINTR : ls_sys_poll1(h->fd, LX_POLLOUT, &rev, -1);
			while (r == -EINTR && !ls_wait_syncio_stop(sync, h));
			if (r == -EINTR)
				break;
			ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_ERROR, &err, &el);
			r = -err;
			break;
		}
	}
	if (ls_wait_syncio_end(sync) && r == -EINTR)
		return STATUS_CANCELLED;	/* CancelSynchronousIo: ERROR_OPERATION_ABORTED */
	if (r == 0) {
		int was_pending = h->u.sock.connecting;
		h->u.sock.connecting = 0;
		h->u.sock.bound = 1;
		/* Linux reports a finished non-blocking connect once with success; Windows answers
		 * every connect after the first with WSAEALREADY, then WSAEISCONN (connect docs). */
		return was_pending ? STATUS_CONNECTION_ACTIVE : STATUS_SUCCESS;
	}
	if (r == -EINPROGRESS) {
		/* Non-blocking connect started: WSAEWOULDBLOCK; a second connect gives WSAEALREADY. */
		h->u.sock.connecting = 1;
		return STATUS_DEVICE_NOT_READY;
	}
	if (r == -EALREADY)
		return LS_STATUS_FROM_WSA(WSAEALREADY);
	if (r == -EISCONN) {
		h->u.sock.connecting = 0;
		return STATUS_CONNECTION_ACTIVE;
	}
	if (r == -EAGAIN && h->u.sock.af == AF_UNIX)
		return STATUS_DEVICE_NOT_READY;
	h->u.sock.connecting = 0;
	if (r == -ENOENT)
		return STATUS_CONNECTION_REFUSED;	/* AF_UNIX path without a listener */
	return ls_baseprov_status(h, r);
}

NTSTATUS ls_baseprov_shutdown(struct ls_handle *h, int how)
{
	int r = ls_sys_shutdown(h->fd, how);	/* SD_* equal SHUT_* */

	if (r < 0)
		return ls_baseprov_status(h, r);
	/* Linux stops a listener shut down for receiving, leaving it bound: as a live bound socket
	 * it must not carry SO_REUSEADDR (section D); closesocket sets it again. */
	if (h->u.sock.lx_reuse == 1 && h->u.sock.listening && (how == SD_RECEIVE || how == SD_BOTH)) {
		set_int(h->fd, LX_SOL_SOCKET, LX_SO_REUSEADDR, 0);
		h->u.sock.lx_reuse = 0;
	}
	if (how == SD_RECEIVE || how == SD_BOTH)
		h->u.sock.shut_rd = 1;
	if (how == SD_SEND || how == SD_BOTH)
		h->u.sock.shut_wr = 1;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_getsockname(struct ls_handle *h, void *user_sa, int *user_len)
{
	/* Windows: getsockname on an unbound socket is WSAEINVAL (Linux reports 0.0.0.0:0). */
	if (!ls_baseprov_is_bound(h))
		return STATUS_INVALID_PARAMETER;
	if (!user_sa || !user_len)
		return STATUS_ACCESS_VIOLATION;
	return ls_baseprov_names(h->fd, user_sa, user_len, NULL, NULL);
}

NTSTATUS ls_baseprov_getpeername(struct ls_handle *h, void *user_sa, int *user_len)
{
	struct ls_err_lxaddr a;

	a.len = sizeof a.u.bytes;
	if (ls_sys_getpeername(h->fd, a.u.bytes, &a.len) != 0)
		return STATUS_INVALID_CONNECTION;	/* WSAENOTCONN */
	if (!user_sa || !user_len)
		return STATUS_ACCESS_VIOLATION;
	return ls_err_sockaddr_from_linux(&a, user_sa, user_len);
}

NTSTATUS ls_baseprov_close_check(struct ls_handle *h)
{
	int lg[2] = { 0, 0 }, unsent = 0;
	unsigned int len = sizeof lg;

	/* Windows: a non-blocking socket with a non-zero linger timeout cannot close while data
	 * is unsent; closesocket fails with WSAEWOULDBLOCK and the socket stays valid
	 * (handles.md §7). Linux would block in close regardless of O_NONBLOCK. */
	if (!h->u.sock.nonblocking || h->u.sock.type != SOCK_STREAM)
		return STATUS_SUCCESS;
	if (ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_LINGER, lg, &len) != 0 || !lg[0] || !lg[1])
		return STATUS_SUCCESS;
	if (ls_sys_ioctl_int(h->fd, LX_SIOCOUTQ, &unsent) == 0 && unsent > 0)
		return STATUS_DEVICE_NOT_READY;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_connect_start(struct ls_handle *h, const void *user_sa, int len, int *phase, NTSTATUS *failed)
{
	struct ls_err_lxaddr a;
	NTSTATUS st;
	int r;

	if (h->u.sock.listening || h->u.sock.type != SOCK_STREAM)
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	if (h->u.sock.connecting)
		return LS_STATUS_FROM_WSA(WSAEALREADY);
	a.len = sizeof a.u.bytes;
	if (ls_sys_getpeername(h->fd, a.u.bytes, &a.len) == 0)
		return STATUS_CONNECTION_ACTIVE;	/* WSAEISCONN (Linux may answer 0 once) */
	st = ls_err_sockaddr_to_linux(user_sa, len, &a);
	if (st != STATUS_SUCCESS)
		return st;
	if (ls_err_af_from_linux(a.u.family) != h->u.sock.af)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	if (bad_destination(&a))
		return STATUS_INVALID_ADDRESS_COMPONENT;	/* WSAEADDRNOTAVAIL */
	/* Linux has no per-call non-blocking connect: a blocking socket gets O_NONBLOCK for the
	 * call (the kernel goes on connecting either way). */
	if (!h->u.sock.nonblocking)
		ls_sys_set_nonblock(h->fd, 1);
	if (h->u.sock.lx_reuse == 2)
		h->u.sock.lx_reuse = 0;	/* connected by ConnectEx, not by a cancelled AcceptEx */
	do
		r = ls_sys_connect(h->fd, a.u.bytes, a.len);
	while (r == -EINTR && !ls_handle_closing(h));
	if (!h->u.sock.nonblocking)
		ls_sys_set_nonblock(h->fd, 0);
	h->u.sock.connected = 1;
	if (r == 0) {
		*phase = 2;
		return STATUS_SUCCESS;
	}
	if (r == -EINPROGRESS || (r == -EAGAIN && h->u.sock.af == AF_UNIX)) {
		h->u.sock.connecting = 1;
		*phase = 1;
		return STATUS_SUCCESS;
	}
	if (r == -EISCONN || r == -EALREADY)
		return r == -EISCONN ? STATUS_CONNECTION_ACTIVE : LS_STATUS_FROM_WSA(WSAEALREADY);
	if (r == -ECONNREFUSED || r == -ENOENT || r == -ETIMEDOUT || r == -ENETUNREACH || r == -EHOSTUNREACH ||
	    r == -ECONNRESET) {
		/* The connection itself failed (loopback refuses at once): Windows reports that
		 * through the completion, after WSA_IO_PENDING. */
		*failed = r == -ENOENT ? STATUS_CONNECTION_REFUSED : ls_err_status_from_errno(r);
		*phase = 3;
		return STATUS_SUCCESS;
	}
	h->u.sock.connected = 0;
	return ls_baseprov_status(h, r);
}
