/* base/trace: LINSOCK_TRACE logging. Unset, the cost is one predictable branch on a global read
 * once at load. LINSOCK_TRACE=1 (or any value) writes to stderr; LINSOCK_TRACE=/path appends to
 * that file. Lines: "linsock[pid:tid] function: message". */
#ifndef LS_BASE_TRACE_H
#define LS_BASE_TRACE_H

extern int ls_trace_on;

void ls_trace_write(const char *fn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define LS_TRACE(...) \
	do { \
		if (__builtin_expect(ls_trace_on, 0)) \
			ls_trace_write(__func__, __VA_ARGS__); \
	} while (0)

#endif
