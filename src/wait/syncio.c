/* wait/syncio: threads blocked in a synchronous call, so that CancelSynchronousIo and a close of
 * the handle can interrupt them (see wait.h). A Linux-side file: it needs <signal.h>.
 *
 * Linux has no way to cancel another thread's blocking syscall except a signal: a handler
 * installed without SA_RESTART makes the blocked recv/send/accept/connect/poll return -EINTR,
 * and the caller's retry loop asks ls_wait_syncio_stop whether to give up. A signal sent just
 * before the thread enters the syscall is lost, so whoever interrupts keeps signalling (yield,
 * then 1 ms naps) until the thread has left the call. Records are per thread, never freed: a
 * thread that ends leaves its record for the next thread, so an interrupter never touches freed
 * memory. */
#define _GNU_SOURCE
#include "wait.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A real-time signal glibc and the sanitizers leave alone; Windows programs do not use
 * signals. Its handler does nothing: the interruption is the point. */
#define SYNCIO_SIGNAL (SIGRTMAX - 5)

enum { IDLE, BLOCKED, CANCELLED };

struct ls_wait_syncio {
	struct ls_wait_syncio *next;	/* every record (list_lock) */
	atomic_int tid;			/* owner, 0 when free */
	atomic_int state;		/* IDLE, BLOCKED, CANCELLED */
	_Atomic(struct ls_handle *) h;	/* the handle the call is blocked on */
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ls_wait_syncio *list;
static __thread struct ls_wait_syncio *mine;
static pthread_key_t free_key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void on_signal(int sig)
{
	(void)sig;
}

static void release(void *p)
{
	struct ls_wait_syncio *s = p;

	atomic_store(&s->state, IDLE);
	atomic_store(&s->h, NULL);
	atomic_store(&s->tid, 0);
}

static void setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the blocked call must return EINTR */
	sigaction(SYNCIO_SIGNAL, &sa, NULL);
	pthread_key_create(&free_key, release);
}

static struct ls_wait_syncio *record(void)
{
	struct ls_wait_syncio *s;

	if (mine)
		return mine;
	pthread_once(&once, setup);
	pthread_mutex_lock(&list_lock);
	for (s = list; s; s = s->next)
		if (atomic_load(&s->tid) == 0)
			break;
	if (!s) {
		s = calloc(1, sizeof *s);
		if (s) {
			s->next = list;
			list = s;
		}
	}
	if (s)
		atomic_store(&s->tid, ls_sys_gettid());
	pthread_mutex_unlock(&list_lock);
	if (s) {
		mine = s;
		pthread_setspecific(free_key, s);
	}
	return s;
}

struct ls_wait_syncio *ls_wait_syncio_begin(struct ls_handle *h)
{
	struct ls_wait_syncio *s = record();

	if (!s)
		return NULL;
	atomic_store_explicit(&s->h, h, memory_order_relaxed);
	/* Sequentially consistent against the closer's flag: either the closer finds this record
	 * or this thread's stop test finds the flag. */
	atomic_store(&s->state, BLOCKED);
	return s;
}

int ls_wait_syncio_stop(struct ls_wait_syncio *s, struct ls_handle *h)
{
	/* Sequentially consistent, against the closer's flag then scan (ls_wait_syncio_wake). */
	if (atomic_load(&h->flags) & LS_HF_CLOSING)
		return 1;
	return s && atomic_load(&s->state) == CANCELLED;
}

int ls_wait_syncio_end(struct ls_wait_syncio *s)
{
	int prev;

	if (!s)
		return 0;
	prev = atomic_exchange(&s->state, IDLE);
	atomic_store_explicit(&s->h, NULL, memory_order_release);
	return prev == CANCELLED;
}

/* Signals tid until its record shows it left the call (still(s) false). */
static void kick(struct ls_wait_syncio *s, int tid, int (*still)(struct ls_wait_syncio *, const void *),
		 const void *arg)
{
	pid_t pid = getpid();

	for (int i = 0; atomic_load(&s->tid) == tid && still(s, arg); i++) {
		syscall(SYS_tgkill, pid, tid, SYNCIO_SIGNAL);
		if (i < 20)
			sched_yield();
		else
			ls_sys_sleep_ms(1);
	}
}

static int still_cancelled(struct ls_wait_syncio *s, const void *arg)
{
	(void)arg;
	return atomic_load(&s->state) == CANCELLED;
}

static int still_on(struct ls_wait_syncio *s, const void *h)
{
	return atomic_load(&s->state) != IDLE && atomic_load(&s->h) == h;
}

int ls_wait_syncio_cancel(int tid)
{
	struct ls_wait_syncio *s;
	int expected = BLOCKED;

	pthread_once(&once, setup);
	pthread_mutex_lock(&list_lock);
	for (s = list; s; s = s->next)
		if (atomic_load(&s->tid) == tid)
			break;
	pthread_mutex_unlock(&list_lock);
	if (!s || !atomic_compare_exchange_strong(&s->state, &expected, CANCELLED))
		return -1;
	kick(s, tid, still_cancelled, NULL);
	return 0;
}

void ls_wait_syncio_wake(struct ls_handle *h)
{
	struct ls_wait_syncio *s;

	pthread_once(&once, setup);
	/* The list only grows and records are never freed: walking it unlocked after reading its
	 * head is safe. */
	pthread_mutex_lock(&list_lock);
	s = list;
	pthread_mutex_unlock(&list_lock);
	for (; s; s = s->next) {
		int tid = atomic_load(&s->tid);

		if (tid && tid != ls_sys_gettid() && still_on(s, h))
			kick(s, tid, still_on, h);
	}
}
