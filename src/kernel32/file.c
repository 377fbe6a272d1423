/* kernel32/file: ReadFile, WriteFile, CreateFileA/W, DeleteFileA/W, CreatePipe, GetStdHandle,
 * GetFileType, FlushFileBuffers, GetFileSizeEx, SetFilePointerEx.
 *
 * A socket handle is the socket's fd (IFS model, spec handles.md §1). ReadFile/WriteFile on it
 * are the base provider's recv/send with flags 0, and the status is projected once with
 * ls_err_win32_from_status: a reset is ERROR_NETNAME_DELETED here and WSAECONNRESET from recv,
 * with no special case (CONVENTIONS §3). The hot path is one lock-free lookup and one syscall.
 *
 * Other handles are files, pipes and character devices opened here (LS_HANDLE_FILE records),
 * read and written with read(2)/write(2); their errno maps to the codes Windows' file systems
 * give (file_errors below).
 *
 * With an OVERLAPPED (ReadFile/WriteFile, and ReadFileEx/WriteFileEx, which always have one),
 * an overlapped socket's transfer is an engine op (LS_OP_API_FILE: ERROR_* codes, a 3-argument
 * routine); a file's is done at once at Offset/OffsetHigh (pread/pwrite) and completed through
 * the same delivery (ls_engine_complete_now), as is a socket without the overlapped attribute
 * (Windows runs I/O on a synchronous handle to the end even with an OVERLAPPED). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../base/wstr.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../err/err.h"
#include "../handle/handle.h"

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <string.h>

/* winnt.h access rights our headers do not spell yet. */
#define K32_FILE_READ_DATA   0x0001
#define K32_FILE_WRITE_DATA  0x0002
#define K32_FILE_APPEND_DATA 0x0004
#define K32_MAXIMUM_ALLOWED  0x02000000
#define K32_FILE_FLAG_BACKUP_SEMANTICS 0x02000000
#define K32_ERROR_CANT_RESOLVE_FILENAME 1921

#define PATH_CAP 4096	/* bytes of a Linux path (PATH_MAX) */

/* errno of a file, pipe or device call -> the Win32 code Windows' own file systems report for the
 * same condition (STATUS_OBJECT_NAME_NOT_FOUND, _COLLISION, _DISK_FULL, _PIPE_CLOSING... through
 * RtlNtStatusToDosError). Socket statuses never come here; an errno not listed takes the common
 * translation (errno -> status -> ERROR_*). */
static const struct {
	int err;
	DWORD win32;
} file_errors[] = {
	{ ENOENT, ERROR_FILE_NOT_FOUND },	/* ERROR_PATH_NOT_FOUND when the directory is missing */
	{ ENOTDIR, ERROR_PATH_NOT_FOUND },
	{ EEXIST, ERROR_FILE_EXISTS },
	{ EACCES, ERROR_ACCESS_DENIED },
	{ EPERM, ERROR_ACCESS_DENIED },
	{ EROFS, ERROR_ACCESS_DENIED },
	{ EISDIR, ERROR_ACCESS_DENIED },	/* a directory opened as a file */
	{ ETXTBSY, ERROR_SHARING_VIOLATION },
	{ EBADF, ERROR_ACCESS_DENIED },		/* the record is live: the fd lacks that direction */
	{ ENOSPC, ERROR_DISK_FULL },
	{ EFBIG, ERROR_DISK_FULL },
	{ EPIPE, ERROR_NO_DATA },		/* pipe write with the read end closed */
	{ EAGAIN, ERROR_NO_DATA },		/* non-blocking (PIPE_NOWAIT-like) pipe, nothing there */
	{ ENAMETOOLONG, ERROR_FILENAME_EXCED_RANGE },
	{ ELOOP, K32_ERROR_CANT_RESOLVE_FILENAME },
	{ EIO, ERROR_GEN_FAILURE },
	{ ESPIPE, ERROR_INVALID_FUNCTION },	/* seek on a pipe, socket or terminal */
	{ EINVAL, ERROR_INVALID_PARAMETER },
	{ EMFILE, ERROR_TOO_MANY_OPEN_FILES },
	{ ENFILE, ERROR_TOO_MANY_OPEN_FILES },
	{ ENOMEM, ERROR_NOT_ENOUGH_MEMORY },
};

static DWORD file_error(long neg_errno, int writing)
{
	int e = (int)-neg_errno;

	/* A bad buffer: a read faults writing it (ERROR_NOACCESS), a write is refused as
	 * ERROR_INVALID_USER_BUFFER (Wine's kernel32 file tests, on Windows 2000 and later). */
	if (e == EFAULT)
		return writing ? ERROR_INVALID_USER_BUFFER : ERROR_NOACCESS;
	for (size_t i = 0; i < sizeof file_errors / sizeof file_errors[0]; i++)
		if (file_errors[i].err == e)
			return file_errors[i].win32;
	return ls_err_win32_from_status(ls_err_status_from_errno(e));
}

/* The HANDLE-API failure exit: INVALID_HANDLE_VALUE with the slot set. */
static HANDLE fail_handle(DWORD err)
{
	ls_lasterr_set(err);
	return INVALID_HANDLE_VALUE;
}

/* ---- ReadFile / WriteFile ---- */

/* Socket path: one recv, flags 0 (spec handles.md §2). */
static DWORD sock_read(struct ls_handle *h, void *buf, DWORD n, LPDWORD count)
{
	int done = 0;
	NTSTATUS st = ls_baseprov_recv(h, buf, n > INT_MAX ? INT_MAX : (int)n, 0, NULL, NULL, &done);

	/* Success and warnings carry a count (a truncated datagram: the buffer filled). */
	if ((uint32_t)st < 0xC0000000u)
		*count = (DWORD)done;
	return st == STATUS_SUCCESS ? ERROR_SUCCESS : ls_err_win32_from_status(st);
}

/* Socket path: WriteFile completes only when everything is sent, so a blocking stream socket
 * loops over partial sends (and over INT_MAX chunks: a 2 GiB write is two sends at least). A
 * non-blocking socket sends what fits, as send does. One send in the usual case. */
static DWORD sock_write(struct ls_handle *h, const char *buf, DWORD n, LPDWORD count)
{
	DWORD total = 0;
	NTSTATUS st;

	for (;;) {
		DWORD left = n - total;
		int done = 0, chunk = left > INT_MAX ? INT_MAX : (int)left;

		st = ls_baseprov_send(h, buf + total, chunk, 0, NULL, 0, &done);
		if (st != STATUS_SUCCESS)
			break;
		total += (DWORD)done;
		if (total == n || done == 0 || h->u.sock.nonblocking || h->u.sock.type != SOCK_STREAM)
			break;
	}
	*count = total;
	return st == STATUS_SUCCESS ? ERROR_SUCCESS : ls_err_win32_from_status(st);
}

static DWORD file_read(struct ls_handle *h, void *buf, DWORD n, LPDWORD count)
{
	long r;

	if (h->type != LS_HANDLE_FILE)
		return ERROR_INVALID_HANDLE;	/* threads, events: no I/O (STATUS_OBJECT_TYPE_MISMATCH) */
	if (n > 0 && ls_k32_bad_ptr(buf))
		return ERROR_NOACCESS;
	do
		r = ls_sys_read(h->fd, buf, n);
	while (r == -EINTR);	/* Windows calls are not interrupted by signals */
	if (r < 0)
		return file_error(r, 0);
	/* ReadFile docs: with every write handle of an anonymous pipe closed, ReadFile fails with
	 * ERROR_BROKEN_PIPE; a file at its end succeeds with 0 bytes. */
	if (r == 0 && n > 0 && LS_K32_FILE_KIND(h) == LS_SYS_FT_FIFO)
		return ERROR_BROKEN_PIPE;
	*count = (DWORD)r;
	return ERROR_SUCCESS;
}

static DWORD file_write(struct ls_handle *h, const char *buf, DWORD n, LPDWORD count)
{
	int pipe = LS_K32_FILE_KIND(h) == LS_SYS_FT_FIFO;
	DWORD total = 0;
	long r;

	if (h->type != LS_HANDLE_FILE)
		return ERROR_INVALID_HANDLE;
	if (n > 0 && ls_k32_bad_ptr(buf))
		return ERROR_INVALID_USER_BUFFER;
	/* A synchronous WriteFile writes everything or fails (disk full...): loop on short writes. */
	do {
		size_t chunk = n - total > 0x40000000u ? 0x40000000u : n - total;

		r = pipe ? ls_sys_write_nosigpipe(h->fd, buf + total, chunk) : ls_sys_write(h->fd, buf + total, chunk);
		if (r == -EINTR)
			continue;
		if (r < 0) {
			*count = total;
			return file_error(r, 1);
		}
		total += (DWORD)r;
	} while (total < n && r > 0);
	*count = total;
	return ERROR_SUCCESS;
}

/* The count pointer: Windows zeroes it before any work or check, and it may be NULL only with an
 * OVERLAPPED (handles.md §2). Windows faults on a NULL one; we fail as for any bad pointer,
 * before any I/O, so no data is lost. */
static int count_ok(LPDWORD count, LPOVERLAPPED ov)
{
	if (!count)
		return ov != NULL;
	if (ls_k32_bad_ptr(count))
		return 0;
	*count = 0;
	return 1;
}

/* ---- Overlapped transfers ---- */

/* The synchronous transfer of an op's single buffer on a socket without the overlapped
 * attribute: WriteFile's all-or-error loop for blocking streams, as sock_write. */
static NTSTATUS sock_sync(struct ls_handle *h, struct ls_op *op, uint32_t *done)
{
	struct ls_sys_iov iov = op->iov[0];
	NTSTATUS st;
	uint32_t got = 0;

	*done = 0;
	if (op->kind == LS_OP_RECV)
		return ls_baseprov_recvmsg(h, &iov, 1, 0, NULL, NULL, done);
	for (;;) {
		st = ls_baseprov_sendmsg(h, &iov, 1, 0, NULL, 0, &got);
		if (st != STATUS_SUCCESS)
			return st;
		*done += got;
		iov.base = (char *)iov.base + got;
		iov.len -= got;
		if (iov.len == 0 || got == 0 || h->u.sock.nonblocking || h->u.sock.type != SOCK_STREAM)
			return STATUS_SUCCESS;
	}
}

/* A file's transfer at the OVERLAPPED's offset (pipes and devices have none: plain read/write).
 * Returns the Win32 code, with *st the status the OVERLAPPED gets. */
static DWORD file_xfer(struct ls_handle *h, int writing, void *buf, DWORD n, LPOVERLAPPED ov, uint32_t *done,
		       NTSTATUS *st)
{
	int kind = LS_K32_FILE_KIND(h), seekable = kind == LS_SYS_FT_REG || kind == LS_SYS_FT_BLK;
	int64_t off = (int64_t)(((uint64_t)ov->OffsetHigh << 32) | ov->Offset);
	uint32_t total = 0;
	long r = 0;

	*done = 0;
	*st = STATUS_SUCCESS;
	if (n > 0 && ls_k32_bad_ptr(buf)) {
		*st = STATUS_ACCESS_VIOLATION;
		return writing ? ERROR_INVALID_USER_BUFFER : ERROR_NOACCESS;
	}
	do {
		size_t chunk = n - total > 0x40000000u ? 0x40000000u : n - total;
		char *p = (char *)buf + total;

		if (writing)
			r = seekable ? ls_sys_pwrite(h->fd, p, chunk, off + total)
				     : (kind == LS_SYS_FT_FIFO ? ls_sys_write_nosigpipe(h->fd, p, chunk)
							       : ls_sys_write(h->fd, p, chunk));
		else
			r = seekable ? ls_sys_pread(h->fd, p, chunk, off + total) : ls_sys_read(h->fd, p, chunk);
		if (r == -EINTR)
			continue;
		if (r < 0) {
			*done = total;
			*st = ls_err_status_from_errno((int)r);
			return file_error(r, writing);
		}
		total += (uint32_t)r;
	} while (writing && total < n && r > 0);	/* a read returns what one call gave */
	*done = total;
	/* At or past the end: ERROR_HANDLE_EOF for an OVERLAPPED read of a file (ReadFile docs);
	 * a pipe with no writer left is broken. */
	if (!writing && total == 0 && n > 0) {
		if (seekable) {
			*st = STATUS_END_OF_FILE;
			return ERROR_HANDLE_EOF;
		}
		if (kind == LS_SYS_FT_FIFO) {
			*st = ls_err_status_from_errno(-EPIPE);
			return ERROR_BROKEN_PIPE;
		}
	}
	return ERROR_SUCCESS;
}

/* One ReadFile/WriteFile/ReadFileEx/WriteFileEx transfer with an OVERLAPPED on h (borrowed).
 * routine_only: the *Ex calls (a routine, no port). Returns the Win32 code: ERROR_SUCCESS or
 * ERROR_MORE_DATA (completed at once, *done set, still delivered), ERROR_IO_PENDING, or a
 * failure (nothing delivered). */
static DWORD ov_xfer(struct ls_handle *h, int writing, void *buf, DWORD n, LPOVERLAPPED ov, void *routine,
		     int routine_only, uint32_t *done)
{
	struct ls_op *op;
	NTSTATUS st;
	DWORD err = ERROR_SUCCESS;
	int lflags = 0;

	*done = 0;
	if (h->type != LS_HANDLE_SOCKET && h->type != LS_HANDLE_FILE)
		return ERROR_INVALID_HANDLE;	/* threads, events: no I/O */
	if (h->type == LS_HANDLE_SOCKET) {
		/* Flags 0: ReadFile is recv, WriteFile is send (handles.md §2). */
		st = writing ? ls_baseprov_send_prep(h, 0, &lflags) : ls_baseprov_recv_prep(h, 0, 1, &lflags);
		if (st == STATUS_SUCCESS && n > 0 && ls_k32_bad_ptr(buf))
			st = STATUS_ACCESS_VIOLATION;
		if (st != STATUS_SUCCESS)
			return ls_err_win32_from_status(st);
	}
	op = ls_engine_op_new(1);
	if (!op)
		return ERROR_NOT_ENOUGH_MEMORY;
	op->kind = writing ? LS_OP_SEND : LS_OP_RECV;
	op->lflags = lflags;
	op->iov[0].base = buf;
	op->iov[0].len = n;
	st = ls_engine_op_prepare(op, h, ov, routine, LS_OP_API_FILE, routine_only);
	if (st != STATUS_SUCCESS) {
		ls_engine_op_free(op);
		return ls_err_win32_from_status(st);
	}
	if (h->type == LS_HANDLE_SOCKET && h->u.sock.overlapped) {
		op->stream = h->u.sock.type == SOCK_STREAM;
		/* ReadFileEx returns TRUE whether the receive completed at once or not and its routine
		 * runs only in a later alertable wait, so the engine may hand it to the kernel untried
		 * (docs/design.md P3). ReadFile's return value shows an immediate completion. */
		op->no_try = routine_only && !writing;
		st = ls_engine_start(op, done, NULL);
		return st == STATUS_SUCCESS ? ERROR_SUCCESS : ls_err_win32_from_status(st);
	}
	if (h->type == LS_HANDLE_SOCKET) {
		st = sock_sync(h, op, done);
		if (st != STATUS_SUCCESS)
			err = ls_err_win32_from_status(st);
	} else {
		err = file_xfer(h, writing, buf, n, ov, done, &st);
	}
	ls_engine_complete_now(op, st, *done);
	return err;
}

BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead,
		     LPOVERLAPPED lpOverlapped)
{
	struct ls_handle *h;
	uint32_t done = 0;
	DWORD err;

	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hFile), (const void *)lpBuffer,
		 (unsigned long)nNumberOfBytesToRead, (const void *)lpNumberOfBytesRead, (const void *)lpOverlapped);
	if (!count_ok(lpNumberOfBytesRead, lpOverlapped) || (lpOverlapped && ls_k32_bad_ptr(lpOverlapped)))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	h = ls_handle_get((intptr_t)hFile);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	if (lpOverlapped) {
		err = ov_xfer(h, 0, lpBuffer, nNumberOfBytesToRead, lpOverlapped, NULL, 0, &done);
		/* Completed at once: the count (a truncated datagram's too: ERROR_MORE_DATA). */
		if (lpNumberOfBytesRead && (err == ERROR_SUCCESS || err == ERROR_MORE_DATA))
			*lpNumberOfBytesRead = done;
	} else if (h->type == LS_HANDLE_SOCKET) {
		err = sock_read(h, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead);
	} else {
		err = file_read(h, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead);
	}
	ls_handle_put(h);
	/* Success leaves the last-error slot alone (Wine's kernel32 tests check it). */
	return LS_TRACE_RET_BOOL(err == ERROR_SUCCESS ? TRUE : ls_k32_fail(err));
}

BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten,
		      LPOVERLAPPED lpOverlapped)
{
	struct ls_handle *h;
	uint32_t done = 0;
	DWORD err;

	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hFile), (const void *)lpBuffer,
		 (unsigned long)nNumberOfBytesToWrite, (const void *)lpNumberOfBytesWritten, (const void *)lpOverlapped);
	if (!count_ok(lpNumberOfBytesWritten, lpOverlapped) || (lpOverlapped && ls_k32_bad_ptr(lpOverlapped)))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	h = ls_handle_get((intptr_t)hFile);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	if (lpOverlapped) {
		err = ov_xfer(h, 1, (void *)lpBuffer, nNumberOfBytesToWrite, lpOverlapped, NULL, 0, &done);
		if (lpNumberOfBytesWritten && err == ERROR_SUCCESS)
			*lpNumberOfBytesWritten = done;
	} else if (h->type == LS_HANDLE_SOCKET) {
		err = sock_write(h, lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten);
	} else {
		err = file_write(h, lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten);
	}
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(err == ERROR_SUCCESS ? TRUE : ls_k32_fail(err));
}

/* ReadFileEx/WriteFileEx: the routine is mandatory, hEvent is the application's, a port-bound
 * handle is refused (handles.md §3). TRUE when the I/O was queued or completed at once (the
 * routine runs in a later alertable wait either way); the last error is then ERROR_SUCCESS or a
 * warning (ERROR_MORE_DATA for a truncated datagram). */
static BOOL xfer_ex(HANDLE hFile, int writing, void *buf, DWORD n, LPOVERLAPPED ov,
		    LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
	struct ls_handle *h;
	uint32_t done;
	DWORD err;

	if (!routine || ls_k32_bad_ptr((const void *)routine))
		return ls_k32_fail(ERROR_INVALID_PARAMETER);
	if (ls_k32_bad_ptr(ov))
		return ls_k32_fail(ERROR_NOACCESS);
	h = ls_handle_get((intptr_t)hFile);
	if (!h)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	err = ov_xfer(h, writing, buf, n, ov, (void *)routine, 1, &done);
	ls_handle_put(h);
	if (err == ERROR_SUCCESS || err == ERROR_IO_PENDING || err == ERROR_MORE_DATA) {
		ls_lasterr_set(err == ERROR_MORE_DATA ? ERROR_MORE_DATA : ERROR_SUCCESS);
		return TRUE;
	}
	return ls_k32_fail(err);
}

BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPOVERLAPPED lpOverlapped,
		       LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hFile), (const void *)lpBuffer,
		 (unsigned long)nNumberOfBytesToRead, (const void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_BOOL(xfer_ex(hFile, 0, lpBuffer, nNumberOfBytesToRead, lpOverlapped, lpCompletionRoutine));
}

BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPOVERLAPPED lpOverlapped,
			LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hFile), (const void *)lpBuffer,
		 (unsigned long)nNumberOfBytesToWrite, (const void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	return LS_TRACE_RET_BOOL(xfer_ex(hFile, 1, (void *)lpBuffer, nNumberOfBytesToWrite, lpOverlapped,
				 lpCompletionRoutine));
}

/* ---- Names ---- */

/* Copies a caller's NUL-terminated string of unit-byte units into dst (cap units), page by page
 * so that a string ending just before an unmapped page is still read and a bad pointer is an
 * error, not a crash. Units before the terminator, -EFAULT, or -ENAMETOOLONG. */
static long str_in(void *dst, const void *user, size_t unit, size_t cap)
{
	const unsigned char *src = user;
	unsigned char *out = dst;
	size_t limit = unit * cap;

	if (ls_k32_bad_ptr(user))
		return -EFAULT;
	/* Probe one byte per page (a page readable at one byte is readable whole), then read the
	 * string itself up to its NUL: never past the caller's string (sanitizers would object). */
	for (size_t i = 0; i < limit; i++) {
		if (i == 0 || (((uintptr_t)src + i) & 4095) == 0) {
			if (ls_sys_copy_in(out + i, src + i, 1) != 0)
				return -EFAULT;
		} else {
			out[i] = src[i];
		}
		if ((i + 1) % unit == 0) {
			const unsigned char *u = out + i + 1 - unit;
			if (u[0] == 0 && (unit == 1 || u[1] == 0))
				return (long)(i / unit);
		}
	}
	return -ENAMETOOLONG;
}

/* A Windows path as Linux sees it: backslashes are separators, NUL is the null device. */
static void path_to_linux(char *p)
{
	if ((p[0] | 0x20) == 'n' && (p[1] | 0x20) == 'u' && (p[2] | 0x20) == 'l' && p[3] == 0) {
		strcpy(p, "/dev/null");
		return;
	}
	for (; *p; p++)
		if (*p == '\\')
			*p = '/';
}

/* The caller's path in dst (PATH_CAP bytes, UTF-8, Linux separators), or an ERROR_* code. A NULL
 * or empty name is ERROR_PATH_NOT_FOUND, as Windows says. */
static DWORD path_in_a(const char *user, char *dst)
{
	long n;

	if (!user)
		return ERROR_PATH_NOT_FOUND;
	n = str_in(dst, user, 1, PATH_CAP);
	if (n < 0)
		return n == -EFAULT ? ERROR_NOACCESS : ERROR_FILENAME_EXCED_RANGE;
	if (n == 0)
		return ERROR_PATH_NOT_FOUND;
	path_to_linux(dst);
	return ERROR_SUCCESS;
}

static DWORD path_in_w(const WCHAR *user, char *dst)
{
	uint16_t w[PATH_CAP];
	long n;

	if (!user)
		return ERROR_PATH_NOT_FOUND;
	n = str_in(w, user, 2, PATH_CAP);
	if (n < 0)
		return n == -EFAULT ? ERROR_NOACCESS : ERROR_FILENAME_EXCED_RANGE;
	if (n == 0)
		return ERROR_PATH_NOT_FOUND;
	if (ls_wstr_to_utf8(dst, PATH_CAP, w) > PATH_CAP)
		return ERROR_FILENAME_EXCED_RANGE;
	path_to_linux(dst);
	return ERROR_SUCCESS;
}

/* ENOENT names a missing file, or a missing directory on the way (Windows: ERROR_PATH_NOT_FOUND;
 * Linux says ENOENT for both): the parent directory tells which. */
static DWORD name_error(const char *path, long neg_errno)
{
	char parent[PATH_CAP];
	const char *slash = strrchr(path, '/');
	int kind;

	if (neg_errno != -ENOENT || !slash)
		return file_error(neg_errno, 0);
	if (slash == path)
		return ERROR_FILE_NOT_FOUND;	/* "/name": the root exists */
	memcpy(parent, path, (size_t)(slash - path));
	parent[slash - path] = 0;
	if (ls_sys_stat_kind(parent, &kind) != 0 || kind != LS_SYS_FT_DIR)
		return ERROR_PATH_NOT_FOUND;
	return ERROR_FILE_NOT_FOUND;
}

/* Reads a caller's SECURITY_ATTRIBUTES (optional): *inherit gets bInheritHandle. */
static DWORD sa_in(LPSECURITY_ATTRIBUTES user, int *inherit)
{
	SECURITY_ATTRIBUTES sa;

	*inherit = 0;
	if (!user)
		return ERROR_SUCCESS;
	if (ls_sys_copy_in(&sa, user, sizeof sa) != 0)
		return ERROR_NOACCESS;
	*inherit = sa.bInheritHandle != 0;
	return ERROR_SUCCESS;
}

/* A new FILE record for fd (consumed: closed on failure); the table keeps the only reference. */
static DWORD file_record(int fd, int inherit, int overlapped)
{
	struct ls_handle *h;
	int kind = LS_SYS_FT_OTHER;

	ls_sys_fstat(fd, &kind, NULL);
	h = ls_handle_new(fd, LS_HANDLE_FILE, inherit ? LS_HF_INHERIT : 0);
	if (!h) {
		ls_sys_close(fd);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	LS_K32_FILE_KIND(h) = kind;
	LS_K32_FILE_OVERLAPPED(h) = (uint8_t)(overlapped != 0);
	ls_handle_put(h);
	return ERROR_SUCCESS;
}

/* CreateFile on a Linux path. Share modes have no Linux counterpart and are not enforced. */
static HANDLE create_file(const char *path, DWORD access, LPSECURITY_ATTRIBUTES lpsa, DWORD disp, DWORD flags)
{
	int rd = (access & (GENERIC_READ | GENERIC_ALL | K32_FILE_READ_DATA | K32_MAXIMUM_ALLOWED)) != 0;
	int wr = (access & (GENERIC_WRITE | GENERIC_ALL | K32_FILE_WRITE_DATA | K32_FILE_APPEND_DATA |
			    K32_MAXIMUM_ALLOWED)) != 0;
	int base = (rd || !wr ? LS_SYS_O_READ : 0) | (wr ? LS_SYS_O_WRITE : 0) |
		   ((flags & FILE_FLAG_WRITE_THROUGH) ? LS_SYS_O_DSYNC : 0);
	unsigned int mode = (flags & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
	int inherit, fd, kind, existed = 0;
	DWORD err;

	err = sa_in(lpsa, &inherit);
	if (err != ERROR_SUCCESS)
		return fail_handle(err);
	switch (disp) {
	case CREATE_NEW:
		fd = ls_sys_open(path, base | LS_SYS_O_CREAT | LS_SYS_O_EXCL, mode);
		break;
	case CREATE_ALWAYS:
	case OPEN_ALWAYS:
		/* Windows reports whether the file was there (ERROR_ALREADY_EXISTS on success): create
		 * exclusively first, else open what exists; retry if it vanishes in between. */
		for (int tries = 0;; tries++) {
			fd = ls_sys_open(path, base | LS_SYS_O_CREAT | LS_SYS_O_EXCL, mode);
			if (fd != -EEXIST || tries == 8)
				break;
			fd = ls_sys_open(path, base | (disp == CREATE_ALWAYS ? LS_SYS_O_TRUNC : 0), mode);
			existed = 1;
			if (fd != -ENOENT)
				break;
			existed = 0;
		}
		break;
	case OPEN_EXISTING:
		fd = ls_sys_open(path, base, 0);
		break;
	case TRUNCATE_EXISTING:
		/* CreateFile docs: the file must be opened with GENERIC_WRITE. */
		if (!wr)
			return fail_handle(ERROR_INVALID_PARAMETER);
		fd = ls_sys_open(path, base | LS_SYS_O_TRUNC, 0);
		break;
	default:
		return fail_handle(ERROR_INVALID_PARAMETER);
	}
	if (fd < 0)
		return fail_handle(name_error(path, fd));
	/* Windows opens a directory only with FILE_FLAG_BACKUP_SEMANTICS (else access denied). */
	if (ls_sys_fstat(fd, &kind, NULL) == 0 && kind == LS_SYS_FT_DIR && !(flags & K32_FILE_FLAG_BACKUP_SEMANTICS)) {
		ls_sys_close(fd);
		return fail_handle(ERROR_ACCESS_DENIED);
	}
	err = file_record(fd, inherit, (flags & FILE_FLAG_OVERLAPPED) != 0);
	if (err != ERROR_SUCCESS)
		return fail_handle(err);
	/* CreateFile docs: ERROR_ALREADY_EXISTS when CREATE_ALWAYS/OPEN_ALWAYS found the file, else 0. */
	ls_lasterr_set(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return (HANDLE)(intptr_t)fd;
}

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	char path[PATH_CAP];
	DWORD err;

	LS_TRACE_CALL("%s, %s, %s, %p, %s, %s, %s", ls_trace_str(lpFileName), ls_trace_access(dwDesiredAccess),
		 ls_trace_share(dwShareMode), (const void *)lpSecurityAttributes, ls_trace_disposition(dwCreationDisposition),
		 ls_trace_file_flags(dwFlagsAndAttributes), ls_trace_handle(hTemplateFile));
	(void)dwShareMode;
	(void)hTemplateFile;
	err = path_in_a(lpFileName, path);
	if (err != ERROR_SUCCESS)
		return LS_TRACE_RET_HANDLE(fail_handle(err));
	return LS_TRACE_RET_HANDLE(create_file(path, dwDesiredAccess, lpSecurityAttributes,
				 dwCreationDisposition, dwFlagsAndAttributes));
}

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	char path[PATH_CAP];
	DWORD err;

	LS_TRACE_CALL("%s, %s, %s, %p, %s, %s, %s", ls_trace_wstr((const uint16_t *)lpFileName),
		 ls_trace_access(dwDesiredAccess), ls_trace_share(dwShareMode), (const void *)lpSecurityAttributes,
		 ls_trace_disposition(dwCreationDisposition), ls_trace_file_flags(dwFlagsAndAttributes),
		 ls_trace_handle(hTemplateFile));
	(void)dwShareMode;
	(void)hTemplateFile;
	err = path_in_w(lpFileName, path);
	if (err != ERROR_SUCCESS)
		return LS_TRACE_RET_HANDLE(fail_handle(err));
	return LS_TRACE_RET_HANDLE(create_file(path, dwDesiredAccess, lpSecurityAttributes,
				 dwCreationDisposition, dwFlagsAndAttributes));
}

static BOOL delete_file(const char *path)
{
	int r = ls_sys_unlink(path);

	if (r == 0)
		return TRUE;
	/* Linux says EISDIR (or EPERM) for a directory; Windows ERROR_ACCESS_DENIED. */
	return ls_k32_fail(name_error(path, r));
}

BOOL WINAPI DeleteFileA(LPCSTR lpFileName)
{
	char path[PATH_CAP];
	DWORD err;

	LS_TRACE_CALL("%s", ls_trace_str(lpFileName));
	err = path_in_a(lpFileName, path);
	return LS_TRACE_RET_BOOL(err != ERROR_SUCCESS ? ls_k32_fail(err) : delete_file(path));
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
	char path[PATH_CAP];
	DWORD err;

	LS_TRACE_CALL("%s", ls_trace_wstr((const uint16_t *)lpFileName));
	err = path_in_w(lpFileName, path);
	return LS_TRACE_RET_BOOL(err != ERROR_SUCCESS ? ls_k32_fail(err) : delete_file(path));
}

/* ---- Pipes and standard handles ---- */

BOOL WINAPI CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe, LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize)
{
	HANDLE pair[2];
	int fds[2], inherit, r;
	DWORD err;

	LS_TRACE_CALL("%p, %p, %p, %lu", (const void *)hReadPipe, (const void *)hWritePipe,
		 (const void *)lpPipeAttributes, (unsigned long)nSize);
	if (ls_k32_bad_ptr(hReadPipe) || ls_k32_bad_ptr(hWritePipe))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	err = sa_in(lpPipeAttributes, &inherit);
	if (err != ERROR_SUCCESS)
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	r = ls_sys_pipe(fds);
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(file_error(r, 0)));
	/* nSize is a suggestion on Windows too; 0 means the default. */
	if (nSize > 0 && nSize <= INT_MAX)
		ls_sys_set_pipe_size(fds[1], (int)nSize);
	err = file_record(fds[0], inherit, 0);
	if (err != ERROR_SUCCESS) {
		ls_sys_close(fds[1]);
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	}
	err = file_record(fds[1], inherit, 0);
	if (err != ERROR_SUCCESS) {
		ls_handle_close(fds[0], LS_HANDLE_FILE);
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	}
	pair[0] = (HANDLE)(intptr_t)fds[0];
	pair[1] = (HANDLE)(intptr_t)fds[1];
	if (ls_sys_copy_out(hReadPipe, &pair[0], sizeof pair[0]) != 0 ||
	    ls_sys_copy_out(hWritePipe, &pair[1], sizeof pair[1]) != 0) {
		ls_handle_close(fds[0], LS_HANDLE_FILE);
		ls_handle_close(fds[1], LS_HANDLE_FILE);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	}
	return LS_TRACE_RET_BOOL(TRUE);
}

/* Standard handles: fds 0-2 cannot be HANDLEs as they are (fd 0 would be NULL), so each is a
 * duplicate above 2, made once and returned on every call, as Windows returns the same stored
 * value. Closing it is allowed; the stale value is then returned, as on Windows. */
static _Atomic(intptr_t) std_handles[3];

HANDLE WINAPI GetStdHandle(DWORD nStdHandle)
{
	intptr_t cached = 0;
	int i, fd;
	DWORD err;

	LS_TRACE_CALL("%s", ls_trace_std_handle(nStdHandle));
	switch (nStdHandle) {
	case STD_INPUT_HANDLE: i = 0; break;
	case STD_OUTPUT_HANDLE: i = 1; break;
	case STD_ERROR_HANDLE: i = 2; break;
	default:
		return LS_TRACE_RET_HANDLE(fail_handle(ERROR_INVALID_HANDLE));
	}
	cached = atomic_load_explicit(&std_handles[i], memory_order_acquire);
	if (cached)
		return LS_TRACE_RET_HANDLE((HANDLE)cached);
	/* GetStdHandle docs: a process without that standard handle gets NULL. */
	if (!ls_sys_fd_valid(i))
		return LS_TRACE_RET_HANDLE(NULL);
	fd = ls_sys_dup(i);
	if (fd < 0)
		return LS_TRACE_RET_HANDLE(fail_handle(file_error(fd, 0)));
	err = file_record(fd, 0, 0);
	if (err != ERROR_SUCCESS)
		return LS_TRACE_RET_HANDLE(fail_handle(err));
	if (!atomic_compare_exchange_strong(&std_handles[i], &cached, (intptr_t)fd)) {
		ls_handle_close(fd, LS_HANDLE_FILE);	/* another thread won */
		return LS_TRACE_RET_HANDLE((HANDLE)cached);
	}
	return LS_TRACE_RET_HANDLE((HANDLE)(intptr_t)fd);
}

/* ---- Queries ---- */

DWORD WINAPI GetFileType(HANDLE hFile)
{
	struct ls_handle *h;
	DWORD t = FILE_TYPE_UNKNOWN;

	LS_TRACE_CALL("%s", ls_trace_handle(hFile));
	h = ls_handle_get((intptr_t)hFile);
	if (!h) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_UINT(FILE_TYPE_UNKNOWN);
	}
	if (h->type == LS_HANDLE_SOCKET) {
		t = FILE_TYPE_PIPE;	/* Windows: a socket is a named-pipe-like device */
	} else if (h->type == LS_HANDLE_FILE) {
		switch (LS_K32_FILE_KIND(h)) {
		case LS_SYS_FT_REG:
		case LS_SYS_FT_DIR:
		case LS_SYS_FT_BLK:
			t = FILE_TYPE_DISK;
			break;
		case LS_SYS_FT_CHR:
			t = FILE_TYPE_CHAR;
			break;
		case LS_SYS_FT_FIFO:
		case LS_SYS_FT_SOCK:
			t = FILE_TYPE_PIPE;
			break;
		}
		/* GetFileType docs: an unknown type that is no failure leaves NO_ERROR. */
		if (t == FILE_TYPE_UNKNOWN)
			ls_lasterr_set(ERROR_SUCCESS);
	} else {
		ls_lasterr_set(ERROR_INVALID_HANDLE);	/* threads, events: no file object */
	}
	ls_handle_put(h);
	return LS_TRACE_RET_UINT(t);
}

/* A FILE record for a call that needs one, or NULL with *err set. Sockets are answered by the
 * caller. */
static struct ls_handle *get_file(HANDLE hFile, DWORD *err)
{
	struct ls_handle *h = ls_handle_get((intptr_t)hFile);

	*err = ERROR_INVALID_HANDLE;
	if (h && h->type != LS_HANDLE_FILE && h->type != LS_HANDLE_SOCKET) {
		ls_handle_put(h);
		h = NULL;
	}
	return h;
}

BOOL WINAPI FlushFileBuffers(HANDLE hFile)
{
	struct ls_handle *h;
	DWORD err;
	int r = 0;

	LS_TRACE_CALL("%s", ls_trace_handle(hFile));
	h = get_file(hFile, &err);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	/* Sockets, pipes and devices keep nothing above the kernel: fsync's EINVAL there means
	 * there is nothing to flush. */
	if (h->type == LS_HANDLE_FILE)
		r = ls_sys_fsync(h->fd);
	ls_handle_put(h);
	if (r < 0 && r != -EINVAL && r != -EROFS)
		return LS_TRACE_RET_BOOL(ls_k32_fail(file_error(r, 1)));
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
	struct ls_handle *h;
	LARGE_INTEGER size;
	int64_t n = 0;
	int kind = LS_SYS_FT_SOCK, r = 0;
	DWORD err;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hFile), (const void *)lpFileSize);
	h = get_file(hFile, &err);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	if (h->type == LS_HANDLE_FILE)
		r = ls_sys_fstat(h->fd, &kind, &n);
	ls_handle_put(h);
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(file_error(r, 0)));
	/* Only disk files have a size; pipes, sockets and devices do not support the query. */
	if (kind != LS_SYS_FT_REG && kind != LS_SYS_FT_DIR && kind != LS_SYS_FT_BLK)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_FUNCTION));
	size.QuadPart = n;
	if (ls_sys_copy_out(lpFileSize, &size, sizeof size) != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer,
			     DWORD dwMoveMethod)
{
	struct ls_handle *h;
	LARGE_INTEGER pos;
	int64_t r;
	DWORD err;

	LS_TRACE_CALL("%s, %lld, %p, %s", ls_trace_handle(hFile), (long long)liDistanceToMove.QuadPart,
		 (const void *)lpNewFilePointer, ls_trace_move_method(dwMoveMethod));
	h = get_file(hFile, &err);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	if (dwMoveMethod > FILE_END) {
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	}
	if (lpNewFilePointer && ls_k32_bad_ptr(lpNewFilePointer)) {
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	}
	/* FILE_BEGIN/CURRENT/END are SEEK_SET/CUR/END's values. */
	r = ls_sys_lseek(h->fd, liDistanceToMove.QuadPart, (int)dwMoveMethod);
	ls_handle_put(h);
	if (r == -EINVAL)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NEGATIVE_SEEK));	/* the only EINVAL left: before the start */
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(file_error(r, 0)));
	pos.QuadPart = r;
	if (lpNewFilePointer && ls_sys_copy_out(lpNewFilePointer, &pos, sizeof pos) != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	return LS_TRACE_RET_BOOL(TRUE);
}
