/* Raw Linux side of the async benchmarks: the client load that drives every echo server
 * (blocking sockets, one thread per share of the connections), and the hand-written Linux
 * servers it is compared with: epoll (one epoll and one thread per share of the connections,
 * level-triggered, recv then blocking send) and, when the build found liburing, io_uring (one
 * ring per thread, one recv or send in flight per connection, exactly the IOCP server's shape);
 * plus the liburing ping-pong twin of the completion-routine ping-pong. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef BENCH_HAVE_URING
#include <liburing.h>
#endif

#include "bench.h"

#define MAX_WORKERS 16
#define HDR 16	/* message header: connection index and round, the rest is a fixed pattern */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nodelay(int s)
{
	int one = 1;

	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int send_all(int s, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = send(s, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int recv_all(int s, char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = recv(s, p, n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* ---- The client load ---- */

struct client {
	pthread_t th;
	int *socks, first, n, msgsize, failed;
	long long msgs;
};

/* warm: threads done with the warm-up round (or failed); go: timing started; stop: time up. */
static struct {
	atomic_int warm, go, stop;
} load;

static void pause_briefly(void)
{
	struct timespec ts = { 0, 100000 };

	nanosleep(&ts, NULL);
}

/* Message for connection conn in round r: 16-byte header naming both, then byte k = k % 251,
 * so every echo is checked whole against what was sent on that connection in that round. */
static void make_msg(char *m, int size, int conn, long long r)
{
	memcpy(m, &conn, sizeof conn);
	memcpy(m + 8, &r, sizeof r);
	memset(m + 4, 0x5a, 4);
	(void)size;
}

static void *client_main(void *arg)
{
	struct client *cl = arg;
	size_t sz = (size_t)cl->msgsize;
	char *out = malloc(sz * (size_t)cl->n), *in = malloc(sz);

	for (size_t k = 0; out && k < sz * (size_t)cl->n; k++)
		out[k] = (char)((k % sz) % 251);
	for (long long r = 0; out && in; r++) {
		if (r == 1) {
			/* Round 0 was the warm-up: every connection accepted and echoing. */
			atomic_fetch_add(&load.warm, 1);
			while (!atomic_load(&load.go))
				pause_briefly();
		} else if (r > 1 && atomic_load_explicit(&load.stop, memory_order_relaxed))
			break;
		for (int i = 0; i < cl->n; i++) {
			make_msg(out + sz * (size_t)i, cl->msgsize, cl->first + i, r);
			if (send_all(cl->socks[i], out + sz * (size_t)i, sz)) {
				printf("FAIL echo client: send on connection %d: %s\n", cl->first + i, strerror(errno));
				goto fail;
			}
		}
		for (int i = 0; i < cl->n; i++) {
			if (recv_all(cl->socks[i], in, sz)) {
				printf("FAIL echo client: connection %d closed or failed in round %lld\n", cl->first + i, r);
				goto fail;
			}
			if (memcmp(in, out + sz * (size_t)i, sz) != 0) {
				printf("FAIL echo client: echo on connection %d differs from the message sent\n",
				       cl->first + i);
				goto fail;
			}
		}
		if (r > 0)
			cl->msgs += cl->n;
	}
	free(out);
	free(in);
	return NULL;
fail:
	cl->failed = 1;
	if (!atomic_load(&load.go))
		atomic_fetch_add(&load.warm, 1);	/* the main thread must not wait for us */
	free(out);
	free(in);
	return NULL;
}

int raw_connect(int port)
{
	struct sockaddr_in sa;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((unsigned short)port);
	if (s < 0)
		return -1;
	if (connect(s, (struct sockaddr *)&sa, sizeof sa)) {
		close(s);
		return -1;
	}
	return s;
}

double raw_echo_load(int port, int nconns, int threads, int msgsize, double secs, long long *msgs)
{
	int *socks = calloc((size_t)nconns, sizeof *socks), failed = 0;
	struct client *cl;
	double t0, t1;
	struct timespec ts;
	struct timeval tmo = { 10, 0 };

	*msgs = 0;
	threads = threads < 1 ? 1 : threads > nconns ? nconns : threads;
	if (msgsize < HDR)
		msgsize = HDR;
	cl = calloc((size_t)threads, sizeof *cl);
	for (int i = 0; socks && i < nconns; i++) {
		socks[i] = raw_connect(port);
		if (socks[i] < 0) {
			printf("FAIL echo client: connect %d to port %d: %s\n", i, port, strerror(errno));
			for (int k = 0; k < i; k++)
				close(socks[k]);
			free(socks);
			free(cl);
			return -1;
		}
		nodelay(socks[i]);
		/* A server that stops answering fails the run instead of hanging it. */
		setsockopt(socks[i], SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof tmo);
	}
	atomic_store(&load.stop, 0);
	atomic_store(&load.go, 0);
	atomic_store(&load.warm, 0);
	for (int i = 0, first = 0; i < threads; i++) {
		int n = nconns / threads + (i < nconns % threads);
		cl[i].socks = socks + first;
		cl[i].first = first;
		cl[i].n = n;
		cl[i].msgsize = msgsize;
		first += n;
		pthread_create(&cl[i].th, NULL, client_main, &cl[i]);
	}
	while (atomic_load(&load.warm) < threads)
		pause_briefly();
	t0 = now();
	atomic_store(&load.go, 1);
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
	atomic_store(&load.stop, 1);
	for (int i = 0; i < threads; i++) {
		pthread_join(cl[i].th, NULL);
		*msgs += cl[i].msgs;
		failed |= cl[i].failed;
	}
	t1 = now();
	for (int i = 0; i < nconns; i++)
		close(socks[i]);
	free(socks);
	free(cl);
	return failed ? -1 : t1 - t0;
}

/* ---- Hand-written servers ---- */

struct rconn {
	int fd;
	int sending;
	unsigned len, off;
	char buf[];
};

struct rworker {
	pthread_t th;
	int ep, n, live;
	struct rconn **conns;
#ifdef BENCH_HAVE_URING
	struct io_uring ring;
#endif
};

static struct {
	int kind, workers, nconns, bufsize, listener;
	size_t conn_bytes;
	pthread_t acceptor;
	atomic_int errors, armed;
	struct rconn **conns;
	struct rworker w[MAX_WORKERS];
} rs;

static void rconn_close(struct rworker *w, struct rconn *c, int failed)
{
	if (failed)
		atomic_fetch_add(&rs.errors, 1);
	close(c->fd);
	c->fd = -1;
	w->live--;
}

static void *epoll_main(void *arg)
{
	struct rworker *w = arg;
	struct epoll_event ev[64];

	while (w->live > 0) {
		int n = epoll_wait(w->ep, ev, 64, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			atomic_fetch_add(&rs.errors, 1);
			break;
		}
		for (int i = 0; i < n; i++) {
			struct rconn *c = ev[i].data.ptr;
			ssize_t k = recv(c->fd, c->buf, (size_t)rs.bufsize, MSG_DONTWAIT);
			if (k < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (k <= 0) {
				/* Closing removes the fd from the epoll set. */
				rconn_close(w, c, k < 0 && errno != ECONNRESET);
				continue;
			}
			if (send_all(c->fd, c->buf, (size_t)k))
				rconn_close(w, c, errno != ECONNRESET && errno != EPIPE);
		}
	}
	close(w->ep);
	return NULL;
}

#ifdef BENCH_HAVE_URING
static void prep(struct io_uring *ring, struct rconn *c)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (c->sending)
		io_uring_prep_send(sqe, c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
	else
		io_uring_prep_recv(sqe, c->fd, c->buf, (size_t)rs.bufsize, 0);
	io_uring_sqe_set_data(sqe, c);
}

/* The ring belongs to its thread alone: tell the kernel so when it can use it. */
static int ring_init(struct io_uring *ring, unsigned entries)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof p);
	p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	if (io_uring_queue_init_params(entries, ring, &p) == 0)
		return 0;
	memset(&p, 0, sizeof p);
	return io_uring_queue_init_params(entries, ring, &p);
}

static void *uring_main(void *arg)
{
	struct rworker *w = arg;
	unsigned entries = (unsigned)w->n + 2;

	if (ring_init(&w->ring, entries > 4096 ? 4096 : entries) < 0) {
		printf("FAIL io_uring_queue_init\n");
		atomic_fetch_add(&rs.errors, 1);
		for (int i = 0; i < w->n; i++)
			close(w->conns[i]->fd);
		atomic_fetch_add(&rs.armed, 1);
		return NULL;
	}
	for (int i = 0; i < w->n; i++)
		prep(&w->ring, w->conns[i]);
	io_uring_submit(&w->ring);
	atomic_fetch_add(&rs.armed, 1);
	while (w->live > 0) {
		struct io_uring_cqe *cqe;
		unsigned head, seen = 0;
		int err = io_uring_submit_and_wait(&w->ring, 1);

		if (err < 0 && err != -EINTR) {
			atomic_fetch_add(&rs.errors, 1);
			break;
		}
		io_uring_for_each_cqe(&w->ring, head, cqe) {
			struct rconn *c = io_uring_cqe_get_data(cqe);
			int res = cqe->res;

			seen++;
			if (res < 0 || (res == 0 && !c->sending)) {
				rconn_close(w, c, res < 0 && res != -ECONNRESET && res != -EPIPE);
				continue;
			}
			if (!c->sending) {
				c->sending = 1;
				c->len = (unsigned)res;
				c->off = 0;
			} else if ((c->off += (unsigned)res) >= c->len) {
				c->sending = 0;
			}
			prep(&w->ring, c);
		}
		io_uring_cq_advance(&w->ring, seen);
	}
	io_uring_queue_exit(&w->ring);
	return NULL;
}
#endif

/* Accepts every connection first, then shards them over the workers (each worker owns its
 * epoll or ring from the start, as a hand-written Linux server would). */
static void *raw_acceptor(void *arg)
{
	(void)arg;
	for (int i = 0; i < rs.nconns; i++) {
		int fd = accept4(rs.listener, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			printf("FAIL raw accept %d: %s\n", i, strerror(errno));
			atomic_fetch_add(&rs.errors, 1);
			rs.nconns = i;
			break;
		}
		nodelay(fd);
		rs.conns[i]->fd = fd;
	}
	for (int k = 0; k < rs.workers; k++) {
		struct rworker *w = &rs.w[k];
		int first = rs.nconns / rs.workers * k + (k < rs.nconns % rs.workers ? k : rs.nconns % rs.workers);
		w->n = rs.nconns / rs.workers + (k < rs.nconns % rs.workers);
		w->live = w->n;
		w->conns = rs.conns + first;
		if (rs.kind == RAW_EPOLL) {
			w->ep = epoll_create1(EPOLL_CLOEXEC);
			for (int i = 0; i < w->n; i++) {
				struct epoll_event ev = { .events = EPOLLIN, .data.ptr = w->conns[i] };
				if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->conns[i]->fd, &ev))
					atomic_fetch_add(&rs.errors, 1);
			}
			pthread_create(&w->th, NULL, epoll_main, w);
			atomic_fetch_add(&rs.armed, 1);
		}
#ifdef BENCH_HAVE_URING
		else
			pthread_create(&w->th, NULL, uring_main, w);
#endif
	}
	/* Ready means every connection has its read interest (epoll) or recv (ring) in place. */
	while (atomic_load(&rs.armed) < rs.workers)
		sched_yield();
	return NULL;
}

int raw_echo_start(int kind, int workers, int nconns, int bufsize, size_t conn_bytes)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;

#ifndef BENCH_HAVE_URING
	if (kind == RAW_URING)
		return -2;
#endif
	memset(&rs, 0, sizeof rs);
	rs.kind = kind;
	rs.workers = workers < 1 ? 1 : workers > MAX_WORKERS ? MAX_WORKERS : workers;
	rs.nconns = nconns;
	rs.bufsize = bufsize;
	/* Records as large as the IOCP server's, so the memory comparison is like for like. */
	rs.conn_bytes = conn_bytes > sizeof(struct rconn) + (size_t)bufsize ? conn_bytes
									 : sizeof(struct rconn) + (size_t)bufsize;
	rs.conns = calloc((size_t)nconns, sizeof *rs.conns);
	for (int i = 0; rs.conns && i < nconns; i++)
		if (!(rs.conns[i] = calloc(1, rs.conn_bytes)))
			return -1;
		else
			rs.conns[i]->fd = -1;	/* touched now: part of the baseline */
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rs.listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!rs.conns || rs.listener < 0 || bind(rs.listener, (struct sockaddr *)&sa, sizeof sa) ||
	    listen(rs.listener, 4096) || getsockname(rs.listener, (struct sockaddr *)&sa, &len)) {
		perror("FAIL raw server setup");
		return -1;
	}
	pthread_create(&rs.acceptor, NULL, raw_acceptor, NULL);
	return ntohs(sa.sin_port);
}

int raw_echo_ready(void)
{
	if (rs.acceptor) {
		pthread_join(rs.acceptor, NULL);
		rs.acceptor = 0;
	}
	return atomic_load(&rs.errors) ? -1 : 0;
}

int raw_echo_wait(void)
{
	int errors;

	raw_echo_ready();
	for (int k = 0; k < rs.workers; k++)
		if (rs.w[k].th)
			pthread_join(rs.w[k].th, NULL);
	close(rs.listener);
	for (int i = 0; i < rs.nconns; i++)
		free(rs.conns[i]);
	free(rs.conns);
	errors = atomic_load(&rs.errors);
	if (errors)
		printf("FAIL raw %s echo server: %d error(s)\n", rs.kind == RAW_EPOLL ? "epoll" : "io_uring", errors);
	return errors ? -1 : 0;
}

/* ---- liburing ping-pong: the twin of ws_apc_pingpong ---- */

#ifdef BENCH_HAVE_URING
struct upp {
	int s, failed;
	struct io_uring ring;
};

/* One send or recv of one byte through the ring, waiting for its completion. */
static int upp_op(struct upp *p, char *c, int send)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&p->ring);
	struct io_uring_cqe *cqe;
	int res;

	if (send)
		io_uring_prep_send(sqe, p->s, c, 1, MSG_NOSIGNAL);
	else
		io_uring_prep_recv(sqe, p->s, c, 1, 0);
	if (io_uring_submit_and_wait(&p->ring, 1) < 0 || io_uring_peek_cqe(&p->ring, &cqe))
		return -1;
	res = cqe->res;
	io_uring_cqe_seen(&p->ring, cqe);
	return res;
}

static void *upp_responder(void *arg)
{
	struct upp *p = arg;
	char c;

	if (ring_init(&p->ring, 4) < 0) {
		p->failed = 1;
		return NULL;
	}
	for (;;) {
		int got = upp_op(p, &c, 0);
		if (got == 0)
			break;
		if (got != 1 || upp_op(p, &c, 1) != 1) {
			p->failed = 1;
			break;
		}
	}
	io_uring_queue_exit(&p->ring);
	return NULL;
}

double raw_uring_pingpong(int n)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), a, b;
	struct upp ini, rsp;
	pthread_t th;
	double t0 = 0, t1;

	memset(&ini, 0, sizeof ini);
	memset(&rsp, 0, sizeof rsp);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sa, &len) || (a = raw_connect(ntohs(sa.sin_port))) < 0 ||
	    (b = accept4(l, NULL, NULL, SOCK_CLOEXEC)) < 0) {
		perror("FAIL uring ping-pong setup");
		return -1;
	}
	close(l);
	nodelay(a);
	nodelay(b);
	ini.s = a;
	rsp.s = b;
	if (ring_init(&ini.ring, 4) < 0) {
		printf("FAIL io_uring_queue_init\n");
		return -1;
	}
	pthread_create(&th, NULL, upp_responder, &rsp);
	for (int i = -100; i < n; i++) {
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (upp_op(&ini, &out, 1) != 1 || upp_op(&ini, &in, 0) != 1 || in != out) {
			printf("FAIL uring ping-pong round %d\n", i);
			close(a);
			pthread_join(th, NULL);
			return -1;
		}
	}
	t1 = now();
	close(a);
	pthread_join(th, NULL);
	close(b);
	io_uring_queue_exit(&ini.ring);
	if (rsp.failed) {
		printf("FAIL uring ping-pong responder\n");
		return -1;
	}
	return t1 - t0;
}
#else
double raw_uring_pingpong(int n)
{
	(void)n;
	return -2;
}
#endif
