/* engine/overlapped: what the API layer does around an op -- its delivery fields from the
 * caller's OVERLAPPED and routine, and the wait of GetOverlappedResult(Ex) and
 * WSAGetOverlappedResult -- shared by ws2_32 and kernel32 so both read an OVERLAPPED the same
 * way (spec data-transfer.md §3-5, §11; handles.md §2-5). */
#include "engine.h"
#include "../base/sys.h"
#include "../handle/handle.h"
#include "../iocp/iocp.h"
#include "../wait/wait.h"

NTSTATUS ls_engine_op_prepare(struct ls_op *op, struct ls_handle *h, LPOVERLAPPED ov, void *routine, int api,
			      int routine_only)
{
	struct ls_handle *event = NULL;
	struct ls_iocp *port;
	uintptr_t key = 0, ev;

	op->ov = ov;
	op->api = (uint8_t)api;
	/* With a routine, hEvent is the application's (Winsock and ReadFileEx ignore it), so it is
	 * neither checked nor used. Otherwise it must be an event; its low bit keeps the completion
	 * off the port (the event alone is signalled). */
	ev = routine ? 0 : (uintptr_t)ov->hEvent;
	if (ev & ~(uintptr_t)1) {
		event = ls_handle_get_type((intptr_t)(ev & ~(uintptr_t)1), LS_HANDLE_EVENT);
		if (!event)
			return STATUS_INVALID_HANDLE;
	}
	port = (ev & 1) ? NULL : ls_engine_port_of(h, &key);
	if (port && routine) {
		/* ReadFileEx/WriteFileEx refuse a port-bound handle (handles.md §3). Winsock's
		 * routine with a port is unsupported on Windows (data-transfer.md §3): the port
		 * wins, the routine is not called. */
		if (routine_only) {
			ls_iocp_put(port);
			return STATUS_INVALID_PARAMETER;
		}
		routine = NULL;
	}
	if (routine && !port) {
		op->thread = ls_wait_thread_get_current();
		if (!op->thread) {
			if (event)
				ls_handle_put(event);
			return STATUS_NO_MEMORY;
		}
		op->routine = routine;
	}
	op->port = port;
	op->key = key;
	op->event = event;
	/* The event is reset when the I/O starts, set when it completes (handles.md §2). */
	if (event)
		ls_wait_event_reset(ls_wait_obj_from_handle(event));
	ls_handle_hold(h);
	op->h = h;
	return STATUS_SUCCESS;
}

void ls_engine_op_unprepare(struct ls_op *op)
{
	if (op->event)
		ls_handle_put(op->event);
	if (op->thread)
		ls_wait_thread_put(op->thread);
	if (op->port)
		ls_iocp_put(op->port);
	if (op->h)
		ls_handle_put(op->h);
	ls_engine_op_free(op);
}

static int pending(LPOVERLAPPED ov)
{
	return __atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE) == STATUS_PENDING;
}

uint32_t ls_engine_wait_result(LPOVERLAPPED ov, uint32_t ms, int alertable, uint32_t *err)
{
	intptr_t ev = (intptr_t)ov->hEvent & ~(intptr_t)1;
	uint64_t deadline = ms == LS_WAIT_INFINITE ? 0 : ls_sys_now_ns() + (uint64_t)ms * 1000000u;
	uint32_t left = ms, r;

	if (!pending(ov))
		return 0;
	if (ev) {
		/* Windows waits on hEvent (handles.md §5). */
		r = ls_wait_handles(1, &ev, 0, ms, alertable, err);
		if (r != LS_WAIT_OBJECT_0)
			return r;
		if (!pending(ov))
			return 0;
		/* Signalled before the status block is written: a port-bound handle's status is
		 * written at dequeue (data-transfer.md §11). Wait for the block itself. */
		if (ms != LS_WAIT_INFINITE) {
			uint64_t now = ls_sys_now_ns();
			left = now >= deadline ? 0 : (uint32_t)((deadline - now) / 1000000u);
		}
	} else if (alertable) {
		/* No event: the OVERLAPPED is waited on directly (a futex), which an APC cannot
		 * interrupt; APCs already queued run first and end the wait, as Windows' would. */
		r = ls_wait_handles(0, NULL, 0, 0, 1, err);
		if (r == LS_WAIT_IO_COMPLETION)
			return r;
		if (!pending(ov))
			return 0;
	}
	return ls_engine_wait_overlapped(ov, left == LS_WAIT_INFINITE ? -1 : (int)(left > INT32_MAX ? INT32_MAX : left)) == 0
		       ? 0
		       : LS_WAIT_TIMEOUT;
}
