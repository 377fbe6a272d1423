/* base/trace: see trace.h. The environment is read once, from a constructor, before main. */
#define _GNU_SOURCE
#include "trace.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ls_trace_on;
static int trace_fd = 2;

__attribute__((constructor)) static void trace_init(void)
{
	const char *v = getenv("LINSOCK_TRACE");

	if (!v || !*v || strcmp(v, "0") == 0)
		return;
	if (v[0] == '/') {
		int fd = open(v, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
		if (fd >= 0) {
			/* Out of the way of the program's own handles (a SOCKET is an fd). */
			int high = fcntl(fd, F_DUPFD_CLOEXEC, 1000);
			if (high >= 0) {
				close(fd);
				fd = high;
			}
			trace_fd = fd;
		}
	}
	ls_trace_on = 1;
}

/* One write() per line: O_APPEND and pipes keep each write whole, so lines of concurrent
 * threads (and of processes sharing the file) never interleave. errno is kept: the traced
 * program's CRT state must not change because we logged. */
static void emit(char *line, size_t n, size_t cap)
{
	int saved = errno;

	if (n > cap - 2) {	/* truncated: mark it, keep room for the newline */
		n = cap - 2;
		memcpy(line + n - 3, "...", 3);
	}
	line[n] = '\n';
	/* glibc prints a NULL %p as "(nil)"; Windows programmers read NULL. Same length or shorter,
	 * so in place. */
	for (char *p = line; (p = memmem(p, n - (size_t)(p - line), "(nil)", 5)) != NULL;) {
		memcpy(p, "NULL", 4);
		memmove(p + 4, p + 5, n + 1 - (size_t)(p + 5 - line));
		n--;
	}
	(void)ls_sys_write(trace_fd, line, n + 1);
	errno = saved;
}

static size_t prefix(char *line, size_t cap, const char *fn)
{
	int n = snprintf(line, cap, "linsock[%d:%d] %s", ls_sys_getpid(), ls_sys_gettid(), ls_trace_name(fn));

	return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

static void vline(const char *fn, const char *open, const char *close, const char *fmt, va_list ap)
{
	char line[2048];
	size_t n = prefix(line, sizeof line, fn);
	int m;

	m = snprintf(line + n, sizeof line - n, "%s", open);
	n += m > 0 ? (size_t)m : 0;
	if (n < sizeof line) {
		m = vsnprintf(line + n, sizeof line - n, fmt, ap);
		n += m > 0 ? (size_t)m : 0;
	}
	if (n < sizeof line) {
		m = snprintf(line + n, sizeof line - n, "%s", close);
		n += m > 0 ? (size_t)m : 0;
	}
	emit(line, n, sizeof line);
}

int ls_trace_errno(void)
{
	return errno;
}

void ls_trace_errno_set(int e)
{
	errno = e;
}

const char *ls_trace_errno_name(int e)
{
#define E(x) { x, #x }
	static const struct {
		int value;
		const char *name;
	} t[] = {
		E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG), E(ENOEXEC),
		E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST),
		E(EXDEV), E(ENODEV), E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
		E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK), E(EPIPE), E(EDOM), E(ERANGE),
		E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK), E(ENOSYS), E(ENOTEMPTY), E(EILSEQ),
	};
#undef E
	static __thread char num[16];

	if (e == 80)
		return "STRUNCATE";	/* the CRT's own value (linsock_crt.h), not Linux's ELIBBAD */
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].value == e)
			return t[i].name;
	snprintf(num, sizeof num, "%d", e);
	return num;
}

void ls_trace_write(const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fn, ": ", "", fmt, ap);
	va_end(ap);
}

void ls_trace_call(const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fn, "(", ")", fmt, ap);
	va_end(ap);
}

void ls_trace_write_result(const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fn, " = ", "", fmt, ap);
	va_end(ap);
}
