/* kernel32/threadprio: SetThreadPriority, GetThreadPriority.
 *
 * Linux gives an unprivileged process no way to raise a thread's priority and Windows
 * programs set priorities as hints, so the value is remembered per thread handle and not
 * applied (docs/design.md M): GetThreadPriority returns what was set (NORMAL at first).
 * Windows' checks are kept: a value outside the accepted set is ERROR_INVALID_PARAMETER, a
 * handle that is no thread ERROR_INVALID_HANDLE (THREAD_PRIORITY_ERROR_RETURN from Get). */
#include <windows.h>

#include <stdatomic.h>

#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../handle/handle.h"

/* Priorities by thread handle value (fd); 0 means NORMAL. The current thread's pseudo-handle
 * has its own per-thread slot. Known limits: a duplicated handle does not share the value, and
 * a handle value reused for a new thread after CloseHandle reports the old thread's. */
#define SLOTS 4096
static _Atomic int prio_by_fd[SLOTS];
static __thread int prio_self;

static int valid_priority(int p)
{
	switch (p) {
	case THREAD_PRIORITY_IDLE:
	case THREAD_PRIORITY_LOWEST:
	case THREAD_PRIORITY_BELOW_NORMAL:
	case THREAD_PRIORITY_NORMAL:
	case THREAD_PRIORITY_ABOVE_NORMAL:
	case THREAD_PRIORITY_HIGHEST:
	case THREAD_PRIORITY_TIME_CRITICAL:
	case THREAD_MODE_BACKGROUND_BEGIN:
	case THREAD_MODE_BACKGROUND_END:
		return 1;
	}
	return 0;
}

/* 1 if h names a thread: the pseudo-handle, or a live thread record. */
static int is_thread(HANDLE h)
{
	struct ls_handle *r;

	if (h == GetCurrentThread())
		return 1;
	r = ls_handle_get_type((intptr_t)h, LS_HANDLE_THREAD);
	if (!r)
		return 0;
	ls_handle_put(r);
	return 1;
}

BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority)
{
	intptr_t fd = (intptr_t)hThread;

	LS_TRACE_CALL("%s, %s", ls_trace_handle(hThread), ls_trace_thread_priority(nPriority));
	if (!is_thread(hThread)) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	if (!valid_priority(nPriority)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	/* Background mode changes scheduling class, not the priority value. */
	if (nPriority == THREAD_MODE_BACKGROUND_BEGIN || nPriority == THREAD_MODE_BACKGROUND_END)
		return LS_TRACE_RET_BOOL(TRUE);
	if (hThread == GetCurrentThread())
		prio_self = nPriority;
	else if (fd >= 0 && fd < SLOTS)
		atomic_store(&prio_by_fd[fd], nPriority);
	return LS_TRACE_RET_BOOL(TRUE);
}

int WINAPI GetThreadPriority(HANDLE hThread)
{
	intptr_t fd = (intptr_t)hThread;

	LS_TRACE_CALL("%s", ls_trace_handle(hThread));
	if (!is_thread(hThread)) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_SINT(THREAD_PRIORITY_ERROR_RETURN);
	}
	if (hThread == GetCurrentThread())
		return LS_TRACE_RET_SINT(prio_self);
	return LS_TRACE_RET_SINT(fd >= 0 && fd < SLOTS ? atomic_load(&prio_by_fd[fd]) : THREAD_PRIORITY_NORMAL);
}
