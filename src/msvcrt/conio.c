/* msvcrt/conio: _kbhit, _getch, _getche, _putch, _ungetch (the terminal work is posix.c's).
 * _ungetch pushes back one character for the next _getch/_getche, as Microsoft's (EOF if one
 * is already pushed back). */
#include <stdio.h>

#include <conio.h>
#include "msvcrt.h"

static __thread int pushed = -1;

int _kbhit(void)
{
	return pushed >= 0 ? 1 : ls_msvcrt_kbhit();
}

int _getch(void)
{
	int c = pushed;

	if (c >= 0) {
		pushed = -1;
		return c;
	}
	fflush(stdout);	/* a prompt printed before the key press must be visible */
	return ls_msvcrt_getch(0);
}

int _getche(void)
{
	int c = pushed;

	if (c >= 0) {
		pushed = -1;
		putchar(c);
		fflush(stdout);
		return c;
	}
	fflush(stdout);
	return ls_msvcrt_getch(1);
}

int _putch(int c)
{
	if (putchar(c) == EOF)
		return EOF;
	fflush(stdout);
	return c & 0xff;
}

int _ungetch(int c)
{
	if (c == EOF || pushed >= 0)
		return EOF;
	pushed = c & 0xff;
	return c & 0xff;
}
