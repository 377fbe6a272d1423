/* kernel32/overlapped: GetOverlappedResult, GetOverlappedResultEx, CancelIo, CancelIoEx
 * (spec handles.md §4-5, data-transfer.md §11). The OVERLAPPED is the record: Internal holds the
 * NTSTATUS (STATUS_PENDING until completion), InternalHigh the bytes; the file API projects the
 * status with ls_err_win32_from_status (a reset is ERROR_NETNAME_DELETED here). The waits are the
 * engine's (ls_engine_wait_result: on hEvent if there is one, else on the OVERLAPPED).
 * CancelSynchronousIo is in thread.c (it needs the thread record). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../engine/engine.h"
#include "../err/err.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

BOOL WINAPI GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred,
				  DWORD dwMilliseconds, BOOL bAlertable)
{
	NTSTATUS st;
	uint32_t err = 0, r;

	LS_TRACE_CALL("%s, %p, %p, %s, %s", ls_trace_handle(hFile), (const void *)lpOverlapped,
		 (const void *)lpNumberOfBytesTransferred, ls_trace_timeout(dwMilliseconds), ls_trace_bool(bAlertable));
	(void)hFile;	/* the OVERLAPPED carries the result; Windows reads only it too */
	/* Windows faults on these; we fail before touching them. */
	if (ls_k32_bad_ptr(lpOverlapped) || ls_k32_bad_ptr(lpNumberOfBytesTransferred))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	if (__atomic_load_n(&lpOverlapped->Internal, __ATOMIC_ACQUIRE) == STATUS_PENDING) {
		if (dwMilliseconds == 0)
			return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_IO_INCOMPLETE));
		r = ls_engine_wait_result(lpOverlapped, dwMilliseconds, bAlertable != FALSE, &err);
		if (r == LS_WAIT_TIMEOUT || r == LS_WAIT_IO_COMPLETION)
			return LS_TRACE_RET_BOOL(ls_k32_fail(r));	/* WAIT_TIMEOUT, WAIT_IO_COMPLETION (handles.md §4) */
		if (r != 0)
			return LS_TRACE_RET_BOOL(ls_k32_fail(err));
	}
	/* The count is written before the status is tested, success or not (ReactOS, Wine). */
	st = (NTSTATUS)(uint32_t)__atomic_load_n(&lpOverlapped->Internal, __ATOMIC_ACQUIRE);
	*lpNumberOfBytesTransferred = (DWORD)lpOverlapped->InternalHigh;
	if (NT_SUCCESS(st))
		return LS_TRACE_RET_BOOL(TRUE);
	return LS_TRACE_RET_BOOL(ls_k32_fail(ls_err_win32_from_status(st)));	/* a warning too: ERROR_MORE_DATA */
}

BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred,
				BOOL bWait)
{
	LS_TRACE_CALL("%s, %p, %p, %s", ls_trace_handle(hFile), (const void *)lpOverlapped,
		 (const void *)lpNumberOfBytesTransferred, ls_trace_bool(bWait));
	return LS_TRACE_RET_BOOL(GetOverlappedResultEx(hFile, lpOverlapped, lpNumberOfBytesTransferred,
				 bWait ? INFINITE : 0, FALSE));
}

/* An I/O handle (socket or file), new reference, or NULL. */
static struct ls_handle *io_handle(HANDLE hFile)
{
	struct ls_handle *h = ls_handle_get((intptr_t)hFile);

	if (h && h->type != LS_HANDLE_SOCKET && h->type != LS_HANDLE_FILE) {
		ls_handle_put(h);
		h = NULL;
	}
	return h;
}

/* CancelIo: the calling thread's pending I/O on the handle. Each op completes (event, routine
 * or port) with ERROR_OPERATION_ABORTED; TRUE even when there was none. */
BOOL WINAPI CancelIo(HANDLE hFile)
{
	struct ls_handle *h;

	LS_TRACE_CALL("%s", ls_trace_handle(hFile));
	h = io_handle(hFile);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	ls_engine_cancel(h, NULL, ls_sys_gettid());
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(TRUE);
}

/* CancelIoEx: every thread's I/O on the handle (lpOverlapped NULL) or the one started with
 * lpOverlapped; ERROR_NOT_FOUND when nothing pending matched (it may have just completed). */
BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)
{
	struct ls_handle *h;
	int n;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hFile), (const void *)lpOverlapped);
	h = io_handle(hFile);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	n = ls_engine_cancel(h, lpOverlapped, 0);
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(n > 0 ? TRUE : ls_k32_fail(ERROR_NOT_FOUND));
}
