/* engine: private structures shared by engine.c and the backends (epoll.c, uring.c). */
#ifndef LS_ENGINE_ENGINE_INT_H
#define LS_ENGINE_ENGINE_INT_H

#include <pthread.h>
#include <stdint.h>

#include "engine.h"

/* Per-handle overlapped state (h->engine): two FIFO queues (0 receive, 1 send) under one lock,
 * and the context the fd waits in. */
struct ls_engine_sock {
	pthread_mutex_t lock;
	struct ls_op *q[2];
	struct ls_op **tail[2];
	struct ls_engine_ctx *ctx;	/* registered there (NULL until the first wait) */
	struct ls_engine_ctx *bound;	/* the completion port's context, if bound */
	struct ls_iocp *port;		/* that port (reference held), and the handle's key */
	uintptr_t key;
	uint8_t skip_success;		/* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS */
	uint8_t skip_event;		/* FILE_SKIP_SET_EVENT_ON_HANDLE */
	int fd;
};

/* One backend instance: the shape of CONVENTIONS §7. */
struct ls_engine_backend {
	const char *name;
	struct ls_engine_ctx *(*ctx_new)(void);
	void (*ctx_free)(struct ls_engine_ctx *ctx);
	/* Watch es->fd for readiness in ctx (once per handle; edge-triggered). */
	int (*register_fd)(struct ls_engine_ctx *ctx, struct ls_engine_sock *es);
	void (*unregister)(struct ls_engine_ctx *ctx, struct ls_engine_sock *es);
	int (*poll)(struct ls_engine_ctx *ctx, int timeout_ms);
	void (*wake)(struct ls_engine_ctx *ctx);
};

extern const struct ls_engine_backend ls_engine_epoll;
extern const struct ls_engine_backend *ls_engine_backend;

/* Readiness on es: events are LS_SYS_EPOLL* bits. */
void ls_engine_ready(struct ls_engine_sock *es, uint32_t events);

#endif
