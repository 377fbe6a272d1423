/* ws2_32/eventselect: WSAEventSelect, WSAEnumNetworkEvents (spec data-transfer.md §12). The
 * record and its rules are src/evsel's (docs/design.md V). */
#include "ws2.h"
#include "../base/sys.h"
#include "../evsel/evsel.h"

#include <inttypes.h>

int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, long lNetworkEvents)
{
	struct ls_handle *h, *ev = NULL;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %s", ls_trace_socket(s), ls_trace_handle(hEventObject),
		 ls_trace_fd_events(lNetworkEvents));
	LS_WS2_SOCKET_PROLOG(h, s);
	if (lNetworkEvents & ~(long)FD_ALL_EVENTS) {
		st = STATUS_INVALID_PARAMETER;	/* WSAEINVAL: unknown bits */
		goto out;
	}
	if (lNetworkEvents) {
		/* The event must be an event object: WSAEINVAL otherwise (NULL included). */
		ev = ls_handle_get_type((intptr_t)hEventObject, LS_HANDLE_EVENT);
		if (!ev) {
			st = STATUS_INVALID_PARAMETER;
			goto out;
		}
	}
	st = ls_evsel_select(h, ev, lNetworkEvents);
	if (ev)
		ls_handle_put(ev);
out:
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents)
{
	struct ls_handle *h, *ev = NULL;
	WSANETWORKEVENTS ne;
	NTSTATUS st = STATUS_SUCCESS;

	LS_TRACE_CALL("%s, %s, %p", ls_trace_socket(s), ls_trace_handle(hEventObject), (const void *)lpNetworkEvents);
	LS_WS2_SOCKET_PROLOG(h, s);
	/* Checked before anything is cleared: on error the record stays (spec §12). The caller's
	 * error codes for unset bits are left as they were, so start from its own copy. */
	if (!lpNetworkEvents || ls_sys_copy_in(&ne, lpNetworkEvents, sizeof ne) != 0 ||
	    ls_sys_copy_out(lpNetworkEvents, &ne, sizeof ne) != 0) {
		st = STATUS_ACCESS_VIOLATION;	/* WSAEFAULT */
		goto out;
	}
	if (hEventObject) {
		ev = ls_handle_get_type((intptr_t)hEventObject, LS_HANDLE_EVENT);
		if (!ev) {
			st = STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
			goto out;
		}
	}
	ls_evsel_enum(h, ev, &ne.lNetworkEvents, ne.iErrorCode);
	if (ev)
		ls_handle_put(ev);
	/* Probed writable above; a concurrent unmap by the caller is its own fault. */
	ls_sys_copy_out(lpNetworkEvents, &ne, sizeof ne);
out:
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}
