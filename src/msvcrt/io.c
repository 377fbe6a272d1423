/* msvcrt/io: _isatty, _setmode, _get_osfhandle, _open_osfhandle, _close, _read, _write,
 * _dup, _dup2.
 *
 * A C runtime fd is the Linux fd, and a HANDLE is an fd too, so the two map onto each other:
 * _open_osfhandle(h) returns h as an fd once it has checked it is open, and _get_osfhandle(fd)
 * returns the fd as a HANDLE, except fds 0, 1 and 2, which answer GetStdHandle's handles (as
 * on Windows, where the CRT's standard fds wrap the process's standard handles). _close closes
 * a linsock object (socket, file handle...) as CloseHandle does, any other fd with close.
 * Text mode is remembered per fd (_setmode returns the previous mode, _O_TEXT at first) and
 * never applied: no CR-LF translation happens on Linux. Errors set errno (EBADF, EINVAL) and
 * return -1, as Microsoft's. */
#include <windows.h>

#include <errno.h>
#include <stdatomic.h>

#include <io.h>
#include "msvcrt.h"
#include "../base/trace.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#define MODE_SLOTS 1024
static _Atomic int modes[MODE_SLOTS];	/* 0: never set, i.e. _O_TEXT */

static int bad_fd(int fd)
{
	if (fd < 0 || !ls_sys_fd_valid(fd)) {
		errno = EBADF;
		return 1;
	}
	return 0;
}

int _isatty(int fd)
{
	int bad = 0;
	int r = ls_msvcrt_isatty(fd, &bad);

	LS_TRACE_CALL("%d", fd);
	if (bad)
		errno = EBADF;
	return LS_TRACE_RET_SINT(r);
}

int _setmode(int fd, int mode)
{
	int old;

	LS_TRACE_CALL("%d, %s", fd, ls_trace_crt_mode(mode));
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT(-1);
	if (mode != _O_TEXT && mode != _O_BINARY && mode != _O_WTEXT && mode != _O_U16TEXT &&
	    mode != _O_U8TEXT) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT(-1);
	}
	if (fd >= MODE_SLOTS)
		return LS_TRACE_RET_CRT(_O_TEXT);
	old = atomic_exchange(&modes[fd], mode);
	return LS_TRACE_RET_CRT(old ? old : _O_TEXT);
}

intptr_t _get_osfhandle(int fd)
{
	static const DWORD std[3] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE };

	LS_TRACE_CALL("%d", fd);
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT((intptr_t)INVALID_HANDLE_VALUE);
	if (fd <= 2) {
		HANDLE h = GetStdHandle(std[fd]);

		if (h && h != INVALID_HANDLE_VALUE)
			return LS_TRACE_RET_CRT((intptr_t)h);
	}
	return LS_TRACE_RET_CRT(fd);
}

int _open_osfhandle(intptr_t osfhandle, int flags)
{
	LS_TRACE_CALL("%lld, %#x", (long long)osfhandle, (unsigned)flags);
	(void)flags;	/* _O_APPEND, _O_RDONLY, _O_TEXT: the handle already has its mode */
	if (osfhandle < 0 || osfhandle > INT32_MAX || bad_fd((int)osfhandle))
		return LS_TRACE_RET_CRT(-1);
	return LS_TRACE_RET_CRT((int)osfhandle);
}

int _close(int fd)
{
	struct ls_handle *h;

	LS_TRACE_CALL("%d", fd);
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT(-1);
	if (fd < MODE_SLOTS)
		atomic_store(&modes[fd], 0);
	h = ls_handle_get(fd);
	if (h) {
		ls_handle_put(h);
		if (!CloseHandle((HANDLE)(intptr_t)fd)) {
			errno = EBADF;
			return LS_TRACE_RET_CRT(-1);
		}
		return LS_TRACE_RET_CRT(0);
	}
	if (ls_sys_close(fd) != 0) {
		errno = EBADF;
		return LS_TRACE_RET_CRT(-1);
	}
	return LS_TRACE_RET_CRT(0);
}

int _read(int fd, void *buffer, unsigned int count)
{
	long n;

	LS_TRACE_CALL("%d, %p, %u", fd, buffer, count);
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT(-1);
	if (!buffer || count > INT32_MAX) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT(-1);
	}
	n = ls_sys_read(fd, buffer, count);
	if (n < 0) {
		errno = (int)-n;
		return LS_TRACE_RET_CRT(-1);
	}
	return LS_TRACE_RET_CRT((int)n);
}

int _write(int fd, const void *buffer, unsigned int count)
{
	long n;

	LS_TRACE_CALL("%d, %p, %u", fd, buffer, count);
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT(-1);
	if (!buffer || count > INT32_MAX) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT(-1);
	}
	n = ls_sys_write(fd, buffer, count);
	if (n < 0) {
		errno = (int)-n;
		return LS_TRACE_RET_CRT(-1);
	}
	return LS_TRACE_RET_CRT((int)n);
}

int _dup(int fd)
{
	int r;

	LS_TRACE_CALL("%d", fd);
	if (bad_fd(fd))
		return LS_TRACE_RET_CRT(-1);
	r = ls_sys_dup(fd);
	if (r < 0) {
		errno = -r;
		return LS_TRACE_RET_CRT(-1);
	}
	return LS_TRACE_RET_CRT(r);
}

int _dup2(int fd1, int fd2)
{
	int r;

	LS_TRACE_CALL("%d, %d", fd1, fd2);
	if (bad_fd(fd1))
		return LS_TRACE_RET_CRT(-1);
	if (fd2 < 0) {
		errno = EBADF;
		return LS_TRACE_RET_CRT(-1);
	}
	if (fd1 == fd2)
		return LS_TRACE_RET_CRT(0);
	r = ls_sys_dup3(fd1, fd2);
	if (r < 0) {
		errno = -r;
		return LS_TRACE_RET_CRT(-1);
	}
	return LS_TRACE_RET_CRT(0);
}
