/* Linux-side helpers for the console tests (SetConsoleCtrlHandler.c, WriteConsole.c): what the
 * Windows API cannot express here - a forked child for the default exit path, signals to self
 * (SIGQUIT, SIGHUP have no Windows name), and a pseudo-terminal standing in for a console.
 * Implemented in console_posix.c, which includes no Windows header. */
#ifndef LS_TEST_CONSOLE_POSIX_H
#define LS_TEST_CONSOLE_POSIX_H

#include <stddef.h>

/* Runs fn in a forked child (fn should not return; if it does the child exits 0). Returns the
 * child's exit status 0-255, or 1000 + the signal number that killed it. */
int cp_fork(void (*fn)(void));
/* Sends this process "INT", "QUIT", "TERM" or "HUP". */
void cp_kill_self(const char *sig);
/* Sets SIGINT to SIG_IGN (what a parent's "ignore Ctrl-C" looks like on Linux). */
void cp_ignore_sigint(void);
/* 1 if SIGINT's disposition is SIG_IGN (what an exec'd child would inherit). */
int cp_sigint_ignored(void);
/* A new pty sized cols x rows: *master is its master fd, path names the slave. 0 or -1. */
int cp_openpty(int *master, char *path, size_t cap, int cols, int rows);
/* Reads what is available on fd within a short wait (up to cap - 1 bytes, terminated). */
long cp_read(int fd, char *buf, size_t cap);
long cp_write(int fd, const char *s);
void cp_close(int fd);

#endif
