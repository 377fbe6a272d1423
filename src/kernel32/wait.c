/* kernel32/wait: WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), Sleep, SleepEx.
 * Every waitable object is an fd that is readable while signalled (DESIGN §1), so a wait is one
 * poll. This covers thread handles now; events, semaphores, ports and APC delivery in alertable
 * waits come with the async engine, which will extend this file. */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../handle/handle.h"

static DWORD wait_objects(DWORD n, const HANDLE *handles, BOOL all, DWORD ms)
{
	int fds[MAXIMUM_WAIT_OBJECTS], ready[MAXIMUM_WAIT_OBJECTS];
	uint64_t deadline = ms == INFINITE ? 0 : ls_sys_now_ns() + (uint64_t)ms * 1000000u;

	if (n == 0 || n > MAXIMUM_WAIT_OBJECTS || !handles) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	for (DWORD i = 0; i < n; i++) {
		struct ls_handle *h = ls_handle_get((intptr_t)handles[i]);
		/* Sockets are not waitable objects; a thread handle is. */
		if (!h || h->type != LS_HANDLE_THREAD) {
			if (h)
				ls_handle_put(h);
			ls_lasterr_set(ERROR_INVALID_HANDLE);
			return WAIT_FAILED;
		}
		fds[i] = h->fd;
		ls_handle_put(h);
	}
	for (;;) {
		int timeout = -1, r, count = 0;
		if (ms != INFINITE) {
			uint64_t now = ls_sys_now_ns();
			timeout = now >= deadline ? 0 : (int)((deadline - now + 999999u) / 1000000u);
		}
		r = ls_sys_poll_in(fds, (int)n, ready, timeout);
		if (r < 0) {
			ls_lasterr_set(ERROR_INVALID_HANDLE);
			return WAIT_FAILED;
		}
		for (DWORD i = 0; i < n; i++) {
			if (ready[i] && !all)
				return WAIT_OBJECT_0 + i;
			count += ready[i];
		}
		if (all && count == (int)n)
			return WAIT_OBJECT_0;
		if (r == 0 || timeout == 0)
			return WAIT_TIMEOUT;
		/* Wait-all with some objects signalled: thread handles stay signalled, so wait
		 * again on the whole set until all are. */
		if (all)
			ls_sys_sleep_ms(1);
	}
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
	LS_TRACE("h=%p ms=%u alertable=%d", hHandle, (unsigned)dwMilliseconds, bAlertable);
	return wait_objects(1, &hHandle, FALSE, dwMilliseconds);
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
	return WaitForSingleObjectEx(hHandle, dwMilliseconds, FALSE);
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				      DWORD dwMilliseconds, BOOL bAlertable)
{
	LS_TRACE("n=%u all=%d ms=%u alertable=%d", (unsigned)nCount, bWaitAll, (unsigned)dwMilliseconds,
		 bAlertable);
	return wait_objects(nCount, lpHandles, bWaitAll, dwMilliseconds);
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds)
{
	return WaitForMultipleObjectsEx(nCount, lpHandles, bWaitAll, dwMilliseconds, FALSE);
}

DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
	(void)bAlertable;
	if (dwMilliseconds == INFINITE) {
		for (;;)
			ls_sys_sleep_ms(3600000u);
	}
	ls_sys_sleep_ms(dwMilliseconds);
	return 0;
}

void WINAPI Sleep(DWORD dwMilliseconds)
{
	SleepEx(dwMilliseconds, FALSE);
}
