/* iocp: completion ports (see iocp.h). */
#include "iocp.h"
#include "../base/pthr.h"
#include "../base/sys.h"
#include "../engine/engine.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct waiter {
	struct waiter *next;
	int word;		/* futex: 0 sleeping, 1 woken */
};

/* A thread waits on at most one port at a time (an APC run by an alertable wait runs before the
 * waiter is pushed and after it left), so one record per thread serves every wait. */
static __thread struct waiter my_waiter;

struct ls_iocp {
	atomic_int refs;
	pthread_mutex_t lock;
	struct ls_op *head, **tail;	/* FIFO of packets */
	uint32_t queued;		/* packets in it: written under the lock, read by spinners */
	struct waiter *waiters;		/* LIFO: the most recent waiter is released first */
	int poller;			/* tid of the thread polling the context, 0 if none */
	int closed;			/* written under the lock, read by spinners */
	uint32_t concurrency, active;
	uint32_t spinning;		/* threads spinning in ls_iocp_dequeue (see spin) */
	uint32_t spin_misses, spin_skip;	/* spins that found nothing in a row, waits left unspun */
	uint32_t spin_hits;		/* spins that saw a packet (ls_iocp_peek, tests) */
	struct ls_engine_ctx *ctx;
	/* The keeper (see keeper_main): started when a handle is first bound. */
	uint32_t calls;			/* GetQueuedCompletionStatus calls so far */
	uint8_t keeper;			/* started */
	uint8_t keeping;		/* the keeper is the poller now */
	uint8_t dying;			/* last reference gone: the keeper must end */
	uint8_t orphan;			/* ...and it dropped it itself: it destroys the port */
	pthread_t keeper_thread;
	pthread_cond_t keeper_cond;
	struct ls_iocp *all_next, **all_prev;	/* every port (ports_lock) */
};

/* Every live port, for GetOverlappedResult's look into the queues (ls_iocp_publish_ov). */
static pthread_mutex_t ports_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ls_iocp *ports;

/* Which port the calling thread last dequeued from, counted in that port's `active` until it
 * calls GetQueuedCompletionStatus again or ends (Windows' concurrency accounting). */
static pthread_key_t active_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* A wake-up decided under the port lock and made after it is released (wake_done): a woken
 * thread that ran at once (one CPU: it preempts the waker) found the lock still held, blocked on
 * it and switched back, two context switches for nothing. */
struct wake {
	int *word;		/* a released waiter's futex word */
	struct ls_iocp *poll;	/* a port whose poller must look (referenced: its context) */
};

static void wake_one(struct ls_iocp *p, struct wake *wk);
static void wake_done(struct wake *wk);

/* A thread's turn on the port ends (it called GetQueuedCompletionStatus on another port, or it
 * ended): one more thread may run, so hand queued packets to a sleeper. */
static void thread_gone(void *p)
{
	struct ls_iocp *port = p;
	struct wake wk = { 0 };

	pthread_mutex_lock(&port->lock);
	if (port->active)
		port->active--;
	if (port->head)
		wake_one(port, &wk);
	pthread_mutex_unlock(&port->lock);
	wake_done(&wk);
	ls_iocp_put(port);
}

static void key_init(void)
{
	pthread_key_create(&active_key, thread_gone);
}

struct ls_iocp *ls_iocp_new(uint32_t concurrency)
{
	struct ls_iocp *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	pthread_once(&key_once, key_init);
	p->ctx = ls_engine_port_ctx_new();
	if (!p->ctx) {
		free(p);
		return NULL;
	}
	atomic_init(&p->refs, 1);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->keeper_cond, NULL);
	p->tail = &p->head;
	p->concurrency = concurrency ? concurrency : (uint32_t)ls_sys_ncpus();
	pthread_mutex_lock(&ports_lock);
	p->all_next = ports;
	if (ports)
		ports->all_prev = &p->all_next;
	p->all_prev = &ports;
	ports = p;
	pthread_mutex_unlock(&ports_lock);
	return p;
}

void ls_iocp_get(struct ls_iocp *p)
{
	atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
}

static void destroy(struct ls_iocp *p);

void ls_iocp_put(struct ls_iocp *p)
{
	if (atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
		return;
	pthread_mutex_lock(&ports_lock);
	*p->all_prev = p->all_next;
	if (p->all_next)
		p->all_next->all_prev = p->all_prev;
	pthread_mutex_unlock(&ports_lock);
	pthread_mutex_lock(&p->lock);
	if (p->keeper) {
		p->dying = 1;
		pthread_cond_signal(&p->keeper_cond);
		ls_engine_ctx_wake(p->ctx);
		if (pthread_equal(pthread_self(), p->keeper_thread)) {
			/* The keeper dropped the last reference (a completion it delivered): it
			 * destroys the port when its poll returns. */
			p->orphan = 1;
			pthread_mutex_unlock(&p->lock);
			return;
		}
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->keeper_thread, NULL);
	} else {
		pthread_mutex_unlock(&p->lock);
	}
	destroy(p);
}

static void destroy(struct ls_iocp *p)
{
	/* Packets nobody dequeued: their ops still hold handles; recycle them. */
	while (p->head) {
		struct ls_op *op = p->head;
		p->head = op->next;
		if (op->h) {
			op->port = NULL;	/* this reference is the one being dropped */
			ls_engine_op_release(op);
		} else {
			ls_engine_op_free(op);
		}
	}
	ls_engine_ctx_free(p->ctx);
	pthread_cond_destroy(&p->keeper_cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

struct ls_engine_ctx *ls_iocp_ctx(struct ls_iocp *p)
{
	return p->ctx;
}

/* Lock held: hand the queue's news to a sleeping waiter (LIFO), or make the poller look. The
 * waiter leaves the stack and its word is set now, under the lock; the futex wake and the
 * context wake are made by wake_done once the caller has released the lock. wk NULL: at once.
 *
 * The deferred futex wake may come after the waiter has returned (it woke on its own, a timeout,
 * saw its word set) and its stack frame, where the word lives, is gone: FUTEX_WAKE only looks the
 * address up (never writes it; EFAULT if unmapped), and the worst it can do is wake whatever
 * sleeps on that address now, a spurious wake-up, which every futex user here tolerates (a
 * waiter whose word is still 0 re-checks and sleeps again). glibc's mutex unlock wakes the same
 * way. A thread spinning for a packet (spin) is the newest waiter and takes it itself: nobody is
 * woken while one spins (it re-checks the queue under the lock before it sleeps). */
static void wake_one(struct ls_iocp *p, struct wake *wk)
{
	struct waiter *w = p->waiters;

	if (p->spinning)
		return;
	if (w) {
		p->waiters = w->next;
		__atomic_store_n(&w->word, 1, __ATOMIC_RELEASE);
		if (wk && !wk->word)
			wk->word = &w->word;
		else
			ls_sys_futex_wake(&w->word, 1);
	} else if (p->poller && p->poller != ls_sys_gettid()) {
		if (!wk) {
			ls_engine_ctx_wake(p->ctx);
		} else if (!wk->poll) {
			/* The caller's reference may be the queued op's, which a dequeue can drop
			 * before wake_done runs. */
			ls_iocp_get(p);
			wk->poll = p;
		}
	}
}

static void wake_done(struct wake *wk)
{
	if (wk->word) {
		ls_sys_futex_wake(wk->word, 1);
		wk->word = NULL;
	}
	if (wk->poll) {
		ls_engine_ctx_wake(wk->poll->ctx);
		ls_iocp_put(wk->poll);
		wk->poll = NULL;
	}
}

static void enqueue(struct ls_iocp *p, struct ls_op *op)
{
	struct wake wk = { 0 };

	pthread_mutex_lock(&p->lock);
	if (p->closed && op->h) {
		/* Nobody can dequeue from a closed port, and a queued op would hold its handle,
		 * whose record holds the port: the port, the handle and its fd would never go.
		 * Complete the op now (status block, references). Released outside the lock: it
		 * may drop the port's last reference. */
		pthread_mutex_unlock(&p->lock);
		ls_engine_op_publish(op);
		ls_engine_op_release(op);
		return;
	}
	/* Someone waits in GetOverlappedResult (maybe for this op): the status block is written
	 * now, not only at dequeue, so that wait ends even if no thread dequeues (see
	 * ls_iocp_publish_ov). */
	if (op->h && ls_engine_ov_waiting()) {
		ls_engine_op_publish(op);
		op->published = 1;
	}
	op->next = NULL;
	*p->tail = op;
	p->tail = &op->next;
	__atomic_store_n(&p->queued, p->queued + 1, __ATOMIC_RELEASE);
	/* Completions found by the polling thread are taken by that thread when its poll returns
	 * (it hands what it cannot take to a sleeper then): waking a sleeper for each would only
	 * make it find the queue empty. */
	if (p->poller != ls_sys_gettid())
		wake_one(p, &wk);
	pthread_mutex_unlock(&p->lock);
	wake_done(&wk);
}

void ls_iocp_deliver(struct ls_iocp *p, struct ls_op *op)
{
	enqueue(p, op);
}

int ls_iocp_post(struct ls_iocp *p, uint32_t bytes, uintptr_t key, LPOVERLAPPED ov)
{
	struct ls_op *op = ls_engine_op_new(0);

	if (!op)
		return -1;
	/* A posted packet is an op record with no handle: its values are returned as given and
	 * lpOverlapped is never touched (it need not point to an OVERLAPPED). */
	op->bytes = bytes;
	op->key = key;
	op->ov = ov;
	op->status = STATUS_SUCCESS;
	enqueue(p, op);
	return 0;
}

/* Turns a dequeued op into an entry: the OVERLAPPED gets its status now (Windows writes the
 * status block at dequeue for port I/O). */
static void take(struct ls_op *op, struct ls_iocp_entry *e)
{
	e->ov = op->ov;
	e->bytes = op->bytes;
	e->status = op->status;
	if (!op->h) {
		e->key = op->key;
		ls_engine_op_free(op);
		return;
	}
	e->key = op->key;
	if (!op->published)	/* written early: the program may have reused the OVERLAPPED since */
		ls_engine_op_publish(op);
	ls_engine_op_release(op);
}

static int remaining_ms(uint32_t ms, uint64_t deadline)
{
	uint64_t now;

	if (ms == INFINITE)
		return -1;
	now = ls_sys_now_ns();
	return now >= deadline ? 0 : (int)((deadline - now + 999999u) / 1000000u);
}

/* A call that returns without a packet after ending this thread's turn on p (the decrement at
 * its start) forgets the turn too, or the next call or the thread's exit would end it again and
 * take a count that belongs to other threads. p->lock not held. */
static void end_turn(struct ls_iocp *p, struct ls_iocp *prev)
{
	if (prev == p) {
		pthread_setspecific(active_key, NULL);
		ls_iocp_put(p);
	}
}

/* ---- Spinning before sleeping ----
 *
 * With more than one CPU, the packet a worker is about to wait for is often queued a few
 * microseconds later by another running thread (the poller's readiness batch, a worker's send
 * that completed at once). Sleeping on the futex then costs a wake syscall on the queuing side
 * and a sleep, a wake-up of an idle CPU and a context switch on this one. So a thread that
 * would sleep first watches the queue for a short while (SPIN_NS, LINSOCK_IOCP_SPIN_NS
 * overrides it, 0 turns it off), holding no lock; it counts as a waiter (wake_one leaves the
 * packet to it) and takes the lock again before it sleeps. Never with one usable CPU, where the
 * thread that would queue the packet cannot run while this one spins; a port whose spins keep
 * finding nothing stops spinning for a while. */
#define SPIN_NS 20000
#define SPIN_MISSES 8		/* empty spins in a row before a pause */
#define SPIN_PAUSE 256		/* waits left unspun then */

static int spin_budget = -1;	/* ns; -1 not read yet */

static int spin_ns(void)
{
	int ns = __atomic_load_n(&spin_budget, __ATOMIC_RELAXED);

	if (ns < 0) {
		const char *v = getenv("LINSOCK_IOCP_SPIN_NS");
		ns = v && *v ? atoi(v) : SPIN_NS;
		if (ns < 0)
			ns = 0;
		__atomic_store_n(&spin_budget, ns, __ATOMIC_RELAXED);
	}
	return ns;
}

/* Lock held: may this wait spin first? */
static int spin_ok(struct ls_iocp *p)
{
	if (p->spin_skip) {
		p->spin_skip--;
		return 0;
	}
	return spin_ns() > 0 && ls_sys_cpus_usable() > 1;
}

/* Lock not held (p->spinning counts this thread): 1 as soon as a packet is queued or the port
 * closed, 0 after the budget. */
static int spin(struct ls_iocp *p)
{
	uint64_t end = ls_sys_now_ns() + (uint64_t)spin_ns();

	for (;;) {
		for (int i = 0; i < 32; i++) {
			if (__atomic_load_n(&p->queued, __ATOMIC_ACQUIRE) ||
			    __atomic_load_n(&p->closed, __ATOMIC_RELAXED))
				return 1;
			ls_sys_cpu_relax();
		}
		if (ls_sys_now_ns() >= end)
			return 0;
	}
}

int ls_iocp_dequeue(struct ls_iocp *p, struct ls_iocp_entry *e, int n, uint32_t ms, int alertable)
{
	uint64_t deadline = ms == INFINITE ? 0 : ls_sys_now_ns() + (uint64_t)ms * 1000000u;
	struct ls_op *got[64];
	int count = 0, tid = ls_sys_gettid(), spun = 0;
	struct ls_iocp *prev = pthread_getspecific(active_key);
	struct wake wk = { 0 };

	if (n > 64)
		n = 64;
	pthread_mutex_lock(&p->lock);
	p->calls++;	/* the keeper leaves an attended port alone */
	/* Calling again ends this thread's previous turn on the port. */
	if (prev == p) {
		if (p->active)
			p->active--;
	}
	for (;;) {
		int left;
		if (p->closed) {
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			end_turn(p, prev);
			return -1;
		}
		if (p->head && p->active < p->concurrency) {
			while (p->head && count < n) {
				got[count++] = p->head;
				p->head = p->head->next;
			}
			if (!p->head)
				p->tail = &p->head;
			__atomic_store_n(&p->queued, p->queued - (uint32_t)count, __ATOMIC_RELAXED);
			p->active++;
			/* Others may be able to take the rest. */
			if (p->head && p->active < p->concurrency)
				wake_one(p, &wk);
			break;
		}
		if (alertable) {
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			if (ls_wait_handles(0, NULL, 0, 0, 1, &(uint32_t){ 0 }) == LS_WAIT_IO_COMPLETION) {
				end_turn(p, prev);
				return -2;
			}
			pthread_mutex_lock(&p->lock);
			if (p->head && p->active < p->concurrency)
				continue;
		}
		left = remaining_ms(ms, deadline);
		if (left == 0) {
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			end_turn(p, prev);
			return 0;
		}
		if (alertable && (left < 0 || left > 20))
			left = 20;	/* alertable: look at the APC queue between naps */
		if (!p->poller) {
			/* Be the poller: drive the port's context ourselves. Completions it finds
			 * come back to the queue through ls_iocp_deliver. */
			p->poller = tid;
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			ls_engine_ctx_poll(p->ctx, left);
			pthread_mutex_lock(&p->lock);
			p->poller = 0;
			/* Someone sleeping could become the poller now if nothing is queued. */
			if (!p->head && p->waiters)
				wake_one(p, &wk);
		} else if (!spun && !alertable && spin_ok(p)) {
			int hit;
			spun = 1;
			p->spinning++;
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			hit = spin(p);
			pthread_mutex_lock(&p->lock);
			p->spinning--;
			if (hit) {
				p->spin_hits++;
				p->spin_misses = 0;
			} else if (++p->spin_misses >= SPIN_MISSES) {
				p->spin_misses = 0;
				p->spin_skip = SPIN_PAUSE;
			}
			/* While this thread spun, wake_one left the packets to it: it takes one now,
			 * and hands the rest on as any taker does. */
		} else {
			/* The thread's own waiter record, not one on this frame: a waker stores the word
			 * under the lock but calls futex_wake after dropping it, when this call may have
			 * returned; the word it names must stay this thread's (a late wake is then at
			 * worst a spurious one, which the loop tolerates). */
			struct waiter *w = &my_waiter;
			int keeping = p->keeping;
			w->next = p->waiters;
			__atomic_store_n(&w->word, 0, __ATOMIC_RELAXED);
			p->waiters = w;
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			if (keeping)
				ls_engine_ctx_wake(p->ctx);	/* the keeper hands the port over */
			ls_sys_futex_wait_ms(&w->word, 0, left);
			spun = 0;
			pthread_mutex_lock(&p->lock);
			if (!__atomic_load_n(&w->word, __ATOMIC_ACQUIRE)) {
				/* Timed out or spurious: leave the stack. */
				struct waiter **pp = &p->waiters;
				while (*pp && *pp != w)
					pp = &(*pp)->next;
				if (*pp)
					*pp = w->next;
			}
		}
	}
	pthread_mutex_unlock(&p->lock);
	wake_done(&wk);
	if (prev != p) {
		if (prev)
			thread_gone(prev);	/* leaving another port: end that turn */
		ls_iocp_get(p);
		pthread_setspecific(active_key, p);
	}
	for (int i = 0; i < count; i++)
		take(got[i], &e[i]);
	return count;
}

void ls_iocp_close(struct ls_iocp *p)
{
	pthread_mutex_lock(&p->lock);
	__atomic_store_n(&p->closed, 1, __ATOMIC_RELAXED);
	while (p->waiters) {
		struct waiter *w = p->waiters;
		p->waiters = w->next;
		__atomic_store_n(&w->word, 1, __ATOMIC_RELEASE);
		ls_sys_futex_wake(&w->word, 1);
	}
	if (p->poller)
		ls_engine_ctx_wake(p->ctx);
	pthread_mutex_unlock(&p->lock);
}

/* ---- The keeper: progress with no thread in GetQueuedCompletionStatus ----
 *
 * A handle bound to a port is driven by the threads in GetQueuedCompletionStatus. Windows'
 * kernel completes such I/O whether or not anyone waits on the port: the event of an
 * operation is set (also one whose low bit keeps it off the port), WSAEventSelect records,
 * GetOverlappedResult(bWait) returns. So each port with a bound handle gets one thread that
 * looks every KEEPER_MS whether some thread called GetQueuedCompletionStatus in that time; if
 * none did and none polls, it becomes the poller itself, until a thread comes to wait on the
 * port: that thread wakes it and it hands the poller role over (wake_one). A busy server never
 * meets it on its path (one counter under the lock it already holds); an unattended port makes
 * progress after at most KEEPER_MS, then at once. */
#define KEEPER_MS 20

static void *keeper_main(void *arg)
{
	struct ls_iocp *p = arg;
	uint32_t seen;
	int tid = ls_sys_gettid();

	pthread_mutex_lock(&p->lock);
	seen = p->calls;
	while (!p->dying) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += KEEPER_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->keeper_cond, &p->lock, &ts);
		if (p->dying)
			break;
		if (p->poller || p->calls != seen) {
			seen = p->calls;
			continue;	/* attended */
		}
		p->poller = tid;
		p->keeping = 1;
		while (!p->dying && !p->waiters && p->calls == seen) {
			pthread_mutex_unlock(&p->lock);
			ls_engine_ctx_poll(p->ctx, -1);
			pthread_mutex_lock(&p->lock);
		}
		p->keeping = 0;
		p->poller = 0;
		/* A thread came to wait: it polls from now on. */
		if (p->waiters) {
			struct wake wk = { 0 };
			wake_one(p, &wk);
			pthread_mutex_unlock(&p->lock);
			wake_done(&wk);
			pthread_mutex_lock(&p->lock);
		}
		seen = p->calls;
	}
	if (p->orphan) {
		/* ls_iocp_put ran on this thread: nobody joins it. */
		pthread_mutex_unlock(&p->lock);
		pthread_detach(pthread_self());
		destroy(p);
		return NULL;
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

void ls_iocp_keep(struct ls_iocp *p)
{

	pthread_mutex_lock(&p->lock);
	if (!p->keeper) {
		if (ls_pthr_create(&p->keeper_thread, 0, 256 * 1024, keeper_main, p) == 0)
			p->keeper = 1;
	}
	pthread_mutex_unlock(&p->lock);
}

void ls_iocp_publish_ov(LPOVERLAPPED ov)
{
	pthread_mutex_lock(&ports_lock);
	for (struct ls_iocp *p = ports; p; p = p->all_next) {
		pthread_mutex_lock(&p->lock);
		for (struct ls_op *op = p->head; op; op = op->next)
			if (op->h && op->ov == ov && !op->published) {
				ls_engine_op_publish(op);
				op->published = 1;
			}
		pthread_mutex_unlock(&p->lock);
	}
	pthread_mutex_unlock(&ports_lock);
}

void ls_iocp_peek(struct ls_iocp *p, struct ls_iocp_state *st)
{
	uint32_t n = 0;

	pthread_mutex_lock(&p->lock);
	for (struct waiter *w = p->waiters; w; w = w->next)
		n++;
	st->waiters = n;
	st->spinning = p->spinning;
	st->spin_hits = p->spin_hits;
	st->polling = p->poller != 0;
	st->active = p->active;
	pthread_mutex_unlock(&p->lock);
}
