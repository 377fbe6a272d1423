/* ws2_32: the exported Winsock functions (one file per API family) and nothing else.
 * This private header holds the shape every entry point shares (CONVENTIONS §5): is Winsock
 * started, fail with a code, project a status at the single exit. */
#ifndef LS_WS2_WS2_H
#define LS_WS2_WS2_H

#include <stdatomic.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../err/err.h"
#include "../handle/handle.h"

/* WSAStartup reference count (startup.c). */
extern atomic_int ls_ws2_refs;
/* The lowest version WSAStartup negotiated since the count left 0, as major << 8 | minor
 * (0x0101 for 1.1, 0x0202 for 2.2); LS_WS2_VERSION_NONE before any. */
#define LS_WS2_VERSION_NONE 0xffff
extern atomic_int ls_ws2_version;

/* A caller's NUL-terminated string copied into a new malloc'd block through safe copies;
 * NULL with *fault set on a bad pointer, NULL with *fault 0 when out of memory (netdb.c). */
char *ls_ws2_dup_user(const char *user, int *fault);

static inline int ls_ws2_started(void)
{
	return atomic_load_explicit(&ls_ws2_refs, memory_order_relaxed) > 0;
}

/* Sets the slot to wsa and returns SOCKET_ERROR. */
static inline int ls_ws2_fail(int wsa)
{
	ls_lasterr_set((uint32_t)wsa);
	return SOCKET_ERROR;
}

/* 0 for success, else SOCKET_ERROR with the slot set to the status' Winsock code. The slot is
 * left alone on success (errors.md §4: Windows does not promise to clear it). */
static inline int ls_ws2_return(NTSTATUS st)
{
	if (st == STATUS_SUCCESS)
		return 0;
	ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
	return SOCKET_ERROR;
}

/* The prolog of every call on a socket: Winsock started, and s is one of our sockets (h gets a
 * new reference). Returns SOCKET_ERROR from the caller otherwise, traced as the caller's result
 * (LS_TRACE_RET_INT uses the caller's __func__). */
#define LS_WS2_SOCKET_PROLOG(h, s) \
	do { \
		if (!ls_ws2_started()) \
			return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED)); \
		(h) = ls_handle_get_socket(s); \
		if (!(h)) \
			return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK)); \
	} while (0)

#endif
