/* msvcrt/conio: _kbhit, _getch, _getche, _putch, _ungetch (the terminal work is posix.c's).
 * _ungetch pushes back one character for the next _getch/_getche, as Microsoft's (EOF if one
 * is already pushed back). */
#include <stdio.h>

#include <conio.h>
#include "msvcrt.h"
#include "../base/trace.h"

static __thread int pushed = -1;

int _kbhit(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_SINT(pushed >= 0 ? 1 : ls_msvcrt_kbhit());
}

int _getch(void)
{
	int c = pushed;

	LS_TRACE_CALL0();
	if (c >= 0) {
		pushed = -1;
		return LS_TRACE_RET_SINT(c);
	}
	fflush(stdout);	/* a prompt printed before the key press must be visible */
	return LS_TRACE_RET_SINT(ls_msvcrt_getch(0));
}

int _getche(void)
{
	int c = pushed;

	LS_TRACE_CALL0();
	if (c >= 0) {
		pushed = -1;
		putchar(c);
		fflush(stdout);
		return LS_TRACE_RET_SINT(c);
	}
	fflush(stdout);
	return LS_TRACE_RET_SINT(ls_msvcrt_getch(1));
}

int _putch(int c)
{
	LS_TRACE_CALL("%d", c);
	if (putchar(c) == EOF)
		return LS_TRACE_RET_CRT(EOF);
	fflush(stdout);
	return LS_TRACE_RET_CRT(c & 0xff);
}

int _ungetch(int c)
{
	LS_TRACE_CALL("%d", c);
	if (c == EOF || pushed >= 0)
		return LS_TRACE_RET_SINT(EOF);
	pushed = c & 0xff;
	return LS_TRACE_RET_SINT(c & 0xff);
}
