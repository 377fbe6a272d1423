/* kernel32/iocp: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex), PostQueuedCompletionStatus,
 * SetFileCompletionNotificationModes (spec data-transfer.md §11; mechanism in src/iocp). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../engine/engine.h"
#include "../handle/handle.h"
#include "../iocp/iocp.h"

static void port_destroy(struct ls_handle *h)
{
	ls_iocp_close(h->u.port);	/* waiters return ERROR_ABANDONED_WAIT_0 */
	ls_iocp_put(h->u.port);
}

/* New reference to the port behind a port handle, or NULL. */
static struct ls_iocp *port_get(HANDLE port)
{
	struct ls_handle *h = ls_handle_get_type((intptr_t)port, LS_HANDLE_PORT);
	struct ls_iocp *p;

	if (!h)
		return NULL;
	p = h->u.port;
	ls_iocp_get(p);
	ls_handle_put(h);
	return p;
}

/* Handles that may be associated: overlapped sockets and files (DESIGN §1: all fds). */
static int bindable(const struct ls_handle *h)
{
	return h->type == LS_HANDLE_SOCKET || h->type == LS_HANDLE_FILE;
}

HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
				     DWORD NumberOfConcurrentThreads)
{
	struct ls_handle *fh = NULL, *ph;
	struct ls_iocp *p;
	int fd;

	LS_TRACE_CALL("%s, %s, %#lx, %lu", ls_trace_handle(FileHandle), ls_trace_handle(ExistingCompletionPort),
		 (unsigned long)CompletionKey, (unsigned long)NumberOfConcurrentThreads);
	if (FileHandle != INVALID_HANDLE_VALUE) {
		fh = ls_handle_get((intptr_t)FileHandle);
		if (!fh || !bindable(fh)) {
			if (fh)
				ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_HANDLE);
			return LS_TRACE_RET_HANDLE(NULL);
		}
	} else if (ExistingCompletionPort) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	if (ExistingCompletionPort) {
		/* Associate with an existing port: returns that port. */
		p = port_get(ExistingCompletionPort);
		if (!p) {
			ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_PARAMETER);
			return LS_TRACE_RET_HANDLE(NULL);
		}
		if (ls_engine_bind(fh, p, CompletionKey) != 0) {
			ls_iocp_put(p);
			ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_PARAMETER);	/* already associated */
			return LS_TRACE_RET_HANDLE(NULL);
		}
		ls_iocp_put(p);
		ls_handle_put(fh);
		return LS_TRACE_RET_HANDLE(ExistingCompletionPort);
	}
	/* A new port (and maybe its first association). Its handle is an fd like every object
	 * (DESIGN §1); nothing reads it, the queue lives in the port. */
	p = ls_iocp_new(NumberOfConcurrentThreads);
	fd = p ? ls_sys_event_fd() : -1;
	if (fd < 0 || !(ph = ls_handle_new(fd, LS_HANDLE_PORT, 0))) {
		if (fd >= 0)
			ls_sys_close(fd);
		if (p)
			ls_iocp_put(p);
		if (fh)
			ls_handle_put(fh);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	ph->u.port = p;
	ph->destroy = port_destroy;
	if (fh && ls_engine_bind(fh, p, CompletionKey) != 0) {
		ls_handle_close(fd, LS_HANDLE_PORT);
		ls_handle_put(ph);
		ls_handle_put(fh);
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	if (fh)
		ls_handle_put(fh);
	ls_handle_put(ph);
	return LS_TRACE_RET_HANDLE((HANDLE)(intptr_t)fd);
}

/* Result of one entry for the BOOL API: failure packets carry the operation's error. */
static BOOL entry_result(const struct ls_iocp_entry *e)
{
	if (NT_SUCCESS(e->status))
		return TRUE;
	ls_lasterr_set(ls_err_win32_from_status(e->status));
	return FALSE;
}

BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
				      PULONG_PTR lpCompletionKey, LPOVERLAPPED *lpOverlapped, DWORD dwMilliseconds)
{
	struct ls_iocp *p;
	struct ls_iocp_entry e;
	int r;

	LS_TRACE_CALL("%s, %p, %p, %p, %s", ls_trace_handle(CompletionPort), (const void *)lpNumberOfBytesTransferred,
		 (const void *)lpCompletionKey, (const void *)lpOverlapped, ls_trace_timeout(dwMilliseconds));
	if (!lpNumberOfBytesTransferred || !lpCompletionKey || !lpOverlapped)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	p = port_get(CompletionPort);
	if (!p) {
		*lpOverlapped = NULL;
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	}
	r = ls_iocp_dequeue(p, &e, 1, dwMilliseconds, 0);
	ls_iocp_put(p);
	if (r <= 0) {
		/* Nothing dequeued: the out values other than lpOverlapped are left alone. */
		*lpOverlapped = NULL;
		return LS_TRACE_RET_BOOL(ls_k32_fail(r == 0 ? WAIT_TIMEOUT : ERROR_ABANDONED_WAIT_0));
	}
	*lpNumberOfBytesTransferred = e.bytes;
	*lpCompletionKey = e.key;
	*lpOverlapped = e.ov;
	return LS_TRACE_RET_BOOL(entry_result(&e));
}

BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries,
					ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable)
{
	struct ls_iocp_entry e[64];
	struct ls_iocp *p;
	int r;

	LS_TRACE_CALL("%s, %p, %lu, %p, %s, %s", ls_trace_handle(CompletionPort),
		 (const void *)lpCompletionPortEntries, (unsigned long)ulCount, (const void *)ulNumEntriesRemoved,
		 ls_trace_timeout(dwMilliseconds), ls_trace_bool(fAlertable));
	if (!lpCompletionPortEntries || !ulNumEntriesRemoved || ulCount == 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	*ulNumEntriesRemoved = 0;
	p = port_get(CompletionPort);
	if (!p)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	r = ls_iocp_dequeue(p, e, ulCount > 64 ? 64 : (int)ulCount, dwMilliseconds, fAlertable);
	ls_iocp_put(p);
	if (r <= 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(r == 0 ? WAIT_TIMEOUT : r == -2 ? WAIT_IO_COMPLETION : ERROR_ABANDONED_WAIT_0));
	/* Per-entry status is only in Internal: the BOOL says entries were removed. */
	for (int i = 0; i < r; i++) {
		lpCompletionPortEntries[i].lpCompletionKey = e[i].key;
		lpCompletionPortEntries[i].lpOverlapped = e[i].ov;
		lpCompletionPortEntries[i].Internal = (ULONG_PTR)(uint32_t)e[i].status;
		lpCompletionPortEntries[i].dwNumberOfBytesTransferred = e[i].bytes;
	}
	*ulNumEntriesRemoved = (ULONG)r;
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
				       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)
{
	struct ls_iocp *p;
	int r;

	LS_TRACE_CALL("%s, %lu, %#lx, %p", ls_trace_handle(CompletionPort), (unsigned long)dwNumberOfBytesTransferred,
		 (unsigned long)dwCompletionKey, (const void *)lpOverlapped);
	p = port_get(CompletionPort);
	if (!p)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	r = ls_iocp_post(p, dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped);
	ls_iocp_put(p);
	return LS_TRACE_RET_BOOL(r == 0 ? TRUE : ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
}

BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)
{
	struct ls_handle *h;
	int r;

	LS_TRACE_CALL("%s, %s", ls_trace_handle(FileHandle), ls_trace_notify_modes(Flags));
	if (Flags & ~(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	h = ls_handle_get((intptr_t)FileHandle);
	if (!h || !bindable(h)) {
		if (h)
			ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	}
	r = ls_engine_set_modes(h, Flags);
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(r == 0 ? TRUE : ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
}
