/* wait: waitable objects, waits and APCs (see wait.h for the contract and invariants). */
#include "wait.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../handle/handle.h"

#include <winerror.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---- Thread state and APCs ---- */

struct apc {
	struct apc *next;
	ls_wait_apc_fn fn;
	uintptr_t a, b, c, d;
};

#define APC_CACHE_MAX 16	/* recycled entries kept per thread: the steady state allocates nothing */

struct ls_wait_thread {
	atomic_int refs;
	pthread_mutex_t lock;		/* the APC queue, cache and ended */
	struct apc *head, **tail;	/* FIFO */
	struct apc *cache;
	int ncache;
	int ended;			/* the thread is gone: APCs are refused */
	int fd;				/* eventfd, readable while APCs are queued (lock held to change) */
	int signalled;			/* fd was made readable for the queued APCs (lock held) */
	struct ls_wait_obj *owned;	/* mutexes owned; only the thread itself touches the list */
};

static __thread struct ls_wait_thread *cur;
void (*ls_wait_apc_dropped)(ls_wait_apc_fn fn, uintptr_t a);
struct ls_wait_obj *(*ls_wait_io_obj)(struct ls_handle *h);
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static void thread_end(struct ls_wait_thread *t);

/* Threads that never call ls_wait_thread_exit (main's helpers, foreign pthreads) still abandon
 * their mutexes when they end. */
static void exit_destructor(void *p)
{
	if (p)
		thread_end(p);
}

static void exit_key_init(void)
{
	pthread_key_create(&exit_key, exit_destructor);
}

struct ls_wait_thread *ls_wait_thread_new(void)
{
	struct ls_wait_thread *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->fd = ls_sys_event_fd_nonblock();
	if (t->fd < 0) {
		free(t);
		return NULL;
	}
	atomic_init(&t->refs, 1);
	pthread_mutex_init(&t->lock, NULL);
	t->tail = &t->head;
	return t;
}

void ls_wait_thread_get(struct ls_wait_thread *t)
{
	atomic_fetch_add_explicit(&t->refs, 1, memory_order_relaxed);
}

void ls_wait_thread_put(struct ls_wait_thread *t)
{
	struct apc *e;

	if (atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) != 1)
		return;
	while ((e = t->head)) {
		t->head = e->next;
		free(e);
	}
	while ((e = t->cache)) {
		t->cache = e->next;
		free(e);
	}
	ls_sys_close(t->fd);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

void ls_wait_thread_attach(struct ls_wait_thread *t)
{
	pthread_once(&exit_once, exit_key_init);
	cur = t;
	pthread_setspecific(exit_key, t);
}

struct ls_wait_thread *ls_wait_thread_current(void)
{
	struct ls_wait_thread *t = cur;

	if (t)
		return t;
	t = ls_wait_thread_new();
	if (t)
		ls_wait_thread_attach(t);
	return t;
}

struct ls_wait_thread *ls_wait_thread_get_current(void)
{
	struct ls_wait_thread *t = ls_wait_thread_current();

	if (t)
		ls_wait_thread_get(t);
	return t;
}

int ls_wait_apc_queue(struct ls_wait_thread *t, ls_wait_apc_fn fn, uintptr_t a, uintptr_t b, uintptr_t c,
		      uintptr_t d)
{
	struct apc *e;

	pthread_mutex_lock(&t->lock);
	if (t->ended) {
		pthread_mutex_unlock(&t->lock);
		return -1;
	}
	e = t->cache;
	if (e) {
		t->cache = e->next;
		t->ncache--;
	} else {
		pthread_mutex_unlock(&t->lock);
		e = malloc(sizeof *e);	/* only until the cache is warm */
		if (!e)
			return -2;
		pthread_mutex_lock(&t->lock);
		if (t->ended) {
			pthread_mutex_unlock(&t->lock);
			free(e);
			return -1;
		}
	}
	e->next = NULL;
	e->fn = fn;
	e->a = a;
	e->b = b;
	e->c = c;
	e->d = d;
	/* Wakes an alertable wait of t. A thread queuing to itself (a completion routine of I/O
	 * that completed at once) is running, not waiting, and every alertable wait runs the queue
	 * before it sleeps: no wake-up is needed, which saves a write and a read of the eventfd. */
	if (!t->head && t != cur) {
		ls_sys_event_add(t->fd, 1);
		t->signalled = 1;
	}
	*t->tail = e;
	t->tail = &e->next;
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Runs every APC queued to the calling thread, in FIFO order, including those queued by the APCs
 * themselves (Windows delivers all pending user APCs before the wait returns). 1 if any ran. */
static int run_apcs(struct ls_wait_thread *t)
{
	int ran = 0;

	for (;;) {
		struct apc *list;
		uint64_t v;

		pthread_mutex_lock(&t->lock);
		list = t->head;
		t->head = NULL;
		t->tail = &t->head;
		if (list && t->signalled) {
			ls_sys_event_take(t->fd, &v);
			t->signalled = 0;
		}
		pthread_mutex_unlock(&t->lock);
		if (!list)
			return ran;
		while (list) {
			struct apc *e = list, done = *e;

			list = e->next;
			pthread_mutex_lock(&t->lock);
			if (t->ncache < APC_CACHE_MAX) {
				e->next = t->cache;
				t->cache = e;
				t->ncache++;
				e = NULL;
			}
			pthread_mutex_unlock(&t->lock);
			free(e);
			done.fn(done.a, done.b, done.c, done.d);
			ran = 1;
		}
	}
}

/* ---- Objects ---- */

struct ls_wait_obj {
	pthread_mutex_t lock;
	int kind;			/* enum ls_wait_kind */
	int fd;				/* borrowed from the handle record; readable iff signalled */
	int32_t count;			/* events 0/1, semaphore count, mutex 1 while unowned */
	int32_t max;			/* semaphore maximum */
	atomic_int waiters;		/* threads inside a wait on this object (PulseEvent) */
	atomic_uint released;		/* acquisitions so far (PulseEvent) */
	/* Mutexes. The owner holds a reference to the record (owner_ref) so the object outlives
	 * CloseHandle while owned; owned_prev/next link the owner's list. */
	struct ls_wait_thread *owner;
	uint32_t recursion;
	int abandoned;
	struct ls_handle *owner_ref;
	struct ls_wait_obj *owned_prev, *owned_next;
	/* Thread handles: the thread's state (a reference), for QueueUserAPC. */
	struct ls_wait_thread *thread;
};

static void fd_signal(struct ls_wait_obj *o)
{
	ls_sys_event_add(o->fd, 1);
}

static void fd_drain(struct ls_wait_obj *o)
{
	uint64_t v;

	ls_sys_event_take(o->fd, &v);
}

struct ls_wait_obj *ls_wait_obj_new(int kind, int fd, int32_t count, int32_t max)
{
	struct ls_wait_obj *o = calloc(1, sizeof *o);

	if (!o)
		return NULL;
	pthread_mutex_init(&o->lock, NULL);
	o->kind = kind;
	o->fd = fd;
	o->count = count;
	o->max = max;
	if (count > 0)
		fd_signal(o);
	return o;
}

void ls_wait_obj_free(struct ls_wait_obj *o)
{
	if (!o)
		return;
	if (o->thread)
		ls_wait_thread_put(o->thread);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

static void obj_destroy(struct ls_handle *h)
{
	ls_wait_obj_free(h->u.wait.obj);
}

int ls_wait_obj_open(int type, int kind, int32_t count, int32_t max, unsigned int flags, struct ls_handle **h,
		     uint32_t *err)
{
	struct ls_wait_obj *o;
	int fd = ls_sys_event_fd_nonblock();

	if (fd < 0) {
		*err = ERROR_TOO_MANY_OPEN_FILES;
		return -1;
	}
	/* An event's handle goes in OVERLAPPED.hEvent, whose low bit is a flag (event | 1: no
	 * completion-port packet, data-transfer.md §11): event handles are multiples of 4, as
	 * every Windows handle is. */
	if (type == LS_HANDLE_EVENT)
		fd = ls_sys_fd_align4(fd);
	o = ls_wait_obj_new(kind, fd, count, max);
	*h = o ? ls_handle_new(fd, type, flags) : NULL;
	if (!*h) {
		ls_wait_obj_free(o);
		ls_sys_close(fd);
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return -1;
	}
	(*h)->u.wait.obj = o;
	(*h)->destroy = obj_destroy;
	return fd;
}

struct ls_wait_obj *ls_wait_obj_from_handle(const struct ls_handle *h)
{
	switch (h->type) {
	case LS_HANDLE_EVENT:
	case LS_HANDLE_SEMAPHORE:
	case LS_HANDLE_MUTEX:
	case LS_HANDLE_THREAD:
		return h->u.wait.obj;
	}
	return NULL;
}

void ls_wait_obj_set_thread(struct ls_wait_obj *o, struct ls_wait_thread *t)
{
	o->thread = t;
}

struct ls_wait_thread *ls_wait_obj_thread(const struct ls_wait_obj *o)
{
	return o->thread;
}

int ls_wait_event_set(struct ls_wait_obj *o)
{
	pthread_mutex_lock(&o->lock);
	if (!o->count) {
		o->count = 1;
		fd_signal(o);
	}
	pthread_mutex_unlock(&o->lock);
	return 0;
}

int ls_wait_event_reset(struct ls_wait_obj *o)
{
	pthread_mutex_lock(&o->lock);
	if (o->count) {
		o->count = 0;
		fd_drain(o);
	}
	pthread_mutex_unlock(&o->lock);
	return 0;
}

int ls_wait_event_follow(struct ls_wait_obj *o, const uint8_t *state)
{
	pthread_mutex_lock(&o->lock);
	/* Read under the lock: of racing followers, the last one applies the latest state. */
	if (__atomic_load_n(state, __ATOMIC_SEQ_CST)) {
		if (!o->count) {
			o->count = 1;
			fd_signal(o);
		}
	} else if (o->count) {
		o->count = 0;
		fd_drain(o);
	}
	pthread_mutex_unlock(&o->lock);
	return 0;
}

int ls_wait_event_pulse(struct ls_wait_obj *o)
{
	int waiters, target;
	unsigned int start;
	uint64_t deadline;

	pthread_mutex_lock(&o->lock);
	waiters = atomic_load(&o->waiters);
	if (waiters == 0 || o->count) {
		/* Nobody to release (or already signalled: a pulse only resets it). */
		if (o->count) {
			o->count = 0;
			fd_drain(o);
		}
		pthread_mutex_unlock(&o->lock);
		return 0;
	}
	start = atomic_load(&o->released);
	o->count = 1;
	fd_signal(o);
	pthread_mutex_unlock(&o->lock);
	/* Let the threads that were waiting take it (manual: all of them, auto: one), then reset.
	 * Bounded: a waiter that cannot finish its wait (wait-all) must not hold PulseEvent. */
	target = o->kind == LS_WAIT_EVENT_AUTO ? 1 : waiters;
	deadline = ls_sys_now_ns() + 50000000u;
	while ((int)(atomic_load(&o->released) - start) < target && atomic_load(&o->waiters) > 0 &&
	       ls_sys_now_ns() < deadline)
		ls_sys_yield();
	return ls_wait_event_reset(o);
}

int ls_wait_semaphore_release(struct ls_wait_obj *o, int32_t n, int32_t *prev)
{
	pthread_mutex_lock(&o->lock);
	*prev = o->count;
	if (n > o->max - o->count) {
		pthread_mutex_unlock(&o->lock);
		return -1;
	}
	if (o->count == 0)
		fd_signal(o);
	o->count += n;
	pthread_mutex_unlock(&o->lock);
	return 0;
}

static void owned_push(struct ls_wait_thread *t, struct ls_wait_obj *o)
{
	o->owned_prev = NULL;
	o->owned_next = t->owned;
	if (t->owned)
		t->owned->owned_prev = o;
	t->owned = o;
}

static void owned_unlink(struct ls_wait_thread *t, struct ls_wait_obj *o)
{
	if (o->owned_prev)
		o->owned_prev->owned_next = o->owned_next;
	else
		t->owned = o->owned_next;
	if (o->owned_next)
		o->owned_next->owned_prev = o->owned_prev;
	o->owned_prev = o->owned_next = NULL;
}

/* Lock held. The mutex becomes owned by me (it was unowned): me keeps a reference to h. */
static void mutex_take(struct ls_wait_obj *o, struct ls_wait_thread *me, struct ls_handle *h)
{
	o->owner = me;
	o->recursion = 1;
	o->count = 0;
	fd_drain(o);
	ls_handle_hold(h);
	o->owner_ref = h;
	owned_push(me, o);
}

void ls_wait_mutex_own_initial(struct ls_wait_obj *o, struct ls_handle *h)
{
	struct ls_wait_thread *me = ls_wait_thread_current();

	pthread_mutex_lock(&o->lock);
	if (me)
		mutex_take(o, me, h);
	pthread_mutex_unlock(&o->lock);
}

int ls_wait_mutex_release(struct ls_wait_obj *o)
{
	struct ls_wait_thread *me = cur;
	struct ls_handle *ref = NULL;

	pthread_mutex_lock(&o->lock);
	if (!me || o->owner != me) {
		pthread_mutex_unlock(&o->lock);
		return -1;
	}
	if (--o->recursion == 0) {
		owned_unlink(me, o);
		o->owner = NULL;
		o->count = 1;
		fd_signal(o);
		ref = o->owner_ref;
		o->owner_ref = NULL;
	}
	pthread_mutex_unlock(&o->lock);
	if (ref)
		ls_handle_put(ref);	/* may free o: not touched after */
	return 0;
}

/* Lock held. Whether a wait by me would be satisfied by o now. */
static int available(const struct ls_wait_obj *o, const struct ls_wait_thread *me)
{
	if (o->kind == LS_WAIT_MUTEX)
		return o->owner == NULL || o->owner == me;
	return o->count > 0;
}

/* Lock held, available(o, me). Does what a satisfied wait does to o; 1 if it was an abandoned
 * mutex (the wait reports WAIT_ABANDONED_0 + i and the mutex is no longer abandoned). */
static int acquire(struct ls_wait_obj *o, struct ls_wait_thread *me, struct ls_handle *h)
{
	int ab = 0;

	switch (o->kind) {
	case LS_WAIT_EVENT_AUTO:
		o->count = 0;
		fd_drain(o);
		break;
	case LS_WAIT_SEMAPHORE:
		if (--o->count == 0)
			fd_drain(o);
		break;
	case LS_WAIT_MUTEX:
		if (o->owner == me) {
			o->recursion++;
		} else {
			ab = o->abandoned;
			o->abandoned = 0;
			mutex_take(o, me, h);
		}
		break;
	}
	atomic_fetch_add_explicit(&o->released, 1, memory_order_relaxed);
	return ab;
}

/* Windows: a thread that ends owning mutexes abandons them; the next wait to get one reports
 * WAIT_ABANDONED (spec handles.md §4). */
static void abandon_all(struct ls_wait_thread *t)
{
	struct ls_wait_obj *o;

	while ((o = t->owned)) {
		struct ls_handle *ref;

		pthread_mutex_lock(&o->lock);
		owned_unlink(t, o);
		o->owner = NULL;
		o->recursion = 0;
		o->abandoned = 1;
		o->count = 1;
		fd_signal(o);
		ref = o->owner_ref;
		o->owner_ref = NULL;
		pthread_mutex_unlock(&o->lock);
		ls_handle_put(ref);
	}
}

static void thread_end(struct ls_wait_thread *t)
{
	struct apc *list, *e;
	uint64_t v;

	abandon_all(t);
	pthread_mutex_lock(&t->lock);
	t->ended = 1;
	list = t->head;	/* APCs still queued when a thread ends never run */
	t->head = NULL;
	t->tail = &t->head;
	ls_sys_event_take(t->fd, &v);
	pthread_mutex_unlock(&t->lock);
	while ((e = list)) {
		list = e->next;
		if (ls_wait_apc_dropped)
			ls_wait_apc_dropped(e->fn, e->a);
		free(e);
	}
	if (cur == t)
		cur = NULL;
	ls_wait_thread_put(t);
}

void ls_wait_thread_exit(void)
{
	struct ls_wait_thread *t = cur;

	if (!t)
		return;
	pthread_setspecific(exit_key, NULL);
	thread_end(t);
}

/* ---- Waits ---- */

#define PSEUDO_PROCESS ((intptr_t)-1)
#define PSEUDO_THREAD  ((intptr_t)-2)
#define NONE           ((uint32_t)-2)

struct waitset {
	uint32_t n;
	struct ls_handle *h[LS_WAIT_MAX];	/* NULL for a pseudo-handle */
	struct ls_wait_obj *o[LS_WAIT_MAX];
	struct ls_wait_obj *sorted[LS_WAIT_MAX];	/* wait-all: lock order */
	int pseudo;				/* some handle is a pseudo-handle (never signalled) */
};

static uint32_t try_any(struct waitset *w, struct ls_wait_thread *me)
{
	for (uint32_t i = 0; i < w->n; i++) {
		struct ls_wait_obj *o = w->o[i];

		if (!o)
			continue;
		pthread_mutex_lock(&o->lock);
		if (available(o, me)) {
			int ab = acquire(o, me, w->h[i]);
			pthread_mutex_unlock(&o->lock);
			return (ab ? LS_WAIT_ABANDONED_0 : LS_WAIT_OBJECT_0) + i;
		}
		pthread_mutex_unlock(&o->lock);
	}
	return NONE;
}

static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(struct ls_wait_obj *const *)a, y = (uintptr_t)*(struct ls_wait_obj *const *)b;

	return x < y ? -1 : x > y;
}

/* All or nothing: every lock is taken in address order (no deadlock against another wait-all),
 * so no thread ever sees a partial acquisition. */
static uint32_t try_all(struct waitset *w, struct ls_wait_thread *me)
{
	uint32_t r = NONE, abandoned = NONE;
	int ok = 1;

	if (w->pseudo)
		return NONE;
	for (uint32_t i = 0; i < w->n; i++)
		pthread_mutex_lock(&w->sorted[i]->lock);
	for (uint32_t i = 0; i < w->n && ok; i++)
		ok = available(w->o[i], me);
	if (ok) {
		for (uint32_t i = 0; i < w->n; i++)
			if (acquire(w->o[i], me, w->h[i]) && abandoned == NONE)
				abandoned = i;
		r = abandoned != NONE ? LS_WAIT_ABANDONED_0 + abandoned : LS_WAIT_OBJECT_0;
	}
	for (uint32_t i = w->n; i-- > 0;)
		pthread_mutex_unlock(&w->sorted[i]->lock);
	return r;
}

static int is_available(struct ls_wait_obj *o, struct ls_wait_thread *me)
{
	int r;

	pthread_mutex_lock(&o->lock);
	r = available(o, me);
	pthread_mutex_unlock(&o->lock);
	return r;
}

int (*ls_wait_alertable_claim)(void);
void (*ls_wait_alertable_release)(int readable);
int (*ls_wait_alertable_sleep)(int apc_fd, int timeout_ms);

static uint32_t wait_loop(struct waitset *w, struct ls_wait_thread *me, int all, uint32_t ms, int alertable,
			  uint32_t *err)
{
	uint64_t deadline = ms == LS_WAIT_INFINITE ? 0 : ls_sys_now_ns() + (uint64_t)ms * 1000000u;
	int fds[LS_WAIT_MAX + 2], ready[LS_WAIT_MAX + 2];

	for (;;) {
		uint32_t r = NONE;
		int k = 0, timeout = -1, skip_poll = 0, engine = -1, pr;

		/* Windows tests the objects first, then the thread's user APCs. */
		if (w->n)
			r = all ? try_all(w, me) : try_any(w, me);
		if (r != NONE)
			return r;
		if (alertable && run_apcs(me))
			return LS_WAIT_IO_COMPLETION;
		if (ms != LS_WAIT_INFINITE) {
			uint64_t now = ls_sys_now_ns();
			if (now >= deadline)
				return LS_WAIT_TIMEOUT;
			timeout = (int)((deadline - now + 999999u) / 1000000u);
		}
		/* Wait-any sleeps on every object; wait-all only on those it cannot have now (polling
		 * a signalled manual-reset event would return at once, forever). */
		for (uint32_t i = 0; i < w->n; i++)
			if (w->o[i] && (!all || !is_available(w->o[i], me)))
				fds[k++] = w->o[i]->fd;
		if (all && !w->pseudo && k == 0)
			skip_poll = 1;	/* all became available since try_all: try again */
		if (alertable)
			fds[k++] = me->fd;
		/* No objects (SleepEx): the engine's context can wait for it and the APC fd in one
		 * syscall. */
		if (alertable && w->n == 0 && ls_wait_alertable_sleep &&
		    ls_wait_alertable_sleep(me->fd, timeout) == 0)
			continue;
		if (alertable && !skip_poll && ls_wait_alertable_claim && (fds[k] = ls_wait_alertable_claim()) >= 0)
			engine = k++;
		pr = skip_poll ? 0 : ls_sys_poll_in(fds, k, ready, timeout);
		/* Completions found there queue their routines to this thread: the next turn runs them. */
		if (engine >= 0)
			ls_wait_alertable_release(pr > 0 && ready[engine]);
		if (pr < 0) {
			*err = ERROR_INVALID_HANDLE;
			return LS_WAIT_FAILED;
		}
	}
}

uint32_t ls_wait_handles(uint32_t n, const intptr_t *handles, int all, uint32_t ms, int alertable,
			 uint32_t *err)
{
	struct waitset w;
	struct ls_wait_thread *me;
	uint32_t r = LS_WAIT_FAILED;
	uint32_t got = 0;

	if (n > LS_WAIT_MAX) {
		*err = ERROR_INVALID_PARAMETER;
		return LS_WAIT_FAILED;
	}
	me = ls_wait_thread_current();
	if (!me) {
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return LS_WAIT_FAILED;
	}
	w.n = n;
	w.pseudo = 0;
	for (got = 0; got < n; got++) {
		intptr_t v = handles[got];

		w.h[got] = NULL;
		w.o[got] = NULL;
		if (v == PSEUDO_PROCESS || v == PSEUDO_THREAD) {
			w.pseudo = 1;
			continue;
		}
		w.h[got] = ls_handle_get(v);
		if (w.h[got])
			w.o[got] = ls_wait_obj_from_handle(w.h[got]);
		/* Sockets and files: the engine's file-object event (docs/design.md K). */
		if (!w.o[got] && w.h[got] && ls_wait_io_obj)
			w.o[got] = ls_wait_io_obj(w.h[got]);
		if (!w.o[got]) {
			if (w.h[got])
				ls_handle_put(w.h[got]);
			*err = ERROR_INVALID_HANDLE;
			goto out_put;
		}
	}
	if (all) {
		/* Windows refuses one object twice in a wait-all (STATUS_INVALID_PARAMETER_MIX). */
		for (uint32_t i = 0; i < n; i++)
			for (uint32_t j = i + 1; j < n; j++)
				if (w.o[i] ? w.o[i] == w.o[j] : handles[i] == handles[j]) {
					*err = ERROR_INVALID_PARAMETER;
					goto out_put;
				}
		if (!w.pseudo) {
			memcpy(w.sorted, w.o, n * sizeof w.o[0]);
			qsort(w.sorted, n, sizeof w.sorted[0], by_address);
		}
	}
	for (uint32_t i = 0; i < n; i++)
		if (w.o[i])
			atomic_fetch_add(&w.o[i]->waiters, 1);
	r = wait_loop(&w, me, all, ms, alertable, err);
	for (uint32_t i = 0; i < n; i++)
		if (w.o[i])
			atomic_fetch_sub(&w.o[i]->waiters, 1);
out_put:
	while (got-- > 0)
		if (w.h[got])
			ls_handle_put(w.h[got]);
	return r;
}
