/* kernel32/handle: CloseHandle. */
#include "kernel32.h"
#include "../base/trace.h"
#include "../handle/handle.h"

BOOL WINAPI CloseHandle(HANDLE hObject)
{
	intptr_t fd = (intptr_t)hObject;
	struct ls_handle *h;
	unsigned int flags;

	LS_TRACE("h=%p", hObject);
	h = ls_handle_get(fd);
	if (!h)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	flags = atomic_load(&h->flags);
	ls_handle_put(h);
	if (flags & LS_HF_PROTECT)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	/* A socket closed through CloseHandle is closed as closesocket would (handles.md §7 leaves
	 * the choice to us; Windows' IFS sockets close their kernel object either way). */
	if (ls_handle_close(fd, 0) != 0)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	return TRUE;
}
