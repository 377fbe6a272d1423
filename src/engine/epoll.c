/* engine/epoll: the epoll backend. A context is an epoll instance plus an eventfd for wake-ups.
 * Each handle's fd is registered once, edge-triggered for both directions, with its queue state
 * as the event's data: a readiness edge makes the context's poller run that handle's queues
 * (ls_engine_ready), so there is one epoll_ctl per handle, not per operation.
 *
 * Unregister safety (docs/design.md E): the event's data names a registration record (struct
 * reg), not es, which the engine frees right after unregister while an epoll_wait may already
 * hold the event. unregister deletes the fd, clears reg->es under the context lock (a
 * tombstone) and parks the reg; the poller reads reg->es and takes a reference on es under the
 * same lock, so it never reaches freed state. Parked regs are freed at the start of the next
 * poll: only one thread polls at a time, so the batch that could name them is over. */
#include "engine_int.h"

#include <errno.h>
#include <stdlib.h>

struct reg {
	struct ls_engine_sock *es;	/* NULL once unregistered */
	struct reg *next;		/* parked list */
};

struct ls_engine_ctx {
	const struct ls_engine_backend *ops;	/* first: backend.h ls_engine_ctx_ops */
	int epfd;
	int wakefd;
	pthread_mutex_t lock;		/* every reg->es, the parked list */
	struct reg *parked;
};

static void free_parked(struct ls_engine_ctx *ctx)
{
	struct reg *r;

	pthread_mutex_lock(&ctx->lock);
	r = ctx->parked;
	ctx->parked = NULL;
	pthread_mutex_unlock(&ctx->lock);
	while (r) {
		struct reg *next = r->next;
		free(r);
		r = next;
	}
}

static struct ls_engine_ctx *ep_new(void)
{
	struct ls_engine_ctx *ctx = calloc(1, sizeof *ctx);

	if (!ctx)
		return NULL;
	ctx->ops = &ls_engine_epoll;
	ctx->epfd = ls_sys_epoll_create();
	ctx->wakefd = ls_sys_event_fd_nonblock();
	if (ctx->epfd < 0 || ctx->wakefd < 0 ||
	    ls_sys_epoll_ctl(ctx->epfd, 1, ctx->wakefd, LS_SYS_EPOLLIN, 0) != 0) {
		if (ctx->epfd >= 0)
			ls_sys_close(ctx->epfd);
		if (ctx->wakefd >= 0)
			ls_sys_close(ctx->wakefd);
		free(ctx);
		return NULL;
	}
	pthread_mutex_init(&ctx->lock, NULL);
	return ctx;
}

static void ep_free(struct ls_engine_ctx *ctx)
{
	ls_sys_close(ctx->epfd);
	ls_sys_close(ctx->wakefd);
	free_parked(ctx);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
}

static int ep_register(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	struct reg *r = calloc(1, sizeof *r);

	if (!r)
		return -1;
	r->es = es;
	if (ls_sys_epoll_ctl(ctx->epfd, 1, es->fd,
			     LS_SYS_EPOLLIN | LS_SYS_EPOLLOUT | LS_SYS_EPOLLRDHUP | LS_SYS_EPOLLPRI | LS_SYS_EPOLLET,
			     (uint64_t)(uintptr_t)r) != 0) {
		free(r);
		return -1;
	}
	es->breg = r;
	return 0;
}

static void ep_unregister(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	struct reg *r = es->breg;

	ls_sys_epoll_ctl(ctx->epfd, 2, es->fd, 0, 0);
	if (!r)
		return;
	es->breg = NULL;
	pthread_mutex_lock(&ctx->lock);
	r->es = NULL;
	r->next = ctx->parked;
	ctx->parked = r;
	pthread_mutex_unlock(&ctx->lock);
}

static int ep_poll(struct ls_engine_ctx *ctx, int timeout_ms)
{
	struct ls_sys_epoll_event ev[64];
	struct ls_engine_sock *es[64];
	int n, m = 0, woken = 0;

	free_parked(ctx);
	n = ls_sys_epoll_wait(ctx->epfd, ev, 64, timeout_ms);
	if (n < 0)
		return n == -EINTR ? 0 : -1;
	pthread_mutex_lock(&ctx->lock);
	for (int i = 0; i < n; i++) {
		struct reg *r = (struct reg *)(uintptr_t)ev[i].data;
		if (!r) {
			woken = 1;
			continue;
		}
		if (!r->es)
			continue;	/* unregistered since epoll_wait returned */
		ls_engine_sock_hold(r->es);
		es[m] = r->es;
		ev[m++].events = ev[i].events;
	}
	pthread_mutex_unlock(&ctx->lock);
	if (woken) {
		uint64_t v;
		ls_sys_event_take(ctx->wakefd, &v);
	}
	/* Outside the lock: a ready call may unregister (this context included). */
	for (int i = 0; i < m; i++) {
		ls_engine_ready(es[i], ev[i].events);
		ls_engine_sock_release(es[i]);
	}
	return m;
}

static void ep_wake(struct ls_engine_ctx *ctx)
{
	ls_sys_event_add(ctx->wakefd, 1);
}

/* An epoll fd is readable while its ready list is not empty; nothing is ever left to submit. */
static int ep_wait_fd(struct ls_engine_ctx *ctx)
{
	return ctx->epfd;
}

const struct ls_engine_backend ls_engine_epoll = {
	.name = "epoll",
	.ctx_new = ep_new,
	.ctx_free = ep_free,
	.register_fd = ep_register,
	.unregister = ep_unregister,
	.poll = ep_poll,
	.wake = ep_wake,
	.wait_fd = ep_wait_fd,
};
