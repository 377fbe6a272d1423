/* kernel32/sync: CreateSemaphoreA/W, ReleaseSemaphore, CreateMutexA/W, ReleaseMutex. Both are
 * eventfds readable while signalled (a semaphore while its count is above 0, a mutex while
 * unowned); counts, owners and abandonment live in src/wait (docs/design.md W). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

static HANDLE create_semaphore(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, const void *name, int wide)
{
	struct ls_handle *h;
	uint32_t err;
	int fd;

	/* Windows: 0 < max, 0 <= initial <= max, else ERROR_INVALID_PARAMETER. */
	if (max <= 0 || initial < 0 || initial > max) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (ls_k32_named(name, wide)) {
		ls_lasterr_set(ERROR_NOT_SUPPORTED);
		return NULL;
	}
	fd = ls_wait_obj_open(LS_HANDLE_SEMAPHORE, LS_WAIT_SEMAPHORE, initial, max, ls_k32_sa_flags(sa), &h, &err);
	if (fd < 0) {
		ls_lasterr_set(err);
		return NULL;
	}
	ls_handle_put(h);
	ls_lasterr_set(0);
	return (HANDLE)(intptr_t)fd;
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCSTR lpName)
{
	LS_TRACE_CALL("%p, %ld, %ld, %s", (const void *)lpSemaphoreAttributes, (long)lInitialCount,
		 (long)lMaximumCount, ls_trace_str(lpName));
	return LS_TRACE_RET_HANDLE(create_semaphore(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName, 0));
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
			       LONG lMaximumCount, LPCWSTR lpName)
{
	LS_TRACE_CALL("%p, %ld, %ld, %s", (const void *)lpSemaphoreAttributes, (long)lInitialCount,
		 (long)lMaximumCount, ls_trace_wstr((const uint16_t *)lpName));
	return LS_TRACE_RET_HANDLE(create_semaphore(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName, 1));
}

BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)
{
	struct ls_handle *h;
	struct ls_wait_obj *o;
	int32_t prev = 0;
	int r;

	LS_TRACE_CALL("%s, %ld, %p", ls_trace_handle(hSemaphore), (long)lReleaseCount, (const void *)lpPreviousCount);
	h = ls_handle_get_type((intptr_t)hSemaphore, LS_HANDLE_SEMAPHORE);
	o = h ? ls_wait_obj_from_handle(h) : NULL;
	if (!o) {
		if (h)
			ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	}
	if (lReleaseCount <= 0) {
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	}
	r = ls_wait_semaphore_release(o, lReleaseCount, &prev);
	ls_handle_put(h);
	/* The previous count is reported even when the release fails (ERROR_TOO_MANY_POSTS). */
	if (lpPreviousCount && ls_sys_copy_out(lpPreviousCount, &prev, sizeof prev) != 0 && r == 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	if (r != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_TOO_MANY_POSTS));
	return LS_TRACE_RET_BOOL(TRUE);
}

static HANDLE create_mutex(LPSECURITY_ATTRIBUTES sa, BOOL owned, const void *name, int wide)
{
	struct ls_handle *h;
	uint32_t err;
	int fd;

	if (ls_k32_named(name, wide)) {
		ls_lasterr_set(ERROR_NOT_SUPPORTED);
		return NULL;
	}
	fd = ls_wait_obj_open(LS_HANDLE_MUTEX, LS_WAIT_MUTEX, owned ? 0 : 1, 0, ls_k32_sa_flags(sa), &h, &err);
	if (fd < 0) {
		ls_lasterr_set(err);
		return NULL;
	}
	if (owned)
		ls_wait_mutex_own_initial(ls_wait_obj_from_handle(h), h);
	ls_handle_put(h);
	ls_lasterr_set(0);
	return (HANDLE)(intptr_t)fd;
}

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner, LPCSTR lpName)
{
	LS_TRACE_CALL("%p, %s, %s", (const void *)lpMutexAttributes, ls_trace_bool(bInitialOwner),
		 ls_trace_str(lpName));
	return LS_TRACE_RET_HANDLE(create_mutex(lpMutexAttributes, bInitialOwner, lpName, 0));
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner, LPCWSTR lpName)
{
	LS_TRACE_CALL("%p, %s, %s", (const void *)lpMutexAttributes, ls_trace_bool(bInitialOwner),
		 ls_trace_wstr((const uint16_t *)lpName));
	return LS_TRACE_RET_HANDLE(create_mutex(lpMutexAttributes, bInitialOwner, lpName, 1));
}

BOOL WINAPI ReleaseMutex(HANDLE hMutex)
{
	struct ls_handle *h;
	struct ls_wait_obj *o;
	int r;

	LS_TRACE_CALL("%s", ls_trace_handle(hMutex));
	h = ls_handle_get_type((intptr_t)hMutex, LS_HANDLE_MUTEX);
	o = h ? ls_wait_obj_from_handle(h) : NULL;
	if (!o) {
		if (h)
			ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	}
	r = ls_wait_mutex_release(o);
	ls_handle_put(h);
	if (r != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_OWNER));
	return LS_TRACE_RET_BOOL(TRUE);
}
