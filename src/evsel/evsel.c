/* evsel: WSAEventSelect / WSAEnumNetworkEvents mechanism (see evsel.h, docs/design.md V). */
#include "evsel.h"
#include "../base/sys.h"
#include "../engine/engine.h"
#include "../err/err.h"
#include "../err/linux.h"
#include "../netif/netif.h"
#include "../wait/wait.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Events recorded from the socket's level; FD_QOS and FD_GROUP_QOS are accepted in a mask but
 * never happen here (no QoS: design.md V). FD_ADDRESS_LIST_CHANGE and
 * FD_ROUTING_INTERFACE_CHANGE are edges armed by their ioctl (the "armed" list below). */
#define RECORDABLE (FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE)
#define POLL_ALL (LX_POLLIN | LX_POLLOUT | LX_POLLPRI | LX_POLLRDHUP)

struct ls_evsel {
	struct ls_handle *h;		/* borrowed: the registration dies before h's record is recycled */
	struct ls_handle *event;	/* reference held */
	uint32_t mask;			/* lNetworkEvents */
	uint32_t enabled;		/* may be recorded now (cleared by recording, set by re-enabling) */
	uint32_t recorded;		/* the network-event record WSAEnumNetworkEvents reads */
	uint8_t connect_pending;	/* a stream connect is in progress: FD_CONNECT comes next */
	uint8_t in_connect;		/* inside the connect call: a fresh socket polls as "done" */
	/* The socket's state as the poller needs it, copied from h->u.sock by the application's
	 * calls (snap) under es->lock: the poller thread never reads h->u.sock, which those calls
	 * write without a lock. */
	uint8_t stream, listening, connected, shut_rd, oobinline;
	int err[FD_MAX_EVENTS];
};

static struct ls_engine_sock *state(struct ls_handle *h)
{
	return atomic_load_explicit(&h->engine, memory_order_acquire);
}

/* es->lock held, on an application thread (the one that may have just changed h->u.sock). */
static void snap(struct ls_evsel *ev)
{
	const struct ls_handle_sock *u = &ev->h->u.sock;

	ev->stream = u->type == SOCK_STREAM;
	ev->listening = u->listening;
	ev->connected = u->connected;
	ev->shut_rd = u->shut_rd;
	ev->oobinline = u->oobinline;
}

/* es->lock held. One record per type until re-enabled (spec §12). */
static void record(struct ls_evsel *ev, uint32_t bit, int err)
{
	if (!(ev->mask & bit) || !(ev->enabled & bit))
		return;
	ev->enabled &= ~bit;
	ev->recorded |= bit;
	ev->err[__builtin_ctz(bit)] = err;
	ls_wait_event_set(ls_wait_obj_from_handle(ev->event));
}

static int wsa_from_errno(int e)
{
	return ls_err_wsa_from_status(ls_err_status_from_errno(-e));
}

/* Stream data readable? POLLIN alone also means end of stream, which is FD_CLOSE's business
 * (Windows records no FD_READ for the closure itself). */
static int stream_data(int fd, uint32_t rev)
{
	int n = 0;

	if (!(rev & (LX_POLLRDHUP | LX_POLLHUP | LX_POLLERR)))
		return 1;
	return ls_sys_ioctl_int(fd, LX_FIONREAD, &n) == 0 && n > 0;
}

/* es->lock held: records what the readiness bits rev say now holds. */
static void apply(struct ls_evsel *ev, uint32_t rev)
{
	struct ls_handle *h = ev->h;
	int stream = ev->stream;

	if (ls_handle_closing(h))
		return;	/* nothing after a local closesocket (spec §12) */
	if (ev->listening) {
		if (rev & LX_POLLIN)
			record(ev, FD_ACCEPT, 0);
		return;
	}
	if (ev->connect_pending) {
		int err = 0;
		unsigned int len = sizeof err;

		/* Before the syscall a fresh TCP socket polls OUT|HUP, which would look like a
		 * finished connect: the call itself reads the level when it returns. */
		if (ev->in_connect || !(rev & (LX_POLLOUT | LX_POLLERR | LX_POLLHUP)))
			return;	/* still connecting */
		ev->connect_pending = 0;
		ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_ERROR, &err, &len);
		if (err) {
			/* A failed connect is FD_CONNECT with its error and nothing else. */
			record(ev, FD_CONNECT, wsa_from_errno(err));
			ev->enabled &= ~(FD_WRITE | FD_CLOSE | FD_READ | FD_OOB);
			return;
		}
		record(ev, FD_CONNECT, 0);
	}
	/* A datagram socket's POLLERR is a queued ICMP report, which the next receive returns
	 * (WSAECONNRESET, src/baseprov/io.c): readable, as select says. */
	if (((rev & LX_POLLIN) && (!stream || stream_data(h->fd, rev))) || (!stream && (rev & LX_POLLERR)))
		record(ev, FD_READ, 0);
	if (stream && (rev & LX_POLLPRI) && !ev->oobinline)
		record(ev, FD_OOB, 0);
	if ((rev & LX_POLLOUT) && !(rev & (LX_POLLERR | LX_POLLHUP)) && (!stream || ev->connected))
		record(ev, FD_WRITE, 0);
	/* FD_CLOSE: the peer's FIN (error 0) or a reset (WSAECONNRESET), once. A local
	 * shutdown(SD_RECEIVE) also makes Linux report RDHUP: not a closure by the peer. The pending
	 * error is not read (SO_ERROR would take it from the next recv, which must still fail). */
	if (stream && ev->connected && (rev & (LX_POLLRDHUP | LX_POLLHUP | LX_POLLERR))) {
		if (rev & LX_POLLERR)
			record(ev, FD_CLOSE, WSAECONNRESET);
		else if (!ev->shut_rd)
			record(ev, FD_CLOSE, 0);
	}
}

/* es->lock held: the level now (the backends report edges, and an edge that came while a
 * type was disabled is gone). */
static void level(struct ls_evsel *ev)
{
	short rev = 0;

	if (ls_sys_poll1(ev->h->fd, POLL_ALL, &rev, 0) > 0)
		apply(ev, (uint16_t)rev);
}

void ls_evsel_ready(struct ls_engine_sock *es, uint32_t events)
{
	/* The report only says "something changed": it may be stale by now (an io_uring CQE or an
	 * epoll event read before an accept or recv emptied the queue), and recording from it
	 * would post an FD_ACCEPT or FD_READ with nothing there. The level decides. */
	(void)events;
	pthread_mutex_lock(&es->lock);
	if (es->evsel)
		level(es->evsel);
	pthread_mutex_unlock(&es->lock);
}

static void armed_run(struct ls_handle *h);

static void evsel_free(struct ls_evsel *ev)
{
	if (!ev)
		return;
	ls_handle_put(ev->event);
	free(ev);
}

NTSTATUS ls_evsel_select(struct ls_handle *h, struct ls_handle *event, long mask)
{
	struct ls_engine_sock *es;
	struct ls_evsel *ev = NULL, *old;
	int r;

	if (mask) {
		ev = calloc(1, sizeof *ev);
		if (!ev)
			return STATUS_INSUFFICIENT_RESOURCES;
		ev->h = h;
		ev->event = event;
		ls_handle_hold(event);
		ev->mask = (uint32_t)mask;
		ev->enabled = RECORDABLE;
		ev->connect_pending = h->u.sock.type == SOCK_STREAM && h->u.sock.connecting;
		/* The socket is watched from now on (reaper context unless bound to a port). */
		if (ls_engine_watch(h) != 0) {
			evsel_free(ev);
			return STATUS_INSUFFICIENT_RESOURCES;
		}
		/* WSAEventSelect makes the socket non-blocking (spec §12). */
		r = ls_sys_set_nonblock(h->fd, 1);
		if (r < 0) {
			evsel_free(ev);
			return ls_err_status_from_errno(r);
		}
		h->u.sock.nonblocking = 1;
	}
	es = state(h);
	if (!es) {
		/* Cancelling a socket that never had a registration. */
		return STATUS_SUCCESS;
	}
	pthread_mutex_lock(&es->lock);
	old = es->evsel;
	__atomic_store_n(&es->evsel, ev, __ATOMIC_RELEASE);
	/* Conditions that already hold are recorded at once (spec §12). */
	if (ev) {
		snap(ev);
		level(ev);
	}
	pthread_mutex_unlock(&es->lock);
	evsel_free(old);
	/* A change that came after the ioctl armed it, before this registration. */
	if (ev)
		armed_run(h);
	return STATUS_SUCCESS;
}

void ls_evsel_enum(struct ls_handle *h, struct ls_handle *event, int32_t *events, int *errs)
{
	struct ls_engine_sock *es = state(h);
	struct ls_wait_obj *o = event ? ls_wait_obj_from_handle(event) : NULL;

	*events = 0;
	if (!es) {
		if (o)
			ls_wait_event_reset(o);
		return;
	}
	/* Copy, clear and reset in one critical section with recording: no event is lost between
	 * the copy and the reset. */
	pthread_mutex_lock(&es->lock);
	if (es->evsel) {
		struct ls_evsel *ev = es->evsel;
		*events = (int32_t)ev->recorded;
		for (int i = 0; i < FD_MAX_EVENTS; i++)
			if (ev->recorded & (1u << i))
				errs[i] = ev->err[i];
		ev->recorded = 0;
	}
	if (o)
		ls_wait_event_reset(o);
	pthread_mutex_unlock(&es->lock);
}

void ls_evsel_inherit_slow(struct ls_handle *h, struct ls_handle *n)
{
	struct ls_engine_sock *es = state(h);
	struct ls_handle *event = NULL;
	long mask = 0;

	pthread_mutex_lock(&es->lock);
	if (es->evsel) {
		event = es->evsel->event;
		ls_handle_hold(event);
		mask = (long)es->evsel->mask;
	}
	pthread_mutex_unlock(&es->lock);
	if (!event)
		return;
	/* Failure leaves the accepted socket unregistered (it is still returned; out of memory
	 * only). */
	ls_evsel_select(n, event, mask);
	ls_handle_put(event);
}

void ls_evsel_rearm_slow(struct ls_handle *h, uint32_t bits)
{
	struct ls_engine_sock *es = state(h);

	pthread_mutex_lock(&es->lock);
	if (es->evsel) {
		/* Re-enabled even when the call failed; then the level decides (spec §12). */
		es->evsel->enabled |= bits;
		snap(es->evsel);
		level(es->evsel);
	}
	pthread_mutex_unlock(&es->lock);
}

void ls_evsel_connect_slow(struct ls_handle *h, int phase, NTSTATUS st)
{
	struct ls_engine_sock *es = state(h);
	struct ls_evsel *ev;

	if (h->u.sock.type != SOCK_STREAM)
		return;
	pthread_mutex_lock(&es->lock);
	ev = es->evsel;
	if (!ev)
		goto out;
	if (phase == 0) {
		/* Set before the syscall: its completion may be reported before connect returns. */
		if (!h->u.sock.connected) {
			ev->connect_pending = 1;
			ev->enabled |= FD_CONNECT;
		}
		ev->connected = 1;	/* as do_connect is about to mark it */
		ev->in_connect = 1;
		goto out;
	}
	ev->in_connect = 0;
	snap(ev);
	if (!ev->connect_pending)
		goto out;
	if (st == STATUS_SUCCESS || st == STATUS_DEVICE_NOT_READY || st == STATUS_CONNECTION_ACTIVE ||
	    st == LS_STATUS_FROM_WSA(WSAEALREADY)) {
		/* Done or under way: the level says which (an edge may have come before the flag). */
		level(ev);
	} else {
		/* Failed at once: the caller gets the error, no FD_CONNECT follows. */
		ev->connect_pending = 0;
	}
out:
	pthread_mutex_unlock(&es->lock);
}

/* ---- FD_ADDRESS_LIST_CHANGE, FD_ROUTING_INTERFACE_CHANGE ----
 * Armed per socket, not per registration: a program may call the ioctl before WSAEventSelect.
 * An entry lives until it records or the socket's last reference goes (ls_evsel_destroy), so
 * its h is valid while armed_lock is held. Lock order: armed_lock, then es->lock. Few sockets
 * arm these (one per program, typically): a list is enough. */
struct armed {
	struct armed *next;
	struct ls_handle *h;	/* borrowed, see above */
	uint32_t bit;		/* FD_ADDRESS_LIST_CHANGE or FD_ROUTING_INTERFACE_CHANGE */
	unsigned kinds;		/* LS_NETIF_CHG_* */
	uint32_t stamp;		/* ls_netif_watch_stamp(kinds) at the ioctl */
};

static pthread_mutex_t armed_lock = PTHREAD_MUTEX_INITIALIZER;
static struct armed *armed;

/* armed_lock held: records a's bit if its change came and h has a registration that wants it.
 * 1 if recorded (the caller drops a). */
static int armed_fire(struct armed *a)
{
	struct ls_engine_sock *es;
	int done = 0;

	if (ls_netif_watch_stamp(a->kinds) == a->stamp || ls_handle_closing(a->h))
		return 0;
	es = state(a->h);
	if (!es)
		return 0;
	pthread_mutex_lock(&es->lock);
	if (es->evsel && (es->evsel->mask & a->bit)) {
		struct ls_evsel *ev = es->evsel;
		ev->recorded |= a->bit;
		ev->err[__builtin_ctz(a->bit)] = 0;
		ls_wait_event_set(ls_wait_obj_from_handle(ev->event));
		done = 1;
	}
	pthread_mutex_unlock(&es->lock);
	return done;
}

/* Fires what is due, for h only (h != NULL) or for every socket. */
static void armed_run(struct ls_handle *h)
{
	pthread_mutex_lock(&armed_lock);
	for (struct armed **pp = &armed; *pp;) {
		struct armed *a = *pp;
		if ((!h || a->h == h) && armed_fire(a)) {
			*pp = a->next;
			free(a);
			continue;
		}
		pp = &a->next;
	}
	pthread_mutex_unlock(&armed_lock);
}

int ls_evsel_change_arm(struct ls_handle *h, uint32_t bit, unsigned kinds, uint32_t stamp)
{
	struct armed *a;

	pthread_mutex_lock(&armed_lock);
	for (a = armed; a; a = a->next)
		if (a->h == h && a->bit == bit)
			break;
	if (!a) {
		a = calloc(1, sizeof *a);
		if (!a) {
			pthread_mutex_unlock(&armed_lock);
			return -1;
		}
		a->h = h;
		a->bit = bit;
		a->next = armed;
		armed = a;
	}
	a->kinds = kinds;
	a->stamp = stamp;
	/* A change between the stamp and this insertion may have been handled by the watcher
	 * before the entry existed: look now. */
	if (armed_fire(a)) {
		for (struct armed **pp = &armed; *pp; pp = &(*pp)->next)
			if (*pp == a) {
				*pp = a->next;
				break;
			}
		free(a);
	}
	pthread_mutex_unlock(&armed_lock);
	return 0;
}

void ls_evsel_change_seen(void)
{
	armed_run(NULL);
}

void ls_evsel_destroy(struct ls_handle *h)
{
	struct ls_engine_sock *es = state(h);
	struct ls_evsel *ev;

	pthread_mutex_lock(&armed_lock);
	for (struct armed **pp = &armed; *pp;) {
		struct armed *a = *pp;
		if (a->h == h) {
			*pp = a->next;
			free(a);
			continue;
		}
		pp = &a->next;
	}
	pthread_mutex_unlock(&armed_lock);
	if (!es)
		return;
	pthread_mutex_lock(&es->lock);
	ev = es->evsel;
	__atomic_store_n(&es->evsel, NULL, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&es->lock);
	evsel_free(ev);
}
