/* ws2_32/legacy: the Winsock 1.1 pseudo-blocking calls (WSASetBlockingHook,
 * WSAUnhookBlockingHook, WSAIsBlocking, WSACancelBlockingCall) and WSAGetQOSByName.
 *
 * Winsock 2 removed pseudo-blocking ("Windows Sockets Compatibility Issues": the four calls are
 * not available to Winsock 2 applications and WSAEINPROGRESS is never reported), yet ws2_32.dll
 * still exports them and decides by the version the process negotiated (ReactOS's ws2_32
 * bhook.c, which follows Windows'): a 2.x caller gets WSAEOPNOTSUPP (NULL from
 * WSASetBlockingHook, SOCKET_ERROR from the others); a 1.x caller has a per-thread hook to set
 * and unhook. Our blocking calls really block, so no hook is ever called, no call is ever in
 * progress for WSACancelBlockingCall to cancel (the 1.1 spec's WSAEINVAL, "no outstanding
 * blocking call"), and WSAIsBlocking is always FALSE, started or not. */
#include "ws2.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <inttypes.h>
#include <string.h>

/* What a 1.x thread's hook starts as and returns to after WSAUnhookBlockingHook: Windows hands
 * out a pointer to its own default hook, which yields to the message loop; we have no message
 * loop to pump, so it reports that no message was processed. */
static INT_PTR WSAAPI default_hook(void)
{
	return FALSE;
}

static _Thread_local FARPROC thread_hook;

/* 0 when the caller may use the 1.1 calls, else the Winsock code to fail with. */
static int legacy_check(void)
{
	if (!ls_ws2_started())
		return WSANOTINITIALISED;
	if (atomic_load_explicit(&ls_ws2_version, memory_order_relaxed) >= 0x0200)
		return WSAEOPNOTSUPP;
	return 0;
}

/* The previous hook, or NULL with the slot set. */
static FARPROC set_hook(FARPROC fn)
{
	FARPROC prev;
	unsigned char probe;
	int e = legacy_check();

	if (e) {
		ls_lasterr_set((uint32_t)e);
		return NULL;
	}
	/* IsBadCodePtr in Windows' check: the hook must be readable memory. */
	if (!fn || ls_sys_copy_in(&probe, (const void *)(uintptr_t)fn, 1) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return NULL;
	}
	prev = thread_hook ? thread_hook : default_hook;
	thread_hook = fn;
	return prev;
}

FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc)
{
	LS_TRACE_CALL("%p", (void *)(uintptr_t)lpBlockFunc);
	return LS_TRACE_RET_PTR(set_hook(lpBlockFunc));
}

int WSAAPI WSAUnhookBlockingHook(void)
{
	int e;

	LS_TRACE_CALL0();
	e = legacy_check();
	if (e)
		return LS_TRACE_RET_INT(ls_ws2_fail(e));
	thread_hook = NULL;	/* the default hook again */
	return LS_TRACE_RET_INT(0);
}

BOOL WSAAPI WSAIsBlocking(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_BOOL(FALSE);
}

int WSAAPI WSACancelBlockingCall(void)
{
	int e;

	LS_TRACE_CALL0();
	e = legacy_check();
	return LS_TRACE_RET_INT(ls_ws2_fail(e ? e : WSAEINVAL));
}

/* WSAGetQOSByName: the base provider has no QoS templates (Windows' TCP/IP entries lack
 * XP1_QOS_SUPPORTED too; only the RSVP providers had them). An empty name asks for the list of
 * template names, which is then only its terminator, the zero-length name: one NUL written to
 * the caller's buffer, TRUE. Any other name is no template: WSAEINVAL, "the specified QOS
 * template name is invalid" (Winsock 2.2 specification). The name's WSABUF and the buffer it
 * points to must be valid memory (WSAEFAULT), as must be room for the list's terminator. */
BOOL WSAAPI WSAGetQOSByName(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS)
{
	struct ls_handle *h;
	WSABUF name;
	char first;
	int e = 0;

	LS_TRACE_CALL("%s, %p, %p", ls_trace_socket(s), (const void *)lpQOSName, (const void *)lpQOS);
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	h = ls_handle_get_socket(s);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	ls_handle_put(h);
	if (!lpQOSName || ls_sys_copy_in(&name, lpQOSName, sizeof name) != 0 ||
	    ls_sys_copy_in(&first, name.buf, 1) != 0)
		e = WSAEFAULT;
	else if (first != '\0')
		e = WSAEINVAL;
	else if (name.len < 1 || ls_sys_copy_out(name.buf, "", 1) != 0)
		e = WSAEFAULT;
	if (e) {
		ls_lasterr_set((uint32_t)e);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	return LS_TRACE_RET_BOOL(TRUE);
}
