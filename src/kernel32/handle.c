/* kernel32/handle: CloseHandle (spec handles.md §7). Handle flags and duplication are in
 * handleinfo.c. */
#include "kernel32.h"
#include "../base/trace.h"
#include "../baseprov/baseprov.h"
#include "../handle/handle.h"

/* A socket closed through CloseHandle is closed as closesocket would (handles.md §7 leaves the
 * choice to us; Windows' IFS sockets close their kernel object either way): linger {1, 0} still
 * resets the peer, a blocking socket with a linger timeout still waits for its data. The one
 * closesocket answer CloseHandle cannot give is WSAEWOULDBLOCK (a non-blocking socket with a
 * linger timeout and unsent data): CloseHandle never refuses a valid handle, and Linux would block
 * in close whatever O_NONBLOCK says, so the linger timeout is dropped and the data goes out
 * gracefully after the handle is gone. */
static void socket_unlinger(intptr_t fd)
{
	struct ls_handle *h = ls_handle_get_type(fd, LS_HANDLE_SOCKET);
	static const BOOL on = TRUE;

	if (!h)
		return;
	if (ls_baseprov_close_check(h) != STATUS_SUCCESS)
		ls_baseprov_setsockopt(h, SOL_SOCKET, SO_DONTLINGER, (const char *)&on, sizeof on);
	ls_handle_put(h);
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
	intptr_t fd = (intptr_t)hObject;
	struct ls_handle *h;
	unsigned int flags;
	int type;

	LS_TRACE_CALL("%s", ls_trace_handle(hObject));
	h = ls_handle_get(fd);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	flags = atomic_load(&h->flags);
	type = h->type;
	ls_handle_put(h);
	/* HANDLE_FLAG_PROTECT_FROM_CLOSE: CloseHandle fails and the handle stays. */
	if (flags & LS_HF_PROTECT)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	if (type == LS_HANDLE_SOCKET)
		socket_unlinger(fd);
	if (ls_handle_close(fd, 0) != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	return LS_TRACE_RET_BOOL(TRUE);
}
