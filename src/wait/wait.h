/* wait: waitable objects, waits and APCs (DESIGN §1, docs/design.md W).
 *
 * Contract and invariants:
 * - Every waitable object is an fd that is readable while the object is signalled, so one poll
 *   waits on any mix of objects. The truth is the object's user-space state (struct
 *   ls_wait_obj, guarded by its lock); the fd mirrors it: it is made readable when the state
 *   goes from unsignalled to signalled and drained when it goes back, always under the lock.
 * - An acquisition (what a satisfied wait does to an object: consume an auto-reset event,
 *   take a semaphore unit, own a mutex) happens only under the object's lock. Wait-all takes
 *   every object's lock in address order, checks that all can be acquired and acquires all,
 *   so it is atomic and never holds a partial set.
 * - Objects are waited on through their handle record, and the wait holds a reference on each
 *   record for its whole duration: CloseHandle from another thread does not close the fd under
 *   a waiter (Windows keeps the object alive while a wait holds it).
 * - Every thread that waits, owns a mutex or receives an APC has one struct ls_wait_thread:
 *   created by CreateThread for its threads (so an APC can be queued before the thread runs),
 *   lazily for others (main, foreign pthreads), and torn down when the thread ends: owned
 *   mutexes are abandoned, pending APCs dropped, further APCs refused.
 * - APCs run only in alertable waits, only on their target thread, in FIFO order. A wait tests
 *   its objects first and then the APC queue (Windows' order); when APCs are pending, all of
 *   them run and the wait returns WAIT_IO_COMPLETION. The APC queue allocates nothing in steady
 *   state: entries are recycled through a small per-thread cache. */
#ifndef LS_WAIT_WAIT_H
#define LS_WAIT_WAIT_H

#include <stdint.h>

struct ls_handle;
struct ls_wait_obj;
struct ls_wait_thread;

enum ls_wait_kind {
	LS_WAIT_EVENT_MANUAL = 1,	/* also thread handles: set once, when the thread ends */
	LS_WAIT_EVENT_AUTO,
	LS_WAIT_SEMAPHORE,
	LS_WAIT_MUTEX,
};

/* Results of ls_wait_handles (Windows' numeric values). */
#define LS_WAIT_OBJECT_0      0x00u
#define LS_WAIT_ABANDONED_0   0x80u
#define LS_WAIT_IO_COMPLETION 0xC0u
#define LS_WAIT_TIMEOUT       0x102u
#define LS_WAIT_FAILED        0xFFFFFFFFu
#define LS_WAIT_INFINITE      0xFFFFFFFFu
#define LS_WAIT_MAX           64

/* ---- Objects ---- */

/* New object of the given kind around fd (borrowed: the handle record owns and closes it; fd
 * must be a non-blocking eventfd with counter 0). count: initial state (events: 0/1; semaphore:
 * initial count; mutex: 1 unowned, 0 then ls_wait_mutex_own_initial), max: semaphore maximum.
 * NULL if out of memory. Free with ls_wait_obj_free (in the record's destroy). */
struct ls_wait_obj *ls_wait_obj_new(int kind, int fd, int32_t count, int32_t max);
void ls_wait_obj_free(struct ls_wait_obj *o);
/* New handle: an eventfd, its object and its record of the given LS_HANDLE_* type (flags:
 * LS_HF_INHERIT...). Returns the fd (the handle value) with *h a new reference to the record,
 * or -1 with *err set (ERROR_TOO_MANY_OPEN_FILES, ERROR_NOT_ENOUGH_MEMORY). */
int ls_wait_obj_open(int type, int kind, int32_t count, int32_t max, unsigned int flags, struct ls_handle **h,
		     uint32_t *err);
/* Borrowed: the object behind a handle record of a waitable type, or NULL. Valid while h is
 * held. */
struct ls_wait_obj *ls_wait_obj_from_handle(const struct ls_handle *h);

/* Events. Set/reset return 0. Pulse: Windows releases the threads waiting at that moment
 * (manual: all, auto: one) and leaves the event reset. */
int ls_wait_event_set(struct ls_wait_obj *o);
int ls_wait_event_reset(struct ls_wait_obj *o);
int ls_wait_event_pulse(struct ls_wait_obj *o);
/* Makes a manual-reset event match *state (0 reset, else set), read under the object's lock:
 * threads that change *state and then follow leave the event as the last change says. */
int ls_wait_event_follow(struct ls_wait_obj *o, const uint8_t *state);
/* Semaphore: adds n; *prev gets the previous count. -1 if the maximum would be exceeded
 * (nothing changes: ERROR_TOO_MANY_POSTS). */
int ls_wait_semaphore_release(struct ls_wait_obj *o, int32_t n, int32_t *prev);
/* Mutex: the owner gives up one level of recursion; -1 if the calling thread is not the owner
 * (ERROR_NOT_OWNER). The owner's reference to the record is dropped with the last level. */
int ls_wait_mutex_release(struct ls_wait_obj *o);
/* Mutex created owned (CreateMutex bInitialOwner): records the calling thread as the owner;
 * h is the mutex's record (a reference is taken for the owner). */
void ls_wait_mutex_own_initial(struct ls_wait_obj *o, struct ls_handle *h);

/* ---- Waits ---- */

/* Waits on n (0..64) handle values; all: wait-all; ms: timeout (LS_WAIT_INFINITE);
 * alertable: run APCs and return LS_WAIT_IO_COMPLETION. n == 0 with alertable is SleepEx.
 * Returns LS_WAIT_OBJECT_0+i, LS_WAIT_ABANDONED_0+i, LS_WAIT_IO_COMPLETION, LS_WAIT_TIMEOUT, or
 * LS_WAIT_FAILED with *err set to a Win32 error (ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_NOT_ENOUGH_MEMORY). Pseudo-handles: (HANDLE)-1 (current process) and (HANDLE)-2
 * (current thread) are valid and never signalled while the caller runs. */
uint32_t ls_wait_handles(uint32_t n, const intptr_t *handles, int all, uint32_t ms, int alertable,
			 uint32_t *err);

/* Set by the engine (docs/design.md E): an alertable wait also sleeps on the calling thread's
 * own engine context, so completion routines of its I/O run without a hop through another
 * thread. claim returns an fd to add to the wait (the context is the caller's to poll until
 * release), or -1; release(readable) completes what became ready (queuing its routines to the
 * calling thread) and gives the context back. NULL until the engine is loaded. */
extern int (*ls_wait_alertable_claim)(void);
extern void (*ls_wait_alertable_release)(int readable);
/* Set by the engine too: an alertable wait with no objects (SleepEx) lets the engine sleep on
 * its context and apc_fd together (io_uring: one io_uring_enter that also submits queued I/O,
 * docs/design.md P3), claiming, completing what became ready and releasing within the call.
 * 0 when it waited (possibly less than timeout_ms: the caller re-tests), -1 when it could not
 * (the caller claims and polls as usual). */
extern int (*ls_wait_alertable_sleep)(int apc_fd, int timeout_ms);

/* ---- Threads and APCs ---- */

/* An APC: fn(a, b, c, d) runs on the target thread in an alertable wait. QueueUserAPC passes
 * its PAPCFUNC and parameter through a, b; the engine will pass completion routines with their
 * four arguments. */
typedef void (*ls_wait_apc_fn)(uintptr_t a, uintptr_t b, uintptr_t c, uintptr_t d);

/* Thread handles: the object is a manual-reset event set when the thread ends; it keeps a
 * reference to the thread's state so QueueUserAPC can reach it. set consumes the caller's
 * reference on t; get is borrowed (valid while the record is held), NULL for other objects. */
void ls_wait_obj_set_thread(struct ls_wait_obj *o, struct ls_wait_thread *t);
struct ls_wait_thread *ls_wait_obj_thread(const struct ls_wait_obj *o);

/* New thread state with one reference (for CreateThread, before the thread starts). */
struct ls_wait_thread *ls_wait_thread_new(void);
/* Installs t as the calling thread's state (consumes the caller's reference): the first thing
 * a CreateThread thread does. */
void ls_wait_thread_attach(struct ls_wait_thread *t);
/* Borrowed: the calling thread's state, created on first use (NULL only if out of memory).
 * Valid while the calling thread runs. */
struct ls_wait_thread *ls_wait_thread_current(void);
/* New reference to the calling thread's state (NULL if out of memory): the engine keeps one
 * per operation that must complete to its issuing thread. */
struct ls_wait_thread *ls_wait_thread_get_current(void);
void ls_wait_thread_get(struct ls_wait_thread *t);
void ls_wait_thread_put(struct ls_wait_thread *t);
/* The calling thread is ending (ExitThread, return from its start routine): abandons the
 * mutexes it owns, drops its pending APCs, refuses new ones. Runs before the thread's handle is
 * signalled, as on Windows. Idempotent; threads that never call it get it from a TLS
 * destructor. */
void ls_wait_thread_exit(void);

/* Set by the engine: the waitable object of a socket or file handle h (held by the caller; the
 * object lives as long as h's record), made on first use, or NULL (not an I/O handle, out of
 * memory). Windows signals a file handle when an I/O on it completes. */
extern struct ls_wait_obj *(*ls_wait_io_obj)(struct ls_handle *h);

/* Set by the engine: called for each APC dropped because its thread ended (with its fn and
 * first argument), so an APC that owns something (a completion routine's op) can release it. */
extern void (*ls_wait_apc_dropped)(ls_wait_apc_fn fn, uintptr_t a);

/* Queues fn(a, b, c, d) to t. 0, or -1 if t has ended (nothing queued) or out of memory (-2).
 * Safe from any thread; never blocks on t. */
int ls_wait_apc_queue(struct ls_wait_thread *t, ls_wait_apc_fn fn, uintptr_t a, uintptr_t b, uintptr_t c,
		      uintptr_t d);

/* ---- Synchronous calls: CancelSynchronousIo and close (syncio.c) ----
 * A thread about to block in a syscall on h (recv, send, accept, connect) registers, so that
 * CancelSynchronousIo(thread) and a close of h can interrupt it (a signal without SA_RESTART:
 * the syscall returns -EINTR). The caller's EINTR loop must stop when ls_wait_syncio_stop says
 * so; that is the whole protocol:
 *     s = ls_wait_syncio_begin(h);
 *     do r = ls_wait_syncio_stop(s, h) ? -EINTR : syscall(...);
 *     while (r == -EINTR && !ls_wait_syncio_stop(s, h));
 *     if (ls_wait_syncio_end(s) && r < 0) -> STATUS_CANCELLED */
struct ls_wait_syncio;
/* h is borrowed (the caller holds it for the call). NULL if out of memory (the call then just
 * cannot be cancelled; stop still sees a close). */
struct ls_wait_syncio *ls_wait_syncio_begin(struct ls_handle *h);
/* After -EINTR: 1 if the call must give up (cancelled, or h is closing). s may be NULL. */
int ls_wait_syncio_stop(struct ls_wait_syncio *s, struct ls_handle *h);
/* The call is over: 1 if CancelSynchronousIo asked for it meanwhile. s may be NULL. */
int ls_wait_syncio_end(struct ls_wait_syncio *s);
/* CancelSynchronousIo: interrupts thread tid's blocking call and returns once the thread has
 * seen it; 0, or -1 if tid is in no such call (ERROR_NOT_FOUND). */
int ls_wait_syncio_cancel(int tid);
/* h is closing (its flag is set): interrupts every other thread blocked in a call on h and
 * returns once each has left it. */
void ls_wait_syncio_wake(struct ls_handle *h);

#endif
