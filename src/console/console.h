/* console: the console subsystem behind kernel32's console functions (src/kernel32/console.c).
 *
 * Contract. Control events (SetConsoleCtrlHandler) are never run in a signal handler: Windows
 * runs them on a new thread created for each event, and so do we. The signal handler only writes
 * one byte to a pipe (async-signal-safe); a dispatcher thread reads it and starts one detached
 * thread per event, which calls the handlers most-recently-added first until one returns non-zero,
 * else exits the process with STATUS_CONTROL_C_EXIT as Windows' default handler does.
 * Signals are taken over lazily, on the first SetConsoleCtrlHandler or GenerateConsoleCtrlEvent,
 * and only from SIG_DFL (a signal the program or its parent set to SIG_IGN, or one native code
 * already handles, is left alone; an inherited SIG_IGN on SIGINT becomes Windows' inherited
 * "ignore Ctrl-C" flag). Mapping (docs/design.md C): SIGINT -> CTRL_C_EVENT, SIGQUIT (the
 * terminal's Ctrl-\) -> CTRL_BREAK_EVENT, SIGHUP and SIGTERM -> CTRL_CLOSE_EVENT.
 *
 * Terminal helpers: a console handle is a linsock file handle whose fd is a terminal. These are
 * Linux-side files (termios, ioctl): prototypes use C basic types only, results are >= 0 or
 * -errno (CONVENTIONS §3), converted by the kernel32 entry points. */
#ifndef LS_CONSOLE_CONSOLE_H
#define LS_CONSOLE_CONSOLE_H

#include <stdint.h>

/* Windows' control event codes (wincon.h), repeated here for the Linux side. */
#define LS_CONSOLE_CTRL_C        0u
#define LS_CONSOLE_CTRL_BREAK    1u
#define LS_CONSOLE_CTRL_CLOSE    2u
#define LS_CONSOLE_EXIT_CODE     0xC000013Au	/* STATUS_CONTROL_C_EXIT */

/* ---- ctrl.c: control handlers ---- */
/* Adds fn at the head of the list (called first). 0, or -ENOMEM / -errno if the signal
 * machinery could not start. */
int ls_console_ctrl_add(int (*fn)(uint32_t event));
/* Removes the most recently added registration of fn: 0, or 1 if fn is not registered. */
int ls_console_ctrl_remove(int (*fn)(uint32_t event));
/* SetConsoleCtrlHandler(NULL, on): CTRL_C_EVENT ignored (no handler, no default action). */
int ls_console_ctrl_ignore(int on);
/* Delivers event to this process as a signal would (GenerateConsoleCtrlEvent with group 0):
 * asynchronously, on a new thread. 0 or -errno. */
int ls_console_ctrl_raise(uint32_t event);
/* Sends the signal that stands for event to Linux process group pgid. 0 or -errno. */
int ls_console_ctrl_send_group(uint32_t event, uint32_t pgid);
/* ExitProcess: flushes stdio, runs atexit handlers, exits with code's low 8 bits (all a Linux
 * exit status holds). */
__attribute__((noreturn)) void ls_console_exit(uint32_t code);

/* ---- tty.c: terminals ---- */
/* 1 if fd is a terminal, 0 if not. */
int ls_console_tty(int fd);
/* 1 if some standard descriptor (0-2) is a terminal: the process "has a console". */
int ls_console_attached(void);
/* The fd's access mode: 0 read-only, 1 write-only, 2 read-write, or -errno. */
int ls_console_access(int fd);
/* Terminal size in cells: 0 or -errno. */
int ls_console_size(int fd, int *cols, int *rows);
/* Input mode as ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT bits from the
 * terminal's ISIG | ICANON | ECHO; set writes those three back. 0 or -errno. */
int ls_console_input_mode_get(int fd, uint32_t *mode);
int ls_console_input_mode_set(int fd, uint32_t mode);
/* write(2) to the end (retrying EINTR and short writes): bytes written or -errno. */
long ls_console_write(int fd, const void *buf, unsigned long len);
/* One read(2), retrying EINTR: bytes read or -errno. */
long ls_console_read(int fd, void *buf, unsigned long len);

#endif
