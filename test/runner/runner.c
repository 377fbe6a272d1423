/* The one test runner (CONVENTIONS §11), a Linux-side file: no Windows header here.
 *
 *   linsock-tests                 run every test, each in its own process, TAP output, last line
 *                                 "N passed, N failed"
 *   linsock-tests PATTERN...      only tests whose name contains one of the patterns
 *   linsock-tests --list          names
 *   linsock-tests --run NAME      run one test in this process (what the runner execs)
 *   linsock-tests --role NAME ... helper roles for cross-process tests (registered as tests
 *                                 named "role_NAME", never run by the plain runner)
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

/* Runs one test in a child process; returns 0 pass, 77 skip, else fail. */
static int spawn(const char *name, int timeout_s)
{
	pid_t pid = fork();
	int status = 0;
	struct timespec start, now;

	if (pid < 0)
		return 1;
	if (pid == 0) {
		execl(self, self, "--run", name, (char *)NULL);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= timeout_s) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			printf("# %s: timed out after %d s\n", name, timeout_s);
			return 1;
		}
		usleep(2000);
	}
	if (WIFSIGNALED(status)) {
		printf("# %s: killed by signal %d\n", name, WTERMSIG(status));
		return 1;
	}
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	int timeout_s = 60, passed = 0, failed = 0, skipped = 0, n = 0;
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
	{
		const char *want = getenv("LINSOCK_BACKEND");
		const char *name = ls_engine_backend_name();
		printf("# backend: %s\n", name);
		if (want && strcmp(want, "io_uring") == 0 && strcmp(name, "io_uring") != 0) {
			printf("1..0 # SKIP io_uring unavailable: %s\n", ls_engine_backend_fallback());
			return 0;
		}
	}
	for (int i = 0; i < ls_test_count; i++)
		n += matches(ls_tests[i].name, argc - 1, argv + 1);
	printf("1..%d\n", n);
	n = 0;
	for (int i = 0; i < ls_test_count; i++) {
		int r;
		if (!matches(ls_tests[i].name, argc - 1, argv + 1))
			continue;
		n++;
		fflush(stdout);
		r = spawn(ls_tests[i].name, timeout_s);
		if (r == 0) {
			printf("ok %d - %s\n", n, ls_tests[i].name);
			passed++;
		} else if (r == 77) {
			printf("ok %d - %s # SKIP\n", n, ls_tests[i].name);
			skipped++;
			passed++;
		} else {
			printf("not ok %d - %s (%s)\n", n, ls_tests[i].name, ls_tests[i].file);
			failed++;
		}
	}
	printf("# %d skipped\n", skipped);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
