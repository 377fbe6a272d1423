/* mswsock/reuse: TF_REUSE_SOCKET (DisconnectEx, TransmitFile, TransmitPackets).
 *
 * Windows turns a disconnected socket back into a fresh one that AcceptEx or ConnectEx may
 * take again, under the same SOCKET value. Linux cannot unconnect a TCP socket, so linsock
 * makes a new socket of the same family, type and protocol and dup3()s it over the old fd
 * number: the handle record (its port binding, its references, the SOCKET the program holds)
 * stays, the kernel socket behind it is new. The old connection was shut down for sending
 * first (a FIN, as Windows' graceful disconnect sends); closing it by dup3 is a normal close,
 * so data the peer sent and nobody read makes the kernel answer with a reset (Windows would
 * wait for the peer's FIN: a documented difference).
 *
 * What the new socket keeps: the blocking mode, IPV6_V6ONLY, SO_SNDBUF/SO_RCVBUF as set,
 * SO_OOBINLINE. Other options set on the old socket are gone (as on a new socket).
 *
 * Windows leaves a reused socket acceptable to ConnectEx without a new bind; the Linux socket
 * is unbound, so the record remembers it (u.sock.reused) and ConnectEx lets the
 * kernel pick the local address at connect time. */
#include "msw.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../err/linux.h"
#include "../handle/handle.h"

/* The mark is the record's own (h->u.sock.reused, zeroed with every new record), so a socket
 * that later reuses the fd number or the record never inherits it. */
int ls_mswsock_reused(struct ls_handle *h)
{
	return __atomic_load_n(&h->u.sock.reused, __ATOMIC_ACQUIRE);
}

void ls_mswsock_reused_clear(struct ls_handle *h)
{
	__atomic_store_n(&h->u.sock.reused, 0, __ATOMIC_RELEASE);
}

static int get_int(int fd, int level, int name, int *v)
{
	unsigned int len = sizeof *v;

	return ls_sys_getsockopt(fd, level, name, v, &len);
}

NTSTATUS ls_mswsock_reuse(struct ls_handle *h, int locked)
{
	int dom, type, proto, v, nfd, r;

	if (get_int(h->fd, LX_SOL_SOCKET, LX_SO_DOMAIN, &dom) != 0 || get_int(h->fd, LX_SOL_SOCKET, LX_SO_TYPE, &type) != 0 ||
	    get_int(h->fd, LX_SOL_SOCKET, LX_SO_PROTOCOL, &proto) != 0)
		return STATUS_INVALID_HANDLE;
	nfd = ls_sys_socket(dom, type, proto, h->u.sock.nonblocking);
	if (nfd < 0)
		return ls_err_status_from_errno(nfd);
	if (dom == LX_AF_INET6 && get_int(h->fd, LX_SOL_IPV6, LX_IPV6_V6ONLY, &v) == 0)
		ls_sys_setsockopt(nfd, LX_SOL_IPV6, LX_IPV6_V6ONLY, &v, sizeof v);
	if ((h->u.sock.bufsize_set & 1) && get_int(h->fd, LX_SOL_SOCKET, LX_SO_SNDBUF, &v) == 0) {
		v /= 2;	/* Linux reports twice what was set */
		ls_sys_setsockopt(nfd, LX_SOL_SOCKET, LX_SO_SNDBUF, &v, sizeof v);
	}
	if ((h->u.sock.bufsize_set & 2) && get_int(h->fd, LX_SOL_SOCKET, LX_SO_RCVBUF, &v) == 0) {
		v /= 2;
		ls_sys_setsockopt(nfd, LX_SOL_SOCKET, LX_SO_RCVBUF, &v, sizeof v);
	}
	if (h->u.sock.oobinline) {
		v = 1;
		ls_sys_setsockopt(nfd, LX_SOL_SOCKET, LX_SO_OOBINLINE, &v, sizeof v);
	}
	/* I/O still pending on the old connection (a WSARecv posted before DisconnectEx) ends
	 * aborted rather than wait on a socket that is gone. From inside an engine attempt the
	 * queue lock is held: later ops of that queue are attempted on the new, unconnected
	 * socket right after, and fail there. */
	if (!locked)
		ls_engine_cancel(h, NULL, 0);
	/* The context watches the old open file: leave it, so the next wait registers the new. */
	ls_engine_fd_replaced(h, locked);
	r = ls_sys_dup3(nfd, h->fd);
	ls_sys_close(nfd);
	if (r < 0)
		return ls_err_status_from_errno(r);
	h->u.sock.bound = 0;
	h->u.sock.connected = 0;
	h->u.sock.connecting = 0;
	h->u.sock.listening = 0;
	h->u.sock.shut_rd = h->u.sock.shut_wr = 0;
	h->u.sock.lx_reuse = 0;	/* the new kernel socket carries no SO_REUSEADDR */
	__atomic_store_n(&h->u.sock.reused, 1, __ATOMIC_RELEASE);
	return STATUS_SUCCESS;
}
