/* engine/backend: the interface between the engine and its backends (CONVENTIONS §7), in basic C
 * types only, so that a Linux-side backend (uring.c, which includes <liburing.h>) can share it
 * with the Windows-side engine (docs/design.md S). engine_int.h includes it. */
#ifndef LS_ENGINE_BACKEND_H
#define LS_ENGINE_BACKEND_H

#include <pthread.h>
#include <stdint.h>

struct ls_op;
struct ls_iocp;
struct ls_engine_ctx;
struct ls_evsel;
struct ls_handle;
struct dup_group;
struct ls_wait_obj;

/* Per-handle overlapped state (h->engine): three FIFO queues (receive, send, notification)
 * under one lock, and the context the fd waits in. */
struct ls_engine_sock {
	pthread_mutex_t lock;
	struct ls_op *q[3];		/* receive, send, notification (LS_OP_EXT_NOTIFY) */
	struct ls_op **tail[3];
	struct ls_engine_ctx *ctx;	/* registered there (NULL until the first wait) */
	struct ls_engine_ctx *bound;	/* the completion port's context, if bound */
	struct ls_iocp *port;		/* that port (reference held), and the handle's key */
	uintptr_t key;
	uint8_t skip_success;		/* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS */
	uint8_t skip_event;		/* FILE_SKIP_SET_EVENT_ON_HANDLE */
	int fd;
	/* References on this record: the handle's one, plus one per readiness call a backend has
	 * started (ls_engine_sock_hold). The record is freed when the last one goes, so a poller
	 * that picked es just before unregister may still finish its ls_engine_ready(es). */
	int refs;
	void *breg;			/* the backend's registration record (uring.c), or NULL */
	struct ls_evsel *evsel;		/* WSAEventSelect registration (src/evsel), under lock */
	/* This socket is the accept socket of a pending AcceptEx on the listener with fd
	 * accept_lfd (+1; 0: none): closing it aborts that op (engine.c sock_abort). */
	int accept_lfd;
	/* Every live record, for what must find ops by issuing thread (engine.c lazy_lock). */
	struct ls_engine_sock *all_next, **all_prev;
	/* DuplicateHandle'd handles share one underlying socket (engine.c struct dup_group). */
	struct dup_group *dup;
	struct ls_engine_sock *dup_next;	/* parked in dup->parked (closed, ops pending) */
	struct ls_handle *h;		/* the record (valid while parked) */
	/* The file object's event (WaitForSingleObject on the handle): reset when an op starts,
	 * set when one completes unless skip_event. fsig is the state; fobj (a manual-reset
	 * src/wait object on its own eventfd) exists once someone waited on the handle. */
	uint8_t fsig;
	struct ls_wait_obj *_Atomic fobj;
	int fobj_fd;			/* its eventfd (closed with es) */
	/* ctx is a thread's own context (engine.c tctx), not the reaper's or a port's. */
	uint8_t in_tctx;
	/* Registered without its readiness poll (register_fd leaves it unarmed; engine.c
	 * need_ready arms it when an op first waits for readiness, P3). Under lock. */
	uint8_t lazy;
};

/* One backend instance: the shape of CONVENTIONS §7.
 * Contract on unregister: once it returns, the backend starts no new ls_engine_ready(es) (a
 * call it has already started holds a reference, see refs). unregister never blocks on the
 * poller and may be called from any thread, the context's poller included (from inside
 * ls_engine_ready) and with es->lock held (ls_engine_bind). */
struct ls_engine_backend {
	const char *name;
	struct ls_engine_ctx *(*ctx_new)(void);
	void (*ctx_free)(struct ls_engine_ctx *ctx);
	/* Watch es->fd for readiness in ctx (once per handle; edge-triggered). Called with
	 * es->lock held. */
	int (*register_fd)(struct ls_engine_ctx *ctx, struct ls_engine_sock *es);
	/* Optional: es was registered while es->lazy was set (so nothing watches it yet): start
	 * watching it now, as register_fd would have. es->lock held. */
	void (*arm)(struct ls_engine_ctx *ctx, struct ls_engine_sock *es);
	void (*unregister)(struct ls_engine_ctx *ctx, struct ls_engine_sock *es);
	int (*poll)(struct ls_engine_ctx *ctx, int timeout_ms);
	void (*wake)(struct ls_engine_ctx *ctx);
	/* For a thread about to wait on the context with poll(2) instead of .poll (its alertable
	 * wait, docs/design.md E): submits what .poll would submit first, and returns an fd that is
	 * readable while .poll(ctx, 0) would find readiness. Called by the context's one poller. */
	int (*wait_fd)(struct ls_engine_ctx *ctx);
	/* Optional (NULL: the backend only reports readiness). Queues the receive op (opaque
	 * here) into the kernel: a recv of (buf, len) when msg is NULL, else a recvmsg of msg (a
	 * struct msghdr). No syscall of its own: the SQE rides on the next io_uring_enter the
	 * context's poller makes (a poller asleep is woken by the fd's own readiness poll when
	 * data comes). Its result comes back once, through ls_engine_op_cqe. Called with the
	 * handle's queue lock held. poll_first: the engine's own try just said EAGAIN (wait for
	 * data before the kernel's first attempt); 0 when nothing was tried (ReadFileEx, section
	 * P3): the kernel tries at submission. 0, or -1 (no SQE: the op waits for readiness
	 * instead). */
	int (*recv_submit)(struct ls_engine_ctx *ctx, struct ls_op *op, int fd, void *buf, unsigned long len,
			   void *msg, int poll_first);
	/* Asks the kernel to end a receive recv_submit queued (IORING_OP_ASYNC_CANCEL, submitted
	 * at once). Its result still comes back through ls_engine_op_cqe, exactly once. */
	void (*op_cancel)(struct ls_engine_ctx *ctx, struct ls_op *op);
	/* Optional (NULL: the alertable wait polls wait_fd with poll(2)). An alertable wait with
	 * no objects (SleepEx) by the context's one poller: also watches apc_fd (the thread's APC
	 * eventfd; fresh: a new thread owns the context, whatever was watched before is stale),
	 * then submits what is queued and waits for one completion or apc_fd's readiness in one
	 * enter, and completes what became ready, as .poll(ctx, timeout_ms) does. */
	int (*sleep)(struct ls_engine_ctx *ctx, int apc_fd, int fresh, int timeout_ms);
};

extern const struct ls_engine_backend ls_engine_epoll;
#ifdef LINSOCK_HAVE_URING
extern const struct ls_engine_backend ls_engine_uring;
/* 0 if io_uring can serve as a backend here (ring, multishot poll, IORING_FEAT_EXT_ARG);
 * else -1 with a reason for the trace line and the runner. */
int ls_engine_uring_probe(char *why, unsigned long whylen);
#endif
extern const struct ls_engine_backend *ls_engine_backend;

/* Every backend's struct ls_engine_ctx begins with its ops: contexts of both backends can live
 * in one process (completion ports on epoll beside threads' io_uring contexts, design P5). */
static inline const struct ls_engine_backend *ls_engine_ctx_ops(struct ls_engine_ctx *ctx)
{
	return *(const struct ls_engine_backend *const *)(const void *)ctx;
}

/* Readiness on es: events are epoll bits (LS_SYS_EPOLL*, which are also the poll(2) bits). The
 * caller holds a reference on es (ls_engine_sock_hold) for the duration of the call. */
void ls_engine_ready(struct ls_engine_sock *es, uint32_t events);

/* The kernel's result for an op recv_submit queued (res: bytes, or -errno). Called by the
 * context's poller, outside the context lock, exactly once per recv_submit that returned 0. */
void ls_engine_op_cqe(struct ls_op *op, int res);

static inline void ls_engine_sock_hold(struct ls_engine_sock *es)
{
	__atomic_add_fetch(&es->refs, 1, __ATOMIC_RELAXED);
}

/* Drops a reference; the last one frees the record. */
void ls_engine_sock_release(struct ls_engine_sock *es);

#endif
