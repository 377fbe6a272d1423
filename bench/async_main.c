/* linsock-bench's async subcommands (issue #5 item 7): completion ports and completion routines
 * against hand-written epoll and io_uring code, in the same run, with the same raw client.
 *
 *   linsock-bench echo     [--quick] [-c conns] [-t client-threads] [-w workers] [-d secs] [-r rounds]
 *   linsock-bench pingpong [--quick] [-n round-trips] [-r rounds]
 *   linsock-bench conns    [--quick] [-k connections]
 *   linsock-bench async    [--quick] ...        all three
 *   linsock-bench drive PORT [-c conns] [-s msgsize] [-t threads] [-w workers] [-d secs]
 *
 * echo: messages of 64 B and 4 KiB; IOCP servers (WSARecv/WSASend, ReadFile/WriteFile, and
 * WSARecv/WSASend with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) vs epoll and io_uring servers;
 * every round runs each server once (order rotating); the best round of each counts.
 * conns: memory per connection of an IOCP server holding -k connections with a WSARecv pending
 * on each, minus the same for a raw epoll server; each server runs in its own process (this
 * program re-executed), the client side stays here. drive: the echo load against an echo
 * server already listening on 127.0.0.1:PORT (the README demo's IOCP example), then against the
 * raw epoll server, ratio printed. Exit status 1 if a run failed its checks. bench/README.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

struct opts {
	int quick, conns, threads, workers, rounds, n, k, size;
	double secs;
};

static int opt(int argc, char **argv, const char *flag, int def)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], flag) == 0 && atoi(argv[i + 1]) > 0)
			return atoi(argv[i + 1]);
	return def;
}

static double optd(int argc, char **argv, const char *flag, double def)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], flag) == 0 && atof(argv[i + 1]) > 0)
			return atof(argv[i + 1]);
	return def;
}

static void parse(struct opts *o, int argc, char **argv)
{
	o->quick = 0;
	for (int i = 1; i < argc; i++)
		o->quick |= strcmp(argv[i], "--quick") == 0;
	o->conns = opt(argc, argv, "-c", 64);
	o->threads = opt(argc, argv, "-t", 2);
	o->workers = opt(argc, argv, "-w", 2);
	o->rounds = opt(argc, argv, "-r", o->quick ? 1 : 3);
	o->secs = optd(argc, argv, "-d", o->quick ? 0.5 : 2);
	o->n = opt(argc, argv, "-n", o->quick ? 5000 : 20000);
	o->k = opt(argc, argv, "-k", o->quick ? 1000 : 10000);
	o->size = opt(argc, argv, "-s", 64);
}

/* ---- echo ---- */

enum { S_IOCP_WSA, S_IOCP_FILE, S_IOCP_SKIP, S_EPOLL, S_URING, S_COUNT };
static const char *const sname[S_COUNT] = { "iocp_wsa", "iocp_file", "iocp_wsa_skip", "epoll", "io_uring" };

/* Messages per second of server s under the load, 0 if this build lacks it, -1 on failure. */
static double echo_once(int s, const struct opts *o, int size)
{
	long long msgs;
	double t;
	int port, ws = s < S_EPOLL, failed;

	if (ws)
		port = ws_echo_start(s - S_IOCP_WSA, o->workers, o->conns, size);
	else
		port = raw_echo_start(s == S_EPOLL ? RAW_EPOLL : RAW_URING, o->workers, o->conns, size, 0);
	if (port == -2)
		return 0;
	if (port < 0)
		return -1;
	t = raw_echo_load(port, o->conns, o->threads, size, o->secs, &msgs);
	failed = (ws ? ws_echo_wait() : raw_echo_wait()) != 0;
	if (t <= 0 || failed) {
		printf("FAIL echo %s %d B\n", sname[s], size);
		return -1;
	}
	return (double)msgs / t;
}

static int run_echo(const struct opts *o)
{
	static const int sizes[] = { 64, 4096 };
	int failed = 0;

	printf("# echo: %d connections, %d client threads, %d server workers, %.1f s per run, best of %d\n",
	       o->conns, o->threads, o->workers, o->secs, o->rounds);
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		double best[S_COUNT] = { 0 };
		int size = sizes[z];

		for (int r = 0; r < o->rounds; r++)
			for (int i = 0; i < S_COUNT; i++) {
				int s = (i + r) % S_COUNT;
				double rate = echo_once(s, o, size);
				if (rate < 0)
					failed = 1;
				else if (rate > best[s])
					best[s] = rate;
			}
		for (int s = 0; s < S_COUNT; s++)
			if (best[s] > 0)
				printf("RESULT name=echo_%d impl=%s rate=%.0f unit=msgs/s\n", size, sname[s], best[s]);
		printf("echo %4d B   ", size);
		for (int s = 0; s < S_COUNT; s++)
			if (best[s] > 0)
				printf(" %s %.0f", sname[s], best[s]);
			else
				printf(" %s %s", sname[s], s == S_URING ? "skip(no liburing)" : "FAIL");
		printf("  msgs/s\n");
		for (int s = S_IOCP_WSA; s <= S_IOCP_SKIP; s++) {
			printf("  %-14s / epoll %.3f (target >= 1.10)", sname[s],
			       best[S_EPOLL] > 0 ? best[s] / best[S_EPOLL] : 0);
			if (best[S_URING] > 0)
				printf("   / io_uring %.3f (target >= 0.95)", best[s] / best[S_URING]);
			printf("\n");
		}
	}
	return failed;
}

/* ---- completion-routine ping-pong ---- */

static int run_pingpong(const struct opts *o)
{
	double ws = 0, raw = 0;
	int failed = 0, have_uring = 1;

	for (int r = 0; r < o->rounds; r++)
		for (int k = 0; k < 2; k++) {
			double t;
			if ((r + k) % 2 == 0) {
				t = raw_uring_pingpong(o->n);
				if (t == -2) {
					have_uring = 0;
					continue;
				}
				if (t > 0 && (raw <= 0 || t < raw))
					raw = t;
			} else {
				t = ws_apc_pingpong(o->n);
				if (t > 0 && (ws <= 0 || t < ws))
					ws = t;
			}
			failed |= t < 0;
		}
	if (failed) {
		printf("FAIL pingpong\n");
		return 1;
	}
	printf("RESULT name=apc_pingpong impl=linsock ops=%d seconds=%.6f rate=%.1f unit=rtt/s\n", o->n, ws, o->n / ws);
	if (!have_uring) {
		printf("pingpong       completion routines %.2f us/rtt   io_uring skip (built without liburing)\n",
		       ws / o->n * 1e6);
		return 0;
	}
	printf("RESULT name=apc_pingpong impl=io_uring ops=%d seconds=%.6f rate=%.1f unit=rtt/s\n", o->n, raw,
	       o->n / raw);
	printf("pingpong       completion routines %.2f us/rtt   io_uring %.2f us/rtt   ratio %.3f (target >= 0.95)\n",
	       ws / o->n * 1e6, raw / o->n * 1e6, raw / ws);
	return 0;
}

/* ---- memory per connection ---- */

struct mem {
	long rss_kb, pss_kb;
};

static struct mem mem_self(void)
{
	struct mem m = { -1, -1 };
	char line[256];
	FILE *f = fopen("/proc/self/smaps_rollup", "r");

	if (!f)
		return m;
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "Rss: %ld kB", &m.rss_kb);
		sscanf(line, "Pss: %ld kB", &m.pss_kb);
	}
	fclose(f);
	return m;
}

/* System-wide kernel slab memory (kB): a rough view of what the sockets cost the kernel. */
static long slab_kb(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Slab: %ld kB", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* Soft RLIMIT_NOFILE raised to the hard one; 0 if need descriptors fit. */
static int raise_nofile(int need)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -1;
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	getrlimit(RLIMIT_NOFILE, &rl);
	return rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)need ? (int)rl.rlim_cur : 0;
}

/* The server process: conns-child KIND K TO_PARENT FROM_PARENT. Reports its port, waits for
 * the client's connections, reports memory before and after, serves until they close. */
static int conns_child(char **argv)
{
	int iocp = atoi(argv[2]) == 0, k = atoi(argv[3]), out = atoi(argv[4]), in = atoi(argv[5]);
	struct mem m[2];
	char go;
	int port, failed;

	if (raise_nofile(k + 64))
		return 1;
	port = iocp ? ws_echo_start(0, 1, k, 64) : raw_echo_start(RAW_EPOLL, 1, k, 64, ws_echo_conn_bytes(64));
	if (port < 0)
		return 1;
	m[0] = mem_self();
	if (write(out, &port, sizeof port) != sizeof port || read(in, &go, 1) != 1)
		return 1;
	failed = (iocp ? ws_echo_ready() : raw_echo_ready()) != 0;
	m[1] = mem_self();
	if (write(out, m, sizeof m) != sizeof m)
		return 1;
	failed |= (iocp ? ws_echo_wait() : raw_echo_wait()) != 0;
	return failed;
}

/* Runs one server process holding k connections; *d gets its memory growth, *slab the
 * system's slab growth over the same time. 0, or -1 after printing FAIL. */
static int conns_one(int iocp, int k, struct mem *d, long *slab)
{
	int up[2], down[2], port = 0, *socks, failed = 0, status = -1;
	char a[4][16], *args[7];
	struct mem m[2];
	long slab0;
	pid_t pid;

	if (pipe(up) || pipe(down))
		return -1;
	snprintf(a[0], sizeof a[0], "%d", iocp ? 0 : 1);
	snprintf(a[1], sizeof a[1], "%d", k);
	snprintf(a[2], sizeof a[2], "%d", up[1]);
	snprintf(a[3], sizeof a[3], "%d", down[0]);
	args[0] = "linsock-bench";
	args[1] = "conns-child";
	for (int i = 0; i < 4; i++)
		args[2 + i] = a[i];
	args[6] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv("/proc/self/exe", args);
		_exit(127);
	}
	close(up[1]);
	close(down[0]);
	socks = calloc((size_t)k, sizeof *socks);
	slab0 = slab_kb();
	if (read(up[0], &port, sizeof port) != sizeof port) {
		printf("FAIL conns: the %s server did not start\n", iocp ? "IOCP" : "epoll");
		failed = 1;
		goto out;
	}
	for (int i = 0; i < k; i++)
		if ((socks[i] = raw_connect(port)) < 0) {
			printf("FAIL conns: connect %d: %s\n", i, strerror(errno));
			for (int j = 0; j < i; j++)
				close(socks[j]);
			failed = 1;
			goto out;
		}
	if (write(down[1], "g", 1) != 1 || read(up[0], m, sizeof m) != sizeof m) {
		printf("FAIL conns: the %s server did not report\n", iocp ? "IOCP" : "epoll");
		failed = 1;
	} else {
		d->rss_kb = m[1].rss_kb - m[0].rss_kb;
		d->pss_kb = m[1].pss_kb - m[0].pss_kb;
		*slab = slab_kb() - slab0;
	}
	/* Every pending receive must really be live: one byte on each connection comes back. */
	for (int i = 0; i < k && !failed; i++) {
		char c = (char)i, e = 0;
		struct timeval tmo = { 10, 0 };
		setsockopt(socks[i], SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof tmo);
		if (send(socks[i], &c, 1, MSG_NOSIGNAL) != 1 || recv(socks[i], &e, 1, 0) != 1 || e != c) {
			printf("FAIL conns: connection %d did not echo\n", i);
			failed = 1;
		}
	}
	for (int i = 0; i < k; i++)
		close(socks[i]);
out:
	close(down[1]);
	/* The server ends once it has seen every connection close; a stuck one fails the run. */
	for (int ms = 0; waitpid(pid, &status, WNOHANG) == 0; ms += 10) {
		struct timespec ts = { 0, 10000000 };
		if (ms == 60000) {
			printf("FAIL conns: the %s server did not finish closing its %d connections in 60 s\n",
			       iocp ? "IOCP" : "epoll", k);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&ts, NULL);
	}
	close(up[0]);
	free(socks);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("FAIL conns: the %s server process exited with status %d\n", iocp ? "IOCP" : "epoll", status);
		failed = 1;
	}
	return failed ? -1 : 0;
}

static int run_conns(const struct opts *o)
{
	struct mem di = { 0, 0 }, de = { 0, 0 };
	long si = 0, se = 0;
	int lim = raise_nofile(o->k + 64), failed;

	if (lim) {
		printf("conns          SKIP: RLIMIT_NOFILE hard limit %d < %d needed for %d connections "
		       "(raise it: ulimit -Hn, or run with -k %d)\n", lim, o->k + 64, o->k, lim - 64);
		return 0;
	}
	if (mem_self().rss_kb < 0) {
		printf("conns          SKIP: no /proc/self/smaps_rollup (Linux >= 4.14)\n");
		return 0;
	}
	failed = conns_one(0, o->k, &de, &se) != 0;
	printf("RESULT name=conns impl=epoll conns=%d rss_delta_kb=%ld pss_delta_kb=%ld\n", o->k, de.rss_kb, de.pss_kb);
	fflush(stdout);
	failed |= conns_one(1, o->k, &di, &si) != 0;
	printf("RESULT name=conns impl=iocp conns=%d rss_delta_kb=%ld pss_delta_kb=%ld\n", o->k, di.rss_kb, di.pss_kb);
	printf("conns %d       per connection: IOCP server %.0f B RSS (%.0f PSS), raw epoll %.0f B RSS (%.0f PSS)\n",
	       o->k, di.rss_kb * 1024.0 / o->k, di.pss_kb * 1024.0 / o->k, de.rss_kb * 1024.0 / o->k,
	       de.pss_kb * 1024.0 / o->k);
	printf("  linsock above the raw server: %.0f B RSS, %.0f B PSS per connection (target < 2048)\n",
	       (di.rss_kb - de.rss_kb) * 1024.0 / o->k, (di.pss_kb - de.pss_kb) * 1024.0 / o->k);
	printf("  kernel slab growth, both ends, system-wide (noisy): epoll run %.0f B, IOCP run %.0f B per "
	       "connection\n", se * 1024.0 / o->k, si * 1024.0 / o->k);
	return failed;
}

/* ---- drive an external server ---- */

static int run_drive(const struct opts *o, int port)
{
	long long msgs;
	double t, ext, raw;

	printf("# drive: %d connections to 127.0.0.1:%d, %d B messages, %d client threads, %.1f s\n", o->conns, port,
	       o->size, o->threads, o->secs);
	t = raw_echo_load(port, o->conns, o->threads, o->size, o->secs, &msgs);
	if (t <= 0) {
		printf("FAIL drive: the server on port %d did not echo\n", port);
		return 1;
	}
	ext = (double)msgs / t;
	printf("RESULT name=drive_%d impl=server rate=%.0f unit=msgs/s\n", o->size, ext);
	raw = echo_once(S_EPOLL, o, o->size);
	if (raw <= 0)
		return 1;
	printf("RESULT name=drive_%d impl=epoll rate=%.0f unit=msgs/s\n", o->size, raw);
	printf("echo %d B: server on port %d %.0f msgs/s, raw epoll server %.0f msgs/s, ratio %.3f\n", o->size, port,
	       ext, raw, ext / raw);
	return 0;
}

int async_main(int argc, char **argv)
{
	struct opts o;
	const char *cmd = argv[1];
	int failed = 0;

	if (strcmp(cmd, "conns-child") == 0)
		return argc == 6 ? conns_child(argv) : 2;
	parse(&o, argc, argv);
	if (strcmp(cmd, "drive") == 0) {
		if (argc < 3 || atoi(argv[2]) <= 0) {
			fprintf(stderr, "usage: linsock-bench drive PORT [-c conns] [-s size] [-t threads] [-d secs]\n");
			return 2;
		}
		return run_drive(&o, atoi(argv[2]));
	}
	if (strcmp(cmd, "conns") == 0 || strcmp(cmd, "async") == 0)
		failed |= run_conns(&o);
	if (strcmp(cmd, "echo") == 0 || strcmp(cmd, "async") == 0)
		failed |= run_echo(&o);
	if (strcmp(cmd, "pingpong") == 0 || strcmp(cmd, "async") == 0)
		failed |= run_pingpong(&o);
	if (failed)
		printf("FAIL: a run failed its checks\n");
	return failed;
}
