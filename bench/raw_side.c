/* Raw Linux side of the benchmark: what a hand-written Linux port does (socket, connect,
 * send/recv with MSG_NOSIGNAL, pthreads, clock_gettime). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define CHUNK 65536

/* CHUNK + 251 bytes of the stream pattern (byte o is o % 251), filled once. */
static char pattern[CHUNK + 251];

static void pattern_init(void)
{
	for (int i = 0; i < (int)sizeof pattern; i++)
		pattern[i] = (char)(i % 251);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int pair(int *a, int *b)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int one = 1, l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sa, &len))
		return -1;
	*a = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (*a < 0 || connect(*a, (struct sockaddr *)&sa, sizeof sa))
		return -1;
	*b = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	close(l);
	if (*b < 0)
		return -1;
	setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

/* send/recv with MSG_NOSIGNAL (mode 0) or plain write/read (mode 1). */
static int put1(int s, char c, int mode)
{
	return (mode == 0 ? send(s, &c, 1, MSG_NOSIGNAL) : write(s, &c, 1)) == 1;
}

static int get1(int s, char *c, int mode)
{
	return (mode == 0 ? recv(s, c, 1, 0) : read(s, c, 1)) == 1;
}

struct echo_arg {
	int s, mode;
};

static void *echo(void *p)
{
	struct echo_arg *a = p;
	char c;

	while (get1(a->s, &c, a->mode))
		if (!put1(a->s, c, a->mode))
			break;
	return NULL;
}

double raw_rtt(int n, int mode)
{
	int a, b;
	pthread_t th;
	struct echo_arg ea;
	double t0 = 0, t1;

	if (pair(&a, &b)) {
		perror("FAIL raw_rtt setup");
		return -1;
	}
	ea.s = b;
	ea.mode = mode;
	pthread_create(&th, NULL, echo, &ea);
	for (int i = -100; i < n; i++) {
		char out = (char)(i * 7 + 1), in = 0;
		if (i == 0)
			t0 = now();
		if (!put1(a, out, mode) || !get1(a, &in, mode) || in != out) {
			perror("FAIL raw_rtt round trip");
			return -1;
		}
	}
	t1 = now();
	close(a);
	pthread_join(th, NULL);
	close(b);
	return t1 - t0;
}

struct bulk_arg {
	int s;
	long long total;
	int ok, mode;
};

static void *sink(void *p)
{
	struct bulk_arg *a = p;
	static char buf[CHUNK];
	long long off = 0;
	ssize_t n;

	while ((n = a->mode == 0 ? recv(a->s, buf, sizeof buf, 0) : read(a->s, buf, sizeof buf)) > 0) {
		/* Byte o of the stream is o % 251: compare with the pattern at the right phase. */
		if (memcmp(buf, pattern + off % 251, (size_t)n) != 0)
			return NULL;
		off += n;
	}
	a->ok = n == 0 && off == a->total;
	return NULL;
}

double raw_bulk(int mib, int mode)
{
	int a, b;
	pthread_t th;
	const char *buf = pattern;
	struct bulk_arg arg;
	long long total = (long long)mib << 20, sent = 0;
	double t0, t1;

	if (pair(&a, &b)) {
		perror("FAIL raw_bulk setup");
		return -1;
	}
	pattern_init();
	arg.s = b;
	arg.total = total;
	arg.ok = 0;
	arg.mode = mode;
	pthread_create(&th, NULL, sink, &arg);
	t0 = now();
	while (sent < total) {
		ssize_t n = mode == 0 ? send(a, buf + sent % 251, CHUNK, MSG_NOSIGNAL)
				      : write(a, buf + sent % 251, CHUNK);
		if (n <= 0) {
			perror("FAIL raw_bulk send");
			return -1;
		}
		sent += n;
	}
	shutdown(a, SHUT_WR);
	pthread_join(th, NULL);
	t1 = now();
	close(a);
	close(b);
	if (!arg.ok) {
		printf("FAIL raw_bulk: received stream differs from what was sent\n");
		return -1;
	}
	return t1 - t0;
}
