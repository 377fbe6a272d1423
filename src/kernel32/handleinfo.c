/* kernel32/handleinfo: GetHandleInformation, SetHandleInformation, DuplicateHandle,
 * GetCurrentProcess (spec handles.md §8-9).
 *
 * The handle flags live in the object record (LS_HF_INHERIT, LS_HF_PROTECT). Duplication is
 * within this process only: linsock has no process objects, so the one process handle is
 * GetCurrentProcess()'s pseudo-handle and any other value is not a process handle at all
 * (Windows' answer for that: ERROR_INVALID_HANDLE). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../engine/engine.h"
#include "../handle/handle.h"

#include <stdatomic.h>

#define K32_CURRENT_PROCESS ((HANDLE)(LONG_PTR)-1)
#define K32_DUPLICATE_SAME_ATTRIBUTES 0x4	/* NtDuplicateObject: keep the source's flags */
#define HANDLE_FLAGS (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE)

_Static_assert(HANDLE_FLAG_INHERIT == LS_HF_INHERIT, "record flags are Windows' values");
_Static_assert(HANDLE_FLAG_PROTECT_FROM_CLOSE == LS_HF_PROTECT, "record flags are Windows' values");

HANDLE WINAPI GetCurrentProcess(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_HEX(K32_CURRENT_PROCESS);
}

BOOL WINAPI GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)
{
	struct ls_handle *h;
	DWORD flags;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hObject), (const void *)lpdwFlags);
	h = ls_handle_get((intptr_t)hObject);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	flags = atomic_load(&h->flags) & HANDLE_FLAGS;
	ls_handle_put(h);
	if (ls_sys_copy_out(lpdwFlags, &flags, sizeof flags) != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags)
{
	struct ls_handle *h;
	unsigned int old, new;

	LS_TRACE_CALL("%s, %s, %s", ls_trace_handle(hObject), ls_trace_handle_flags(dwMask),
		 ls_trace_handle_flags(dwFlags));
	h = ls_handle_get((intptr_t)hObject);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	/* Only the bits in dwMask change; bits other than the two handle flags are ignored. */
	dwMask &= HANDLE_FLAGS;
	old = atomic_load(&h->flags);
	do
		new = (old & ~dwMask) | (dwFlags & dwMask);
	while (!atomic_compare_exchange_weak(&h->flags, &old, new));
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(TRUE);
}

/* A new record for a duplicate of h's object: a new fd sharing the open file description (so
 * the socket, the file offset, O_NONBLOCK are shared, as Windows shares the file object), with
 * linsock's per-record state copied. *err on failure. */
static int dup_record(struct ls_handle *h, unsigned int flags, DWORD *err)
{
	struct ls_handle *n;
	int fd;

	/* Thread and event records own private state (kernel32/thread.c); their duplication is
	 * not implemented. */
	if (h->type != LS_HANDLE_SOCKET && h->type != LS_HANDLE_FILE) {
		*err = ERROR_NOT_SUPPORTED;
		return -1;
	}
	fd = ls_sys_dup(h->fd);
	if (fd < 0) {
		*err = ERROR_TOO_MANY_OPEN_FILES;
		return -1;
	}
	n = ls_handle_new(fd, h->type, flags);
	if (!n) {
		ls_sys_close(fd);
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return -1;
	}
	/* Copied, not shared: a later FIONBIO, shutdown or option set through one handle updates
	 * only that record's view (the kernel's O_NONBLOCK is shared regardless). The copy gets no
	 * destroy hook: the provider's close-time work (SO_REUSEADDR for TIME_WAIT, a deferred
	 * accept) belongs to the source record, and running it while the other fd keeps the socket
	 * alive would be wrong. */
	n->u = h->u;
	if (n->type == LS_HANDLE_SOCKET)
		n->u.sock.deferred_fd = 0;
	/* One socket behind both: pending I/O is cancelled only by the last close (engine). */
	if (ls_engine_dup_link(h, n) != 0) {
		ls_handle_close(fd, 0);
		ls_handle_put(n);
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return -1;
	}
	ls_handle_put(n);
	return fd;
}

BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
			    LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
{
	struct ls_handle *h;
	DWORD err = ERROR_SUCCESS;
	unsigned int flags, src_flags;
	HANDLE out;
	int fd = -1, src_type;

	LS_TRACE_CALL("%s, %s, %s, %p, %lu, %s, %s", ls_trace_handle(hSourceProcessHandle),
		 ls_trace_handle(hSourceHandle), ls_trace_handle(hTargetProcessHandle), (const void *)lpTargetHandle,
		 (unsigned long)dwDesiredAccess, ls_trace_bool(bInheritHandle), ls_trace_dup_options(dwOptions));
	(void)dwDesiredAccess;	/* access rights are not tracked: every duplicate has the same access */
	/* Another process would need the object imported there (spec handles.md §8): linsock has
	 * no handle naming another process, so such a value is simply not a process handle. */
	if (hSourceProcessHandle != K32_CURRENT_PROCESS || hTargetProcessHandle != K32_CURRENT_PROCESS)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	h = ls_handle_get((intptr_t)hSourceHandle);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	src_flags = atomic_load(&h->flags);
	src_type = h->type;
	if (lpTargetHandle && ls_k32_bad_ptr(lpTargetHandle)) {
		err = ERROR_NOACCESS;
	} else if (lpTargetHandle) {
		/* The duplicate's inheritance is bInheritHandle; protection is not carried over
		 * unless DUPLICATE_SAME_ATTRIBUTES asks for the source's flags. */
		flags = bInheritHandle ? LS_HF_INHERIT : 0;
		if (dwOptions & K32_DUPLICATE_SAME_ATTRIBUTES)
			flags = src_flags & HANDLE_FLAGS;
		fd = dup_record(h, flags, &err);
	}
	ls_handle_put(h);
	/* DuplicateHandle docs: DUPLICATE_CLOSE_SOURCE closes the source even if an error occurs
	 * (as CloseHandle would: a protected handle stays). */
	if ((dwOptions & DUPLICATE_CLOSE_SOURCE) && !(src_flags & LS_HF_PROTECT))
		ls_handle_close((intptr_t)hSourceHandle, src_type);
	if (err != ERROR_SUCCESS)
		return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	if (lpTargetHandle) {
		out = (HANDLE)(intptr_t)fd;
		if (ls_sys_copy_out(lpTargetHandle, &out, sizeof out) != 0) {
			ls_handle_close(fd, 0);
			return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
		}
	}
	return LS_TRACE_RET_BOOL(TRUE);
}
