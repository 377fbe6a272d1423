/* engine/epoll: the epoll backend. A context is an epoll instance plus an eventfd for wake-ups.
 * Each handle's fd is registered once, edge-triggered for both directions, with its queue state
 * as the event's data: a readiness edge makes the context's poller run that handle's queues
 * (ls_engine_ready), so there is one epoll_ctl per handle, not per operation. */
#include "engine_int.h"

#include <errno.h>
#include <stdlib.h>

struct ls_engine_ctx {
	int epfd;
	int wakefd;
};

static struct ls_engine_ctx *ep_new(void)
{
	struct ls_engine_ctx *ctx = calloc(1, sizeof *ctx);

	if (!ctx)
		return NULL;
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
	return ctx;
}

static void ep_free(struct ls_engine_ctx *ctx)
{
	ls_sys_close(ctx->epfd);
	ls_sys_close(ctx->wakefd);
	free(ctx);
}

static int ep_register(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	return ls_sys_epoll_ctl(ctx->epfd, 1, es->fd,
				LS_SYS_EPOLLIN | LS_SYS_EPOLLOUT | LS_SYS_EPOLLRDHUP | LS_SYS_EPOLLPRI | LS_SYS_EPOLLET,
				(uint64_t)(uintptr_t)es) == 0 ? 0 : -1;
}

static void ep_unregister(struct ls_engine_ctx *ctx, struct ls_engine_sock *es)
{
	ls_sys_epoll_ctl(ctx->epfd, 2, es->fd, 0, 0);
}

static int ep_poll(struct ls_engine_ctx *ctx, int timeout_ms)
{
	struct ls_sys_epoll_event ev[64];
	int n, handled = 0;

	n = ls_sys_epoll_wait(ctx->epfd, ev, 64, timeout_ms);
	if (n < 0)
		return n == -EINTR ? 0 : -1;
	for (int i = 0; i < n; i++) {
		if (ev[i].data == 0) {
			uint64_t v;
			ls_sys_event_take(ctx->wakefd, &v);
			continue;
		}
		ls_engine_ready((struct ls_engine_sock *)(uintptr_t)ev[i].data, ev[i].events);
		handled++;
	}
	return handled;
}

static void ep_wake(struct ls_engine_ctx *ctx)
{
	ls_sys_event_add(ctx->wakefd, 1);
}

const struct ls_engine_backend ls_engine_epoll = {
	.name = "epoll",
	.ctx_new = ep_new,
	.ctx_free = ep_free,
	.register_fd = ep_register,
	.unregister = ep_unregister,
	.poll = ep_poll,
	.wake = ep_wake,
};
