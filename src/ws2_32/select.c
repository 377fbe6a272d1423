/* ws2_32/select: select and __WSAFDIsSet over Winsock's fd_set (a count and an array of SOCKET
 * values, FD_SETSIZE chosen by the program: only fd_count entries are ever read).
 *
 * Windows facts (spec data-transfer.md §13; Wine's test_select, run on Windows, for the details):
 * - nfds is ignored; all three sets NULL or empty: WSAEINVAL.
 * - A set holding anything but a socket: WSAENOTSOCK, the sets left as they were.
 * - readfds: data, a connection to accept, the peer's close or reset. writefds: writable, a
 *   non-blocking connect done. exceptfds: urgent data (SO_OOBINLINE off), a failed connect -- and
 *   then exceptfds only, the socket's SO_ERROR still to be read. A stream socket that never
 *   connected is in no set.
 * - Each set is rewritten in place with the ready sockets, in their input order, each once (a
 *   socket listed twice is returned once); the result counts what was written. The sets may be
 *   the same memory: all three counts are cleared before any is filled, so a socket ready both
 *   ways in one aliased set counts once.
 * - A socket closed by another thread during the wait is ready for reading when it is in
 *   readfds; otherwise the call fails with WSAENOTSOCK.
 * - The timeout (8-byte timeval) is not modified; NULL waits for ever, {0, 0} polls; a negative
 *   field is WSAEINVAL. */
#include "ws2.h"
#include "poll.h"
#include "../base/sys.h"
#include "../err/linux.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>

/* The program's fd_set may be larger or smaller than ours: only this prefix layout is shared. */
#define SET_ARRAY offsetof(fd_set, fd_array)
#define SET_BYTES(n) (SET_ARRAY + (size_t)(n) * sizeof(SOCKET))
#define STACK_N 192	/* three sets of 64 */
#define MAX_N (1u << 20)

/* What each set asks of its sockets (the read set also takes a socket closed under us). */
static const unsigned int set_want[3] = {
	LS_WS2_READ | LS_WS2_HUP | LS_WS2_RESET | LS_WS2_CLOSE,
	LS_WS2_WRITE,
	LS_WS2_OOB | LS_WS2_CONNECT_ERR,
};

struct set_in {
	fd_set *user;
	u_int count;
	int direct;		/* on the calling thread's stack: read and written in place */
	SOCKET *v;		/* the input sockets (in place, or a copy) */
};

/* Reads the set's count, then its fd_count sockets (never more, never assuming FD_SETSIZE). */
static NTSTATUS set_read(struct set_in *in, fd_set *user)
{
	in->user = user;
	in->count = 0;
	in->direct = 0;
	in->v = NULL;
	if (!user)
		return STATUS_SUCCESS;
	if (ls_sys_on_stack(user, sizeof(u_int)))
		in->count = user->fd_count;
	else if (ls_sys_copy_in(&in->count, user, sizeof(u_int)) != 0)
		return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT */
	if (in->count > MAX_N)
		return STATUS_ACCESS_VIOLATION;	/* "unable to allocate needed resources" */
	in->direct = ls_sys_on_stack(user, SET_BYTES(in->count));
	if (in->direct)
		in->v = (SOCKET *)((char *)user + SET_ARRAY);
	return STATUS_SUCCESS;
}

/* The sockets of one output set, and which input memory it goes back to. */
struct set_out {
	fd_set *user;
	u_int count;
	SOCKET *v;
};

/* Appends s unless present, as Windows' FD_SET does; 1 if added. Room: an output never holds
 * more distinct sockets than the input memory it replaces. */
static int add(struct set_out *o, SOCKET s)
{
	for (u_int i = 0; i < o->count; i++)
		if (o->v[i] == s)
			return 0;
	o->v[o->count++] = s;
	return 1;
}

static NTSTATUS read_timeout(const struct timeval *tv, int64_t *ns)
{
	struct timeval t;

	*ns = -1;
	if (!tv)
		return STATUS_SUCCESS;
	if (ls_sys_on_stack(tv, sizeof t))
		t = *tv;
	else if (ls_sys_copy_in(&t, tv, sizeof t) != 0)
		return STATUS_ACCESS_VIOLATION;
	if (t.tv_sec < 0 || t.tv_usec < 0)
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	*ns = (int64_t)t.tv_sec * 1000000000 + (int64_t)t.tv_usec * 1000;
	return STATUS_SUCCESS;
}

int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const struct timeval *timeout)
{
	struct set_in in[3];
	struct set_out out[3];
	int outof[3];
	SOCKET stack_s[STACK_N], stack_o[STACK_N], *copies, *outv;
	struct ls_handle *stack_h[STACK_N], **h = stack_h;
	struct ls_sys_pollfd stack_p[STACK_N], *p = stack_p;
	unsigned char stack_k[STACK_N], *kind = stack_k;
	unsigned int stack_g[STACK_N], *gen = stack_g;
	unsigned char stack_held[STACK_N], *held = stack_held;
	void *heap = NULL;
	size_t n = 0, i, j, got = 0;
	int64_t tmo;
	uint64_t deadline = 0;
	int total = 0, k, r, counted = 0;
	NTSTATUS st;

	(void)nfds;	/* Berkeley compatibility only */
	LS_TRACE_CALL("%ld, %s, %s, %s, %s", (long)nfds, ls_trace_fdset(readfds), ls_trace_fdset(writefds),
		 ls_trace_fdset(exceptfds), ls_trace_timeval(timeout));
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	if ((st = set_read(&in[0], readfds)) != STATUS_SUCCESS || (st = set_read(&in[1], writefds)) != STATUS_SUCCESS ||
	    (st = set_read(&in[2], exceptfds)) != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	n = (size_t)in[0].count + in[1].count + in[2].count;
	if (n == 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEINVAL));	/* not a sleep (select docs) */
	if ((st = read_timeout(timeout, &tmo)) != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));

	/* Per entry: its socket (input copy, then output), record, Linux pollfd and set. */
	if (n > STACK_N) {
		heap = malloc(n * (2 * sizeof(SOCKET) + sizeof *h + sizeof *p + sizeof *gen + 2));
		if (!heap)
			return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));	/* "unable to allocate needed resources" */
		h = heap;
		p = (struct ls_sys_pollfd *)(h + n);
		copies = (SOCKET *)(p + n);
		outv = copies + n;
		gen = (unsigned int *)(outv + n);
		kind = (unsigned char *)(gen + n);
		held = kind + n;
	} else {
		copies = stack_s;
		outv = stack_o;
	}
	for (k = 0, j = 0; k < 3; k++) {
		if (in[k].count && !in[k].direct) {
			if (ls_sys_copy_in(copies + j, (char *)in[k].user + SET_ARRAY, in[k].count * sizeof(SOCKET)) != 0) {
				st = STATUS_ACCESS_VIOLATION;
				goto fail_free;
			}
			in[k].v = copies + j;
		}
		j += in[k].count;
	}

	/* Look every socket up before polling: a non-socket fails the call, sets untouched. The
	 * first pass takes no reference (ls_ws2_pin); a socket closed before the first poll is
	 * checked sends us back here to look everything up counted. */
lookup:
	got = 0;
	for (k = 0; k < 3; k++) {
		for (i = 0; i < in[k].count; i++) {
			h[got] = counted ? ls_handle_get_socket(in[k].v[i]) : ls_handle_peek_socket(in[k].v[i], &gen[got]);
			if (!h[got]) {
				st = STATUS_INVALID_HANDLE;	/* WSAENOTSOCK */
				goto fail_put;
			}
			held[got] = (unsigned char)counted;
			p[got].fd = (int)in[k].v[i];
			p[got].events = ls_ws2_poll_events(set_want[k]);
			p[got].revents = 0;
			kind[got] = (unsigned char)k;
			got++;
		}
	}

	if (tmo > 0 && !deadline)
		deadline = ls_sys_now_ns() + (uint64_t)tmo;
	for (;;) {
		int ms = tmo < 0 ? -1 : 0, relevant = 0;
		if (tmo > 0) {
			uint64_t now = ls_sys_now_ns(), left = now >= deadline ? 0 : deadline - now;
			ms = left / 1000000u >= INT_MAX ? INT_MAX : (int)((left + 999999u) / 1000000u);
		}
		/* Uncounted, the first poll does not wait (see ls_ws2_pin). */
		r = ls_sys_poll(p, n, counted ? ms : 0);
		if (r == -EINTR)
			continue;	/* a signal does not end a Windows wait: go on with the time left */
		if (r < 0) {
			st = ls_err_status_from_errno(r);
			goto fail_put;
		}
		if (!counted && !ls_ws2_pin(h, gen, p, held, n, 0)) {
			ls_ws2_unpin(h, held, n);
			counted = 1;
			goto lookup;
		}
		if (r == 0 && counted) {
			if (ms == INT_MAX || (tmo > 0 && ls_sys_now_ns() < deadline))
				continue;	/* a wait longer than poll's int milliseconds */
			break;
		}
		for (i = 0; r > 0 && i < n; i++) {
			if (!p[i].revents)
				continue;
			p[i].revents = (short)ls_ws2_poll_conditions(h[i], p[i].revents);
			if (p[i].revents & (set_want[kind[i]] | LS_WS2_CLOSE))
				relevant = 1;
			else
				p[i].fd = -1;	/* a lasting Linux state this set does not report */
		}
		if (relevant || ms == 0)
			break;
		if (!counted) {
			/* About to wait: every socket is held, so a close finds it (docs/design.md O). */
			if (!ls_ws2_pin(h, gen, p, held, n, 1)) {
				ls_ws2_unpin(h, held, n);
				counted = 1;
				goto lookup;
			}
			counted = 1;
		}
	}

	/* A socket closed during the wait and not in readfds fails the call (Windows). */
	for (i = 0; i < n; i++) {
		if ((p[i].revents & LS_WS2_CLOSE) && kind[i] != 0) {
			for (j = 0; j < in[0].count && in[0].v[j] != (SOCKET)h[i]->fd; j++)
				;
			if (j == in[0].count) {
				st = STATUS_INVALID_HANDLE;
				break;
			}
		}
	}

	/* Outputs: one per distinct set pointer (the sets may alias), built aside from every input
	 * (an in-place set is written only at the end), counts cleared first as on Windows. */
	for (k = 0, j = 0; k < 3; k++) {
		outof[k] = k;
		for (int m = 0; m < k; m++)
			if (in[m].user && in[m].user == in[k].user)
				outof[k] = outof[m];
		out[k].count = 0;
		if (outof[k] == k) {
			out[k].v = outv + j;
			j += in[k].count;
		}
	}
	if (st == STATUS_SUCCESS) {
		for (i = 0; i < n; i++) {
			k = kind[i];
			if (p[i].revents & (set_want[k] | (k == 0 ? LS_WS2_CLOSE : 0)))
				total += add(&out[outof[k]], (SOCKET)h[i]->fd);
		}
	}
	for (k = 0; k < 3; k++) {
		if (!in[k].user || outof[k] != k)
			continue;
		if (in[k].direct) {
			for (i = 0; i < out[k].count; i++)
				in[k].v[i] = out[k].v[i];
			in[k].user->fd_count = out[k].count;
		} else if (ls_sys_copy_out((char *)in[k].user + SET_ARRAY, out[k].v, out[k].count * sizeof(SOCKET)) != 0 ||
			   ls_sys_copy_out(in[k].user, &out[k].count, sizeof(u_int)) != 0) {
			if (st == STATUS_SUCCESS)
				st = STATUS_ACCESS_VIOLATION;
		}
	}
fail_put:
	ls_ws2_unpin(h, held, got);
fail_free:
	free(heap);
	if (st != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	return LS_TRACE_RET_INT(total);
}

int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set *set)
{
	LS_TRACE_CALL("%s, %p", ls_trace_socket(fd), (const void *)set);
	/* FD_ISSET's helper reads the set directly, as Windows' does: the count, then only that
	 * many entries, so any FD_SETSIZE the program chose works. */
	for (u_int i = 0; i < set->fd_count; i++)
		if (set->fd_array[i] == fd)
			return LS_TRACE_RET_INT(1);
	return LS_TRACE_RET_INT(0);
}
