/* engine/uring: the io_uring backend (liburing), the default when the kernel allows it
 * (docs/design.md E). A Linux-side file: glibc and liburing headers, never ours; it reaches the
 * engine through backend.h (basic C types only).
 *
 * A context is a ring. Each handle's fd is watched by one multishot IORING_OP_POLL_ADD
 * (POLLIN|POLLOUT|POLLRDHUP|POLLPRI) whose user_data is a registration record (struct reg)
 * owned by the context, not the engine's per-handle state: every poll CQE makes the poller run
 * that handle's queues (ls_engine_ready), as an epoll edge does. A multishot poll fires on each
 * wake-up of the fd, so ls_engine_ready may be called for a level that is still true: harmless,
 * it retries the queue heads and stops at the first EAGAIN. A poll that ends (a CQE without
 * IORING_CQE_F_MORE: CQ overflow, error) is re-armed.
 *
 * Unregister safety. The engine frees its per-handle state (es) right after unregister, and a
 * CQE naming the poll can still be in the CQ or on its way. So user_data names the reg, never
 * es. unregister, under the context lock, clears reg->es (a tombstone) and submits
 * IORING_OP_POLL_REMOVE at once (an armed poll holds a reference on the file: the socket would
 * not really close until the poll goes). The reg itself is freed only when the poller reaps the
 * poll's final CQE (no F_MORE) and finds the tombstone, or at once if no poll is armed; the
 * poller reads reg->es and takes a reference on es (ls_engine_sock_hold) under the same lock, so
 * a ready call it started before the tombstone keeps es alive until it returns. unregister
 * never waits for the kernel or the poller: it may be called by the poller itself (from inside
 * ls_engine_ready, when a completion drops a handle's last reference) and with es->lock held.
 *
 * Submission. Several threads prepare SQEs (registration, re-arm, removal), so the SQ is under
 * the context lock. A new registration is only queued and the poller is woken if it sleeps: the
 * poller submits it, so the poll belongs to the polling thread, and the task work that posts its
 * CQEs runs inside that thread's own wait rather than interrupting an application thread. A
 * removal is submitted by the caller at once (see above). The poller waits without the lock
 * (io_uring_wait_cqe*, with IORING_FEAT_EXT_ARG, never touches the SQ).
 *
 * Wake-ups: an eventfd watched by the ring's own multishot poll (user_data 0). Writing it needs
 * no lock and no SQE (callable from any thread, no contention with registrations), several
 * wakes coalesce in its counter, and a wake before the poll starts is not lost (the eventfd
 * stays readable). The alternative, an IORING_OP_NOP submitted by the waker, would also submit
 * queued registrations from the waker's thread (making it the owner of those polls) and take
 * the SQ lock on every wake. */
#ifdef LINSOCK_HAVE_URING

#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "backend.h"
#include "../base/sys.h"
#include "../base/trace.h"

/* CQE poll masks go to ls_engine_ready as they are: poll(2) and epoll bits are the same. */
_Static_assert(POLLIN == LS_SYS_EPOLLIN && POLLPRI == LS_SYS_EPOLLPRI && POLLOUT == LS_SYS_EPOLLOUT &&
	       POLLERR == LS_SYS_EPOLLERR && POLLHUP == LS_SYS_EPOLLHUP && POLLRDHUP == LS_SYS_EPOLLRDHUP,
	       "poll and epoll bits differ");

#define RING_ENTRIES 256
#define CQ_ENTRIES 4096		/* bursts of readiness from many sockets without overflow */
#define BATCH 64
#define TAG_MASK 3u		/* user_data's low bits (regs and ops are 8-aligned) */
#define TAG_REMOVE 1u		/* the CQE of a POLL_REMOVE (ignored) */
#define TAG_OP 2u		/* the CQE of a receive the engine queued (recv_submit) */
#define TAG_CANCEL 3u		/* the CQE of an ASYNC_CANCEL (ignored) */
/* The thread's APC eventfd poll (ur_sleep): user_data (gen << 3) | TAG_APC; bit 2 is clear in
 * every reg and op address (8-aligned), and its removal's CQE is that | TAG_REMOVE. */
#define TAG_APC 4u
#define APC_UD(gen) (((uint64_t)(gen) << 3) | TAG_APC)
#define WATCH (POLLIN | POLLOUT | POLLRDHUP | POLLPRI)

struct reg {
	struct ls_engine_sock *es;	/* NULL once unregistered (tombstone) */
	int fd;
	uint8_t armed;			/* a poll for this reg is in the SQ or the kernel */
	uint8_t errors;			/* consecutive failed polls */
	uint8_t queued;			/* on ctx->pending */
	struct reg *prev, *next;	/* the context's list (freed with it) */
	struct reg *pending;		/* waiting for an SQE (SQ full) */
};

struct ls_engine_ctx {
	const struct ls_engine_backend *ops;	/* first: backend.h ls_engine_ctx_ops */
	struct io_uring ring;
	pthread_mutex_t lock;		/* SQ, every reg's fields, the lists */
	int wakefd;
	int waiting;			/* the poller sleeps: new SQEs need a wake-up */
	int wake_armed;
	struct reg *regs;		/* all live regs */
	struct reg *pending;		/* regs whose poll could not get an SQE yet */
	/* ur_sleep: the multishot poll on the sleeping thread's APC eventfd. */
	int apc_fd;
	uint32_t apc_gen;		/* its user_data's generation (older CQEs are stale) */
	uint8_t apc_armed;
};

/* Lock held: r's poll is queued by the next flush (the poller's, before it sleeps). */
static void defer(struct ls_engine_ctx *ctx, struct reg *r)
{
	if (r->queued)
		return;
	r->queued = 1;
	r->pending = ctx->pending;
	ctx->pending = r;
}

/* Lock held. Queues the multishot poll for r (submitted by the poller, or with a removal). */
static void arm(struct ls_engine_ctx *ctx, struct reg *r)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ctx->ring);

	if (!sqe) {
		io_uring_submit(&ctx->ring);	/* SQ full: flush it, then retry */
		sqe = io_uring_get_sqe(&ctx->ring);
	}
	if (!sqe) {
		defer(ctx, r);
		return;
	}
	io_uring_prep_poll_multishot(sqe, r->fd, WATCH);
	io_uring_sqe_set_data(sqe, r);
	r->armed = 1;
}

static void arm_wake(struct ls_engine_ctx *ctx)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ctx->ring);

	if (!sqe)
		return;		/* retried at the next poll */
	io_uring_prep_poll_multishot(sqe, ctx->wakefd, POLLIN);
	io_uring_sqe_set_data64(sqe, 0);
	ctx->wake_armed = 1;
}

/* Lock held. */
static void reg_free(struct ls_engine_ctx *ctx, struct reg *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		ctx->regs = r->next;
	if (r->next)
		r->next->prev = r->prev;
	free(r);
}

/* Lock held: pops r from the pending list if it is there. */
static void unpend(struct ls_engine_ctx *ctx, struct reg *r)
{
	for (struct reg **pp = &ctx->pending; *pp; pp = &(*pp)->pending) {
		if (*pp == r) {
			*pp = r->pending;
			r->pending = NULL;
			r->queued = 0;
			return;
		}
	}
}

static struct ls_engine_ctx *ur_new(void)
{
	struct io_uring_params p;
	struct ls_engine_ctx *ctx = calloc(1, sizeof *ctx);

	if (!ctx)
		return NULL;
	ctx->ops = &ls_engine_uring;
	memset(&p, 0, sizeof p);
	p.flags = IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP;
	p.cq_entries = CQ_ENTRIES;
	ctx->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (ctx->wakefd < 0 || io_uring_queue_init_params(RING_ENTRIES, &ctx->ring, &p) != 0) {
		if (ctx->wakefd >= 0)
			close(ctx->wakefd);
		free(ctx);
		return NULL;
	}
	pthread_mutex_init(&ctx->lock, NULL);
	arm_wake(ctx);		/* submitted by the first poller: the poll is that thread's */
	return ctx;
}

static void ur_free(struct ls_engine_ctx *ctx)
{
	io_uring_queue_exit(&ctx->ring);	/* cancels every poll; no CQE is read after this */
	while (ctx->regs)
		reg_free(ctx, ctx->regs);
	close(ctx->wakefd);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
}

static int ur_register(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	struct reg *r = calloc(1, sizeof *r);
	int wake;

	if (!r)
		return -1;
	r->es = es;
	r->fd = es->fd;
	pthread_mutex_lock(&ctx->lock);
	r->next = ctx->regs;
	if (r->next)
		r->next->prev = r;
	ctx->regs = r;
	es->breg = r;
	if (es->lazy) {
		pthread_mutex_unlock(&ctx->lock);	/* ur_arm later, if ever */
		return 0;
	}
	arm(ctx, r);
	wake = ctx->waiting;
	pthread_mutex_unlock(&ctx->lock);
	if (wake)
		eventfd_write(ctx->wakefd, 1);
	return 0;
}

/* A lazy registration's poll (P3: receives all went into the kernel until now). */
static void ur_arm(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	struct reg *r = es->breg;
	int wake;

	if (!r)
		return;
	pthread_mutex_lock(&ctx->lock);
	if (!r->armed && !r->queued)
		arm(ctx, r);
	wake = ctx->waiting;
	pthread_mutex_unlock(&ctx->lock);
	if (wake)
		eventfd_write(ctx->wakefd, 1);
}

static void ur_unregister(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	struct reg *r = es->breg;

	if (!r)
		return;
	pthread_mutex_lock(&ctx->lock);
	es->breg = NULL;
	r->es = NULL;		/* from now on no CQE leads to es */
	unpend(ctx, r);
	if (!r->armed) {
		reg_free(ctx, r);	/* no poll: no CQE can name r */
	} else {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ctx->ring);
		if (!sqe) {
			io_uring_submit(&ctx->ring);
			sqe = io_uring_get_sqe(&ctx->ring);
		}
		if (sqe) {
			io_uring_prep_poll_remove(sqe, (uint64_t)(uintptr_t)r);
			io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)r | TAG_REMOVE);
		} else {
			/* Still safe (tombstone); the poll and its file stay until the ring goes. */
			LS_TRACE("fd %d: SQ full, poll not removed", r->fd);
		}
		/* Now: the armed poll holds the file, which must really close with the handle. A
		 * queued poll of r not yet submitted goes in the same submit, before the removal. */
		io_uring_submit(&ctx->ring);
	}
	pthread_mutex_unlock(&ctx->lock);
}

struct hit {
	struct ls_engine_sock *es;	/* readiness on es, or (es NULL) op's result */
	uint32_t events;
	struct ls_op *op;
	int res;
};

/* Lock held: digests up to BATCH CQEs into hits (es referenced). Returns the CQEs consumed. */
static unsigned reap(struct ls_engine_ctx *ctx, struct hit *hits, int *nhits, int *drain)
{
	struct io_uring_cqe *cqe;
	unsigned head, n = 0;

	io_uring_for_each_cqe(&ctx->ring, head, cqe) {
		uint64_t ud = io_uring_cqe_get_data64(cqe);
		int more = (cqe->flags & IORING_CQE_F_MORE) != 0;
		struct reg *r;

		if (n == BATCH)
			break;
		n++;
		if (ud == 0) {
			*drain = 1;
			if (!more) {
				ctx->wake_armed = 0;
				arm_wake(ctx);
			}
			continue;
		}
		if ((ud & 7u) == TAG_APC) {
			/* An APC was queued to the sleeper: the CQE itself ended its wait. */
			if (!more && ud == APC_UD(ctx->apc_gen))
				ctx->apc_armed = 0;
			continue;
		}
		if ((ud & TAG_MASK) == TAG_OP) {
			/* A receive's result: the op holds its handle, so nothing here can be freed. */
			hits[*nhits].es = NULL;
			hits[*nhits].op = (struct ls_op *)(uintptr_t)(ud & ~(uint64_t)TAG_MASK);
			hits[*nhits].res = cqe->res;
			(*nhits)++;
			continue;
		}
		if (ud & TAG_MASK)
			continue;	/* a removal's or a cancel's own CQE */
		r = (struct reg *)(uintptr_t)ud;
		if (!more)
			r->armed = 0;
		if (!r->es) {
			if (!r->armed)
				reg_free(ctx, r);	/* the tombstone's last CQE */
			continue;
		}
		if (cqe->res < 0) {
			if (cqe->res != -ECANCELED && ++r->errors == 16) {
				LS_TRACE("fd %d: poll keeps failing (%d): no longer watched", r->fd, cqe->res);
				continue;
			}
		} else {
			r->errors = 0;
			ls_engine_sock_hold(r->es);
			hits[*nhits].es = r->es;
			hits[*nhits].events = (uint32_t)cqe->res;
			(*nhits)++;
		}
		/* A multishot poll that ended (CQ overflow, error) is queued again by the next
		 * flush, not here: a ready socket's new poll posts a CQE at once, and re-arming
		 * while reaping could feed this loop forever (thousands of sockets at EOF after an
		 * overflow). */
		if (!r->armed && r->errors < 16)
			defer(ctx, r);
	}
	io_uring_cq_advance(&ctx->ring, n);
	return n;
}

/* Lock held: makes the SQEs prepared so far visible to the kernel without entering it; the
 * number it has not consumed yet. (liburing's own flush is internal; this is the same few
 * stores. Safe with concurrent submitters: the kernel consumes each SQE once, and an
 * io_uring_enter asking for more than are there submits what is there.) */
static unsigned sq_publish(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail;

	if (sq->sqe_head != tail) {
		sq->sqe_head = tail;
		io_uring_smp_store_release(sq->ktail, tail);
	}
	return tail - io_uring_smp_load_acquire(sq->khead);
}

/* Lock held: arms what waits for an SQE (the poller's side of registration). */
static void prepare(struct ls_engine_ctx *ctx)
{
	while (ctx->pending) {
		struct reg *p = ctx->pending;
		ctx->pending = p->pending;
		p->pending = NULL;
		p->queued = 0;
		if (!p->es || p->armed)
			continue;	/* unregistered or armed meanwhile */
		arm(ctx, p);
		if (!p->armed)
			break;
	}
	if (!ctx->wake_armed)
		arm_wake(ctx);
}

/* Lock held: prepare and submit. */
static void flush(struct ls_engine_ctx *ctx)
{
	prepare(ctx);
	io_uring_submit(&ctx->ring);
}

static int ur_poll(struct ls_engine_ctx *ctx, int timeout_ms)
{
	struct io_uring_cqe *cqe = NULL;
	struct hit hits[BATCH];
	int r, handled = 0;
	unsigned n, to_submit;

	pthread_mutex_lock(&ctx->lock);
	prepare(ctx);
	to_submit = sq_publish(&ctx->ring);
	ctx->waiting = 1;
	pthread_mutex_unlock(&ctx->lock);

	if (to_submit) {
		/* Submit (registrations, receives queued by recv_submit) and wait in one enter. */
		struct __kernel_timespec ts = { timeout_ms / 1000, (long long)(timeout_ms % 1000) * 1000000 };
		struct io_uring_getevents_arg arg = { 0 };

		if (timeout_ms > 0)
			arg.ts = (uint64_t)(uintptr_t)&ts;
		r = io_uring_enter2((unsigned)ctx->ring.ring_fd, to_submit, timeout_ms == 0 ? 0 : 1,
				    timeout_ms == 0 ? 0 : IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
				    timeout_ms == 0 ? NULL : (sigset_t *)&arg, timeout_ms == 0 ? 0 : sizeof arg);
		if (r == -EBUSY)
			r = 0;	/* CQ overflow: reaping below makes room */
	} else if (timeout_ms < 0) {
		r = io_uring_wait_cqe(&ctx->ring, &cqe);
	} else if (timeout_ms == 0) {
		r = io_uring_peek_cqe(&ctx->ring, &cqe);
	} else {
		struct __kernel_timespec ts = { timeout_ms / 1000, (long long)(timeout_ms % 1000) * 1000000 };
		r = io_uring_wait_cqe_timeout(&ctx->ring, &cqe, &ts);
	}
	if (r < 0 && r != -ETIME && r != -EINTR && r != -EAGAIN)
		return -1;

	do {
		int nhits = 0, drain = 0;
		pthread_mutex_lock(&ctx->lock);
		ctx->waiting = 0;
		n = reap(ctx, hits, &nhits, &drain);
		pthread_mutex_unlock(&ctx->lock);
		if (drain) {
			eventfd_t v;
			eventfd_read(ctx->wakefd, &v);
		}
		/* Outside the lock: a ready call may deliver, drop a handle's last reference and
		 * unregister (this context included). */
		for (int i = 0; i < nhits; i++) {
			if (!hits[i].es) {
				ls_engine_op_cqe(hits[i].op, hits[i].res);
				continue;
			}
			ls_engine_ready(hits[i].es, hits[i].events);
			ls_engine_sock_release(hits[i].es);
		}
		handled += nhits;
	} while (n == BATCH);
	return handled;
}

static void ur_wake(struct ls_engine_ctx *ctx)
{
	eventfd_write(ctx->wakefd, 1);
}

/* A ring fd is readable while its CQ holds entries. The polls submitted here belong to the
 * calling thread, so the task work that posts their CQEs runs in its own (interrupted) wait. */
static int ur_wait_fd(struct ls_engine_ctx *ctx)
{
	pthread_mutex_lock(&ctx->lock);
	flush(ctx);
	pthread_mutex_unlock(&ctx->lock);
	return ctx->ring.ring_fd;
}

static int ur_recv_submit(struct ls_engine_ctx *ctx, struct ls_op *op, int fd, void *buf, unsigned long len, void *msg,
			  int poll_first)
{
	struct io_uring_sqe *sqe;

	pthread_mutex_lock(&ctx->lock);
	sqe = io_uring_get_sqe(&ctx->ring);
	if (!sqe) {
		pthread_mutex_unlock(&ctx->lock);
		return -1;
	}
	if (msg)
		io_uring_prep_recvmsg(sqe, fd, msg, 0);
	else
		io_uring_prep_recv(sqe, fd, buf, len, 0);
	/* The engine's own try just said EAGAIN: wait for data before the first attempt. */
	if (poll_first)
		sqe->ioprio |= IORING_RECVSEND_POLL_FIRST;
	io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)op | TAG_OP);
	pthread_mutex_unlock(&ctx->lock);
	return 0;
}

static void ur_op_cancel(struct ls_engine_ctx *ctx, struct ls_op *op)
{
	struct io_uring_sqe *sqe;

	pthread_mutex_lock(&ctx->lock);
	sqe = io_uring_get_sqe(&ctx->ring);
	if (!sqe) {
		io_uring_submit(&ctx->ring);
		sqe = io_uring_get_sqe(&ctx->ring);
	}
	if (sqe) {
		io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)op | TAG_OP, 0);
		io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)op | TAG_CANCEL);
	} else {
		LS_TRACE("SQ full: receive not cancelled in the kernel");
	}
	/* At once: the receive (submitted in the same call if it was still queued, in order) must
	 * end whether or not anyone polls the port. */
	io_uring_submit(&ctx->ring);
	pthread_mutex_unlock(&ctx->lock);
}

/* SleepEx on a thread's own context (docs/design.md P3): the ring also watches the thread's APC
 * eventfd (one multishot poll, re-armed when the thread or the fd changes or the poll ended), so
 * the wait is ur_poll's single io_uring_enter, which also submits the receives ReadFileEx
 * queued: one syscall where a poll(2) on the ring fd needed a submit first. The poll belongs to
 * the thread that submits it, the sleeper, so its task work runs in this very wait. */
static int ur_sleep(struct ls_engine_ctx *ctx, int apc_fd, int fresh, int timeout_ms)
{
	pthread_mutex_lock(&ctx->lock);
	if (fresh || !ctx->apc_armed || ctx->apc_fd != apc_fd) {
		struct io_uring_sqe *sqe;

		if (ctx->apc_armed && (sqe = io_uring_get_sqe(&ctx->ring)) != NULL) {
			/* A previous thread's (or fd's) poll: only spurious wake-ups are left in it. */
			io_uring_prep_poll_remove(sqe, APC_UD(ctx->apc_gen));
			io_uring_sqe_set_data64(sqe, APC_UD(ctx->apc_gen) | TAG_REMOVE);
		}
		ctx->apc_armed = 0;
		sqe = io_uring_get_sqe(&ctx->ring);
		if (!sqe) {
			io_uring_submit(&ctx->ring);
			sqe = io_uring_get_sqe(&ctx->ring);
		}
		if (!sqe) {
			pthread_mutex_unlock(&ctx->lock);
			return -1;	/* the caller polls the ring fd and apc_fd instead */
		}
		ctx->apc_gen++;
		io_uring_prep_poll_multishot(sqe, apc_fd, POLLIN);
		io_uring_sqe_set_data64(sqe, APC_UD(ctx->apc_gen));
		ctx->apc_fd = apc_fd;
		ctx->apc_armed = 1;
	}
	pthread_mutex_unlock(&ctx->lock);
	return ur_poll(ctx, timeout_ms) < 0 ? -1 : 0;
}

/* Can this kernel (and its seccomp policy) run the backend? A ring, IORING_FEAT_EXT_ARG (waits
 * with a timeout that never touch the SQ: 5.11) and multishot poll (5.13), tried for real on an
 * eventfd. */
int ls_engine_uring_probe(char *why, unsigned long whylen)
{
	struct io_uring ring;
	struct io_uring_probe *probe;
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct __kernel_timespec ts = { 1, 0 };
	int r, efd, ok = 0;

	r = io_uring_queue_init(4, &ring, 0);
	if (r < 0) {
		snprintf(why, whylen, "io_uring_queue_init: %s", strerror(-r));
		return -1;
	}
	probe = io_uring_get_probe_ring(&ring);
	if (!probe || !io_uring_opcode_supported(probe, IORING_OP_POLL_ADD) ||
	    !io_uring_opcode_supported(probe, IORING_OP_POLL_REMOVE)) {
		snprintf(why, whylen, "IORING_OP_POLL_ADD/REMOVE not supported");
		goto out;
	}
	if (!(ring.features & IORING_FEAT_EXT_ARG)) {
		snprintf(why, whylen, "no IORING_FEAT_EXT_ARG (kernel < 5.11)");
		goto out;
	}
	efd = eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0) {
		snprintf(why, whylen, "eventfd: %s", strerror(errno));
		goto out;
	}
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_poll_multishot(sqe, efd, POLLIN);
	io_uring_sqe_set_data64(sqe, 1);
	r = io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &ts, NULL);
	if (r < 0 || !cqe)
		snprintf(why, whylen, "multishot poll: %s", strerror(r < 0 ? -r : EIO));
	else if (cqe->res < 0 || !(cqe->flags & IORING_CQE_F_MORE))
		snprintf(why, whylen, "multishot poll not supported (res %d, kernel < 5.13?)", cqe->res);
	else
		ok = 1;
	close(efd);
out:
	if (probe)
		io_uring_free_probe(probe);
	io_uring_queue_exit(&ring);
	return ok ? 0 : -1;
}

const struct ls_engine_backend ls_engine_uring = {
	.name = "io_uring",
	.ctx_new = ur_new,
	.ctx_free = ur_free,
	.register_fd = ur_register,
	.arm = ur_arm,
	.unregister = ur_unregister,
	.poll = ur_poll,
	.wake = ur_wake,
	.wait_fd = ur_wait_fd,
	.recv_submit = ur_recv_submit,
	.op_cancel = ur_op_cancel,
	.sleep = ur_sleep,
};

#endif /* LINSOCK_HAVE_URING */
