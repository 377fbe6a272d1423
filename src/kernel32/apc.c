/* kernel32/apc: QueueUserAPC. An APC runs on its target thread, in FIFO order, only inside an
 * alertable wait (SleepEx, WaitFor*Ex, WSAWaitForMultipleEvents with the flag set), which then
 * returns WAIT_IO_COMPLETION (spec handles.md §4). The queue is src/wait's. */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

static void call_user_apc(uintptr_t fn, uintptr_t data, uintptr_t c, uintptr_t d)
{
	(void)c;
	(void)d;
	((PAPCFUNC)fn)((ULONG_PTR)data);
}

DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData)
{
	struct ls_handle *h = NULL;
	struct ls_wait_thread *t;
	int r;

	LS_TRACE_CALL("%p, %s, %#lx", (void *)(uintptr_t)pfnAPC, ls_trace_handle(hThread), (unsigned long)dwData);
	if ((intptr_t)hThread == -2) {
		/* GetCurrentThread(): the calling thread, whoever started it. */
		t = ls_wait_thread_current();
		if (!t) {
			ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
			return LS_TRACE_RET_COUNT(0);
		}
	} else {
		h = ls_handle_get_type((intptr_t)hThread, LS_HANDLE_THREAD);
		t = h && h->u.wait.obj ? ls_wait_obj_thread(h->u.wait.obj) : NULL;
		if (!t) {
			if (h)
				ls_handle_put(h);
			ls_lasterr_set(ERROR_INVALID_HANDLE);
			return LS_TRACE_RET_COUNT(0);
		}
	}
	/* A NULL routine would only crash the target later; refuse it here. */
	if (!pfnAPC) {
		if (h)
			ls_handle_put(h);
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	r = ls_wait_apc_queue(t, call_user_apc, (uintptr_t)pfnAPC, (uintptr_t)dwData, 0, 0);
	if (h)
		ls_handle_put(h);
	if (r != 0) {
		/* The thread has ended (Windows refuses APCs to a terminated thread). */
		ls_lasterr_set(r == -2 ? ERROR_NOT_ENOUGH_MEMORY : ERROR_GEN_FAILURE);
		return LS_TRACE_RET_COUNT(0);
	}
	return LS_TRACE_RET_COUNT(1);
}
