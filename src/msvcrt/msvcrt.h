/* msvcrt: the Microsoft C runtime functions Windows programs call that glibc lacks (the _s
 * family, _stricmp, _snprintf, conio, io, _beginthreadex, wide printf), one file per family.
 *
 * Contract: Microsoft's argument order and results; an invalid parameter sets errno and returns
 * the documented error, as if the program had installed an invalid-parameter handler that
 * returns (Microsoft's default handler ends the program). No function here sets the Windows
 * last error unless Microsoft's does (_beginthreadex passes CreateThread's through).
 *
 * posix.c is a Linux-side file (termios, readlink, isatty): its helpers below use C basic types
 * only, so Windows-side files (and kernel32/module.c) can call them (docs/design.md S). */
#ifndef LS_MSVCRT_MSVCRT_H
#define LS_MSVCRT_MSVCRT_H

#include <stddef.h>

/* The executable's path (readlink /proc/self/exe) into buf, terminated if it fits: its length
 * without the terminator, or -errno. */
long ls_msvcrt_exe_path(char *buf, size_t cap);
/* isatty(fd): 1 or 0 (errno untouched; *bad set to 1 if fd is not open). */
int ls_msvcrt_isatty(int fd, int *bad);
/* conio: one byte from standard input, unbuffered; on a terminal without waiting for Enter and
 * without echo (echo != 0 writes it back). EOF (-1) at end of input. */
int ls_msvcrt_getch(int echo);
/* 1 if a byte can be read from standard input without blocking (or it is at end of input). */
int ls_msvcrt_kbhit(void);

#endif
