/* kernel32/event: CreateEventA/W, SetEvent, ResetEvent, PulseEvent. An event is an eventfd
 * readable while signalled (DESIGN §1); its state lives in src/wait (docs/design.md W). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../handle/handle.h"
#include "../wait/wait.h"

/* Shared by the Create* functions of event.c and sync.c: Windows' inheritance flag from the
 * security attributes, and the named-object policy. */
unsigned int ls_k32_sa_flags(const SECURITY_ATTRIBUTES *sa)
{
	return sa && !ls_k32_bad_ptr(sa) && sa->bInheritHandle ? LS_HF_INHERIT : 0;
}

/* Named objects are shared between processes on Windows; linsock has no such namespace yet.
 * Handing back a private object would break the program silently (a single-instance mutex that
 * never finds its twin), so a name fails loudly: NULL, ERROR_NOT_SUPPORTED. An empty name is
 * no name, as on Windows. */
int ls_k32_named(const void *name, int wide)
{
	if (!name || ls_k32_bad_ptr(name))
		return 0;
	return wide ? *(const WCHAR *)name != 0 : *(const char *)name != 0;
}

static HANDLE create_event(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, const void *name, int wide)
{
	struct ls_handle *h;
	uint32_t err;
	int fd;

	if (ls_k32_named(name, wide)) {
		ls_lasterr_set(ERROR_NOT_SUPPORTED);
		return NULL;
	}
	fd = ls_wait_obj_open(LS_HANDLE_EVENT, manual ? LS_WAIT_EVENT_MANUAL : LS_WAIT_EVENT_AUTO, initial ? 1 : 0, 1,
			      ls_k32_sa_flags(sa), &h, &err);
	if (fd < 0) {
		ls_lasterr_set(err);
		return NULL;
	}
	ls_handle_put(h);
	/* Windows clears the last error on success of an unnamed Create* (0: no ERROR_ALREADY_EXISTS). */
	ls_lasterr_set(0);
	return (HANDLE)(intptr_t)fd;
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState,
			   LPCSTR lpName)
{
	LS_TRACE_CALL("%p, %s, %s, %s", (const void *)lpEventAttributes, ls_trace_bool(bManualReset),
		 ls_trace_bool(bInitialState), ls_trace_str(lpName));
	return LS_TRACE_RET_HANDLE(create_event(lpEventAttributes, bManualReset, bInitialState, lpName, 0));
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState,
			   LPCWSTR lpName)
{
	LS_TRACE_CALL("%p, %s, %s, %s", (const void *)lpEventAttributes, ls_trace_bool(bManualReset),
		 ls_trace_bool(bInitialState), ls_trace_wstr((const uint16_t *)lpName));
	return LS_TRACE_RET_HANDLE(create_event(lpEventAttributes, bManualReset, bInitialState, lpName, 1));
}

static BOOL event_op(HANDLE hEvent, int (*op)(struct ls_wait_obj *))
{
	struct ls_handle *h = ls_handle_get_type((intptr_t)hEvent, LS_HANDLE_EVENT);
	struct ls_wait_obj *o = h ? ls_wait_obj_from_handle(h) : NULL;

	if (!o) {
		if (h)
			ls_handle_put(h);
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	}
	op(o);
	ls_handle_put(h);
	return TRUE;
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	return LS_TRACE_RET_BOOL(event_op(hEvent, ls_wait_event_set));
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	return LS_TRACE_RET_BOOL(event_op(hEvent, ls_wait_event_reset));
}

/* Windows documents PulseEvent as unreliable; ours releases the threads waiting when it is
 * called (manual: all, auto: one) and leaves the event reset (docs/design.md W). */
BOOL WINAPI PulseEvent(HANDLE hEvent)
{
	LS_TRACE_CALL("%s", ls_trace_handle(hEvent));
	return LS_TRACE_RET_BOOL(event_op(hEvent, ls_wait_event_pulse));
}
