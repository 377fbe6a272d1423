/* linsock-bench-ext, Linux side: the raw versions and the shared client and receiver threads. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ext_bench.h"

double ext_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static struct sockaddr_in lo(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	return a;
}

struct client {
	pthread_t t;
	int port, n, failed;
	volatile int *accepted;
};

static void *client_main(void *p)
{
	struct client *c = p;
	struct sockaddr_in a = lo(c->port);
	struct linger rst = { 1, 0 };

	for (int i = 0; i < c->n; i++) {
		int fd;
		while (i - __atomic_load_n(c->accepted, __ATOMIC_ACQUIRE) > 256)
			sched_yield();
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
			perror("bench client connect");
			c->failed = 1;
			if (fd >= 0)
				close(fd);
			return NULL;
		}
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &rst, sizeof rst);
		close(fd);
	}
	return NULL;
}

void *ext_client_start(int port, int n, volatile int *accepted)
{
	struct client *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->port = port;
	c->n = n;
	c->accepted = accepted;
	if (pthread_create(&c->t, NULL, client_main, c) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

int ext_client_join(void *p)
{
	struct client *c = p;
	int failed;

	pthread_join(c->t, NULL);
	failed = c->failed;
	free(c);
	return failed ? -1 : 0;
}

struct sink {
	pthread_t t;
	int port;
	long long size, got;
};

static void *sink_main(void *p)
{
	struct sink *s = p;
	char *buf = malloc(1 << 20);
	struct sockaddr_in a = lo(s->port);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (!buf || fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		perror("bench sink connect");
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	while (s->got < s->size) {
		ssize_t r = recv(fd, buf, 1 << 20, 0);
		if (r <= 0)
			break;
		s->got += r;
	}
	close(fd);
	free(buf);
	return NULL;
}

void *ext_sink_start(int port, long long size)
{
	struct sink *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->port = port;
	s->size = size;
	if (pthread_create(&s->t, NULL, sink_main, s) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

long long ext_sink_join(void *p)
{
	struct sink *s = p;
	long long got;

	pthread_join(s->t, NULL);
	got = s->got;
	free(s);
	return got;
}

static int listener(int *port)
{
	struct sockaddr_in a = lo(0);
	socklen_t len = sizeof a;
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, 4096) != 0 ||
	    getsockname(l, (struct sockaddr *)&a, &len) != 0) {
		perror("bench listener");
		if (l >= 0)
			close(l);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return l;
}

double raw_accept(int n)
{
	volatile int accepted = 0;
	int port, l = listener(&port);
	void *c;
	double t0, t;

	if (l < 0)
		return -1;
	t0 = ext_now();
	c = ext_client_start(port, n, &accepted);
	for (int i = 0; i < n; i++) {
		int fd = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED) {
				i--;
				continue;
			}
			perror("FAIL raw accept4");
			break;
		}
		close(fd);
		__atomic_store_n(&accepted, i + 1, __ATOMIC_RELEASE);
	}
	t = ext_now() - t0;
	if (!c || ext_client_join(c) != 0 || accepted != n) {
		printf("FAIL raw_accept: %d of %d\n", accepted, n);
		t = -1;
	}
	close(l);
	return t;
}

double raw_sendfile(const char *path, long long size)
{
	int port, l = listener(&port), fd, f;
	long long got;
	off_t off = 0;
	void *s;
	double t0, t;

	if (l < 0)
		return -1;
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0) {
		perror("FAIL raw_sendfile open");
		close(l);
		return -1;
	}
	t0 = ext_now();
	s = ext_sink_start(port, size);
	fd = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	while (fd >= 0 && off < size) {
		ssize_t r = sendfile(fd, f, &off, (size_t)(size - off));
		if (r <= 0 && errno != EINTR)
			break;
	}
	got = s ? ext_sink_join(s) : 0;
	t = ext_now() - t0;
	if (fd >= 0)
		close(fd);
	close(f);
	close(l);
	if (got != size) {
		printf("FAIL raw_sendfile: %lld of %lld bytes\n", got, size);
		return -1;
	}
	return t;
}
