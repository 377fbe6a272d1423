/* Linux-side helpers for the console tests (console_posix.h). No Windows header here. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "console_posix.h"

int cp_fork(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(30);	/* a child that hangs is a failure, not a stuck suite */
		fn();
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFSIGNALED(status))
		return 1000 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void cp_kill_self(const char *sig)
{
	int s = strcmp(sig, "INT") == 0 ? SIGINT : strcmp(sig, "QUIT") == 0 ? SIGQUIT :
		strcmp(sig, "TERM") == 0 ? SIGTERM : SIGHUP;

	kill(getpid(), s);
}

void cp_ignore_sigint(void)
{
	signal(SIGINT, SIG_IGN);
}

int cp_sigint_ignored(void)
{
	struct sigaction sa;

	return sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN;
}

int cp_openpty(int *master, char *path, size_t cap, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	int m, s;

	if (openpty(&m, &s, NULL, NULL, &ws) != 0)
		return -1;
	if (ptsname_r(m, path, cap) != 0) {
		close(m);
		close(s);
		return -1;
	}
	fcntl(m, F_SETFD, FD_CLOEXEC);
	/* The slave stays open through the path the test opens with CreateFile; close ours so the
	 * test's handle is the only one (the master's reads then end at what was written). */
	close(s);
	*master = m;
	return 0;
}

long cp_read(int fd, char *buf, size_t cap)
{
	size_t n = 0;

	while (n + 1 < cap) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, n ? 200 : 5000) <= 0)
			break;
		r = read(fd, buf + n, cap - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
	return (long)n;
}

long cp_write(int fd, const char *s)
{
	return write(fd, s, strlen(s));
}

void cp_close(int fd)
{
	close(fd);
}
