/* Linux side of test/unit/trace.c (no Windows header here: <sys/wait.h> and <ws2tcpip.h> both
 * define socklen_t): start this binary in a role with LINSOCK_TRACE set or unset, and map a
 * page followed by an inaccessible one. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

int ls_test_trace_role(const char *role, const char *trace, const char *errpath);
char *ls_test_trace_guarded(long *page);
void ls_test_trace_unguard(char *m, long page);

/* Exit status of `self --role role`, or -1. trace NULL unsets LINSOCK_TRACE; errpath, if not
 * NULL, becomes the child's stderr. */
int ls_test_trace_role(const char *role, const char *trace, const char *errpath)
{
	pid_t pid = fork();
	int status = 0;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (trace)
			setenv("LINSOCK_TRACE", trace, 1);
		else
			unsetenv("LINSOCK_TRACE");
		if (errpath) {
			int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 2) < 0)
				_exit(126);
			close(fd);
		}
		execl(ls_test_self(), ls_test_self(), "--role", role, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Two pages, the second inaccessible; *page gets the page size. NULL on failure. */
char *ls_test_trace_guarded(long *page)
{
	char *m;

	*page = sysconf(_SC_PAGESIZE);
	m = mmap(NULL, (size_t)*page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	if (mprotect(m + *page, (size_t)*page, PROT_NONE) != 0) {
		munmap(m, (size_t)*page * 2);
		return NULL;
	}
	return m;
}

void ls_test_trace_unguard(char *m, long page)
{
	munmap(m, (size_t)page * 2);
}
