/* engine: operation records, per-handle queues, completion delivery (see engine.h). Backend
 * specifics (how a context waits) are in epoll.c behind struct ls_engine_backend. */
#include "engine.h"
#include "engine_int.h"
#include "../base/pthr.h"
#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../baseprov/baseprov.h"
#include "../err/linux.h"
#include "../evsel/evsel.h"
#include "../handle/handle.h"
#include "../iocp/iocp.h"
#include "../wait/wait.h"

#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- Op records: a capped per-thread cache of same-sized blocks (CONVENTIONS §8) ---- */

#define CACHE_IOV 8		/* blocks have room for at least this many iovecs */
#define CACHE_MAX 1024		/* a thread keeps at most this many idle ops */
#define CACHE_REFILL 8		/* extra ops a miss adds to its home cache */

/* Every op has a home: the thread cache it was allocated for. Whoever finishes an op (the
 * issuer, the reaper, a port's poller) returns it home: locally if it is that thread, else with
 * a lock-free push onto the home's remote list, which the owner takes whole when its local list
 * runs dry. So each thread owns exactly as many ops as it ever had in flight, and a steady
 * workload never allocates (CONVENTIONS §8), whichever threads deliver.
 * Homes are never freed (a delivery may still push to the home of a thread that ended); a
 * thread that ends frees its idle ops and marks its home dead, and a new thread adopts a dead
 * home with whatever came back to it meanwhile. */
struct op_home {
	struct ls_op *head;		/* owner only */
	int n;
	_Atomic(struct ls_op *) remote;	/* pushed by other threads, taken whole by the owner */
	atomic_int dead;
	struct op_home *all_next;	/* every home ever (homes_lock) */
};

static __thread struct op_home *home;
static pthread_mutex_t homes_lock = PTHREAD_MUTEX_INITIALIZER;
static struct op_home *homes;
static pthread_key_t home_key;
static pthread_once_t home_key_once = PTHREAD_ONCE_INIT;
static atomic_long cache_misses;	/* tests: a warm loop must not move this */

long ls_engine_cache_misses(void)
{
	return atomic_load_explicit(&cache_misses, memory_order_relaxed);
}

void ls_engine_thread_exit(void);

static size_t op_size(uint32_t niov)
{
	return sizeof(struct ls_op) + (size_t)(niov < CACHE_IOV ? CACHE_IOV : niov) * sizeof(struct ls_sys_iov);
}

static void home_exit(void *p)
{
	struct op_home *h = p;

	/* A thread linsock did not start ends here: its I/O is cancelled as CreateThread's. */
	ls_engine_thread_exit();

	while (h->head) {
		struct ls_op *op = h->head;
		h->head = op->next;
		free(op);
	}
	h->n = 0;
	atomic_store_explicit(&h->dead, 1, memory_order_release);
}

static void home_key_init(void)
{
	pthread_key_create(&home_key, home_exit);
}

static struct op_home *home_get(void)
{
	struct op_home *h;

	if (__builtin_expect(home != NULL, 1))
		return home;
	pthread_once(&home_key_once, home_key_init);
	pthread_mutex_lock(&homes_lock);
	for (h = homes; h; h = h->all_next)
		if (atomic_load_explicit(&h->dead, memory_order_acquire)) {
			atomic_store_explicit(&h->dead, 0, memory_order_relaxed);
			break;
		}
	if (!h) {
		h = calloc(1, sizeof *h);
		if (h) {
			h->all_next = homes;
			homes = h;
		}
	}
	pthread_mutex_unlock(&homes_lock);
	if (h) {
		home = h;
		pthread_setspecific(home_key, h);
	}
	return h;
}

/* Zeroes an op's fixed part (everything before iov[]). A plain memset of these 352 bytes is
 * compiled to `rep stosq`, whose start-up cost made it the largest user-space item of an echo
 * server's message (perf annotate: half of ls_engine_op_new); 16-byte stores take a few cycles.
 * The empty asm keeps the compiler from turning the loop back into that memset. */
static inline void op_clear(struct ls_op *op)
{
	typedef uint64_t v2 __attribute__((vector_size(16), may_alias, aligned(8)));
	v2 *w = (v2 *)op;
	size_t n = offsetof(struct ls_op, iov) / sizeof(v2);

	for (size_t i = 0; i < n; i++) {
		__asm__("" : "+r"(w));
		w[i] = (v2){ 0, 0 };
	}
	memset((char *)op + n * sizeof(v2), 0, offsetof(struct ls_op, iov) % sizeof(v2));
}

struct ls_op *ls_engine_op_new(uint32_t niov)
{
	struct op_home *h = home_get();
	struct ls_op *op = NULL;

	if (h && niov <= CACHE_IOV) {
		if (!h->head && atomic_load_explicit(&h->remote, memory_order_relaxed)) {
			/* Take back everything other threads returned, in one exchange. */
			struct ls_op *list = atomic_exchange_explicit(&h->remote, NULL, memory_order_acquire);
			while (list) {
				struct ls_op *next = list->next;
				list->next = h->head;
				h->head = list;
				h->n++;
				list = next;
			}
		}
		if (h->head) {
			op = h->head;
			h->head = op->next;
			h->n--;
		}
	}
	if (!op) {
		atomic_fetch_add_explicit(&cache_misses, 1, memory_order_relaxed);
		op = malloc(op_size(niov));
		if (!op)
			return NULL;
		/* Refill the home cache with a small batch too: how many ops are away at a time
		 * (held by the delivering thread, on their way back) depends on scheduling, and one
		 * op per miss lets a loaded machine miss again long after warm-up. */
		for (int i = 0; h && niov <= CACHE_IOV && i < CACHE_REFILL && h->n < CACHE_MAX; i++) {
			struct ls_op *extra = malloc(op_size(0));
			if (!extra)
				break;
			extra->next = h->head;
			h->head = extra;
			h->n++;
		}
	}
	op_clear(op);
	op->niov = niov;
	/* Blocks too big for the cache's size class have no home: they are freed, not kept. */
	op->home = niov <= CACHE_IOV ? h : NULL;
	return op;
}

void ls_engine_op_free(struct ls_op *op)
{
	struct op_home *h = op->home;

	if (!h) {
		free(op);
		return;
	}
	if (h == home) {
		if (h->n >= CACHE_MAX) {
			free(op);
			return;
		}
		op->next = h->head;
		h->head = op;
		h->n++;
		return;
	}
	/* Another thread's op: push it home (a single consumer takes the list whole, so a plain
	 * CAS push has no ABA problem). */
	op->next = atomic_load_explicit(&h->remote, memory_order_relaxed);
	while (!atomic_compare_exchange_weak_explicit(&h->remote, &op->next, op, memory_order_release,
						      memory_order_relaxed))
		;
}

/* ---- Per-handle async state ---- */

static pthread_mutex_t lazy_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ls_engine_sock *all_socks;	/* every live record (lazy_lock) */

static struct ls_engine_sock *sock_state(struct ls_handle *h)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);

	if (es)
		return es;
	pthread_mutex_lock(&lazy_lock);
	es = atomic_load_explicit(&h->engine, memory_order_relaxed);
	if (!es) {
		es = calloc(1, sizeof *es);
		if (es) {
			pthread_mutex_init(&es->lock, NULL);
			es->tail[0] = &es->q[0];
			es->tail[1] = &es->q[1];
			es->tail[2] = &es->q[2];
			es->fd = h->fd;
			es->refs = 1;	/* the handle's */
			es->all_next = all_socks;
			if (all_socks)
				all_socks->all_prev = &es->all_next;
			es->all_prev = &all_socks;
			all_socks = es;
			atomic_store_explicit(&h->engine, es, memory_order_release);
		}
	}
	pthread_mutex_unlock(&lazy_lock);
	return es;
}

static void dup_leave(struct ls_engine_sock *es);

/* ---- The file object's event (waits on the handle itself) ----
 * Windows resets a file's event when an I/O starts on it and sets it when one completes
 * (FILE_SKIP_SET_EVENT_ON_HANDLE: never). The state is a byte flipped only when it changes;
 * the eventfd behind it exists only once someone has waited on the handle. Dekker pairing with
 * its creation (io_obj): the flipper stores fsig then loads fobj, the creator stores fobj then
 * loads fsig, so a change is never lost between them. */
static inline void file_event(struct ls_engine_sock *es, uint8_t on)
{
	struct ls_wait_obj *o;

	if (__atomic_load_n(&es->fsig, __ATOMIC_RELAXED) == on)
		return;
	__atomic_store_n(&es->fsig, on, __ATOMIC_SEQ_CST);
	o = atomic_load_explicit(&es->fobj, memory_order_seq_cst);
	if (o)
		ls_wait_event_follow(o, &es->fsig);	/* racing flips end as the last one says */
}

static struct ls_wait_obj *io_obj(struct ls_handle *h)
{
	struct ls_engine_sock *es;
	struct ls_wait_obj *o;
	int fd;

	if (h->type != LS_HANDLE_SOCKET && h->type != LS_HANDLE_FILE)
		return NULL;
	es = sock_state(h);
	if (!es)
		return NULL;
	o = atomic_load_explicit(&es->fobj, memory_order_acquire);
	if (o)
		return o;
	pthread_mutex_lock(&es->lock);
	o = atomic_load_explicit(&es->fobj, memory_order_relaxed);
	if (!o) {
		fd = ls_sys_event_fd_nonblock();
		o = fd >= 0 ? ls_wait_obj_new(LS_WAIT_EVENT_MANUAL, fd, 0, 0) : NULL;
		if (o) {
			es->fobj_fd = fd;
			atomic_store_explicit(&es->fobj, o, memory_order_seq_cst);
			ls_wait_event_follow(o, &es->fsig);
		} else if (fd >= 0) {
			ls_sys_close(fd);
		}
	}
	pthread_mutex_unlock(&es->lock);
	return o;
}

/* Handles watched in some thread's own context (see tctx below): while there are any, the
 * reaper ticks to cover for threads that are not in an alertable wait. */
static atomic_int tctx_regs;

/* Takes es out of its context (es->lock held, or es unreachable). */
static void ctx_leave(struct ls_engine_sock *es)
{
	ls_engine_ctx_ops(es->ctx)->unregister(es->ctx, es);
	es->lazy = 0;
	if (es->in_tctx) {
		es->in_tctx = 0;
		atomic_fetch_sub_explicit(&tctx_regs, 1, memory_order_relaxed);
	}
}

/* Last reference of the record: its fd closes next. Leave the context first so no event can
 * name freed state (a duplicate of the fd would keep the registration alive otherwise). */
static void sock_free(struct ls_handle *h)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);

	if (!es)
		return;
	if (es->ctx)
		ctx_leave(es);
	if (es->port)
		ls_iocp_put(es->port);
	pthread_mutex_lock(&lazy_lock);
	*es->all_prev = es->all_next;
	if (es->all_next)
		es->all_next->all_prev = es->all_prev;
	pthread_mutex_unlock(&lazy_lock);
	dup_leave(es);
	if (es->fobj) {
		ls_wait_obj_free(es->fobj);
		ls_sys_close(es->fobj_fd);
	}
	h->engine = NULL;
	ls_engine_sock_release(es);
}

/* A backend's poller may have picked es just before unregister and still be inside
 * ls_engine_ready(es) (it holds a reference): the record outlives the handle until it returns.
 * Such a late call finds both queues empty (every op held a handle reference) and does nothing. */
void ls_engine_sock_release(struct ls_engine_sock *es)
{
	if (__atomic_sub_fetch(&es->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	pthread_mutex_destroy(&es->lock);
	free(es);
}

/* ---- The transfer itself ---- */

/* Drops r transferred bytes from the front of op's iovecs. 1 if none are left. */
static int advance(struct ls_op *op, size_t r)
{
	size_t left = r;
	uint32_t i = 0;

	while (i < op->niov && left >= op->iov[i].len)
		left -= op->iov[i++].len;
	if (i == op->niov)
		return 1;
	memmove(op->iov, op->iov + i, (op->niov - i) * sizeof op->iov[0]);
	op->niov -= i;
	op->iov[0].base = (char *)op->iov[0].base + left;
	op->iov[0].len -= left;
	return 0;
}

/* One non-blocking attempt. Returns 1 when the op is finished (op->status/bytes set), 0 when it
 * must wait for readiness. A stream send completes only when every byte is queued (Windows), so
 * a partial send advances the iovecs and waits for the rest. */
static int attempt_accept(struct ls_op *op);
static int attempt_connect(struct ls_op *op);

static int attempt(struct ls_op *op)
{
	struct ls_handle *h = op->h;
	long r;

	if (op->kind == LS_OP_ACCEPT)
		return attempt_accept(op);
	if (op->kind == LS_OP_CONNECT)
		return attempt_connect(op);
	if (op->kind >= LS_OP_EXT_RECV)
		return op->ext(op);
again:
	for (;;) {
		if (op->kind == LS_OP_RECV) {
			op->msg.iov = op->iov;
			op->msg.iovlen = op->niov;
			op->msg.name = op->user_from ? op->addr.u.bytes : NULL;
			op->msg.namelen = op->user_from ? sizeof op->addr.u.bytes : 0;
			r = ls_sys_recvmsg(h->fd, &op->msg, (op->lflags & ~LX_MSG_WAITALL) | LX_MSG_DONTWAIT);
		} else if (op->niov == 1 && !op->addr.len) {
			/* One buffer, no address (WriteFileEx, most WSASends): send(2) spares the
			 * kernel copying a msghdr and importing an iovec. */
			r = ls_sys_sendto(h->fd, op->iov[0].base, op->iov[0].len, op->lflags | LX_MSG_DONTWAIT, NULL, 0);
		} else {
			op->msg.iov = op->iov;
			op->msg.iovlen = op->niov;
			op->msg.name = op->addr.len ? op->addr.u.bytes : NULL;
			op->msg.namelen = op->addr.len;
			r = ls_sys_sendmsg(h->fd, &op->msg, op->lflags | LX_MSG_DONTWAIT);
		}
		/* A UDP send Linux failed with an earlier datagram's ICMP report goes again
		 * (Windows never fails it; the report waits for a receive). */
		if (r == -EINTR || (op->kind != LS_OP_RECV && ls_baseprov_send_icmp(h, r)))
			continue;
		break;
	}
	if (r == -EAGAIN)
		return 0;
	if (r < 0) {
		op->status = ls_baseprov_io_status(h, r, op->kind == LS_OP_SEND);
		if (op->status == STATUS_IO_TIMEOUT || op->status == STATUS_DEVICE_NOT_READY)
			return 0;	/* EAGAIN seen through the blocking-socket lens: still waiting */
		return 1;
	}
	if (op->kind == LS_OP_RECV) {
		if (op->stream && (op->lflags & LX_MSG_WAITALL)) {
			/* MSG_WAITALL (stream only): complete when the buffers are full, at end of
			 * stream, or on error/cancel, keeping what came so far (data-transfer.md §6). The
			 * flag means nothing to a non-blocking recvmsg, so the engine accumulates. A
			 * partial read retries at once: only EAGAIN may end an attempt that waits (an
			 * edge-triggered or per-wake-up backend reports no readiness that is already
			 * there). */
			op->bytes += (uint32_t)r;
			op->status = STATUS_SUCCESS;
			if (r == 0 || advance(op, (size_t)r))
				return 1;
			goto again;
		}
		op->bytes = (uint32_t)r;
		if (!op->stream && (op->msg.flags & LX_MSG_TRUNC)) {
			/* Truncated datagram: buffer filled, rest dropped, WSAEMSGSIZE. */
			uint64_t cap = 0;
			for (uint32_t i = 0; i < op->niov; i++)
				cap += op->iov[i].len;
			op->bytes = (uint32_t)(cap < (uint64_t)r ? cap : (uint64_t)r);
			op->status = STATUS_BUFFER_OVERFLOW;
		} else {
			op->status = STATUS_SUCCESS;
		}
		if (op->user_from && op->msg.namelen > 0) {
			op->addr.len = op->msg.namelen;
			ls_err_sockaddr_from_linux(&op->addr, op->user_from, op->user_fromlen);
		}
		return 1;
	}
	op->bytes += (uint32_t)r;
	/* Partial stream send: send the rest now; wait only once the kernel says EAGAIN. */
	if (op->stream && !advance(op, (size_t)r))
		goto again;
	op->status = STATUS_SUCCESS;
	return 1;
}

/* ---- AcceptEx and ConnectEx (LS_OP_ACCEPT, LS_OP_CONNECT) ---- */

/* One address slot of AcceptEx's output (layout in mswsock/acceptex.c): an int length, then
 * the Windows sockaddr. A slot too small for both is left as it is. */
static void accept_slot(char *slot, uint32_t size, const struct ls_err_lxaddr *a)
{
	unsigned char w[4 + 128];
	int len = (int)sizeof w - 4;

	if (ls_err_sockaddr_from_linux(a, w + 4, &len) != STATUS_SUCCESS || (uint32_t)len + 4 > size)
		return;
	memcpy(w, &len, 4);
	ls_sys_copy_out(slot, w, (size_t)len + 4);
}

/* Both address slots, at the end of the op. The remote address is the one accept4 returned
 * (op->addr; len 0 for a WSAAccept-deferred connection: asked of the kernel); the local one
 * is the listener's when it is bound to one address (cached at listen), else the kernel's. */
static void accept_slots(struct ls_op *op)
{
	struct ls_handle *l = op->h, *a = op->target;
	char *at = (char *)op->iov[0].base + op->iov[0].len;
	struct ls_err_lxaddr loc;

	if (op->addr.len == 0) {
		op->addr.len = sizeof op->addr.u.bytes;
		if (ls_sys_getpeername(a->fd, op->addr.u.bytes, &op->addr.len) != 0)
			op->addr.len = 0;
	}
	if (l->u.sock.lname_len) {
		memcpy(loc.u.bytes, l->u.sock.lname, l->u.sock.lname_len);
		loc.len = l->u.sock.lname_len;
	} else {
		loc.len = sizeof loc.u.bytes;
		if (ls_sys_getsockname(a->fd, loc.u.bytes, &loc.len) != 0)
			loc.len = 0;
	}
	if (loc.len)
		accept_slot(at, op->local_len, &loc);
	if (op->addr.len)
		accept_slot(at + op->local_len, op->remote_len, &op->addr);
}

/* Phase 0 (in the listener's queue): take a connection (one WSAAccept deferred comes first, as
 * on Windows) and move it onto the accept socket's fd number, so the SOCKET the program made
 * stays valid; its record becomes a connected socket (as ls_baseprov_adopt_accepted would make
 * one). Without a data buffer the op is done; with one it goes on in the accept socket's queue
 * (status STATUS_PENDING: deliver() moves it). Phase 1: the first data, or end of stream. */
static int attempt_accept(struct ls_op *op)
{
	struct ls_handle *l = op->h, *a = op->target;
	struct ls_engine_sock *aes;
	long r;
	int fd;

	if (op->phase == 0) {
		if (ls_handle_closing(a)) {
			op->status = STATUS_CANCELLED;	/* the accept socket was closed meanwhile */
			return 1;
		}
		fd = atomic_exchange((atomic_int *)&l->u.sock.deferred_fd, 0);
		if (fd > 0) {
			fd -= 1;
			op->addr.len = 0;
			ls_sys_set_nonblock(fd, a->u.sock.nonblocking);
		} else {
			for (;;) {
				/* The listener's fd is always O_NONBLOCK (ls_baseprov_listen); the new
				 * fd gets the accept socket's blocking mode. */
				op->addr.len = sizeof op->addr.u.bytes;
				fd = ls_sys_accept(l->fd, op->addr.u.bytes, &op->addr.len, a->u.sock.nonblocking);
				if (fd >= 0)
					break;
				/* Windows skips connections that died in the queue. */
				if (fd == -EINTR || fd == -ECONNABORTED || fd == -EPROTO)
					continue;
				if (fd == -EAGAIN)
					return 0;
				op->status = ls_baseprov_status(l, fd);
				return 1;
			}
		}
		/* The accept socket's old (unconnected) socket goes with dup3; a registration of it
		 * in a context would watch the old file, so it is dropped first. */
		aes = atomic_load_explicit(&a->engine, memory_order_acquire);
		if (aes) {
			pthread_mutex_lock(&aes->lock);
			if (aes->ctx) {
				ctx_leave(aes);
				aes->ctx = NULL;
			}
			pthread_mutex_unlock(&aes->lock);
		}
		r = ls_sys_dup3(fd, a->fd);
		if (r < 0) {
			ls_baseprov_abort_fd(fd);
			op->status = ls_err_status_from_errno((int)r);
			return 1;
		}
		ls_sys_close(fd);
		a->u.sock.bound = 1;
		a->u.sock.connected = 1;
		a->u.sock.connecting = 0;
		a->u.sock.listening = 0;
		a->u.sock.shut_rd = a->u.sock.shut_wr = 0;
		op->phase = 1;
		if (op->iov[0].len == 0) {
			accept_slots(op);
			op->status = STATUS_SUCCESS;
			return 1;
		}
		op->status = STATUS_PENDING;
		return 1;
	}
	for (;;) {
		op->msg.iov = op->iov;
		op->msg.iovlen = 1;
		op->msg.name = NULL;
		op->msg.namelen = 0;
		r = ls_sys_recvmsg(a->fd, &op->msg, LX_MSG_DONTWAIT);
		if (r != -EINTR)
			break;
	}
	if (r == -EAGAIN)
		return 0;
	if (r < 0) {
		op->status = ls_baseprov_io_status(a, r, 0);
		return !(op->status == STATUS_IO_TIMEOUT || op->status == STATUS_DEVICE_NOT_READY);
	}
	op->bytes = (uint32_t)r;
	accept_slots(op);
	op->status = STATUS_SUCCESS;
	return 1;
}

/* The connect itself was started by ConnectEx (phase 1: in progress; 2: connected at once; 3:
 * failed at once, op->status holding why). A failure is always delivered, even at start (see
 * ls_engine_start). Phase 2 sends the buffer whole. */
static int attempt_connect(struct ls_op *op)
{
	struct ls_handle *h = op->h;
	long r;

	if (op->phase == 3) {
		h->u.sock.connecting = 0;
		return 1;
	}
	if (op->phase == 1) {
		short rev = 0;
		int err = 0;
		unsigned int el = sizeof err;

		if (ls_sys_poll1(h->fd, LX_POLLOUT, &rev, 0) <= 0 || !rev)
			return 0;
		ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_ERROR, &err, &el);
		h->u.sock.connecting = 0;
		if (err) {
			op->status = ls_baseprov_status(h, -err);
			return 1;
		}
		op->phase = 2;
	}
	h->u.sock.connected = 1;
	h->u.sock.bound = 1;
	while (op->niov > 0) {
		op->msg.iov = op->iov;
		op->msg.iovlen = op->niov;
		op->msg.name = NULL;
		op->msg.namelen = 0;
		r = ls_sys_sendmsg(h->fd, &op->msg, LX_MSG_DONTWAIT);
		if (r == -EINTR)
			continue;
		if (r == -EAGAIN)
			return 0;
		if (r < 0) {
			op->status = ls_baseprov_io_status(h, r, 1);
			return !(op->status == STATUS_IO_TIMEOUT || op->status == STATUS_DEVICE_NOT_READY);
		}
		op->bytes += (uint32_t)r;
		if (advance(op, (size_t)r))
			break;
	}
	op->status = STATUS_SUCCESS;
	return 1;
}

/* ---- Delivery ---- */

/* GetOverlappedResult's wait without an event. The OVERLAPPED is the caller's and every field of
 * it is meaningful, so no waiter mark can live there: waiters count themselves in ov_waiters and
 * sleep on one process-wide sequence word, which a completion bumps (and wakes) only when
 * someone waits. Dekker pairing: the completion stores Internal then reads ov_waiters; a waiter
 * adds itself, reads the sequence, then reads Internal (all sequentially consistent), so either
 * the waiter sees the status or the completion sees the waiter and changes the word it sleeps
 * on. Such waits are rare; a wake-up of all of them is cheaper than per-OVERLAPPED state. */
static atomic_int ov_waiters;
static int ov_seq;

void ls_engine_op_publish(struct ls_op *op)
{
	LPOVERLAPPED ov = op->ov;

	/* Offset carries Winsock's receive flags (sockets have no file position: data-transfer.md
	 * §10). File-API calls leave it alone: for a file it is the caller's position. */
	if (op->api == LS_OP_API_WSA)
		ov->Offset = op->flags_out;
	__atomic_store_n(&ov->InternalHigh, (ULONG_PTR)op->bytes, __ATOMIC_RELAXED);
	__atomic_store_n(&ov->Internal, (ULONG_PTR)(uint32_t)op->status, __ATOMIC_SEQ_CST);
	if (atomic_load_explicit(&ov_waiters, memory_order_seq_cst) > 0) {
		__atomic_add_fetch(&ov_seq, 1, __ATOMIC_SEQ_CST);
		ls_sys_futex_wake(&ov_seq, 1 << 30);
	}
}

int ls_engine_ov_waiting(void)
{
	return atomic_load_explicit(&ov_waiters, memory_order_seq_cst) > 0;
}

int ls_engine_wait_overlapped(LPOVERLAPPED ov, int timeout_ms)
{
	uint64_t deadline = timeout_ms < 0 ? 0 : ls_sys_now_ns() + (uint64_t)timeout_ms * 1000000u;
	int r;

	if (__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE) != STATUS_PENDING)
		return 0;
	atomic_fetch_add_explicit(&ov_waiters, 1, memory_order_seq_cst);
	/* A port-bound op's status block is written at dequeue (data-transfer.md §11); this wait
	 * must end without one: a packet already queued is published now, a later one as it is
	 * queued (it sees ov_waiters). */
	ls_iocp_publish_ov(ov);
	for (;;) {
		int seq = __atomic_load_n(&ov_seq, __ATOMIC_SEQ_CST), ms = -1;

		if (__atomic_load_n(&ov->Internal, __ATOMIC_SEQ_CST) != STATUS_PENDING) {
			r = 0;
			break;
		}
		if (timeout_ms >= 0) {
			uint64_t now = ls_sys_now_ns();
			if (now >= deadline) {
				r = 1;
				break;
			}
			ms = (int)((deadline - now + 999999u) / 1000000u);
		}
		ls_sys_futex_wait_ms(&ov_seq, seq, ms);
	}
	atomic_fetch_sub_explicit(&ov_waiters, 1, memory_order_seq_cst);
	return r;
}

void ls_engine_op_release(struct ls_op *op)
{
	if (op->ext_release)
		op->ext_release(op);
	if (op->event)
		ls_handle_put(op->event);
	if (op->thread)
		ls_wait_thread_put(op->thread);
	if (op->port)
		ls_iocp_put(op->port);
	if (op->target) {
		if (op->kind == LS_OP_ACCEPT)
			ls_engine_accept_unmark(op->target);
		ls_handle_put(op->target);
	}
	ls_handle_put(op->h);
	ls_engine_op_free(op);
}

/* The completion routine, run as an APC on the issuing thread (data-transfer.md §5,
 * handles.md §3): the status block was written at completion; recycle the op (so the routine's
 * next call reuses it), then call. */
static void routine_apc(uintptr_t a, uintptr_t b, uintptr_t c, uintptr_t d)
{
	struct ls_op *op = (struct ls_op *)a;
	void *routine = op->routine;
	LPOVERLAPPED ov = op->ov;
	DWORD bytes = op->bytes, flags = op->flags_out;
	NTSTATUS st = op->status;
	int api = op->api;

	(void)b, (void)c, (void)d;
	ls_engine_op_release(op);
	if (api == LS_OP_API_WSA) {
		/* Winsock routines get Winsock codes; a truncated datagram is WSAEMSGSIZE. */
		((LPWSAOVERLAPPED_COMPLETION_ROUTINE)routine)(st == STATUS_SUCCESS ? 0 : (DWORD)ls_err_wsa_from_status(st),
							       bytes, ov, flags);
	} else {
		/* FileIOCompletionRoutine: 0 for success and for warnings; no bytes on error. */
		int ok = NT_SUCCESS(st) || st == STATUS_BUFFER_OVERFLOW;
		((LPOVERLAPPED_COMPLETION_ROUTINE)routine)(ok ? 0 : ls_err_win32_from_status(st), ok ? bytes : 0, ov);
	}
}

static void continue_on_target(struct ls_op *op);

static void deliver(struct ls_op *op, int immediate)
{
	/* The event is set in every mode (for a port-bound handle too, unless its low bit asked
	 * for the event alone, which the API layer turned into op->port == NULL). */
	struct ls_engine_sock *es = atomic_load_explicit(&op->h->engine, memory_order_relaxed);
	/* The handle itself is signalled too (its file-object event), after the status block
	 * and while the op still holds the handle. */
	int fset = es && !es->skip_event;

	if (op->kind == LS_OP_ACCEPT) {
		/* Past its listener phase: closing the accept socket no longer concerns the
		 * listener's queue. */
		ls_engine_accept_unmark(op->target);
		if (op->status == STATUS_PENDING) {
			continue_on_target(op);	/* AcceptEx's first receive */
			return;
		}
	}

	if (op->port && !(immediate && NT_SUCCESS(op->status) && es && es->skip_success)) {
		if (op->event)
			ls_wait_event_set(ls_wait_obj_from_handle(op->event));
		if (fset)
			file_event(es, 1);
		ls_iocp_deliver(op->port, op);	/* publishes at dequeue, then releases */
		return;
	}
	if (op->routine) {
		/* Windows writes the status block when the I/O completes (a kernel APC that runs even
		 * in non-alertable waits) and only the routine waits for an alertable wait, so
		 * HasOverlappedIoCompleted and GetOverlappedResult see the result before the routine
		 * runs. The op is not touched through ov after this. */
		ls_engine_op_publish(op);
		if (fset)
			file_event(es, 1);
		if (ls_wait_apc_queue(op->thread, routine_apc, (uintptr_t)op, 0, 0, 0) == 0)
			return;
		/* The issuing thread is gone: Windows would have cancelled its I/O; drop quietly. */
		ls_engine_op_release(op);
		return;
	}
	ls_engine_op_publish(op);
	if (op->event)
		ls_wait_event_set(ls_wait_obj_from_handle(op->event));
	if (fset)
		file_event(es, 1);
	ls_engine_op_release(op);
}

/* Delivers a list of finished ops (linked through next), in order, as not immediate. */
static void deliver_list(struct ls_op *done)
{
	while (done) {
		struct ls_op *op = done;
		done = op->next;
		deliver(op, 0);
	}
}

/* ---- Starting, waiting, completing ---- */

static struct ls_engine_ctx *reaper;
static pthread_once_t reaper_once = PTHREAD_ONCE_INIT;

/* ---- Per-thread contexts: completion routines without a thread hop ----
 * A handle bound to no port whose first waiting op has a completion routine is watched in the
 * issuing thread's own context (a tctx), not the reaper's. That thread's alertable waits poll
 * it themselves (wait.c's claim/release hooks), so the I/O completes and its routine runs on
 * the thread that waits for it: no reaper wake-up, no cross-thread APC. Windows completes I/O
 * whether or not the issuer waits (the status block, an event of another op on the handle,
 * GetOverlappedResult from another thread), so while the thread is elsewhere the reaper polls
 * its context every TCTX_TICK_MS. Exactly one poller at a time: `state` is claimed by CAS.
 * tctxs are never freed (a handle's registration may outlive its thread); a thread that ends
 * leaves its tctx to be adopted by the next thread that needs one. */
#define TCTX_TICK_MS 2

enum { TCTX_IDLE, TCTX_THREAD, TCTX_REAPER };

struct tctx {
	struct ls_engine_ctx *ctx;
	int fresh;			/* adopted: the backend's APC watch is stale (tctx_sleep) */
	atomic_int state;
	atomic_int dead;		/* its thread ended: adoptable */
	struct tctx *all_next;		/* immutable once published */
};

static _Atomic(struct tctx *) tctxs;
static pthread_mutex_t tctx_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct tctx *my_tctx;
static pthread_key_t tctx_key;
static pthread_once_t tctx_key_once = PTHREAD_ONCE_INIT;

static void reaper_start(void);

static void tctx_exit(void *p)
{
	struct tctx *t = p;

	atomic_store_explicit(&t->dead, 1, memory_order_release);
}

static void tctx_key_init(void)
{
	pthread_key_create(&tctx_key, tctx_exit);
}

/* Borrowed: the calling thread's context, made (or adopted) on first use; NULL if none can be
 * had (the caller uses the reaper's). */
static struct ls_engine_ctx *tctx_current(void)
{
	struct tctx *t = my_tctx;

	if (__builtin_expect(t != NULL, 1))
		return t->ctx;
	pthread_once(&reaper_once, reaper_start);
	if (!reaper)
		return NULL;	/* nobody could cover for the thread */
	pthread_once(&tctx_key_once, tctx_key_init);
	pthread_mutex_lock(&tctx_lock);
	for (t = atomic_load_explicit(&tctxs, memory_order_acquire); t; t = t->all_next)
		if (atomic_load_explicit(&t->dead, memory_order_acquire)) {
			atomic_store_explicit(&t->dead, 0, memory_order_relaxed);
			t->fresh = 1;
			break;
		}
	if (!t) {
		t = calloc(1, sizeof *t);
		if (t && !(t->ctx = ls_engine_ctx_new())) {
			free(t);
			t = NULL;
		}
		if (t) {
			t->all_next = atomic_load_explicit(&tctxs, memory_order_relaxed);
			atomic_store_explicit(&tctxs, t, memory_order_release);
		}
	}
	pthread_mutex_unlock(&tctx_lock);
	if (!t)
		return NULL;
	my_tctx = t;
	pthread_setspecific(tctx_key, t);
	return t->ctx;
}

/* wait.c's hooks: the calling thread's alertable wait polls its own context. */
static int tctx_claim(void)
{
	struct tctx *t = my_tctx;
	int idle = TCTX_IDLE;

	if (!t || !atomic_compare_exchange_strong_explicit(&t->state, &idle, TCTX_THREAD, memory_order_acquire,
							   memory_order_relaxed))
		return -1;	/* none, or the reaper is on it: it queues the routines (APC wake-up) */
	return ls_engine_ctx_ops(t->ctx)->wait_fd(t->ctx);
}

static void tctx_release(int readable)
{
	struct tctx *t = my_tctx;

	if (readable)
		ls_engine_ctx_poll(t->ctx, 0);
	atomic_store_explicit(&t->state, TCTX_IDLE, memory_order_release);
}

/* wait.c's hook for an alertable wait with no objects (SleepEx): claim, then the backend waits
 * for a completion or the APC fd in one enter (io_uring: ur_sleep, P3), completing what became
 * ready; release. -1 if it cannot (no context, the reaper is on it, epoll): the caller polls. */
static int tctx_sleep(int apc_fd, int timeout_ms)
{
	struct tctx *t = my_tctx;
	int idle = TCTX_IDLE, r;

	if (!t || !t->ctx || !ls_engine_ctx_ops(t->ctx)->sleep ||
	    !atomic_compare_exchange_strong_explicit(&t->state, &idle, TCTX_THREAD, memory_order_acquire,
						     memory_order_relaxed))
		return -1;
	r = ls_engine_ctx_ops(t->ctx)->sleep(t->ctx, apc_fd, t->fresh, timeout_ms);
	if (r == 0)
		t->fresh = 0;
	atomic_store_explicit(&t->state, TCTX_IDLE, memory_order_release);
	return r;
}

/* The reaper's tick: completes what waits in the contexts of threads that are not polling. */
static void tctx_sweep(void)
{
	for (struct tctx *t = atomic_load_explicit(&tctxs, memory_order_acquire); t; t = t->all_next) {
		int idle = TCTX_IDLE;
		if (!atomic_compare_exchange_strong_explicit(&t->state, &idle, TCTX_REAPER, memory_order_acquire,
							     memory_order_relaxed))
			continue;
		ls_engine_ctx_poll(t->ctx, 0);
		atomic_store_explicit(&t->state, TCTX_IDLE, memory_order_release);
	}
}

static void *reaper_main(void *arg)
{
	(void)arg;
	for (;;) {
		int any = atomic_load_explicit(&tctx_regs, memory_order_relaxed) > 0;
		ls_engine_ctx_poll(reaper, any ? TCTX_TICK_MS : -1);
		if (any)
			tctx_sweep();
	}
	return NULL;
}

/* The process's context for handles bound to no port: its thread is the one linsock adds, doing
 * what Windows' kernel does for event- and routine-completed I/O (docs/design.md E). Shared and
 * polled by one thread of its own, like a port's: on the ports' backend (P5). */
static void reaper_start(void)
{
	pthread_t t;

	reaper = ls_engine_port_ctx_new();
	if (!reaper)
		return;
	if (ls_pthr_create(&t, 1, 256 * 1024, reaper_main, NULL) != 0) {
		ls_engine_ctx_free(reaper);
		reaper = NULL;
	}
}

/* Receives inside the kernel (P2, P3 below); LINSOCK_URING_RECV=0 turns them off. */
static int kernel_recv = 1;

/* es->lock held, es->ctx NULL: watches es in its port's context; else, for an op with a
 * completion routine, in the calling thread's own (tctx); else in the reaper's. 0 or -1. */
static int ctx_enter(struct ls_engine_sock *es, int routine)
{
	struct ls_engine_ctx *ctx = es->bound;

	if (!ctx && routine && (ctx = tctx_current()) != NULL) {
		/* io_uring: no readiness poll until an op waits for readiness (need_ready): a
		 * socket whose receives all go into the kernel (P3) and whose sends complete at once
		 * is spared a second wake-up and CQE per message. */
		es->lazy = kernel_recv && ls_engine_ctx_ops(ctx)->arm && ls_engine_ctx_ops(ctx)->recv_submit;
		if (ls_engine_ctx_ops(ctx)->register_fd(ctx, es) == 0) {
			es->ctx = ctx;
			es->in_tctx = 1;
			if (atomic_fetch_add_explicit(&tctx_regs, 1, memory_order_relaxed) == 0)
				ls_engine_ctx_wake(reaper);	/* it starts ticking */
			return 0;
		}
		es->lazy = 0;
		ctx = NULL;
	}
	if (!ctx) {
		pthread_once(&reaper_once, reaper_start);
		ctx = reaper;
	}
	if (!ctx || ls_engine_ctx_ops(ctx)->register_fd(ctx, es) != 0)
		return -1;
	es->ctx = ctx;
	return 0;
}

/* es->lock held, es->ctx set: an op waits for readiness; a lazy registration starts watching. */
static inline void need_ready(struct ls_engine_sock *es)
{
	if (__builtin_expect(es->lazy, 0)) {
		es->lazy = 0;
		ls_engine_ctx_ops(es->ctx)->arm(es->ctx, es);
	}
}

/* ---- Receives inside the kernel (io_uring, port-bound stream sockets) ----
 * The try at start stays (Windows completes a receive at once when data is there). When it
 * fails, the receive at the head of a port-bound socket's queue is handed to the kernel
 * (backend recv_submit) instead of waiting for readiness and trying again: its SQE rides on the
 * port poller's next io_uring_enter, and its CQE is the completion. Rules:
 * - Only the queue's head may be in the kernel, so receives still fill in call order; the ops
 *   behind it wait in the queue and the next head goes in when it completes. Readiness skips
 *   a receive queue whose head is in the kernel.
 * - Plain stream receives only (no MSG_PEEK/OOB/WAITALL, no source address), and no
 *   WSAEventSelect on the socket: everything else keeps the readiness path.
 * - Cancel (CancelIo*, close) of the op in the kernel asks the kernel (op_cancel) and leaves
 *   the op queued: its CQE completes it once, STATUS_CANCELLED unless data came first.
 * - A CQE of -ECANCELED nobody asked for (io_uring ends an exiting thread's requests; Windows
 *   keeps port I/O running) puts the op back through a try and, if need be, the kernel.
 * LINSOCK_URING_RECV=0 turns it off (for A/B measurements). */
static int kernel_eligible(struct ls_engine_sock *es, struct ls_op *op)
{
	return kernel_recv && es->ctx && ls_engine_ctx_ops(es->ctx)->recv_submit &&
	       ((es->bound && es->ctx == es->bound) || (es->in_tctx && !es->bound)) &&
	       op->kind == LS_OP_RECV && op->stream && op->lflags == 0 && !op->user_from && !es->evsel &&
	       !op->in_kernel;
}

/* es->lock held; op is the head of es->q[0]; tried: its try said EAGAIN (else it was skipped,
 * P3 below). */
static void kernel_submit(struct ls_engine_sock *es, struct ls_op *op, int tried)
{
	void *msg = NULL, *buf = NULL;
	unsigned long len = 0;

	if (op->niov != 1) {
		memset(&op->msg, 0, sizeof op->msg);
		op->msg.iov = op->iov;
		op->msg.iovlen = op->niov;
		msg = &op->msg;
	} else {
		buf = op->iov[0].base;
		len = op->iov[0].len;
	}
	if (ls_engine_ctx_ops(es->ctx)->recv_submit(es->ctx, op, es->fd, buf, len, msg, tried) == 0) {
		op->in_kernel = 1;
		op->kctx = es->ctx;
		/* The SQE waits for the context's poller. Another thread's context (or the reaper's
		 * tick putting the next head in) may be asleep in its ring with nothing to wake it
		 * but the readiness poll a lazy registration lacks: arm it (once, for good). */
		if (es->lazy && (!my_tctx || my_tctx->ctx != es->ctx))
			need_ready(es);
	}
}

/* ---- ReadFileEx straight into the kernel (io_uring, docs/design.md P3) ----
 * ReadFileEx returns TRUE whether its receive completed at once or is pending, and its routine
 * runs only in a later alertable wait, so unlike WSARecv or ReadFile (whose return values show
 * an immediate completion) the try at start is not observable. On a stream socket watched in a
 * thread's own context (tctx) it is skipped: the receive goes into that context's ring as the
 * queue's head (all the rules above hold), and the io_uring_enter of the thread's next alertable
 * wait submits it and waits for it (ur_sleep), as a native io_uring program does. Data already
 * there is found by the kernel's attempt at submission. A thread that never waits alertably:
 * the reaper's tick submits and reaps it (section P). es->lock held; es->ctx set or set here.
 * 1 if op skips its try. */
static int kernel_direct(struct ls_engine_sock *es, struct ls_op *op)
{
	if (!op->no_try)
		return 0;
	(void)ls_engine_backend_name();	/* chosen on first use: this may be the first */
	if (!kernel_recv || !ls_engine_backend->recv_submit || es->bound || es->q[0])
		return 0;
	if (!es->ctx && ctx_enter(es, op->routine != NULL) != 0)
		return 0;	/* the usual path reports it */
	return kernel_eligible(es, op);
}

/* es->lock held: runs the receive queue after its head left the kernel (or was put back):
 * tries each head, finished ones go to *tail; a head that must wait goes into the kernel. */
static struct ls_op **run_recv_queue(struct ls_engine_sock *es, struct ls_op **done_tail)
{
	while (es->q[0] && !es->q[0]->in_kernel && attempt(es->q[0])) {
		struct ls_op *op = es->q[0];
		es->q[0] = op->next;
		if (!es->q[0])
			es->tail[0] = &es->q[0];
		op->next = NULL;
		*done_tail = op;
		done_tail = &op->next;
	}
	if (es->q[0] && kernel_eligible(es, es->q[0]))
		kernel_submit(es, es->q[0], 1);
	if (es->q[0] && !es->q[0]->in_kernel)
		need_ready(es);
	return done_tail;
}

void ls_engine_op_cqe(struct ls_op *op, int res)
{
	struct ls_engine_sock *es = atomic_load_explicit(&op->h->engine, memory_order_acquire);
	struct ls_op *done = NULL, **done_tail = &done;
	int stop;

	pthread_mutex_lock(&es->lock);
	op->in_kernel = 0;
	stop = op->cancelled || ls_handle_closing(op->h);	/* cancelled is written under the lock */
	if (res >= 0 && !(stop && res == 0)) {
		op->bytes = (uint32_t)res;	/* data wins over a cancel that came too late */
		op->status = STATUS_SUCCESS;
	} else if (stop) {
		op->status = STATUS_CANCELLED;
	} else if (res == -ECANCELED || res == -EINTR || res == -EAGAIN) {
		op = NULL;	/* ended by io_uring, not by the program: try again */
	} else {
		op->status = ls_baseprov_io_status(op->h, res, 0);
		if (op->status == STATUS_IO_TIMEOUT || op->status == STATUS_DEVICE_NOT_READY)
			op = NULL;
	}
	if (op) {
		/* Finished: it is the head (only the head goes into the kernel). */
		es->q[0] = op->next;
		if (!es->q[0])
			es->tail[0] = &es->q[0];
		op->next = NULL;
		*done_tail = op;
		done_tail = &op->next;
	}
	run_recv_queue(es, done_tail);
	pthread_mutex_unlock(&es->lock);
	deliver_list(done);
}

int ls_engine_recv_in_kernel(intptr_t v)
{
	struct ls_handle *h = ls_handle_get(v);
	struct ls_engine_sock *es;
	int r = 0;

	if (!h)
		return 0;
	es = atomic_load_explicit(&h->engine, memory_order_acquire);
	if (es) {
		pthread_mutex_lock(&es->lock);
		r = es->q[0] && es->q[0]->in_kernel;
		pthread_mutex_unlock(&es->lock);
	}
	ls_handle_put(h);
	return r;
}

NTSTATUS ls_engine_start(struct ls_op *op, uint32_t *bytes, uint32_t *flags_out)
{
	struct ls_engine_sock *es = sock_state(op->h);
	int dir = op->kind == LS_OP_EXT_NOTIFY ? 2 :
		  op->kind == LS_OP_SEND || op->kind == LS_OP_CONNECT || op->kind == LS_OP_EXT_SEND;
	int direct;
	NTSTATUS st;

	if (!es) {
		ls_engine_op_release(op);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	op->issuer_tid = ls_sys_gettid();
	op->ov->Internal = STATUS_PENDING;
	op->ov->InternalHigh = 0;
	file_event(es, 0);	/* an I/O starts: the handle is not signalled */
	pthread_mutex_lock(&es->lock);
	/* Notification ops do not complete in order: each tries at once, so one whose change came
	 * just before this lock is not left for the next change (ls_engine_notify_all). */
	direct = kernel_direct(es, op);
	if ((dir == 2 || !es->q[dir]) && !direct && attempt(op)) {
		/* Completed at once: reported now and still delivered (data-transfer.md §4). */
		pthread_mutex_unlock(&es->lock);
		st = op->status;
		if (bytes)
			*bytes = op->bytes;
		if (flags_out)
			*flags_out = op->flags_out;
		if (!NT_SUCCESS(st) && st != STATUS_BUFFER_OVERFLOW && op->kind == LS_OP_CONNECT) {
			/* A connection that fails at once (loopback refuses within the connect call) is
			 * still reported through the completion, after WSA_IO_PENDING (Windows: Wine's
			 * test_ConnectEx). */
			deliver(op, 0);
			return STATUS_PENDING;
		}
		if (!NT_SUCCESS(st) && st != STATUS_BUFFER_OVERFLOW) {
			/* Failed to start: no completion indication at all. */
			op->ov->Internal = (ULONG_PTR)(uint32_t)st;
			ls_engine_op_release(op);
			return st;
		}
		deliver(op, 1);
		return st;
	}
	/* A notification op waits for ls_engine_notify_all, not for the fd. */
	if (dir != 2 && !es->ctx && ctx_enter(es, op->routine != NULL) != 0) {
		pthread_mutex_unlock(&es->lock);
		ls_engine_op_release(op);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	if (ls_handle_closing(op->h)) {
		/* A close raced with this start and its abort already ran (it sets the flag before
		 * taking es->lock): complete the op aborted now rather than leave it queued on a
		 * handle that nothing will drive again. Still exactly one completion. */
		pthread_mutex_unlock(&es->lock);
		op->status = STATUS_CANCELLED;
		deliver(op, 0);
		return STATUS_PENDING;
	}
	op->next = NULL;
	*es->tail[dir] = op;
	es->tail[dir] = &op->next;
	if (es->q[dir] == op && kernel_eligible(es, op))
		kernel_submit(es, op, !direct);
	if (direct && !op->in_kernel && attempt(op)) {
		/* No SQE: the skipped try is made after all (a readiness edge may be long gone). */
		es->q[0] = NULL;
		es->tail[0] = &es->q[0];
		pthread_mutex_unlock(&es->lock);
		deliver(op, 0);
		return STATUS_PENDING;
	}
	if (!op->in_kernel)
		need_ready(es);
	pthread_mutex_unlock(&es->lock);
	return STATUS_PENDING;
}

int ls_engine_watch(struct ls_handle *h)
{
	struct ls_engine_sock *es = sock_state(h);
	int r = 0;

	if (!es)
		return -1;
	pthread_mutex_lock(&es->lock);
	if (!es->ctx) {
		/* The same registration as a first wait in ls_engine_start. */
		struct ls_engine_ctx *ctx = es->bound;
		if (!ctx) {
			pthread_once(&reaper_once, reaper_start);
			ctx = reaper;
		}
		if (!ctx || ls_engine_ctx_ops(ctx)->register_fd(ctx, es) != 0)
			r = -1;
		else
			es->ctx = ctx;
	} else {
		need_ready(es);	/* WSAEventSelect needs readiness */
	}
	pthread_mutex_unlock(&es->lock);
	return r;
}

/* AcceptEx after its connection, when it wants data: the op goes on in the accept socket's
 * receive queue (same delivery: the listener's port, event or routine). */
static void continue_on_target(struct ls_op *op)
{
	struct ls_engine_sock *es = sock_state(op->target);
	struct ls_engine_ctx *ctx;

	if (!es) {
		op->status = STATUS_INSUFFICIENT_RESOURCES;
		deliver(op, 0);
		return;
	}
	pthread_mutex_lock(&es->lock);
	if (!es->q[0] && attempt(op)) {
		pthread_mutex_unlock(&es->lock);
		deliver(op, 0);
		return;
	}
	if (!es->ctx) {
		ctx = es->bound;
		if (!ctx) {
			pthread_once(&reaper_once, reaper_start);
			ctx = reaper;
		}
		if (!ctx || ls_engine_ctx_ops(ctx)->register_fd(ctx, es) != 0) {
			pthread_mutex_unlock(&es->lock);
			op->status = STATUS_INSUFFICIENT_RESOURCES;
			deliver(op, 0);
			return;
		}
		es->ctx = ctx;
	}
	if (ls_handle_closing(op->target)) {
		pthread_mutex_unlock(&es->lock);
		op->status = STATUS_CANCELLED;
		deliver(op, 0);
		return;
	}
	op->next = NULL;
	*es->tail[0] = op;
	es->tail[0] = &op->next;
	need_ready(es);
	pthread_mutex_unlock(&es->lock);
}

void ls_engine_fd_replaced(struct ls_handle *h, int locked)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);

	if (!es)
		return;
	if (!locked)
		pthread_mutex_lock(&es->lock);
	/* A receive the kernel holds reads the old socket: it is aborted (Windows aborts pending
	 * I/O on a reused socket), asked of the ring that holds it; its CQE completes it. */
	for (struct ls_op *op = es->q[0]; op; op = op->next)
		if (op->in_kernel && !op->cancelled) {
			op->cancelled = 1;
			ls_engine_ctx_ops(op->kctx)->op_cancel(op->kctx, op);
		}
	if (es->ctx) {
		ctx_leave(es);	/* also forgets in_tctx and lazy: the next wait registers anew */
		es->ctx = NULL;
	}
	if (!locked)
		pthread_mutex_unlock(&es->lock);
}

int ls_engine_accept_mark(struct ls_handle *a, int lfd)
{
	struct ls_engine_sock *es = sock_state(a);
	int r = 0;

	if (!es)
		return -1;
	pthread_mutex_lock(&es->lock);
	if (es->accept_lfd)
		r = -1;
	else
		es->accept_lfd = lfd + 1;
	pthread_mutex_unlock(&es->lock);
	return r;
}

void ls_engine_accept_unmark(struct ls_handle *a)
{
	struct ls_engine_sock *es = atomic_load_explicit(&a->engine, memory_order_acquire);

	if (!es)
		return;
	pthread_mutex_lock(&es->lock);
	es->accept_lfd = 0;
	pthread_mutex_unlock(&es->lock);
}

NTSTATUS ls_engine_complete_now(struct ls_op *op, NTSTATUS status, uint32_t bytes)
{
	op->issuer_tid = ls_sys_gettid();
	op->status = status;
	op->bytes = bytes;
	if (!NT_SUCCESS(status) && status != STATUS_BUFFER_OVERFLOW) {
		op->ov->Internal = (ULONG_PTR)(uint32_t)status;
		ls_engine_op_release(op);
		return status;
	}
	op->ov->Internal = STATUS_PENDING;
	op->ov->InternalHigh = 0;
	/* The handle's own event: reset as the I/O starts, set by the delivery (the record is
	 * made here so a later wait on the handle finds the state). */
	if (sock_state(op->h))
		file_event(atomic_load_explicit(&op->h->engine, memory_order_relaxed), 0);
	deliver(op, 1);
	return status;
}

/* Readiness on es (called by the backend from ls_engine_ctx_poll): run each queue in order
 * until an op must wait again; deliver the finished ones outside the lock. */
void ls_engine_ready(struct ls_engine_sock *es, uint32_t events)
{
	struct ls_op *done = NULL, **done_tail = &done;

	if (__atomic_load_n(&es->evsel, __ATOMIC_ACQUIRE))
		ls_evsel_ready(es, events);	/* WSAEventSelect's record (src/evsel) */
	pthread_mutex_lock(&es->lock);
	for (int dir = 0; dir < 2; dir++) {
		uint32_t want = dir ? (LS_SYS_EPOLLOUT | LS_SYS_EPOLLERR | LS_SYS_EPOLLHUP)
				    : (LS_SYS_EPOLLIN | LS_SYS_EPOLLPRI | LS_SYS_EPOLLERR | LS_SYS_EPOLLHUP | LS_SYS_EPOLLRDHUP);
		if (!(events & want))
			continue;
		if (dir == 0) {
			done_tail = run_recv_queue(es, done_tail);	/* skips a head in the kernel */
			continue;
		}
		while (es->q[dir] && attempt(es->q[dir])) {
			struct ls_op *op = es->q[dir];
			es->q[dir] = op->next;
			if (!es->q[dir])
				es->tail[dir] = &es->q[dir];
			op->next = NULL;
			*done_tail = op;
			done_tail = &op->next;
		}
	}
	pthread_mutex_unlock(&es->lock);
	deliver_list(done);
}

void ls_engine_notify_all(void)
{
	struct ls_op *done = NULL, **done_tail = &done;

	/* Collected under the locks, delivered after them: a delivery may drop a handle's last
	 * reference, whose free takes lazy_lock. */
	pthread_mutex_lock(&lazy_lock);
	for (struct ls_engine_sock *es = all_socks; es; es = es->all_next) {
		struct ls_op **pp;

		/* Under the lock, never a racy peek: a start that tried before the change must be
		 * found queued here (it queues under this lock). */
		pthread_mutex_lock(&es->lock);
		pp = &es->q[2];
		while (*pp) {
			struct ls_op *op = *pp;
			if (!attempt(op)) {
				pp = &op->next;
				continue;
			}
			*pp = op->next;
			op->next = NULL;
			*done_tail = op;
			done_tail = &op->next;
		}
		es->tail[2] = pp;
		pthread_mutex_unlock(&es->lock);
	}
	pthread_mutex_unlock(&lazy_lock);
	deliver_list(done);
}

int ls_engine_cancel(struct ls_handle *h, LPOVERLAPPED ov, int tid)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);
	struct ls_op *done = NULL, **done_tail = &done;
	int n = 0;

	if (!es)
		return 0;
	pthread_mutex_lock(&es->lock);
	for (int dir = 0; dir < 3; dir++) {
		struct ls_op **pp = &es->q[dir];
		while (*pp) {
			struct ls_op *op = *pp;
			if ((ov && op->ov != ov) || (tid && op->issuer_tid != tid)) {
				pp = &op->next;
				continue;
			}
			if (op->in_kernel) {
				/* The kernel has it: ask it to stop; its CQE completes the op. */
				if (!op->cancelled) {
					op->cancelled = 1;
					ls_engine_ctx_ops(op->kctx)->op_cancel(op->kctx, op);
				}
				pp = &op->next;
				n++;
				continue;
			}
			*pp = op->next;
			op->next = NULL;
			op->status = STATUS_CANCELLED;
			*done_tail = op;
			done_tail = &op->next;
			n++;
		}
		/* Re-find the tail after removals. */
		es->tail[dir] = &es->q[dir];
		while (*es->tail[dir])
			es->tail[dir] = &(*es->tail[dir])->next;
	}
	pthread_mutex_unlock(&es->lock);
	deliver_list(done);
	return n;
}

int ls_engine_bind(struct ls_handle *h, struct ls_iocp *port, uintptr_t key)
{
	struct ls_engine_sock *es = sock_state(h);
	int r = 0;

	if (!es)
		return -1;
	pthread_mutex_lock(&es->lock);
	if (es->port)
		r = -1;	/* one port per handle, for the handle's life */
	else if (es->ctx && (es->q[0] || es->q[1]))
		r = -1;	/* I/O already waiting in the reaper: Windows binds before issuing */
	else {
		if (es->ctx) {
			ctx_leave(es);
			es->ctx = NULL;
		}
		ls_iocp_get(port);
		es->port = port;
		es->key = key;
		es->bound = ls_iocp_ctx(port);
		/* A WSAEventSelect registration keeps watching, now in the port's context. */
		if (es->evsel && ls_engine_ctx_ops(es->bound)->register_fd(es->bound, es) == 0)
			es->ctx = es->bound;
	}
	pthread_mutex_unlock(&es->lock);
	if (r == 0)
		ls_iocp_keep(port);	/* progress without GetQueuedCompletionStatus callers */
	return r;
}

struct ls_iocp *ls_engine_port_of(struct ls_handle *h, uintptr_t *key)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);
	struct ls_iocp *port = NULL;

	if (!es)
		return NULL;
	pthread_mutex_lock(&es->lock);
	if (es->port) {
		port = es->port;
		ls_iocp_get(port);
		*key = es->key;
	}
	pthread_mutex_unlock(&es->lock);
	return port;
}

int ls_engine_set_modes(struct ls_handle *h, unsigned int flags)
{
	struct ls_engine_sock *es = sock_state(h);

	if (!es)
		return -1;
	pthread_mutex_lock(&es->lock);
	if (flags & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)
		es->skip_success = 1;
	if (flags & FILE_SKIP_SET_EVENT_ON_HANDLE)
		es->skip_event = 1;
	pthread_mutex_unlock(&es->lock);
	return 0;
}

/* ---- Thread exit ---- */

static __thread int thread_exited;

/* Windows (Vista on) cancels the I/O a thread issued when it ends, except on handles bound to a
 * completion port (spec data-transfer.md §3; the port exception as widely documented). A
 * thread that never made an op record has no home and issued nothing: no scan. */
#define EXIT_WAIT_MAX 16		/* sockets with this thread's receives in the kernel */

static int tid_in_kernel(struct ls_engine_sock *es, int tid)
{
	int r = 0;

	pthread_mutex_lock(&es->lock);
	for (struct ls_op *op = es->q[0]; op && !r; op = op->next)
		r = op->in_kernel && op->issuer_tid == tid;
	pthread_mutex_unlock(&es->lock);
	return r;
}

/* Windows ends a thread only once its cancelled I/O has completed (the thread's handle is
 * signalled after): wait for the kernel's answers to the cancels, reaping this thread's own
 * context ourselves; another context is reaped by its thread or the reaper's tick. Bounded
 * (about a second), as Windows' wait for cancellation is. */
static void exit_wait_kernel(struct ls_engine_sock **w, int n, int tid)
{
	for (int round = 0; round < 1000; round++) {
		struct tctx *t = my_tctx;
		int left = 0, idle = TCTX_IDLE, dummy = 0;

		for (int i = 0; i < n; i++)
			left += tid_in_kernel(w[i], tid);
		if (!left)
			break;
		if (t && atomic_compare_exchange_strong_explicit(&t->state, &idle, TCTX_THREAD, memory_order_acquire,
								 memory_order_relaxed)) {
			ls_engine_ctx_poll(t->ctx, 1);
			atomic_store_explicit(&t->state, TCTX_IDLE, memory_order_release);
		} else {
			ls_sys_futex_wait_ms(&dummy, 0, 1);
		}
	}
	for (int i = 0; i < n; i++)
		ls_engine_sock_release(w[i]);
}

void ls_engine_thread_exit(void)
{
	struct ls_op *done = NULL, **done_tail = &done;
	struct ls_engine_sock *wait_es[EXIT_WAIT_MAX];
	int tid, nwait = 0;

	if (!home || thread_exited)
		return;
	thread_exited = 1;
	tid = ls_sys_gettid();
	pthread_mutex_lock(&lazy_lock);
	for (struct ls_engine_sock *es = all_socks; es; es = es->all_next) {
		pthread_mutex_lock(&es->lock);
		if (!es->port) {
			for (int dir = 0; dir < 3; dir++) {
				struct ls_op **pp = &es->q[dir];
				while (*pp) {
					struct ls_op *op = *pp;
					if (op->issuer_tid != tid) {
						pp = &op->next;
						continue;
					}
					if (op->in_kernel) {
						/* A receive in a thread's ring (P3): the kernel ends
						 * it (io_uring also would, as the task exits); its CQE
						 * completes it once as aborted (exit_wait_kernel). */
						if (!op->cancelled) {
							op->cancelled = 1;
							ls_engine_ctx_ops(op->kctx)->op_cancel(op->kctx, op);
						}
						if (nwait < EXIT_WAIT_MAX &&
						    (nwait == 0 || wait_es[nwait - 1] != es)) {
							ls_engine_sock_hold(es);
							wait_es[nwait++] = es;
						}
						pp = &op->next;
						continue;
					}
					*pp = op->next;
					op->next = NULL;
					op->status = STATUS_CANCELLED;
					*done_tail = op;
					done_tail = &op->next;
				}
				es->tail[dir] = &es->q[dir];
				while (*es->tail[dir])
					es->tail[dir] = &(*es->tail[dir])->next;
			}
		}
		pthread_mutex_unlock(&es->lock);
	}
	pthread_mutex_unlock(&lazy_lock);
	/* A completion routine of this thread is never run: the thread's APC queue refuses it
	 * (its wait state ended first), and the op is released (deliver). */
	deliver_list(done);
	if (nwait)
		exit_wait_kernel(wait_es, nwait, tid);
}

/* ---- Duplicated handles ---- */

/* Handles DuplicateHandle made of one socket (or file) share the underlying object, as Windows'
 * handles share one file object: closing one of them cancels nothing while another is open;
 * the last close cancels the I/O of all (Windows cancels at the file object's cleanup). A
 * closed member with ops still pending is parked here with a handle reference, so its fd and
 * queues live on (the ops keep running) until that last close. */
struct dup_group {
	pthread_mutex_t lock;
	int open;			/* members still in the table */
	int members;			/* members alive */
	struct ls_engine_sock *parked;	/* closed members with ops pending */
};

int ls_engine_dup_link(struct ls_handle *src, struct ls_handle *dst)
{
	struct ls_engine_sock *a = sock_state(src), *b = sock_state(dst);
	struct dup_group *g;
	struct ls_iocp *port;
	uintptr_t key;

	if (!a || !b)
		return -1;
	pthread_mutex_lock(&lazy_lock);
	g = a->dup;
	if (!g) {
		g = calloc(1, sizeof *g);
		if (!g) {
			pthread_mutex_unlock(&lazy_lock);
			return -1;
		}
		pthread_mutex_init(&g->lock, NULL);
		g->members = 1;
		g->open = ls_handle_closing(src) ? 0 : 1;
		a->dup = g;
	}
	pthread_mutex_lock(&g->lock);
	g->members++;
	g->open++;
	pthread_mutex_unlock(&g->lock);
	b->dup = g;
	pthread_mutex_unlock(&lazy_lock);
	/* The association with a port belongs to the file object: operations through the
	 * duplicate post to the same port with the same key (CreateIoCompletionPort page). */
	pthread_mutex_lock(&a->lock);
	port = a->port;
	if (port)
		ls_iocp_get(port);
	key = a->key;
	pthread_mutex_unlock(&a->lock);
	if (port) {
		if (ls_engine_bind(dst, port, key) != 0)
			LS_TRACE("duplicate %d: not bound to its source's port", dst->fd);
		ls_iocp_put(port);
	}
	return 0;
}

static struct dup_group *dup_of(struct ls_engine_sock *es)
{
	struct dup_group *g;

	pthread_mutex_lock(&lazy_lock);
	g = es->dup;
	pthread_mutex_unlock(&lazy_lock);
	return g;
}

/* The record's last reference: it leaves its group, the last member frees it. */
static void dup_leave(struct ls_engine_sock *es)
{
	struct dup_group *g = dup_of(es);
	int last;

	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	last = --g->members == 0;
	pthread_mutex_unlock(&g->lock);
	if (last) {
		pthread_mutex_destroy(&g->lock);
		free(g);
	}
}

/* Close of a member: 1 if another member is still open (nothing is cancelled), else 0 after
 * cancelling what the parked members still had pending. */
static int dup_close(struct ls_handle *h, struct ls_engine_sock *es, struct dup_group *g)
{
	struct ls_engine_sock *parked;
	int pending;

	pthread_mutex_lock(&es->lock);
	pending = es->q[0] || es->q[1] || es->q[2];
	pthread_mutex_unlock(&es->lock);
	pthread_mutex_lock(&g->lock);
	if (--g->open > 0) {
		if (pending) {
			ls_handle_hold(h);
			es->h = h;
			es->dup_next = g->parked;
			g->parked = es;
		}
		pthread_mutex_unlock(&g->lock);
		return 1;
	}
	parked = g->parked;
	g->parked = NULL;
	pthread_mutex_unlock(&g->lock);
	while (parked) {
		struct ls_engine_sock *p = parked;
		struct ls_handle *ph = p->h;
		parked = p->dup_next;
		ls_engine_cancel(ph, NULL, 0);
		ls_handle_put(ph);	/* may free p */
	}
	return 0;
}

/* Close of a handle (closesocket, CloseHandle): every pending op completes, once, aborted --
 * unless a duplicate keeps the socket open (then 1: the caller must not shut it down). */
static int sock_abort(struct ls_handle *h)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);
	struct dup_group *g = es ? dup_of(es) : NULL;
	int lfd = 0;

	if (g && dup_close(h, es, g)) {
		/* Calls blocked through this handle still fail (WSAEINTR); the socket lives on. */
		ls_wait_syncio_wake(h);
		return 1;
	}
	ls_engine_cancel(h, NULL, 0);
	/* The accept socket of a pending AcceptEx: Windows aborts that AcceptEx too (Wine's
	 * test_AcceptEx). It waits in the listener's queue: find it there by its target. */
	if (es) {
		pthread_mutex_lock(&es->lock);
		lfd = es->accept_lfd;
		pthread_mutex_unlock(&es->lock);
	}
	if (lfd) {
		struct ls_handle *l = ls_handle_get_socket((uintptr_t)(lfd - 1));
		struct ls_engine_sock *les = l ? atomic_load_explicit(&l->engine, memory_order_acquire) : NULL;
		struct ls_op *done = NULL;

		if (les) {
			pthread_mutex_lock(&les->lock);
			for (struct ls_op **pp = &les->q[0]; *pp; pp = &(*pp)->next) {
				if ((*pp)->kind == LS_OP_ACCEPT && (*pp)->target == h) {
					done = *pp;
					*pp = done->next;
					done->next = NULL;
					break;
				}
			}
			les->tail[0] = &les->q[0];
			while (*les->tail[0])
				les->tail[0] = &(*les->tail[0])->next;
			pthread_mutex_unlock(&les->lock);
		}
		if (done) {
			done->status = STATUS_CANCELLED;
			deliver(done, 0);
		}
		if (l)
			ls_handle_put(l);
	}
	return 0;
}

/* A completion routine queued to a thread that then ended never runs (Windows): its op still
 * holds references, released here. */
static void apc_dropped(ls_wait_apc_fn fn, uintptr_t a)
{
	if (fn == routine_apc)
		ls_engine_op_release((struct ls_op *)a);
}

__attribute__((constructor)) static void engine_hooks(void)
{
	ls_wait_apc_dropped = apc_dropped;
	ls_wait_io_obj = io_obj;
	ls_handle_engine_abort = sock_abort;
	ls_handle_engine_free = sock_free;
	ls_wait_alertable_claim = tctx_claim;
	ls_wait_alertable_release = tctx_release;
	ls_wait_alertable_sleep = tctx_sleep;
}

/* ---- Backend choice and contexts ---- */

const struct ls_engine_backend *ls_engine_backend = &ls_engine_epoll;
static int port_uring;	/* ports on the io_uring backend too (backend_choose) */
static char backend_fallback[160];	/* why io_uring is not in use, if it was wanted */

static pthread_once_t backend_once = PTHREAD_ONCE_INIT;

/* The backend is chosen once, on first use: before the first context exists (every use of the
 * table goes through a context made by ls_engine_ctx_new or ls_engine_port_ctx_new). io_uring is the default when the
 * kernel allows it; an unavailable io_uring falls back to epoll with one trace line (DESIGN §8:
 * never silent). Not a constructor: the trace switch is read by one, in no fixed order. */
static void backend_choose(void)
{
	const char *want = getenv("LINSOCK_BACKEND");
	const char *kr = getenv("LINSOCK_URING_RECV");
	const char *pb = getenv("LINSOCK_PORT_BACKEND");

	if (kr && strcmp(kr, "0") == 0)
		kernel_recv = 0;
	/* Ports follow LINSOCK_PORT_BACKEND, else a backend asked for by name, else epoll (P5);
	 * io_uring ports need the io_uring backend (ls_engine_port_ctx_new). */
	if (pb && *pb)
		port_uring = strcmp(pb, "io_uring") == 0;
	else
		port_uring = want && strcmp(want, "io_uring") == 0;
	if (want && *want && strcmp(want, "epoll") == 0)
		return;
	if (want && *want && strcmp(want, "io_uring") != 0) {
		snprintf(backend_fallback, sizeof backend_fallback, "LINSOCK_BACKEND=%s is not a backend", want);
		LS_TRACE("%s: using epoll", backend_fallback);
		return;
	}
#ifdef LINSOCK_HAVE_URING
	{
		char why[128];
		if (ls_engine_uring_probe(why, sizeof why) == 0) {
			ls_engine_backend = &ls_engine_uring;
			return;
		}
		snprintf(backend_fallback, sizeof backend_fallback, "%s", why);
	}
#else
	snprintf(backend_fallback, sizeof backend_fallback, "built without liburing");
#endif
	LS_TRACE("io_uring unavailable (%s): using epoll", backend_fallback);
}

/* Why io_uring is not the backend ("" when it is, or when epoll was asked for). The test runner
 * (a Linux-side file) declares it itself. */
const char *ls_engine_backend_fallback(void)
{
	pthread_once(&backend_once, backend_choose);
	return backend_fallback;
}

const char *ls_engine_backend_name(void)
{
	pthread_once(&backend_once, backend_choose);
	return ls_engine_backend->name;
}

struct ls_engine_ctx *ls_engine_ctx_new(void)
{
	pthread_once(&backend_once, backend_choose);
	return ls_engine_backend->ctx_new();
}

/* A completion port's context (design P5): on epoll unless LINSOCK_BACKEND names io_uring.
 * Measured on 2 CPUs, a port shared by several workers runs 25-30 % more messages per second
 * with epoll readiness than with io_uring's, whose task work runs in whichever worker submitted
 * last; on one CPU the two are even. Threads' own contexts (completion routines) stay on
 * io_uring, where a thread submits and waits in one call. */
static const struct ls_engine_backend *port_backend(void)
{
	pthread_once(&backend_once, backend_choose);
	return port_uring ? ls_engine_backend : &ls_engine_epoll;
}

struct ls_engine_ctx *ls_engine_port_ctx_new(void)
{
	return port_backend()->ctx_new();
}

/* Tests: the backend a completion port's context gets. */
const char *ls_engine_port_backend_name(void)
{
	return port_backend()->name;
}

void ls_engine_ctx_free(struct ls_engine_ctx *ctx)
{
	ls_engine_ctx_ops(ctx)->ctx_free(ctx);
}

int ls_engine_ctx_poll(struct ls_engine_ctx *ctx, int timeout_ms)
{
	return ls_engine_ctx_ops(ctx)->poll(ctx, timeout_ms);
}

void ls_engine_ctx_wake(struct ls_engine_ctx *ctx)
{
	ls_engine_ctx_ops(ctx)->wake(ctx);
}
