/* trace: argument decoders for LINSOCK_TRACE lines (docs/design.md T); the switch, the line
 * writer and the LS_TRACE_* macros are in base/trace.h, which includes this header.
 *
 * Each decoder turns a Windows argument into the text a Windows programmer reads: names for
 * constants (AF_INET6, SOL_SOCKET/SO_REUSEADDR, FIONBIO, INFINITE), '|'-joined names for flag
 * sets (FD_READ|FD_CLOSE, with any unnamed rest in hex), decoded structures read safely from the
 * caller's memory ({AF_INET, 127.0.0.1:80}), numbers where nothing matches. Call them only as
 * LS_TRACE_CALL arguments, so they run only when tracing is on.
 *
 * Results are borrowed: static strings or one of a small ring of per-thread buffers, valid until
 * the same thread has decoded LS_TRACE_RING more values, which is more than one line uses.
 * Decoders never crash and never touch errno or the last-error slot.
 *
 * Basic C types only: this header is also seen by Linux-side files (engine/uring.c). */
#ifndef LS_TRACE_TRACE_H
#define LS_TRACE_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define LS_TRACE_RING 16

/* Winsock constants. */
const char *ls_trace_af(int af);			/* AF_INET6 */
const char *ls_trace_socktype(int type);		/* SOCK_STREAM */
const char *ls_trace_proto(int proto);			/* IPPROTO_TCP; 0 stays 0 */
const char *ls_trace_level(int level);			/* SOL_SOCKET, IPPROTO_TCP... */
const char *ls_trace_sockopt(int level, int name);	/* SOL_SOCKET/SO_REUSEADDR */
const char *ls_trace_fd_events(long events);		/* FD_READ|FD_CLOSE */
const char *ls_trace_msg_flags(int flags);		/* MSG_PEEK|MSG_WAITALL; 0 */
const char *ls_trace_msg_flags_ptr(const void *lpflags);	/* *LPDWORD of WSARecv, or NULL */
const char *ls_trace_ioctl(unsigned long code);		/* FIONBIO, SIO_GET_EXTENSION_... */
/* WSAIoctl's input: the extension's name for SIO_GET_EXTENSION_FUNCTION_POINTER
 * ({WSAID_CONNECTEX}), else the pointer. */
const char *ls_trace_ioctl_in(unsigned long code, const void *in, unsigned long len);
const char *ls_trace_how(int how);			/* SD_SEND */
const char *ls_trace_wsa_flags(unsigned long flags);	/* WSA_FLAG_OVERLAPPED|... */
const char *ls_trace_ai_flags(int flags);		/* AI_PASSIVE|AI_CANONNAME */
const char *ls_trace_hints(const void *hints);		/* {AI_PASSIVE, AF_INET, SOCK_STREAM, ...} */
const char *ls_trace_sockaddr(const void *sa, long len);	/* {AF_INET, 127.0.0.1:80} */
const char *ls_trace_in_addr(const void *in_addr);	/* 127.0.0.1 (an IN_ADDR, 4 bytes) */
const char *ls_trace_socket(uintptr_t s);		/* 5, INVALID_SOCKET */
const char *ls_trace_timeval(const void *tv);		/* {1, 500000}, NULL */
const char *ls_trace_poll_events(int events);		/* POLLRDNORM|POLLWRNORM */
const char *ls_trace_pollfds(const void *fds, unsigned long n);	/* [{3, POLLRDNORM}, ...] */
const char *ls_trace_fdset(const void *set);
const char *ls_trace_wsabufs(const void *bufs, unsigned long n);	/* [{0x7f.., 16}], first 4 */		/* [3, 4], first 8 sockets */
const char *ls_trace_tf_flags(unsigned long flags);	/* TF_REUSE_SOCKET|TF_DISCONNECT */
const char *ls_trace_jl_flags(unsigned long flags);	/* JL_BOTH (WSAJoinLeaf) */

/* kernel32 constants. */
const char *ls_trace_handle(const void *h);		/* 5, NULL, INVALID_HANDLE_VALUE */
const char *ls_trace_handles(const void *array, unsigned long n);	/* [4, 8], first 8 */
const char *ls_trace_timeout(uint32_t ms);		/* INFINITE, or the number */
const char *ls_trace_bool(int b);			/* TRUE, FALSE */
const char *ls_trace_access(uint32_t access);		/* GENERIC_READ|GENERIC_WRITE */
const char *ls_trace_share(uint32_t share);		/* FILE_SHARE_READ|... */
const char *ls_trace_disposition(uint32_t disp);	/* OPEN_EXISTING */
const char *ls_trace_file_flags(uint32_t flags);	/* FILE_ATTRIBUTE_NORMAL|FILE_FLAG_OVERLAPPED */
const char *ls_trace_std_handle(uint32_t which);	/* STD_OUTPUT_HANDLE */
const char *ls_trace_lmem(uint32_t flags);		/* LMEM_ZEROINIT */
const char *ls_trace_format_flags(uint32_t flags);	/* FORMAT_MESSAGE_FROM_SYSTEM|... */
const char *ls_trace_handle_flags(uint32_t flags);	/* HANDLE_FLAG_INHERIT */
const char *ls_trace_dup_options(uint32_t options);	/* DUPLICATE_SAME_ACCESS */
const char *ls_trace_notify_modes(uint32_t modes);	/* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS */
const char *ls_trace_move_method(uint32_t method);	/* FILE_BEGIN */

const char *ls_trace_ctrl_event(uint32_t event);	/* CTRL_C_EVENT */
const char *ls_trace_attach_pid(uint32_t pid);		/* ATTACH_PARENT_PROCESS, or the number */
const char *ls_trace_codepage(uint32_t cp);		/* CP_UTF8, CP_ACP */
const char *ls_trace_heap_flags(uint32_t flags);	/* HEAP_ZERO_MEMORY|HEAP_NO_SERIALIZE */
const char *ls_trace_gmem(uint32_t flags);		/* GMEM_ZEROINIT */
const char *ls_trace_thread_priority(int priority);	/* THREAD_PRIORITY_HIGHEST */

/* iphlpapi, the CRT, user32. */
const char *ls_trace_gaa_flags(uint32_t flags);		/* GAA_FLAG_SKIP_ANYCAST|... */
const char *ls_trace_crt_mode(int mode);		/* _O_BINARY (_setmode) */
const char *ls_trace_mb_type(uint32_t type);		/* MB_YESNO|MB_ICONQUESTION */

/* Strings read safely from the caller: "text" (at most 64 characters shown), NULL, or <bad>. */
const char *ls_trace_str(const char *s);
const char *ls_trace_wstr(const uint16_t *s);
/* The same, reading at most max characters: for arrays the callee bounds (strncpy_s' source,
 * strcat_s' destination, strnlen_s), which need not be terminated. */
const char *ls_trace_strn(const char *s, size_t max);
const char *ls_trace_wstrn(const uint16_t *s, size_t max);

/* Error names: the last error and code-valued results. winsock: name the aliased codes as
 * Winsock does (WSA_IO_PENDING rather than ERROR_IO_PENDING). */
const char *ls_trace_error(uint32_t code, int winsock);

/* The Windows name of the function a line is about: __func__ itself for exports; for the
 * functions reached only through WSAIoctl (ls_mswsock_connectex...), the name programs know
 * them by (ConnectEx). Add a row in decode.c when such a function is added. */
const char *ls_trace_name(const char *fn);

#endif
