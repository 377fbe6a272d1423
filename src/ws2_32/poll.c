/* ws2_32/poll: WSAPoll, and the readiness rules it shares with select (poll.h).
 *
 * Windows facts (spec data-transfer.md §14; Wine's test_WSAPoll, run on Windows, where the spec or
 * Microsoft's page is silent or differs):
 * - fds 0 is WSAEINVAL whatever fdArray is; fdArray unreadable is WSAEFAULT.
 * - An entry whose fd is negative, or no socket, gets POLLNVAL and is not counted in the result
 *   (Microsoft's page says a negative fd is ignored with revents 0; Windows reports POLLNVAL).
 *   Its events are not checked when fd is negative.
 * - No entry names a socket: WSAENOTSOCK, every revents POLLNVAL.
 * - events holding anything but POLLRDNORM, POLLRDBAND, POLLWRNORM (POLLPRI, POLLWRBAND, POLLERR,
 *   POLLHUP, POLLNVAL, unknown bits), on any entry whose fd is not negative: WSAEINVAL, every
 *   revents 0.
 * - revents is what was asked for plus POLLERR, POLLHUP, POLLNVAL; the result counts the
 *   sockets whose revents is not 0; success sets the last error to 0. */
#include "ws2.h"
#include "poll.h"
#include "../base/sys.h"
#include "../err/linux.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

unsigned int ls_ws2_poll_conditions(struct ls_handle *h, short rev)
{
	const struct ls_handle_sock *s = &h->u.sock;
	unsigned int c = 0;

	if (ls_handle_closing(h))
		return LS_WS2_CLOSE;
	if (s->listening)	/* a pending (or WSAAccept-deferred) connection */
		return (rev & LX_POLLIN) || s->deferred_fd ? LS_WS2_READ : 0;
	if (s->type != SOCK_STREAM) {
		/* A datagram socket's queued ICMP error is what the next receive returns. */
		if (rev & (LX_POLLIN | LX_POLLERR))
			c |= LS_WS2_READ;
		if (rev & LX_POLLOUT)
			c |= LS_WS2_WRITE;
		return c;
	}
	/* Windows reports nothing for a stream socket that never connected; Linux says writable
	 * and hung up. */
	if (!s->connected)
		return 0;
	if ((rev & (LX_POLLERR | LX_POLLHUP)) && (s->af == AF_INET || s->af == AF_INET6) &&
	    ls_sys_tcp_was_established(h->fd) == 0)
		return LS_WS2_CONNECT_ERR;
	if (rev & LX_POLLERR)
		c |= LS_WS2_RESET;
	else if ((rev & LX_POLLRDHUP) && !s->shut_rd)
		c |= LS_WS2_HUP;	/* our own SD_RECEIVE is no hang-up on Windows */
	if (rev & LX_POLLIN) {
		/* After the peer's FIN Linux says readable for ever; Windows only while data is left. */
		int n = 0;
		if (!(rev & (LX_POLLRDHUP | LX_POLLHUP | LX_POLLERR)) ||
		    (ls_sys_ioctl_int(h->fd, LX_FIONREAD, &n) == 0 && n > 0))
			c |= LS_WS2_READ;
	}
	if (rev & LX_POLLPRI)
		c |= s->oobinline ? LS_WS2_READ : LS_WS2_OOB;
	if (rev & LX_POLLOUT)
		c |= LS_WS2_WRITE;
	return c;
}

int ls_ws2_pin(struct ls_handle **h, const unsigned int *gen, const struct ls_sys_pollfd *p, unsigned char *held,
	       size_t n, int all)
{
	for (size_t i = 0; i < n; i++) {
		if (!h[i] || held[i])
			continue;
		if (all || p[i].revents) {
			if (!ls_handle_get_peeked(h[i], p[i].fd, gen[i]))
				return 0;
			held[i] = 1;
		} else if (!ls_handle_peek_valid(h[i], p[i].fd, gen[i])) {
			return 0;
		}
	}
	return 1;
}

void ls_ws2_unpin(struct ls_handle **h, unsigned char *held, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (held[i])
			ls_handle_put(h[i]);
		held[i] = 0;
	}
}

/* WSAPoll's bits for a socket's conditions (Wine maps AFD's the same way; a failed connect is
 * POLLWRNORM | POLLHUP | POLLERR from Windows 10 2004 on, Microsoft's WSAPoll note). */
static SHORT revents_from(unsigned int c)
{
	SHORT r = 0;

	if (c & LS_WS2_CLOSE)
		return POLLNVAL;
	if (c & LS_WS2_READ)
		r |= POLLRDNORM;
	if (c & LS_WS2_OOB)
		r |= POLLRDBAND;
	if (c & (LS_WS2_WRITE | LS_WS2_CONNECT_ERR))
		r |= POLLWRNORM;
	if (c & (LS_WS2_HUP | LS_WS2_RESET | LS_WS2_CONNECT_ERR))
		r |= POLLHUP;
	if (c & (LS_WS2_RESET | LS_WS2_CONNECT_ERR))
		r |= POLLERR;
	return r;
}

#define VALID_EVENTS (POLLRDNORM | POLLRDBAND | POLLWRNORM)
#define STACK_N 128

int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)
{
	WSAPOLLFD stack_copy[STACK_N], *a;
	struct ls_handle *stack_h[STACK_N], **h = stack_h;
	struct ls_sys_pollfd stack_p[STACK_N], *p = stack_p;
	unsigned int stack_g[STACK_N], *gen = stack_g;
	unsigned char stack_held[STACK_N], *held = stack_held;
	size_t bytes = (size_t)fds * sizeof(WSAPOLLFD);
	void *heap = NULL;
	int direct, nvalid, count, r = 0, bad, counted = 0;
	NTSTATUS st = STATUS_SUCCESS;
	uint64_t deadline = 0;
	ULONG i;

	LS_TRACE_CALL("%s, %lu, %ld", ls_trace_pollfds(fdArray, fds), (unsigned long)fds, (long)timeout);
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	if (fds == 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEINVAL));
	if (fds > (1u << 20))
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOBUFS));
	if (fds > STACK_N) {
		heap = malloc(fds * (sizeof(WSAPOLLFD) + sizeof *h + sizeof *p + sizeof *gen + 1));
		if (!heap)
			return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOBUFS));
		h = heap;
		p = (struct ls_sys_pollfd *)(h + fds);
		gen = (unsigned int *)((WSAPOLLFD *)(p + fds) + fds);
		held = (unsigned char *)(gen + fds);
	}
	/* The array is the caller's: used in place when it is on the calling thread's stack (it
	 * cannot fault), otherwise copied in and out with fault checks (WSAEFAULT, no crash). */
	direct = ls_sys_on_stack(fdArray, bytes);
	if (direct) {
		a = fdArray;
	} else {
		a = heap ? (WSAPOLLFD *)(p + fds) : stack_copy;
		if (ls_sys_copy_in(a, fdArray, bytes) != 0) {
			free(heap);
			return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));
		}
	}

	/* One pass: look each socket up, check its mask, prepare its Linux entry. No socket at
	 * all is reported before a bad mask (Windows' order). The first pass takes no reference
	 * (ls_ws2_pin); a socket closed before the first poll is checked sends us back here to
	 * look everything up counted. */
lookup:
	nvalid = 0;
	count = 0;
	bad = 0;
	for (i = 0; i < fds; i++) {
		unsigned int want = LS_WS2_HUP | LS_WS2_RESET | LS_WS2_CONNECT_ERR | LS_WS2_CLOSE;
		SHORT ev = a[i].events;
		held[i] = 0;
		if ((intptr_t)a[i].fd < 0) {
			h[i] = NULL;
		} else {
			h[i] = counted ? ls_handle_get_socket(a[i].fd) : ls_handle_peek_socket(a[i].fd, &gen[i]);
			held[i] = counted && h[i];
			nvalid += h[i] != NULL;
			bad |= ev & ~VALID_EVENTS;
		}
		if (ev & POLLRDNORM)
			want |= LS_WS2_READ;
		if (ev & POLLRDBAND)
			want |= LS_WS2_OOB;
		if (ev & POLLWRNORM)
			want |= LS_WS2_WRITE;
		p[i].fd = h[i] ? (int)a[i].fd : -1;	/* Linux skips negative fds */
		p[i].events = ls_ws2_poll_events(want);
		p[i].revents = 0;
	}
	if (nvalid == 0) {
		st = STATUS_INVALID_HANDLE;	/* WSAENOTSOCK, every entry POLLNVAL */
		for (i = 0; i < fds; i++)
			a[i].revents = POLLNVAL;
		goto out;
	}
	if (bad) {
		st = STATUS_INVALID_PARAMETER;	/* WSAEINVAL, every revents 0 */
		for (i = 0; i < fds; i++)
			a[i].revents = 0;
		goto out;
	}
	for (i = 0; i < fds; i++)
		a[i].revents = h[i] ? 0 : POLLNVAL;
	if (timeout > 0 && !deadline)
		deadline = ls_sys_now_ns() + (uint64_t)timeout * 1000000u;
	for (;;) {
		int wait_ms = timeout < 0 ? -1 : 0;
		if (timeout > 0) {
			uint64_t now = ls_sys_now_ns();
			wait_ms = now >= deadline ? 0 : (int)((deadline - now + 999999u) / 1000000u);
		}
		r = ls_sys_poll(p, fds, counted ? wait_ms : 0);
		if (r == -EINTR)
			continue;	/* a signal does not end a Windows wait: go on with the time left */
		if (r < 0) {
			st = ls_err_status_from_errno(r);
			goto out;
		}
		if (!counted && !ls_ws2_pin(h, gen, p, held, fds, 0)) {
			ls_ws2_unpin(h, held, fds);
			counted = 1;
			goto lookup;
		}
		for (i = 0; r > 0 && i < fds; i++) {
			SHORT rev;
			if (!h[i] || !p[i].revents)
				continue;
			rev = revents_from(ls_ws2_poll_conditions(h[i], p[i].revents));
			rev &= (SHORT)(a[i].events | POLLHUP | POLLERR | POLLNVAL);
			a[i].revents = rev;
			if (rev)
				count++;
			else
				p[i].fd = -1;	/* a lasting Linux state Windows does not report */
		}
		if (count || wait_ms == 0 || (counted && r == 0))
			break;
		if (!counted) {
			/* About to wait: every socket is held, so a close finds it (docs/design.md O). */
			if (!ls_ws2_pin(h, gen, p, held, fds, 1)) {
				ls_ws2_unpin(h, held, fds);
				goto lookup_counted;
			}
			counted = 1;
		}
	}
out:
	ls_ws2_unpin(h, held, fds);
	if (!direct && ls_sys_copy_out(fdArray, a, bytes) != 0 && st == STATUS_SUCCESS)
		st = STATUS_ACCESS_VIOLATION;
	free(heap);
	if (st != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	ls_lasterr_set(0);	/* Windows clears the last error on success (Wine's test_WSAPoll) */
	return LS_TRACE_RET_INT(count);
lookup_counted:
	counted = 1;
	goto lookup;
}
