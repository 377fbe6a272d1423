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

	LS_TRACE("file=%p port=%p key=%#lx threads=%u", FileHandle, ExistingCompletionPort,
		 (unsigned long)CompletionKey, (unsigned)NumberOfConcurrentThreads);
	if (FileHandle != INVALID_HANDLE_VALUE) {
		fh = ls_handle_get((intptr_t)FileHandle);
		if (!fh || !bindable(fh)) {
			if (fh)
				ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_HANDLE);
			return NULL;
		}
	} else if (ExistingCompletionPort) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (ExistingCompletionPort) {
		/* Associate with an existing port: returns that port. */
		p = port_get(ExistingCompletionPort);
		if (!p) {
			ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_PARAMETER);
			return NULL;
		}
		if (ls_engine_bind(fh, p, CompletionKey) != 0) {
			ls_iocp_put(p);
			ls_handle_put(fh);
			ls_lasterr_set(ERROR_INVALID_PARAMETER);	/* already associated */
			return NULL;
		}
		ls_iocp_put(p);
		ls_handle_put(fh);
		return ExistingCompletionPort;
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
		return NULL;
	}
	ph->u.port = p;
	ph->destroy = port_destroy;
	if (fh && ls_engine_bind(fh, p, CompletionKey) != 0) {
		ls_handle_close(fd, LS_HANDLE_PORT);
		ls_handle_put(ph);
		ls_handle_put(fh);
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (fh)
		ls_handle_put(fh);
	ls_handle_put(ph);
	return (HANDLE)(intptr_t)fd;
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

	LS_TRACE("port=%p ms=%u", CompletionPort, (unsigned)dwMilliseconds);
	if (!lpNumberOfBytesTransferred || !lpCompletionKey || !lpOverlapped)
		return ls_k32_fail(ERROR_INVALID_PARAMETER);
	p = port_get(CompletionPort);
	if (!p) {
		*lpOverlapped = NULL;
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	}
	r = ls_iocp_dequeue(p, &e, 1, dwMilliseconds, 0);
	ls_iocp_put(p);
	if (r <= 0) {
		/* Nothing dequeued: the out values other than lpOverlapped are left alone. */
		*lpOverlapped = NULL;
		return ls_k32_fail(r == 0 ? WAIT_TIMEOUT : ERROR_ABANDONED_WAIT_0);
	}
	*lpNumberOfBytesTransferred = e.bytes;
	*lpCompletionKey = e.key;
	*lpOverlapped = e.ov;
	return entry_result(&e);
}

BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries,
					ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable)
{
	struct ls_iocp_entry e[64];
	struct ls_iocp *p;
	int r;

	LS_TRACE("port=%p count=%u ms=%u alertable=%d", CompletionPort, (unsigned)ulCount, (unsigned)dwMilliseconds,
		 fAlertable);
	if (!lpCompletionPortEntries || !ulNumEntriesRemoved || ulCount == 0)
		return ls_k32_fail(ERROR_INVALID_PARAMETER);
	*ulNumEntriesRemoved = 0;
	p = port_get(CompletionPort);
	if (!p)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	r = ls_iocp_dequeue(p, e, ulCount > 64 ? 64 : (int)ulCount, dwMilliseconds, fAlertable);
	ls_iocp_put(p);
	if (r <= 0)
		return ls_k32_fail(r == 0 ? WAIT_TIMEOUT : r == -2 ? WAIT_IO_COMPLETION : ERROR_ABANDONED_WAIT_0);
	/* Per-entry status is only in Internal: the BOOL says entries were removed. */
	for (int i = 0; i < r; i++) {
		lpCompletionPortEntries[i].lpCompletionKey = e[i].key;
		lpCompletionPortEntries[i].lpOverlapped = e[i].ov;
		lpCompletionPortEntries[i].Internal = (ULONG_PTR)(uint32_t)e[i].status;
		lpCompletionPortEntries[i].dwNumberOfBytesTransferred = e[i].bytes;
	}
	*ulNumEntriesRemoved = (ULONG)r;
	return TRUE;
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
				       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)
{
	struct ls_iocp *p;
	int r;

	LS_TRACE("port=%p bytes=%u key=%#lx ov=%p", CompletionPort, (unsigned)dwNumberOfBytesTransferred,
		 (unsigned long)dwCompletionKey, (void *)lpOverlapped);
	p = port_get(CompletionPort);
	if (!p)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	r = ls_iocp_post(p, dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped);
	ls_iocp_put(p);
	return r == 0 ? TRUE : ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY);
}

BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)
{
	struct ls_handle *h;
	int r;

	LS_TRACE("h=%p flags=%#x", FileHandle, Flags);
	if (Flags & ~(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE))
		return ls_k32_fail(ERROR_INVALID_PARAMETER);
	h = ls_handle_get((intptr_t)FileHandle);
	if (!h || !bindable(h)) {
		if (h)
			ls_handle_put(h);
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	}
	r = ls_engine_set_modes(h, Flags);
	ls_handle_put(h);
	return r == 0 ? TRUE : ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY);
}
