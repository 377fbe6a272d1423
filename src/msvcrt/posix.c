/* msvcrt/posix: the Linux side of the C runtime (docs/design.md S: this file includes glibc's
 * headers and none of ours). Terminal input for conio, isatty, and the executable's path for
 * GetModuleFileName. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "msvcrt.h"

long ls_msvcrt_exe_path(char *buf, size_t cap)
{
	char tmp[4096];
	ssize_t n;
	int saved = errno;

	n = readlink("/proc/self/exe", tmp, sizeof tmp - 1);
	if (n < 0) {
		n = -errno;
		errno = saved;
		return n;
	}
	tmp[n] = 0;
	if ((size_t)n < cap) {
		for (ssize_t i = 0; i <= n; i++)
			buf[i] = tmp[i];
	}
	return n;
}

int ls_msvcrt_isatty(int fd, int *bad)
{
	int saved = errno;
	int r = isatty(fd);

	if (bad)
		*bad = !r && errno == EBADF;
	errno = saved;
	return r;
}

/* Puts the terminal on fd 0 in non-canonical mode without echo, saving the old settings:
 * 1 if it did (restore later), 0 if stdin is no terminal. */
static int raw_on(struct termios *old)
{
	struct termios t;

	if (tcgetattr(0, old) != 0)
		return 0;
	t = *old;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(0, TCSANOW, &t);
	return 1;
}

int ls_msvcrt_getch(int echo)
{
	struct termios old;
	unsigned char c;
	int raw = raw_on(&old);
	ssize_t n;
	int saved = errno;

	do
		n = read(0, &c, 1);
	while (n < 0 && errno == EINTR);
	if (raw)
		tcsetattr(0, TCSANOW, &old);
	errno = saved;
	if (n != 1)
		return -1;
	if (echo)
		(void)!write(1, &c, 1);
	return c;
}

int ls_msvcrt_kbhit(void)
{
	struct termios old;
	struct pollfd p = { .fd = 0, .events = POLLIN };
	int raw = raw_on(&old);
	int saved = errno;
	int r = poll(&p, 1, 0);

	if (raw)
		tcsetattr(0, TCSANOW, &old);
	errno = saved;
	return r > 0 && (p.revents & (POLLIN | POLLHUP)) ? 1 : 0;
}
