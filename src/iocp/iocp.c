/* iocp: completion ports (see iocp.h). */
#include "iocp.h"
#include "../base/sys.h"
#include "../engine/engine.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct waiter {
	struct waiter *next;
	int word;		/* futex: 0 sleeping, 1 woken */
};

struct ls_iocp {
	atomic_int refs;
	pthread_mutex_t lock;
	struct ls_op *head, **tail;	/* FIFO of packets */
	struct waiter *waiters;		/* LIFO: the most recent waiter is released first */
	int poller;			/* tid of the thread polling the context, 0 if none */
	int closed;
	uint32_t concurrency, active;
	struct ls_engine_ctx *ctx;
};

/* Which port the calling thread last dequeued from, counted in that port's `active` until it
 * calls GetQueuedCompletionStatus again or ends (Windows' concurrency accounting). */
static pthread_key_t active_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void wake_one(struct ls_iocp *p);

/* A thread's turn on the port ends (it called GetQueuedCompletionStatus on another port, or it
 * ended): one more thread may run, so hand queued packets to a sleeper. */
static void thread_gone(void *p)
{
	struct ls_iocp *port = p;

	pthread_mutex_lock(&port->lock);
	if (port->active)
		port->active--;
	if (port->head)
		wake_one(port);
	pthread_mutex_unlock(&port->lock);
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
	p->ctx = ls_engine_ctx_new();
	if (!p->ctx) {
		free(p);
		return NULL;
	}
	atomic_init(&p->refs, 1);
	pthread_mutex_init(&p->lock, NULL);
	p->tail = &p->head;
	p->concurrency = concurrency ? concurrency : (uint32_t)ls_sys_ncpus();
	return p;
}

void ls_iocp_get(struct ls_iocp *p)
{
	atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
}

void ls_iocp_put(struct ls_iocp *p)
{
	if (atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
		return;
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
	pthread_mutex_destroy(&p->lock);
	free(p);
}

struct ls_engine_ctx *ls_iocp_ctx(struct ls_iocp *p)
{
	return p->ctx;
}

/* Lock held: hand the queue's news to a sleeping waiter (LIFO), or make the poller look. */
static void wake_one(struct ls_iocp *p)
{
	struct waiter *w = p->waiters;

	if (w) {
		p->waiters = w->next;
		__atomic_store_n(&w->word, 1, __ATOMIC_RELEASE);
		ls_sys_futex_wake(&w->word, 1);
	} else if (p->poller && p->poller != ls_sys_gettid()) {
		ls_engine_ctx_wake(p->ctx);
	}
}

static void enqueue(struct ls_iocp *p, struct ls_op *op)
{
	pthread_mutex_lock(&p->lock);
	op->next = NULL;
	*p->tail = op;
	p->tail = &op->next;
	/* Completions found by the polling thread are taken by that thread when its poll returns
	 * (it hands what it cannot take to a sleeper then): waking a sleeper for each would only
	 * make it find the queue empty. */
	if (p->poller != ls_sys_gettid())
		wake_one(p);
	pthread_mutex_unlock(&p->lock);
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

int ls_iocp_dequeue(struct ls_iocp *p, struct ls_iocp_entry *e, int n, uint32_t ms, int alertable)
{
	uint64_t deadline = ms == INFINITE ? 0 : ls_sys_now_ns() + (uint64_t)ms * 1000000u;
	struct ls_op *got[64];
	int count = 0, tid = ls_sys_gettid();
	struct ls_iocp *prev = pthread_getspecific(active_key);

	if (n > 64)
		n = 64;
	pthread_mutex_lock(&p->lock);
	/* Calling again ends this thread's previous turn on the port. */
	if (prev == p) {
		if (p->active)
			p->active--;
	}
	for (;;) {
		int left;
		if (p->closed) {
			pthread_mutex_unlock(&p->lock);
			return -1;
		}
		if (p->head && p->active < p->concurrency) {
			while (p->head && count < n) {
				got[count++] = p->head;
				p->head = p->head->next;
			}
			if (!p->head)
				p->tail = &p->head;
			p->active++;
			/* Others may be able to take the rest. */
			if (p->head && p->active < p->concurrency)
				wake_one(p);
			break;
		}
		if (alertable) {
			pthread_mutex_unlock(&p->lock);
			if (ls_wait_handles(0, NULL, 0, 0, 1, &(uint32_t){ 0 }) == LS_WAIT_IO_COMPLETION)
				return -2;
			pthread_mutex_lock(&p->lock);
			if (p->head && p->active < p->concurrency)
				continue;
		}
		left = remaining_ms(ms, deadline);
		if (left == 0) {
			pthread_mutex_unlock(&p->lock);
			if (prev == p)
				pthread_setspecific(active_key, NULL), ls_iocp_put(p);
			return 0;
		}
		if (alertable && (left < 0 || left > 20))
			left = 20;	/* alertable: look at the APC queue between naps */
		if (!p->poller) {
			/* Be the poller: drive the port's context ourselves. Completions it finds
			 * come back to the queue through ls_iocp_deliver. */
			p->poller = tid;
			pthread_mutex_unlock(&p->lock);
			ls_engine_ctx_poll(p->ctx, left);
			pthread_mutex_lock(&p->lock);
			p->poller = 0;
			/* Someone sleeping could become the poller now if nothing is queued. */
			if (!p->head && p->waiters)
				wake_one(p);
		} else {
			struct waiter w = { p->waiters, 0 };
			p->waiters = &w;
			pthread_mutex_unlock(&p->lock);
			ls_sys_futex_wait_ms(&w.word, 0, left);
			pthread_mutex_lock(&p->lock);
			if (!__atomic_load_n(&w.word, __ATOMIC_ACQUIRE)) {
				/* Timed out or spurious: leave the stack. */
				struct waiter **pp = &p->waiters;
				while (*pp && *pp != &w)
					pp = &(*pp)->next;
				if (*pp)
					*pp = w.next;
			}
		}
	}
	pthread_mutex_unlock(&p->lock);
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
	p->closed = 1;
	while (p->waiters)
		wake_one(p);
	if (p->poller)
		ls_engine_ctx_wake(p->ctx);
	pthread_mutex_unlock(&p->lock);
}
