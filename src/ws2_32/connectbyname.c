/* ws2_32/connectbyname: WSAConnectByNameA/W and WSAConnectByList.
 *
 * Windows' rules (WSAConnectByName and WSAConnectByList pages; Wine's ws2_32 for the order of
 * the checks):
 * - Reserved must be NULL, and the names must not be NULL: WSAEINVAL, before the socket is
 *   looked at. Then the socket (WSAENOTSOCK), which must be connection-oriented: Wine answers
 *   WSAEFAULT for any other type, which we follow.
 * - The names are resolved with getaddrinfo for the socket's family and stream type; a failed
 *   resolution is its own code (WSAHOST_NOT_FOUND...). An AF_INET6 socket whose IPV6_V6ONLY was
 *   cleared is dual-stack: IPv4 results are tried as IPv4-mapped IPv6 addresses (both pages'
 *   remarks); with IPV6_V6ONLY on (Windows' default) only IPv6 ones are asked for.
 * - The addresses are tried in order (WSAConnectByList: the caller's order; Windows may reorder
 *   by its address-pair heuristics, which we do not), each with a blocking connect, even on a
 *   non-blocking socket (neither call supports non-blocking behaviour; the socket keeps its
 *   mode). The first that connects wins; when all fail, the error is the last attempt's
 *   (WSAECONNREFUSED...). An attempt that failed leaves the socket unconnected for the next (on
 *   Linux a connect to AF_UNSPEC; a failed connect would otherwise fail the next one too).
 * - timeout NULL waits as long as the attempts take; otherwise it bounds the whole call: the
 *   attempt under way when it expires is abandoned and the call fails with WSAETIMEDOUT. (The
 *   WSAConnectByList page says Windows checks it only between attempts, so Windows may run
 *   over; we do not.) A timeval that cannot be read is WSAEFAULT, a negative one WSAEINVAL.
 * - On success LocalAddress and RemoteAddress, when given with their lengths, receive what
 *   getsockname and getpeername report and the lengths become the sizes written. A length
 *   smaller than the socket family's sockaddr is WSAEFAULT: checked before anything is tried,
 *   so a bad buffer costs no connection. */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../base/sys.h"
#include "../base/wstr.h"
#include "../err/linux.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct target {
	union {
		SOCKADDR_IN v4;
		SOCKADDR_IN6 v6;
	} sa;
	int len;
};

static BOOL fail(int wsa)
{
	ls_lasterr_set((uint32_t)wsa);
	return FALSE;
}

struct outputs {
	DWORD *local_len, *remote_len;
	SOCKADDR *local, *remote;
};

/* The checks every form makes once the socket is known: stream type, timeout, output buffers.
 * *deadline_ns gets the monotonic deadline, 0 for none. */
static NTSTATUS prepare(struct ls_handle *h, const struct timeval *tv, const struct outputs *o, uint64_t *deadline_ns)
{
	struct timeval t;
	NTSTATUS st;

	if (h->u.sock.type != SOCK_STREAM)
		return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT, as Wine answers */
	*deadline_ns = 0;
	if (tv) {
		if (ls_sys_copy_in(&t, tv, sizeof t) != 0)
			return STATUS_ACCESS_VIOLATION;
		if (t.tv_sec < 0 || t.tv_usec < 0)
			return STATUS_INVALID_PARAMETER;
		*deadline_ns = ls_sys_now_ns() + (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_usec * 1000u;
	}
	/* The lengths are DWORDs, read as the int the address helpers take (same size). */
	if (o->local && o->local_len) {
		st = ls_baseprov_check_addr_out(h, o->local, (int *)o->local_len);
		if (st != STATUS_SUCCESS)
			return st;
	}
	if (o->remote && o->remote_len) {
		st = ls_baseprov_check_addr_out(h, o->remote, (int *)o->remote_len);
		if (st != STATUS_SUCCESS)
			return st;
	}
	return STATUS_SUCCESS;
}

/* Leaves a failed or abandoned attempt's socket unconnected, ready for another connect, and
 * bound as before (bound: the local address before the first attempt, len 0 if none). */
static void reset(struct ls_handle *h, const struct ls_err_lxaddr *bound)
{
	uint16_t unspec[8] = { LX_AF_UNSPEC };
	int err;
	unsigned int el = sizeof err;

	ls_sys_connect(h->fd, unspec, sizeof unspec);
	/* Disconnecting a SYN_SENT socket leaves ECONNRESET pending (tcp_disconnect), which the
	 * next call would report; Windows' next send says WSAENOTCONN. Reading SO_ERROR clears it. */
	ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_ERROR, &err, &el);
	h->u.sock.connecting = 0;
	/* A socket the caller bound to port 0 loses that port when a connect fails (Linux keeps
	 * only a port the bind named, though getsockname still shows it): bind it again where it
	 * was, as Windows never unbinds. A socket that kept its port refuses this (EINVAL). */
	if (bound->len)
		ls_sys_bind(h->fd, bound->u.bytes, bound->len);
}

/* Waits for the connect under way on h until deadline_ns (0: none). Like every blocking call,
 * the wait ends early for CancelSynchronousIo (STATUS_CANCELLED) or a close of h on another
 * thread (WSAEINTR). */
static NTSTATUS wait_connected(struct ls_handle *h, uint64_t deadline_ns)
{
	struct ls_wait_syncio *sync = ls_wait_syncio_begin(h);
	NTSTATUS st = STATUS_SUCCESS;
	int r, err = 0;
	unsigned int el = sizeof err;
	short rev;

	for (;;) {
		int ms = -1;

		if (deadline_ns) {
			uint64_t now = ls_sys_now_ns();
			if (now >= deadline_ns) {
				st = STATUS_IO_TIMEOUT;	/* WSAETIMEDOUT */
				break;
			}
			/* Rounded up, and at most about 11 days per poll (an int of ms). */
			ms = (deadline_ns - now) / 1000000 >= 1000000000 ? 1000000000
									 : (int)((deadline_ns - now + 999999) / 1000000);
		}
		rev = 0;
		r = ls_wait_syncio_stop(sync, h) ? -EINTR : ls_sys_poll1(h->fd, LX_POLLOUT, &rev, ms);
		if (r == -EINTR) {
			if (ls_wait_syncio_stop(sync, h)) {
				st = ls_baseprov_status(h, r);
				break;
			}
			continue;
		}
		if (r < 0) {
			st = ls_baseprov_status(h, r);
			break;
		}
		if (r > 0) {
			ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_ERROR, &err, &el);
			if (err)
				st = ls_baseprov_status(h, -err);
			break;
		}
		/* r == 0: the deadline passed; the loop's head says so. */
	}
	if (ls_wait_syncio_end(sync) && st != STATUS_SUCCESS)
		st = STATUS_CANCELLED;	/* WSA_OPERATION_ABORTED */
	return st;
}

/* One blocking connect to a Windows sockaddr (user memory or ours), bounded by deadline_ns. */
static NTSTATUS attempt(struct ls_handle *h, const void *sa, int len, uint64_t deadline_ns,
			const struct ls_err_lxaddr *bound)
{
	NTSTATUS st, failed = STATUS_SUCCESS;
	int phase = 0;

	st = ls_baseprov_connect_start(h, sa, len, &phase, &failed);
	if (st != STATUS_SUCCESS)
		return st;
	st = phase == 3 ? failed : phase == 1 ? wait_connected(h, deadline_ns) : STATUS_SUCCESS;
	h->u.sock.connecting = 0;
	if (st != STATUS_SUCCESS) {
		reset(h, bound);
		return st;
	}
	h->u.sock.bound = 1;
	return STATUS_SUCCESS;
}

/* A failure that is the call's, not the address's: no other address would do better. */
static int fatal(NTSTATUS st)
{
	return st == STATUS_CANCELLED || st == STATUS_REQUEST_ABORTED || st == STATUS_CONNECTION_ACTIVE ||
	       st == LS_STATUS_FROM_WSA(WSAEALREADY) || st == STATUS_INVALID_PARAMETER || st == STATUS_ACCESS_VIOLATION;
}

static NTSTATUS fill_outputs(struct ls_handle *h, const struct outputs *o)
{
	NTSTATUS st = STATUS_SUCCESS;

	if (o->local && o->local_len)
		st = ls_baseprov_getsockname(h, o->local, (int *)o->local_len);
	if (st == STATUS_SUCCESS && o->remote && o->remote_len)
		st = ls_baseprov_getpeername(h, o->remote, (int *)o->remote_len);
	return st;
}

/* Tries n targets in order (ours, or the caller's list when user_list is set). */
static NTSTATUS connect_targets(struct ls_handle *h, const struct target *t, const SOCKET_ADDRESS *user_list, int n,
				uint64_t deadline_ns, const struct outputs *o)
{
	NTSTATUS st = LS_STATUS_FROM_WSA(WSAHOST_NOT_FOUND);
	struct ls_err_lxaddr bound;
	int i;

	bound.len = 0;
	if (ls_baseprov_is_bound(h)) {
		bound.len = sizeof bound.u.bytes;
		if (ls_sys_getsockname(h->fd, bound.u.bytes, &bound.len) != 0)
			bound.len = 0;
	}
	for (i = 0; i < n; i++) {
		if (deadline_ns && ls_sys_now_ns() >= deadline_ns) {
			st = STATUS_IO_TIMEOUT;
			break;
		}
		if (user_list) {
			SOCKET_ADDRESS a;
			if (ls_sys_copy_in(&a, &user_list[i], sizeof a) != 0)
				return STATUS_ACCESS_VIOLATION;
			st = attempt(h, a.lpSockaddr, a.iSockaddrLength, deadline_ns, &bound);
		} else {
			st = attempt(h, &t[i].sa, t[i].len, deadline_ns, &bound);
		}
		if (st == STATUS_SUCCESS || st == STATUS_IO_TIMEOUT || fatal(st))
			break;
	}
	if (st == STATUS_SUCCESS)
		return fill_outputs(h, o);
	/* Windows: after a failed connect the socket is not connected (send: WSAENOTCONN). */
	if (st != STATUS_CONNECTION_ACTIVE)
		h->u.sock.connected = 0;
	return st;
}

/* 1 if h is an AF_INET6 socket with IPV6_V6ONLY cleared. */
static int dual_stack(struct ls_handle *h)
{
	int v = 1;
	unsigned int l = sizeof v;

	return h->u.sock.af == AF_INET6 && ls_sys_getsockopt(h->fd, LX_SOL_IPV6, LX_IPV6_V6ONLY, &v, &l) == 0 && !v;
}

/* Appends one resolved address, IPv4 mapped into IPv6 for a dual-stack socket. */
static void add_target(struct target *t, int *n, int af, const SOCKADDR *sa, size_t len, int sock_af)
{
	struct target *d = &t[*n];

	memset(d, 0, sizeof *d);
	if (af == sock_af && len <= sizeof d->sa) {
		memcpy(&d->sa, sa, len);
		d->len = (int)len;
	} else if (af == AF_INET && sock_af == AF_INET6 && len >= sizeof(SOCKADDR_IN)) {
		const SOCKADDR_IN *v4 = (const SOCKADDR_IN *)sa;
		d->sa.v6.sin6_family = AF_INET6;
		d->sa.v6.sin6_port = v4->sin_port;
		d->sa.v6.sin6_addr.u.Byte[10] = 0xff;
		d->sa.v6.sin6_addr.u.Byte[11] = 0xff;
		memcpy(&d->sa.v6.sin6_addr.u.Byte[12], &v4->sin_addr, 4);
		d->len = (int)sizeof(SOCKADDR_IN6);
	} else {
		return;
	}
	(*n)++;
}

/* A caller's ANSI string (UTF-8 here) as a new malloc'd UTF-16 string; NULL with *e set to
 * WSAEFAULT (bad pointer) or WSAENOBUFS. */
static uint16_t *widen_user(const char *user, int *e)
{
	int fault = 0;
	char *a = ls_ws2_dup_user(user, &fault);
	uint16_t *w = NULL;
	size_t need;

	*e = fault ? WSAEFAULT : WSAENOBUFS;
	if (!a)
		return NULL;
	need = ls_wstr_from_utf8(NULL, 0, a);
	w = malloc(need * sizeof *w);
	if (w)
		ls_wstr_from_utf8(w, need, a);
	free(a);
	return w;
}

/* The shared body of the A and W forms. */
static BOOL connect_by_name(SOCKET s, const void *node, const void *service, int wide, const struct outputs *o,
			    const struct timeval *tv, LPWSAOVERLAPPED reserved)
{
	struct ls_handle *h;
	struct target *t = NULL;
	uint16_t *wnode = NULL, *wservice = NULL;
	uint64_t deadline_ns;
	NTSTATUS st;
	int n = 0, count = 0, e = 0;

	if (!ls_ws2_started())
		return fail(WSANOTINITIALISED);
	if (!node || !service || reserved)
		return fail(WSAEINVAL);
	h = ls_handle_get_socket(s);
	if (!h)
		return fail(WSAENOTSOCK);
	st = prepare(h, tv, o, &deadline_ns);
	if (st != STATUS_SUCCESS)
		goto out;
	/* Both forms resolve through GetAddrInfoW: the library must not call its own getaddrinfo,
	 * whose reference a sanitizer runtime's unversioned interceptor would satisfy with glibc's
	 * (docs/design.md S); the A strings are widened first (the ANSI code page is UTF-8). */
	if (!wide) {
		wnode = widen_user(node, &e);
		wservice = wnode ? widen_user(service, &e) : NULL;
		if (!wservice)
			goto resolved;
		node = wnode;
		service = wservice;
	}
	{
		ADDRINFOW hints, *res = NULL, *ai;
		memset(&hints, 0, sizeof hints);
		hints.ai_family = dual_stack(h) ? AF_UNSPEC : h->u.sock.af;
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_protocol = IPPROTO_TCP;
		e = GetAddrInfoW(node, service, &hints, &res);
		if (!e) {
			for (ai = res; ai; ai = ai->ai_next)
				count++;
			t = calloc((size_t)count + 1, sizeof *t);
			for (ai = res; t && ai; ai = ai->ai_next)
				add_target(t, &n, ai->ai_family, ai->ai_addr, ai->ai_addrlen, h->u.sock.af);
			FreeAddrInfoW(res);
		}
	}
resolved:
	free(wnode);
	free(wservice);
	if (e) {
		st = LS_STATUS_FROM_WSA(e);	/* the resolver's own code */
		goto out;
	}
	if (!t) {
		st = STATUS_NO_MEMORY;	/* WSAENOBUFS */
		goto out;
	}
	st = connect_targets(h, t, NULL, n, deadline_ns, o);
	free(t);
out:
	ls_handle_put(h);
	if (st != STATUS_SUCCESS)
		return fail(ls_err_wsa_from_status(st));
	return TRUE;
}

BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename, LPCSTR servicename, LPDWORD LocalAddressLength,
			      LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
			      const struct timeval *timeout, LPWSAOVERLAPPED Reserved)
{
	struct outputs o = { LocalAddressLength, RemoteAddressLength, LocalAddress, RemoteAddress };

	LS_TRACE_CALL("%s, %s, %s, %p, %p, %p, %p, %s, %p", ls_trace_socket(s), ls_trace_str(nodename),
		 ls_trace_str(servicename), (const void *)LocalAddressLength, (const void *)LocalAddress,
		 (const void *)RemoteAddressLength, (const void *)RemoteAddress, ls_trace_timeval(timeout),
		 (const void *)Reserved);
	return LS_TRACE_RET_BOOL(connect_by_name(s, nodename, servicename, 0, &o, timeout, Reserved));
}

BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename, LPWSTR servicename, LPDWORD LocalAddressLength,
			      LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
			      const struct timeval *timeout, LPWSAOVERLAPPED Reserved)
{
	struct outputs o = { LocalAddressLength, RemoteAddressLength, LocalAddress, RemoteAddress };

	LS_TRACE_CALL("%s, %s, %s, %p, %p, %p, %p, %s, %p", ls_trace_socket(s), ls_trace_wstr((const uint16_t *)nodename),
		 ls_trace_wstr((const uint16_t *)servicename), (const void *)LocalAddressLength,
		 (const void *)LocalAddress, (const void *)RemoteAddressLength, (const void *)RemoteAddress,
		 ls_trace_timeval(timeout), (const void *)Reserved);
	return LS_TRACE_RET_BOOL(connect_by_name(s, nodename, servicename, 1, &o, timeout, Reserved));
}

BOOL WSAAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST SocketAddress, LPDWORD LocalAddressLength,
			     LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
			     const struct timeval *timeout, LPWSAOVERLAPPED Reserved)
{
	struct outputs o = { LocalAddressLength, RemoteAddressLength, LocalAddress, RemoteAddress };
	struct ls_handle *h;
	uint64_t deadline_ns;
	NTSTATUS st;
	INT count;

	LS_TRACE_CALL("%s, %p, %p, %p, %p, %p, %s, %p", ls_trace_socket(s), (const void *)SocketAddress,
		 (const void *)LocalAddressLength, (const void *)LocalAddress, (const void *)RemoteAddressLength,
		 (const void *)RemoteAddress, ls_trace_timeval(timeout), (const void *)Reserved);
	if (!ls_ws2_started())
		return LS_TRACE_RET_BOOL(fail(WSANOTINITIALISED));
	if (Reserved)
		return LS_TRACE_RET_BOOL(fail(WSAEINVAL));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_BOOL(fail(WSAENOTSOCK));
	st = prepare(h, timeout, &o, &deadline_ns);
	/* The list: a readable count of at least one address (none to try is no valid list). */
	if (st == STATUS_SUCCESS && (!SocketAddress || ls_sys_copy_in(&count, &SocketAddress->iAddressCount,
									  sizeof count) != 0))
		st = STATUS_ACCESS_VIOLATION;
	if (st == STATUS_SUCCESS && count <= 0)
		st = STATUS_INVALID_PARAMETER;
	if (st == STATUS_SUCCESS)
		st = connect_targets(h, NULL, SocketAddress->Address, count, deadline_ns, &o);
	ls_handle_put(h);
	if (st != STATUS_SUCCESS)
		return LS_TRACE_RET_BOOL(fail(ls_err_wsa_from_status(st)));
	return LS_TRACE_RET_BOOL(TRUE);
}
