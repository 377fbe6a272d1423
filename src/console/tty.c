/* console/tty: the terminal side of a console handle (console.h). A Linux-side file (termios,
 * ioctl): no Windows header here (docs/design.md S). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"

/* wincon.h input mode bits, repeated for the Linux side. */
#define IN_PROCESSED 0x1u
#define IN_LINE      0x2u
#define IN_ECHO      0x4u

int ls_console_tty(int fd)
{
	struct termios t;
	int saved = errno, r = tcgetattr(fd, &t) == 0;

	errno = saved;
	return r;
}

int ls_console_attached(void)
{
	return ls_console_tty(0) || ls_console_tty(1) || ls_console_tty(2);
}

int ls_console_access(int fd)
{
	int saved = errno, fl = fcntl(fd, F_GETFL), err = errno;

	errno = saved;
	if (fl < 0)
		return -err;
	switch (fl & O_ACCMODE) {
	case O_RDONLY: return 0;
	case O_WRONLY: return 1;
	default: return 2;
	}
}

int ls_console_size(int fd, int *cols, int *rows)
{
	struct winsize ws;
	int saved = errno, err;

	if (ioctl(fd, TIOCGWINSZ, &ws) != 0) {
		err = errno;
		errno = saved;
		return -err;
	}
	/* A pty nobody sized reports 0 x 0; Windows' default console buffer is 80 columns. */
	*cols = ws.ws_col ? ws.ws_col : 80;
	*rows = ws.ws_row ? ws.ws_row : 25;
	return 0;
}

int ls_console_input_mode_get(int fd, uint32_t *mode)
{
	struct termios t;
	int saved = errno, err;

	if (tcgetattr(fd, &t) != 0) {
		err = errno;
		errno = saved;
		return -err;
	}
	*mode = ((t.c_lflag & ISIG) ? IN_PROCESSED : 0) | ((t.c_lflag & ICANON) ? IN_LINE : 0) |
		((t.c_lflag & ECHO) ? IN_ECHO : 0);
	return 0;
}

int ls_console_input_mode_set(int fd, uint32_t mode)
{
	struct termios t;
	int saved = errno, err = 0;

	if (tcgetattr(fd, &t) != 0) {
		err = -errno;
		goto out;
	}
	t.c_lflag &= ~(tcflag_t)(ISIG | ICANON | ECHO);
	if (mode & IN_PROCESSED)
		t.c_lflag |= ISIG;
	if (mode & IN_LINE)
		t.c_lflag |= ICANON;
	if (mode & IN_ECHO)
		t.c_lflag |= ECHO;
	/* Windows' raw reads return as soon as one key is there. */
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &t) != 0)
		err = -errno;
out:
	errno = saved;
	return err;
}

long ls_console_write(int fd, const void *buf, unsigned long len)
{
	unsigned long done = 0;
	int saved = errno;
	long err = 0;

	while (done < len) {
		ssize_t r = write(fd, (const char *)buf + done, len - done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = -errno;
			break;
		}
		done += (unsigned long)r;
	}
	errno = saved;
	return done || !err ? (long)done : err;
}

long ls_console_read(int fd, void *buf, unsigned long len)
{
	int saved = errno;
	ssize_t r;

	do
		r = read(fd, buf, len);
	while (r < 0 && errno == EINTR);
	r = r < 0 ? -errno : r;
	errno = saved;
	return r;
}
