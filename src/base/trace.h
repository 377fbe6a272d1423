/* base/trace: LINSOCK_TRACE, the strace of Winsock (docs/design.md T).
 *
 * Unset, empty or "0", every trace site costs one predictable branch on ls_trace_on, a global
 * written once by a constructor before main; arguments are decoded only inside that branch.
 * LINSOCK_TRACE=1 (any value not starting with '/') writes to stderr; LINSOCK_TRACE=/path appends
 * to that file (stderr if it cannot be opened). Each line is one write(), so lines of concurrent
 * threads and processes never interleave. Lines:
 *
 *   linsock[pid:tid] socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP)      entry: LS_TRACE_CALL
 *   linsock[pid:tid] socket = 5                                     exit: return LS_TRACE_RET_*(v)
 *   linsock[pid:tid] connect = SOCKET_ERROR [WSAECONNREFUSED]       failure: last error by name
 *   linsock[pid:tid] ls_engine_init: message                         internal notes: LS_TRACE
 *
 * Every exported function starts with LS_TRACE_CALL (LS_TRACE_CALL0 without arguments) and
 * wraps every return value in the LS_TRACE_RET_* of its kind; test/trace_coverage.sh checks it.
 * The macros use __func__, so the name logged is the Windows name of the enclosing export. */
#ifndef LS_BASE_TRACE_H
#define LS_BASE_TRACE_H

#include <stdint.h>

extern int ls_trace_on;

#define LS_TRACE_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* "fn: message" (internal notes). */
void ls_trace_write(const char *fn, const char *fmt, ...) __attribute__((format(printf, 2, 3), cold));
/* "fn(arguments)" (entry of an export). */
void ls_trace_call(const char *fn, const char *fmt, ...) __attribute__((format(printf, 2, 3), cold));
/* "fn = result" (exit of an export; src/trace/result.c composes the text). */
void ls_trace_write_result(const char *fn, const char *fmt, ...) __attribute__((format(printf, 2, 3), cold));
/* errno, read and restored without <errno.h> in every file that traces. */
int ls_trace_errno(void) __attribute__((cold));
void ls_trace_errno_set(int e) __attribute__((cold));
/* An errno value by name (EINVAL, ERANGE, STRUNCATE...), or the number. */
const char *ls_trace_errno_name(int e) __attribute__((cold));

#define LS_TRACE(...) \
	do { \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) \
			ls_trace_write(__func__, __VA_ARGS__); \
	} while (0)

/* errno is kept across the decoders as well as the line (the CRT exports are traced too). */
#define LS_TRACE_CALL(...) \
	do { \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) { \
			int ls_trace_e_ = ls_trace_errno(); \
			ls_trace_call(__func__, __VA_ARGS__); \
			ls_trace_errno_set(ls_trace_e_); \
		} \
	} while (0)

#define LS_TRACE_CALL0() LS_TRACE_CALL("%s", "")

/* Result kinds (src/trace/result.c). Each logs "fn = value", and on failure the thread's last
 * error by name: "= SOCKET_ERROR [WSAECONNRESET]". The value is evaluated once, before it is
 * logged, and returned unchanged with its own type. */
enum ls_trace_kind {
	LS_TRACE_K_INT,		/* int: SOCKET_ERROR fails (also counts: send, recv, select) */
	LS_TRACE_K_SOCKET,	/* SOCKET: INVALID_SOCKET fails */
	LS_TRACE_K_BOOL,	/* BOOL: FALSE fails */
	LS_TRACE_K_HANDLE,	/* HANDLE: NULL or INVALID_HANDLE_VALUE fails */
	LS_TRACE_K_WAIT,	/* DWORD wait result: WAIT_OBJECT_0+n...; WAIT_FAILED fails */
	LS_TRACE_K_CODE,	/* an error code as the value (WSAStartup, getaddrinfo, GetLastError) */
	LS_TRACE_K_PTR,		/* pointer: NULL fails */
	LS_TRACE_K_COUNT,	/* unsigned count: 0 fails (FormatMessage, QueueUserAPC, LocalSize) */
	LS_TRACE_K_UINT,	/* unsigned value, never a failure (ids, ticks, byte order) */
	LS_TRACE_K_HEX,		/* unsigned value in hex, never a failure (byte order, pseudo-handles) */
	LS_TRACE_K_SINT,	/* signed value, never a failure (lstrcmp, _getch, printf counts) */
	LS_TRACE_K_SIZE,	/* SIZE_T: (SIZE_T)-1 fails (HeapSize) */
	LS_TRACE_K_ERRNO,	/* errno_t of the CRT's _s functions: 0 or the errno name */
	LS_TRACE_K_CRT,		/* CRT int: negative fails, errno by name (_read, _close, _putch) */
	LS_TRACE_K_CRT_PTR,	/* CRT pointer or handle: NULL/0 fails, errno by name (_strdup) */
};

void ls_trace_ret(const char *fn, enum ls_trace_kind kind, uint64_t v) __attribute__((cold));
/* Floating results (ntohf, ntohd). */
void ls_trace_ret_double(const char *fn, double v) __attribute__((cold));

#define LS_TRACE_RET_(kind, expr) \
	({ \
		__typeof__(expr) ls_trace_r_ = (expr); \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) \
			ls_trace_ret(__func__, kind, (uint64_t)(uintptr_t)ls_trace_r_); \
		ls_trace_r_; \
	})

#define LS_TRACE_RET_INT(expr)    LS_TRACE_RET_(LS_TRACE_K_INT, (expr))
#define LS_TRACE_RET_SOCKET(expr) LS_TRACE_RET_(LS_TRACE_K_SOCKET, (expr))
#define LS_TRACE_RET_BOOL(expr)   LS_TRACE_RET_(LS_TRACE_K_BOOL, (expr))
#define LS_TRACE_RET_HANDLE(expr) LS_TRACE_RET_(LS_TRACE_K_HANDLE, (expr))
#define LS_TRACE_RET_WAIT(expr)   LS_TRACE_RET_(LS_TRACE_K_WAIT, (expr))
#define LS_TRACE_RET_CODE(expr)   LS_TRACE_RET_(LS_TRACE_K_CODE, (expr))
#define LS_TRACE_RET_PTR(expr)    LS_TRACE_RET_(LS_TRACE_K_PTR, (expr))
#define LS_TRACE_RET_COUNT(expr)  LS_TRACE_RET_(LS_TRACE_K_COUNT, (expr))
#define LS_TRACE_RET_UINT(expr)   LS_TRACE_RET_(LS_TRACE_K_UINT, (expr))
#define LS_TRACE_RET_HEX(expr)    LS_TRACE_RET_(LS_TRACE_K_HEX, (expr))
#define LS_TRACE_RET_SIZE(expr)   LS_TRACE_RET_(LS_TRACE_K_SIZE, (expr))
#define LS_TRACE_RET_CRT_PTR(expr) LS_TRACE_RET_(LS_TRACE_K_CRT_PTR, (expr))
/* Signed integers (int, intptr_t, errno_t): sign-extended, so -1 stays -1. */
#define LS_TRACE_RET_S_(kind, expr) \
	({ \
		__typeof__(expr) ls_trace_r_ = (expr); \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) \
			ls_trace_ret(__func__, kind, (uint64_t)(int64_t)ls_trace_r_); \
		ls_trace_r_; \
	})
#define LS_TRACE_RET_SINT(expr)   LS_TRACE_RET_S_(LS_TRACE_K_SINT, (expr))
#define LS_TRACE_RET_ERRNO(expr)  LS_TRACE_RET_S_(LS_TRACE_K_ERRNO, (expr))
#define LS_TRACE_RET_CRT(expr)    LS_TRACE_RET_S_(LS_TRACE_K_CRT, (expr))
/* 64-bit values (htonll, GetTickCount64): no uintptr_t narrowing on 32-bit targets. */
#define LS_TRACE_RET_U64(expr) \
	({ \
		__typeof__(expr) ls_trace_r_ = (expr); \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) \
			ls_trace_ret(__func__, LS_TRACE_K_UINT, (uint64_t)ls_trace_r_); \
		ls_trace_r_; \
	})
#define LS_TRACE_RET_DOUBLE(expr) \
	({ \
		__typeof__(expr) ls_trace_r_ = (expr); \
		if (LS_TRACE_UNLIKELY(ls_trace_on)) \
			ls_trace_ret_double(__func__, (double)ls_trace_r_); \
		ls_trace_r_; \
	})

/* Argument decoders for LS_TRACE_CALL lines (src/trace/). */
#include "../trace/trace.h"

#endif
