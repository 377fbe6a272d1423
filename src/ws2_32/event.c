/* ws2_32/event: WSACreateEvent, WSASetEvent, WSAResetEvent, WSACloseEvent,
 * WSAWaitForMultipleEvents. A WSAEVENT is an ordinary kernel32 event (spec data-transfer.md
 * §12): a manual-reset src/wait object, so WaitForMultipleObjects and these mix freely. The
 * Winsock codes for what can fail here have the Win32 values (WSA_INVALID_HANDLE = 6,
 * WSA_INVALID_PARAMETER = 87, WSA_NOT_ENOUGH_MEMORY = 8). Like Windows' thin wrappers over
 * kernel32 (and Wine's), these do not require WSAStartup. */
#include "ws2.h"
#include "../base/sys.h"
#include "../wait/wait.h"

WSAEVENT WSAAPI WSACreateEvent(void)
{
	struct ls_handle *h;
	uint32_t err;
	int fd;

	LS_TRACE_CALL0();
	fd = ls_wait_obj_open(LS_HANDLE_EVENT, LS_WAIT_EVENT_MANUAL, 0, 1, 0, &h, &err);
	if (fd < 0) {
		/* Only memory and descriptors can run out: Winsock names both WSA_NOT_ENOUGH_MEMORY. */
		ls_lasterr_set(WSA_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(WSA_INVALID_EVENT);
	}
	ls_handle_put(h);
	return LS_TRACE_RET_HANDLE((WSAEVENT)(intptr_t)fd);
}

static BOOL event_op(WSAEVENT hEvent, int (*op)(struct ls_wait_obj *))
{
	struct ls_handle *h = ls_handle_get_type((intptr_t)hEvent, LS_HANDLE_EVENT);
	struct ls_wait_obj *o = h ? ls_wait_obj_from_handle(h) : NULL;

	if (!o) {
		if (h)
			ls_handle_put(h);
		ls_lasterr_set(WSA_INVALID_HANDLE);
		return FALSE;
	}
	op(o);
	ls_handle_put(h);
	return TRUE;
}

BOOL WSAAPI WSASetEvent(WSAEVENT hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	return LS_TRACE_RET_BOOL(event_op(hEvent, ls_wait_event_set));
}

BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	return LS_TRACE_RET_BOOL(event_op(hEvent, ls_wait_event_reset));
}

BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	if (ls_handle_close((intptr_t)hEvent, LS_HANDLE_EVENT) != 0) {
		ls_lasterr_set(WSA_INVALID_HANDLE);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	return LS_TRACE_RET_BOOL(TRUE);
}

DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll, DWORD dwTimeout,
				      BOOL fAlertable)
{
	intptr_t v[WSA_MAXIMUM_WAIT_EVENTS];
	uint32_t err = 0;
	DWORD r;

	LS_TRACE_CALL("%lu, %s, %s, %s, %s", (unsigned long)cEvents, ls_trace_handles(lphEvents, cEvents),
		 ls_trace_bool(fWaitAll), ls_trace_timeout(dwTimeout), ls_trace_bool(fAlertable));
	if (cEvents == 0 || cEvents > WSA_MAXIMUM_WAIT_EVENTS || !lphEvents) {
		ls_lasterr_set(WSA_INVALID_PARAMETER);
		return LS_TRACE_RET_WAIT(WSA_WAIT_FAILED);
	}
	if (ls_sys_copy_in(v, lphEvents, cEvents * sizeof v[0]) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_WAIT(WSA_WAIT_FAILED);
	}
	/* The array may mix object types, as Windows' WaitForMultipleObjectsEx allows. */
	r = ls_wait_handles(cEvents, v, fWaitAll != FALSE, dwTimeout, fAlertable != FALSE, &err);
	if (r == WSA_WAIT_FAILED)
		ls_lasterr_set(err);
	return LS_TRACE_RET_WAIT(r);
}
