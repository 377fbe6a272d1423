/* The one test runner (CONVENTIONS §11), a Linux-side file: no Windows header here.
 *
 *   linsock-tests                 run every test, each in its own process, TAP output, last line
 *                                 "N passed, N failed"
 *   linsock-tests PATTERN...      only tests whose name contains one of the patterns
 *   linsock-tests --list          names
 *   linsock-tests --run NAME      run one test in this process (what the runner execs)
 *   linsock-tests --role NAME ... helper roles for cross-process tests (registered as tests
 *                                 named "role_NAME", never run by the plain runner)
 * Options, before the patterns:
 *   --jobs N       run up to N tests at once (default 1). Each test's output is collected and
 *                  printed just before its result line; results keep the list order.
 *   --shard I/N    only the I-th of N deterministic slices of the selected tests (I from 1):
 *                  the k-th selected test belongs to shard ((k - 1) mod N) + 1, so N runs with
 *                  I = 1..N cover every test exactly once.
 *   --fork         start each test as a fork of the runner instead of a fresh exec of it: the
 *                  child calls the test with the process as the runner left it before any
 *                  test or library use (for valgrind: one tool start-up for the whole suite
 *                  instead of one per test; role helpers still exec).
 *   --times        print "# time MS NAME" after each result (wall-clock, informative only).
 * Environment: LINSOCK_TEST_TIMEOUT seconds per test (default 60). Exit 77 from a test = skip.
 * The header names the engine's backend ("# backend: io_uring"). LINSOCK_BACKEND=io_uring on a
 * kernel that refuses io_uring skips the whole pass ("1..0 # SKIP io_uring unavailable: why",
 * exit 0) rather than quietly running epoll (CONVENTIONS §11). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "registry.h"
#include "test.h"

int ls_handle_count(void);	/* from liblinsock-testing.a: live object-table records */
const char *ls_engine_backend_name(void);	/* the async engine's backend: "epoll", "io_uring" */
const char *ls_engine_backend_fallback(void);	/* why io_uring is not in use, "" if it is */

static char self[4096];
static const char *role_argv0;

const char *ls_test_self(void)
{
	return self;
}

static int run_one(const char *name)
{
	for (int i = 0; i < ls_test_count; i++) {
		if (strcmp(ls_tests[i].name, name) != 0)
			continue;
		ls_tests[i].fn();
		/* A thread that a test waited for drops its handle record just after signalling it:
		 * give such tails a moment (bounded) before calling the table leaky. */
		for (int tries = 0; ls_handle_count() != 0 && tries < 200; tries++)
			usleep(10000);
		if (ls_handle_count() != 0) {
			fprintf(stderr, "# %s: %d object(s) still in the table after the test body\n", name,
				ls_handle_count());
			return 1;
		}
		return 0;
	}
	fprintf(stderr, "no test named %s\n", name);
	return 2;
}

static int matches(const char *name, int npat, char **pat)
{
	if (strncmp(name, "role_", 5) == 0)
		return 0;
	if (npat == 0)
		return 1;
	for (int i = 0; i < npat; i++)
		if (strstr(name, pat[i]))
			return 1;
	return 0;
}

/* One selected test: while it runs, pid and out (its captured stdout+stderr with --jobs > 1,
 * else -1); once done, status (0 pass, 77 skip, else fail), the captured text and a runner note. */
struct result {
	int idx;	/* index in ls_tests */
	pid_t pid;
	int out;
	struct timespec start;
	int done, status;
	long ms;
	char *text;
	size_t textlen;
	char note[160];
};

static int timeout_s = 60, fork_mode, jobs = 1, times;
static struct result **running;	/* the tests now running */
static int nrunning;

/* In the child: the test gets the runner's descriptors as a sequential run would, so the other
 * running tests' capture files are closed (fd numbers stay as in a one-at-a-time run). */
static void child_start(const struct result *r)
{
	/* A shell starts a background job with SIGINT and SIGQUIT ignored, which a console
	 * program reads as Ctrl-C disabled (console/ctrl.c, as a Windows child of a
	 * CREATE_NEW_PROCESS_GROUP parent): every test starts with the defaults instead. */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	for (int i = 0; i < nrunning; i++)
		if (running[i] != r && running[i]->out >= 0)
			close(running[i]->out);
	if (r->out >= 0) {
		dup2(r->out, 1);
		dup2(r->out, 2);
		close(r->out);
	}
	if (fork_mode)
		exit(run_one(ls_tests[r->idx].name));
	execl(self, self, "--run", ls_tests[r->idx].name, (char *)NULL);
	_exit(127);
}

static int start(struct result *r)
{
	r->out = -1;
	if (jobs > 1) {
		FILE *f = tmpfile();	/* unlinked: nothing to clean up */
		if (!f)
			return -1;
		r->out = dup(fileno(f));
		fclose(f);
		if (r->out < 0)
			return -1;
	}
	fflush(stdout);
	fflush(stderr);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->pid = fork();
	if (r->pid == 0)
		child_start(r);
	if (r->pid < 0) {
		if (r->out >= 0)
			close(r->out);
		r->out = -1;
		return -1;
	}
	return 0;
}

/* Reads the captured output back (a test that wrote more than 1 MiB is cut, with a note). */
static void collect(struct result *r)
{
	size_t cap = 0;
	ssize_t n;
	char buf[8192];

	if (r->out < 0)
		return;
	lseek(r->out, 0, SEEK_SET);
	while ((n = read(r->out, buf, sizeof buf)) > 0 && r->textlen < (1u << 20)) {
		if (r->textlen + (size_t)n > cap) {
			char *p;
			cap = (r->textlen + (size_t)n) * 2;
			p = realloc(r->text, cap);
			if (!p)
				break;
			r->text = p;
		}
		memcpy(r->text + r->textlen, buf, (size_t)n);
		r->textlen += (size_t)n;
	}
	close(r->out);
	r->out = -1;
}

static void finish(struct result *r, int status)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	r->ms = (now.tv_sec - r->start.tv_sec) * 1000 + (now.tv_nsec - r->start.tv_nsec) / 1000000;
	r->done = 1;
	collect(r);
	if (r->note[0])
		r->status = 1;
	else if (WIFSIGNALED(status)) {
		snprintf(r->note, sizeof r->note, "# %s: killed by signal %d\n", ls_tests[r->idx].name,
			 WTERMSIG(status));
		r->status = 1;
	} else
		r->status = WEXITSTATUS(status);
}

/* Waits until at least one of the running tests is done; enforces the timeout. Returns how many
 * finished; running[] keeps the others. */
static int reap(void)
{
	for (;;) {
		int fin = 0;

		for (int i = 0; i < nrunning; i++) {
			struct result *r = running[i];
			struct timespec now;
			int status = 0;
			pid_t w = waitpid(r->pid, &status, WNOHANG);

			if (w == 0) {
				clock_gettime(CLOCK_MONOTONIC, &now);
				if (now.tv_sec - r->start.tv_sec < timeout_s)
					continue;
				kill(r->pid, SIGKILL);
				waitpid(r->pid, &status, 0);
				snprintf(r->note, sizeof r->note, "# %s: timed out after %d s\n",
					 ls_tests[r->idx].name, timeout_s);
			} else if (w < 0) {
				if (errno == EINTR)
					continue;
				snprintf(r->note, sizeof r->note, "# %s: lost its process\n", ls_tests[r->idx].name);
			}
			finish(r, status);
			running[i--] = running[--nrunning];
			fin++;
		}
		if (fin)
			return fin;
		usleep(2000);
	}
}

/* "# backend: NAME" and the io_uring skip rule. In --fork mode the engine's one-time backend
 * choice must stay unmade in the runner (a test may set LINSOCK_BACKEND and expect the first
 * use to read it), so a throwaway child makes it and reports through a pipe. 0: go on. */
static int backend_header(void)
{
	const char *want = getenv("LINSOCK_BACKEND");
	char name[64] = "", why[200] = "";

	if (fork_mode) {
		int p[2], status;
		pid_t pid;
		FILE *f;
		if (pipe(p) != 0)
			return 2;
		pid = fork();
		if (pid == 0) {
			dprintf(p[1], "%s\n%s\n", ls_engine_backend_name(), ls_engine_backend_fallback());
			_exit(0);
		}
		close(p[1]);
		f = fdopen(p[0], "r");
		if (pid < 0 || !f || !fgets(name, sizeof name, f))
			return 2;
		if (!fgets(why, sizeof why, f))
			why[0] = '\0';
		fclose(f);
		waitpid(pid, &status, 0);
		name[strcspn(name, "\n")] = '\0';
		why[strcspn(why, "\n")] = '\0';
	} else {
		snprintf(name, sizeof name, "%s", ls_engine_backend_name());
		snprintf(why, sizeof why, "%s", ls_engine_backend_fallback());
	}
	printf("# backend: %s\n", name);
	if (want && strcmp(want, "io_uring") == 0 && strcmp(name, "io_uring") != 0) {
		printf("1..0 # SKIP io_uring unavailable: %s\n", why);
		return 1;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: linsock-tests [--jobs N] [--shard I/N] [--fork] [--times] [PATTERN...]\n"
			"       linsock-tests --list | --run NAME | --role NAME [ARGS...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0, n = 0, shard = 1, nshards = 1, argi = 1;
	int nsel = 0, next = 0, printed = 0;
	struct result *res;
	const char *t = getenv("LINSOCK_TEST_TIMEOUT");
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);

	if (len <= 0)
		return 2;
	self[len] = '\0';
	role_argv0 = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (t && atoi(t) > 0)
		timeout_s = atoi(t);
	if (argc >= 3 && strcmp(argv[1], "--run") == 0)
		return run_one(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "--role") == 0) {
		char name[256];
		snprintf(name, sizeof name, "role_%s", argv[2]);
		return run_one(name);
	}
	if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
		for (int i = 0; i < ls_test_count; i++)
			if (matches(ls_tests[i].name, 0, NULL))
				printf("%s\n", ls_tests[i].name);
		return 0;
	}
	for (; argi < argc && strncmp(argv[argi], "--", 2) == 0; argi++) {
		if (strcmp(argv[argi], "--jobs") == 0 && argi + 1 < argc) {
			jobs = atoi(argv[++argi]);
			if (jobs < 1 || jobs > 64)
				return usage();
		} else if (strcmp(argv[argi], "--shard") == 0 && argi + 1 < argc) {
			if (sscanf(argv[++argi], "%d/%d", &shard, &nshards) != 2 || nshards < 1 || shard < 1 ||
			    shard > nshards)
				return usage();
		} else if (strcmp(argv[argi], "--fork") == 0) {
			fork_mode = 1;
		} else if (strcmp(argv[argi], "--times") == 0) {
			times = 1;
		} else {
			return usage();
		}
	}
	argc -= argi - 1;
	argv += argi - 1;
	switch (backend_header()) {
	case 0:
		break;
	case 1:
		return 0;
	default:
		return 2;
	}
	res = calloc((size_t)ls_test_count + 1, sizeof *res);
	running = calloc((size_t)jobs, sizeof *running);
	if (!res || !running)
		return 2;
	for (int i = 0; i < ls_test_count; i++) {
		if (!matches(ls_tests[i].name, argc - 1, argv + 1))
			continue;
		if (n++ % nshards == shard - 1)
			res[nsel++].idx = i;
	}
	printf("1..%d\n", nsel);
	/* Up to jobs tests run at once; results are printed in list order, each test's captured
	 * output just before its line, as a sequential run would show them. */
	while (printed < nsel) {
		while (next < nsel && nrunning < jobs) {
			struct result *r = &res[next++];
			if (start(r) == 0) {
				running[nrunning++] = r;
			} else {
				snprintf(r->note, sizeof r->note, "# %s: could not start: %s\n",
					 ls_tests[r->idx].name, strerror(errno));
				r->done = 1;
				r->status = 1;
			}
		}
		if (!res[printed].done)
			reap();
		for (; printed < nsel && res[printed].done; printed++) {
			struct result *r = &res[printed];
			const char *name = ls_tests[r->idx].name;
			if (r->textlen)
				fwrite(r->text, 1, r->textlen, stdout);
			fputs(r->note, stdout);
			if (r->status == 0) {
				printf("ok %d - %s\n", printed + 1, name);
				passed++;
			} else if (r->status == 77) {
				printf("ok %d - %s # SKIP\n", printed + 1, name);
				skipped++;
				passed++;
			} else {
				printf("not ok %d - %s (%s)\n", printed + 1, name, ls_tests[r->idx].file);
				failed++;
			}
			if (times)
				printf("# time %ld %s\n", r->ms, name);
			free(r->text);
		}
	}
	printf("# %d skipped\n", skipped);
	printf("%d passed, %d failed\n", passed, failed);
	free(res);
	free(running);
	return failed ? 1 : 0;
}
