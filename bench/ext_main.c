/* linsock-bench-ext: the Microsoft extensions against raw Linux, same workloads, same run.
 *
 *   linsock-bench-ext [-a connections] [-P posted] [-f MiB] [-r rounds] [-pin cpu] [-only 1|2]
 *                     [-skip 1|2]
 *
 * accept: -a connections (default 20000) taken with accept4 (raw) vs -P (default 16) AcceptEx
 * calls kept posted on a completion port (target ratio >= 0.95). transmit: a -f MiB file
 * (default 1024) sent whole with sendfile (raw) vs one TransmitFile, blocking and overlapped
 * (target >= 0.95). -only 1 runs the accept workload on linsock only, -only 2 on raw only (for
 * profiling one side; no ratio). -skip 1 leaves out the accept workload, -skip 2 the transfer.
 * -pin cpu binds the whole process (client and server threads alike) to that CPU, as
 * `taskset -c cpu` would.
 *
 * Interleaved rounds (-r, default 5): each round runs every variant once, raw and linsock back
 * to back, the order alternating between rounds, so slow phases of a shared machine fall on
 * both sides. Each round gives a ratio per variant (raw time / linsock time, so > 1 means
 * linsock is faster); printed: the median of those per-round ratios and their range, for the
 * wall clock and for the process's CPU time (user + system, every thread: the client and the
 * receiver are the same code on both sides), which depends less on what else the machine
 * runs. The rates printed are medians too. Exit status 1 if any run failed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ext_bench.h"

int WSAStartup(unsigned short v, void *data);	/* the export, declared in Linux terms */

#define MAX_ROUNDS 64

static int arg(int argc, char **argv, const char *flag, int def)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], flag) == 0 && i + 1 < argc && atoi(argv[i + 1]) >= 0)
			return atoi(argv[i + 1]);
	return def;
}

static double cpu_now(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
	       u.ru_stime.tv_usec / 1e6;
}

/* One variant's rounds: wall and CPU seconds of each (wall <= 0: that run failed). */
struct series {
	int n;
	double wall[MAX_ROUNDS], cpu[MAX_ROUNDS];
};

static void add(struct series *s, double wall, double cpu)
{
	s->wall[s->n] = wall;
	s->cpu[s->n] = cpu;
	s->n++;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n, double *lo, double *hi)
{
	double t[MAX_ROUNDS];

	if (n == 0)
		return 0;
	memcpy(t, v, sizeof(double) * (size_t)n);
	qsort(t, (size_t)n, sizeof t[0], cmp);
	if (lo)
		*lo = t[0];
	if (hi)
		*hi = t[n - 1];
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/* Per-round ratios raw / linsock of wall (cpu 0) or CPU (cpu 1) time; rounds where either run
 * failed are left out. Returns the count. */
static int ratios(const struct series *raw, const struct series *ws, int cpu, double *out)
{
	int k = 0;

	for (int i = 0; i < raw->n && i < ws->n; i++) {
		double a = cpu ? raw->cpu[i] : raw->wall[i], b = cpu ? ws->cpu[i] : ws->wall[i];
		if (raw->wall[i] > 0 && ws->wall[i] > 0 && a > 0 && b > 0)
			out[k++] = a / b;
	}
	return k;
}

/* Median rate (amount / median time) of a series' successful runs. */
static double rate(const struct series *s, double amount)
{
	double t[MAX_ROUNDS];
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (s->wall[i] > 0)
			t[k++] = s->wall[i];
	return k ? amount / median(t, k, NULL, NULL) : 0;
}

static void print_ratio(const char *what, const struct series *raw, const struct series *ws)
{
	double r[MAX_ROUNDS], lo = 0, hi = 0, m;
	int k;

	k = ratios(raw, ws, 0, r);
	m = median(r, k, &lo, &hi);
	printf("RATIO %s wall %.3f (%.3f-%.3f over %d rounds)", what, m, lo, hi, k);
	k = ratios(raw, ws, 1, r);
	m = median(r, k, &lo, &hi);
	printf(" cpu %.3f (%.3f-%.3f) (target >= 0.95)\n", m, lo, hi);
}

/* CPU per unit of work, median over the rounds, in µs. */
static double cpu_per(const struct series *s, double units)
{
	double t[MAX_ROUNDS];
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (s->wall[i] > 0)
			t[k++] = s->cpu[i];
	return k ? median(t, k, NULL, NULL) / units * 1e6 : 0;
}

static int failed_any(const struct series *s)
{
	for (int i = 0; i < s->n; i++)
		if (s->wall[i] <= 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int conns = arg(argc, argv, "-a", 20000), posted = arg(argc, argv, "-P", 16);
	int mib = arg(argc, argv, "-f", 1024), rounds = arg(argc, argv, "-r", 5);
	int only = arg(argc, argv, "-only", 0), skip = arg(argc, argv, "-skip", 0), pin = arg(argc, argv, "-pin", -1);
	long long size = (long long)mib << 20;
	static struct series acc_raw, acc_ws, tf_raw, tf_ws, tf_ov;
	char path[] = "/tmp/linsock-bench-ext-XXXXXX";
	static char chunk[1 << 20];
	unsigned char wsadata[512];
	double c0, t;
	int fd;

	if (conns <= 0)
		conns = 20000;
	if (posted <= 0)
		posted = 16;
	if (mib <= 0)
		mib = 1024;
	if (rounds < 1)
		rounds = 1;
	if (rounds > MAX_ROUNDS)
		rounds = MAX_ROUNDS;
	if (pin >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(pin, &set);
		if (sched_setaffinity(0, sizeof set, &set) != 0) {
			perror("sched_setaffinity");
			return 1;
		}
	}
	if (WSAStartup(0x0202, wsadata) != 0) {
		printf("FAIL WSAStartup\n");
		return 1;
	}
	if (only) {
		for (int r = 0; r < rounds; r++) {
			c0 = cpu_now();
			t = only == 1 ? ws_accept(conns, posted) : raw_accept(conns);
			if (t <= 0)
				return 1;
			printf("RESULT accept %s %.0f conn/s, cpu %.2f us/conn\n", only == 1 ? "linsock" : "raw", conns / t,
			       (cpu_now() - c0) / conns * 1e6);
		}
		return 0;
	}
	if (skip != 2) {
		fd = mkstemp(path);
		if (fd < 0) {
			perror("mkstemp");
			return 1;
		}
		for (size_t i = 0; i < sizeof chunk; i++)
			chunk[i] = (char)(i % 251);
		for (int i = 0; i < mib; i++)
			if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk) {
				perror("write");
				return 1;
			}
		close(fd);
	}
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 2; k++) {
			int raw_turn = (r + k) % 2 == 0;
			if (skip != 1) {
				c0 = cpu_now();
				t = raw_turn ? raw_accept(conns) : ws_accept(conns, posted);
				add(raw_turn ? &acc_raw : &acc_ws, t, cpu_now() - c0);
			}
			if (skip != 2) {
				if (raw_turn) {
					c0 = cpu_now();
					t = raw_sendfile(path, size);
					add(&tf_raw, t, cpu_now() - c0);
				} else {
					/* Blocking and overlapped alternate too. */
					for (int j = 0; j < 2; j++) {
						int ov = (r + j) % 2;
						c0 = cpu_now();
						t = ws_transmitfile(path, size, ov);
						add(ov ? &tf_ov : &tf_ws, t, cpu_now() - c0);
					}
				}
			}
		}
	}
	if (skip != 2)
		unlink(path);
	if (skip != 1) {
		printf("RESULT accept raw accept4 %.0f conn/s, cpu %.2f us/conn\n", rate(&acc_raw, conns),
		       cpu_per(&acc_raw, conns));
		printf("RESULT accept linsock AcceptEx(%d posted) %.0f conn/s, cpu %.2f us/conn\n", posted,
		       rate(&acc_ws, conns), cpu_per(&acc_ws, conns));
		print_ratio("accept", &acc_raw, &acc_ws);
	}
	if (skip != 2) {
		printf("RESULT transmit raw sendfile %.0f MiB/s, cpu %.3f s/GiB\n", rate(&tf_raw, mib),
		       cpu_per(&tf_raw, mib / 1024.0) / 1e6);
		printf("RESULT transmit linsock TransmitFile %.0f MiB/s, cpu %.3f s/GiB\n", rate(&tf_ws, mib),
		       cpu_per(&tf_ws, mib / 1024.0) / 1e6);
		printf("RESULT transmit linsock TransmitFile overlapped %.0f MiB/s, cpu %.3f s/GiB\n", rate(&tf_ov, mib),
		       cpu_per(&tf_ov, mib / 1024.0) / 1e6);
		print_ratio("transmit", &tf_raw, &tf_ws);
		print_ratio("transmit overlapped", &tf_raw, &tf_ov);
	}
	return failed_any(&acc_raw) || failed_any(&acc_ws) || failed_any(&tf_raw) || failed_any(&tf_ws) ||
	       failed_any(&tf_ov);
}
