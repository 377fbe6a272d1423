/* kernel32/wait: WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), Sleep, SleepEx.
 * Every waitable object is an fd that is readable while signalled (DESIGN §1), so a wait is one
 * poll; alertable waits add the thread's APC eventfd. The mechanism is src/wait's
 * (docs/design.md W); these are the Windows faces of ls_wait_handles. */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../wait/wait.h"

static DWORD wait_handles(DWORD n, const HANDLE *handles, BOOL all, DWORD ms, BOOL alertable)
{
	intptr_t v[MAXIMUM_WAIT_OBJECTS];
	uint32_t err = 0;
	DWORD r;

	if (n == 0 || n > MAXIMUM_WAIT_OBJECTS || !handles) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	/* The array is the caller's: copy it safely (Windows answers ERROR_NOACCESS). */
	if (ls_sys_copy_in(v, handles, n * sizeof v[0]) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return WAIT_FAILED;
	}
	r = ls_wait_handles(n, v, all != FALSE, ms, alertable != FALSE, &err);
	if (r == WAIT_FAILED)
		ls_lasterr_set(err);
	return r;
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
	LS_TRACE_CALL("%s, %s, %s", ls_trace_handle(hHandle), ls_trace_timeout(dwMilliseconds),
		 ls_trace_bool(bAlertable));
	return LS_TRACE_RET_WAIT(wait_handles(1, &hHandle, FALSE, dwMilliseconds, bAlertable));
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
	LS_TRACE_CALL("%s, %s", ls_trace_handle(hHandle), ls_trace_timeout(dwMilliseconds));
	return LS_TRACE_RET_WAIT(wait_handles(1, &hHandle, FALSE, dwMilliseconds, FALSE));
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
				      DWORD dwMilliseconds, BOOL bAlertable)
{
	LS_TRACE_CALL("%lu, %s, %s, %s, %s", (unsigned long)nCount, ls_trace_handles(lpHandles, nCount),
		 ls_trace_bool(bWaitAll), ls_trace_timeout(dwMilliseconds), ls_trace_bool(bAlertable));
	return LS_TRACE_RET_WAIT(wait_handles(nCount, lpHandles, bWaitAll, dwMilliseconds, bAlertable));
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds)
{
	LS_TRACE_CALL("%lu, %s, %s, %s", (unsigned long)nCount, ls_trace_handles(lpHandles, nCount),
		 ls_trace_bool(bWaitAll), ls_trace_timeout(dwMilliseconds));
	return LS_TRACE_RET_WAIT(wait_handles(nCount, lpHandles, bWaitAll, dwMilliseconds, FALSE));
}

/* 0 when the time elapsed, WAIT_IO_COMPLETION when APCs ran (alertable only). */
DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
	uint32_t err = 0;
	DWORD r;

	LS_TRACE_CALL("%s, %s", ls_trace_timeout(dwMilliseconds), ls_trace_bool(bAlertable));
	if (!bAlertable) {
		if (dwMilliseconds == INFINITE) {
			for (;;)
				ls_sys_sleep_ms(3600000u);
		}
		if (dwMilliseconds == 0)
			ls_sys_yield();	/* Windows: give up the rest of the time slice */
		else
			ls_sys_sleep_ms(dwMilliseconds);
		return LS_TRACE_RET_WAIT(0);
	}
	r = ls_wait_handles(0, NULL, FALSE, dwMilliseconds, TRUE, &err);
	if (r == WAIT_IO_COMPLETION)
		return LS_TRACE_RET_WAIT(r);
	if (r == WAIT_FAILED)	/* no memory for the thread's APC state: sleep without APCs */
		ls_sys_sleep_ms(dwMilliseconds == INFINITE ? 0 : dwMilliseconds);
	else if (dwMilliseconds == 0)
		ls_sys_yield();
	return LS_TRACE_RET_WAIT(0);
}

void WINAPI Sleep(DWORD dwMilliseconds)
{
	LS_TRACE_CALL("%s", ls_trace_timeout(dwMilliseconds));
	SleepEx(dwMilliseconds, FALSE);
}
