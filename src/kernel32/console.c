/* kernel32/console: SetConsoleCtrlHandler, GenerateConsoleCtrlEvent, ExitProcess,
 * WriteConsoleA/W, ReadConsoleA/W, GetConsoleMode, SetConsoleMode, SetConsoleTextAttribute,
 * GetConsoleScreenBufferInfo, SetConsoleTitleA/W, AllocConsole, FreeConsole, AttachConsole,
 * GetConsoleWindow, GetConsoleCP, GetConsoleOutputCP, SetConsoleCP, SetConsoleOutputCP.
 *
 * A console handle is a linsock file handle (GetStdHandle, CreateFile on a tty path) whose fd is a
 * terminal. On Windows a redirected standard handle is a file or pipe and every console function
 * fails on it with ERROR_INVALID_HANDLE; the same happens here for anything that is not a
 * terminal. Colours become ANSI SGR escapes; the text attribute is remembered per process (one
 * console per process, as on Windows). The "ANSI" code page of the A functions is UTF-8
 * (GetConsoleOutputCP answers CP_UTF8). Control events: src/console (docs/design.md C). */
#include "kernel32.h"
#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../base/wstr.h"
#include "../console/console.h"
#include "../handle/handle.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_UTF8_ 65001u
#define DEFAULT_ATTR (FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE)	/* grey on black */
#define OUT_MODE_MASK 0x1Fu	/* every output mode bit Windows knows */
#define IN_MODE_MASK 0x3FFu
#define IN_TTY_BITS (ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT)

static atomic_uint text_attr = DEFAULT_ATTR;
static atomic_uint out_mode = ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT;
static atomic_uint in_extra = ENABLE_INSERT_MODE | ENABLE_QUICK_EDIT_MODE | ENABLE_EXTENDED_FLAGS;
static atomic_uint in_cp = CP_UTF8_, out_cp = CP_UTF8_;
static atomic_int detached;	/* FreeConsole was called */

/* The console's fd behind h, with a reference in *ref (put it), or -1 when h is no terminal. */
static int console_fd(HANDLE hc, struct ls_handle **ref)
{
	struct ls_handle *h = ls_handle_get((intptr_t)hc);

	if (!h)
		return -1;
	if (h->type != LS_HANDLE_FILE || !ls_console_tty(h->fd)) {
		ls_handle_put(h);
		return -1;
	}
	*ref = h;
	return h->fd;
}

/* Windows tells input from output by the object (CONIN$ or a screen buffer); a terminal fd is
 * both. Read-only is input, write-only output; a read-write fd (the usual std handles) is input
 * only if it is the standard input handle. */
static int is_input(HANDLE hc, int fd)
{
	int acc = ls_console_access(fd);

	if (acc == 0 || acc == 1)
		return acc == 0;
	return hc == GetStdHandle(STD_INPUT_HANDLE);
}

static int has_console(void)
{
	return !atomic_load(&detached) && ls_console_attached();
}

/* ---- Control handlers ---- */

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add)
{
	int r;

	LS_TRACE_CALL("%p, %s", (void *)(uintptr_t)HandlerRoutine, ls_trace_bool(Add));
	if (!HandlerRoutine)
		r = ls_console_ctrl_ignore(Add);
	else if (Add)
		r = ls_console_ctrl_add((int (*)(uint32_t))HandlerRoutine);
	else
		r = ls_console_ctrl_remove((int (*)(uint32_t))HandlerRoutine);
	if (r == 1)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));	/* removing one never added */
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId)
{
	int r;

	LS_TRACE_CALL("%s, %lu", ls_trace_ctrl_event(dwCtrlEvent), (unsigned long)dwProcessGroupId);
	if (dwCtrlEvent != CTRL_C_EVENT && dwCtrlEvent != CTRL_BREAK_EVENT)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	if (dwProcessGroupId == 0)
		r = ls_console_ctrl_raise(dwCtrlEvent);	/* our console: this process */
	else if (dwCtrlEvent == CTRL_C_EVENT)
		/* GenerateConsoleCtrlEvent docs: Ctrl-C cannot be limited to a group; with a
		 * group the call succeeds and the group does not get it. */
		r = 0;
	else
		r = ls_console_ctrl_send_group(dwCtrlEvent, dwProcessGroupId);
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	return LS_TRACE_RET_BOOL(TRUE);
}

void WINAPI ExitProcess(UINT uExitCode)
{
	LS_TRACE_CALL("%u", (unsigned)uExitCode);
	ls_console_exit(uExitCode);
}

/* ---- Writing and reading ---- */

static BOOL write_bytes(HANDLE hc, const char *buf, size_t len, DWORD chars, LPDWORD written)
{
	struct ls_handle *h;
	int fd = console_fd(hc, &h);
	long r;

	if (fd < 0)
		return ls_k32_fail(ERROR_INVALID_HANDLE);
	r = ls_console_write(fd, buf, len);
	ls_handle_put(h);
	if (r < 0)
		return ls_k32_fail(ERROR_GEN_FAILURE);
	if (written)
		*written = chars;
	return TRUE;
}

BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer, DWORD nNumberOfCharsToWrite,
			  LPDWORD lpNumberOfCharsWritten, LPVOID lpReserved)
{
	(void)lpReserved;
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hConsoleOutput), lpBuffer,
		      (unsigned long)nNumberOfCharsToWrite, (void *)lpNumberOfCharsWritten, lpReserved);
	if (lpNumberOfCharsWritten && ls_k32_bad_ptr(lpNumberOfCharsWritten))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = 0;
	if (nNumberOfCharsToWrite && ls_k32_bad_ptr(lpBuffer))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	return LS_TRACE_RET_BOOL(write_bytes(hConsoleOutput, lpBuffer, nNumberOfCharsToWrite, nNumberOfCharsToWrite,
			   lpNumberOfCharsWritten));
}

/* UTF-16 units -> UTF-8 for the terminal (invalid units become U+FFFD, base/wstr.h). */
BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer, DWORD nNumberOfCharsToWrite,
			  LPDWORD lpNumberOfCharsWritten, LPVOID lpReserved)
{
	uint16_t *w;
	char *s;
	BOOL ok;

	(void)lpReserved;
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hConsoleOutput), lpBuffer,
		      (unsigned long)nNumberOfCharsToWrite, (void *)lpNumberOfCharsWritten, lpReserved);
	if (lpNumberOfCharsWritten && ls_k32_bad_ptr(lpNumberOfCharsWritten))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	if (lpNumberOfCharsWritten)
		*lpNumberOfCharsWritten = 0;
	if (nNumberOfCharsToWrite && ls_k32_bad_ptr(lpBuffer))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	/* The count is not a terminated string: copy and terminate, then convert. */
	w = malloc(((size_t)nNumberOfCharsToWrite + 1) * sizeof *w);
	if (!w)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	memcpy(w, lpBuffer, (size_t)nNumberOfCharsToWrite * sizeof *w);
	w[nNumberOfCharsToWrite] = 0;
	/* An embedded U+0000 would end the conversion early: write it as the byte 0. */
	for (DWORD i = 0; i < nNumberOfCharsToWrite; i++)
		if (w[i] == 0)
			w[i] = 0xFFFF;	/* noncharacter, replaced back below */
	s = ls_wstr_to_utf8_new(w);
	free(w);
	if (!s)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	{
		size_t len = strlen(s), o = 0;

		for (size_t i = 0; i < len; i++) {
			/* U+FFFF is EF BF BF in UTF-8. */
			if ((unsigned char)s[i] == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
			    (unsigned char)s[i + 2] == 0xBF) {
				s[o++] = 0;
				i += 2;
			} else {
				s[o++] = s[i];
			}
		}
		ok = write_bytes(hConsoleOutput, s, o, nNumberOfCharsToWrite, lpNumberOfCharsWritten);
	}
	free(s);
	return LS_TRACE_RET_BOOL(ok);
}

/* One read from the terminal into buf (cap bytes). In line mode Windows ends the line with
 * "\r\n"; the terminal gives "\n", so the "\r" is put back when there is room. */
static long read_bytes(HANDLE hc, char *buf, size_t cap)
{
	struct ls_handle *h;
	int fd = console_fd(hc, &h);
	uint32_t mode = 0;
	long r;

	if (fd < 0)
		return -1;
	ls_console_input_mode_get(fd, &mode);
	r = ls_console_read(fd, buf, (mode & ENABLE_LINE_INPUT) && cap > 1 ? cap - 1 : cap);
	ls_handle_put(h);
	if (r < 0)
		return -2;
	if ((mode & ENABLE_LINE_INPUT) && r > 0 && buf[r - 1] == '\n' && (size_t)r < cap) {
		buf[r - 1] = '\r';
		buf[r++] = '\n';
	}
	return r;
}

static BOOL read_fail(long r)
{
	return ls_k32_fail(r == -1 ? ERROR_INVALID_HANDLE : ERROR_GEN_FAILURE);
}

BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
	long r;

	(void)pInputControl;
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hConsoleInput), lpBuffer,
		      (unsigned long)nNumberOfCharsToRead, (void *)lpNumberOfCharsRead, (void *)pInputControl);
	if (ls_k32_bad_ptr(lpNumberOfCharsRead) || (nNumberOfCharsToRead && ls_k32_bad_ptr(lpBuffer)))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	*lpNumberOfCharsRead = 0;
	r = read_bytes(hConsoleInput, lpBuffer, nNumberOfCharsToRead);
	if (r < 0)
		return LS_TRACE_RET_BOOL(read_fail(r));
	*lpNumberOfCharsRead = (DWORD)r;
	return LS_TRACE_RET_BOOL(TRUE);
}

/* UTF-8 from the terminal -> UTF-16 units (never more units than bytes). */
BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
			 LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
	uint16_t *w;
	char *tmp;
	long r;
	size_t units;

	(void)pInputControl;
	LS_TRACE_CALL("%s, %p, %lu, %p, %p", ls_trace_handle(hConsoleInput), lpBuffer,
		      (unsigned long)nNumberOfCharsToRead, (void *)lpNumberOfCharsRead, (void *)pInputControl);
	if (ls_k32_bad_ptr(lpNumberOfCharsRead) || (nNumberOfCharsToRead && ls_k32_bad_ptr(lpBuffer)))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	*lpNumberOfCharsRead = 0;
	tmp = malloc((size_t)nNumberOfCharsToRead + 1);
	w = malloc(((size_t)nNumberOfCharsToRead + 1) * sizeof *w);
	if (!tmp || !w) {
		free(tmp);
		free(w);
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	}
	r = read_bytes(hConsoleInput, tmp, nNumberOfCharsToRead);
	if (r >= 0) {
		tmp[r] = 0;
		units = ls_wstr_from_utf8(w, (size_t)nNumberOfCharsToRead + 1, tmp);
		units = units ? units - 1 : 0;
		memcpy(lpBuffer, w, units * sizeof *w);
		*lpNumberOfCharsRead = (DWORD)units;
	}
	free(tmp);
	free(w);
	return LS_TRACE_RET_BOOL(r < 0 ? read_fail(r) : TRUE);
}

/* ---- Modes ---- */

BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode)
{
	struct ls_handle *h;
	int fd;
	uint32_t m = 0;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hConsoleHandle), (void *)lpMode);
	if (ls_k32_bad_ptr(lpMode))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	fd = console_fd(hConsoleHandle, &h);
	if (fd < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	if (is_input(hConsoleHandle, fd)) {
		ls_console_input_mode_get(fd, &m);
		m |= atomic_load(&in_extra);
	} else {
		m = atomic_load(&out_mode);
	}
	ls_handle_put(h);
	*lpMode = m;
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode)
{
	struct ls_handle *h;
	DWORD err = ERROR_SUCCESS;
	int fd;

	LS_TRACE_CALL("%s, %#lx", ls_trace_handle(hConsoleHandle), (unsigned long)dwMode);
	fd = console_fd(hConsoleHandle, &h);
	if (fd < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	if (is_input(hConsoleHandle, fd)) {
		/* SetConsoleMode docs: echo needs line input; unknown bits are refused. */
		if ((dwMode & ~IN_MODE_MASK) ||
		    ((dwMode & ENABLE_ECHO_INPUT) && !(dwMode & ENABLE_LINE_INPUT)))
			err = ERROR_INVALID_PARAMETER;
		else if (ls_console_input_mode_set(fd, dwMode & IN_TTY_BITS) < 0)
			err = ERROR_GEN_FAILURE;
		else
			atomic_store(&in_extra, dwMode & ~IN_TTY_BITS);
	} else if (dwMode & ~OUT_MODE_MASK) {
		err = ERROR_INVALID_PARAMETER;
	} else {
		/* A terminal interprets escapes whatever the mode: ENABLE_VIRTUAL_TERMINAL_PROCESSING
		 * is accepted and remembered, as Windows 10 does. */
		atomic_store(&out_mode, dwMode);
	}
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(err == ERROR_SUCCESS ? TRUE : ls_k32_fail(err));
}

/* ---- Colours and the screen buffer ---- */

/* Windows' colour index is B=1 G=2 R=4, ANSI's R=1 G=2 B=4. */
static unsigned ansi_colour(unsigned bgr)
{
	return ((bgr & 4) ? 1 : 0) | (bgr & 2) | ((bgr & 1) ? 4 : 0);
}

/* The SGR sequence for a text attribute. The default attribute (grey on black) is a reset, so
 * the terminal's own colours come back when a program restores the saved attribute; a black
 * background is left as the terminal's background, which is what a program meant on Windows'
 * black console. */
static int sgr_from_attr(char *buf, size_t cap, unsigned a)
{
	int n;

	if ((a & 0xFFu) == DEFAULT_ATTR && !(a & (COMMON_LVB_REVERSE_VIDEO | COMMON_LVB_UNDERSCORE)))
		return snprintf(buf, cap, "\x1b[0m");
	n = snprintf(buf, cap, "\x1b[0;%u", ((a & FOREGROUND_INTENSITY) ? 90u : 30u) + ansi_colour(a & 7));
	if (a & 0xF0u)
		n += snprintf(buf + n, cap - (size_t)n, ";%u",
			      ((a & BACKGROUND_INTENSITY) ? 100u : 40u) + ansi_colour((a >> 4) & 7));
	if (a & COMMON_LVB_UNDERSCORE)
		n += snprintf(buf + n, cap - (size_t)n, ";4");
	if (a & COMMON_LVB_REVERSE_VIDEO)
		n += snprintf(buf + n, cap - (size_t)n, ";7");
	n += snprintf(buf + n, cap - (size_t)n, "m");
	return n;
}

BOOL WINAPI SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes)
{
	struct ls_handle *h;
	char sgr[40];
	int fd, n;
	long r;

	LS_TRACE_CALL("%s, %#x", ls_trace_handle(hConsoleOutput), (unsigned)wAttributes);
	fd = console_fd(hConsoleOutput, &h);
	if (fd < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	n = sgr_from_attr(sgr, sizeof sgr, wAttributes);
	r = ls_console_write(fd, sgr, (unsigned long)n);
	ls_handle_put(h);
	if (r < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_GEN_FAILURE));
	atomic_store(&text_attr, wAttributes);
	return LS_TRACE_RET_BOOL(TRUE);
}

/* The window is the terminal (columns x rows) and so is the buffer; the cursor position is not
 * known without a round trip to the terminal and reads as 0,0. */
BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE hConsoleOutput, PCONSOLE_SCREEN_BUFFER_INFO lpInfo)
{
	struct ls_handle *h;
	int fd, cols = 80, rows = 25;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hConsoleOutput), (void *)lpInfo);
	if (ls_k32_bad_ptr(lpInfo))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	fd = console_fd(hConsoleOutput, &h);
	if (fd < 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	ls_console_size(fd, &cols, &rows);
	ls_handle_put(h);
	if (cols > 0x7FFF)
		cols = 0x7FFF;
	if (rows > 0x7FFF)
		rows = 0x7FFF;
	memset(lpInfo, 0, sizeof *lpInfo);
	lpInfo->dwSize.X = (SHORT)cols;
	lpInfo->dwSize.Y = (SHORT)rows;
	lpInfo->wAttributes = (WORD)atomic_load(&text_attr);
	lpInfo->srWindow.Right = (SHORT)(cols - 1);
	lpInfo->srWindow.Bottom = (SHORT)(rows - 1);
	lpInfo->dwMaximumWindowSize = lpInfo->dwSize;
	return LS_TRACE_RET_BOOL(TRUE);
}

/* ---- Title, attachment ---- */

BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle)
{
	static const int fds[] = { 1, 2, 0 };
	char *seq;
	size_t len, o = 0;

	LS_TRACE_CALL("%s", ls_trace_str(lpConsoleTitle));
	if (ls_k32_bad_ptr(lpConsoleTitle))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	if (!has_console())
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	len = strlen(lpConsoleTitle);
	seq = malloc(len + 8);
	if (!seq)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	/* OSC 0 (icon name and window title), terminated by BEL. Control characters inside would
	 * end the sequence early: they are left out. */
	memcpy(seq, "\x1b]0;", 4);
	o = 4;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)lpConsoleTitle[i] >= 0x20 && lpConsoleTitle[i] != 0x7F)
			seq[o++] = lpConsoleTitle[i];
	seq[o++] = '\a';
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (ls_console_tty(fds[i])) {
			ls_console_write(fds[i], seq, o);
			break;
		}
	free(seq);
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle)
{
	char *s;
	BOOL ok;

	LS_TRACE_CALL("%s", ls_trace_wstr((const uint16_t *)lpConsoleTitle));
	if (ls_k32_bad_ptr(lpConsoleTitle))
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	s = ls_wstr_to_utf8_new((const uint16_t *)lpConsoleTitle);
	if (!s)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_ENOUGH_MEMORY));
	ok = SetConsoleTitleA(s);
	free(s);
	return LS_TRACE_RET_BOOL(ok);
}

/* AllocConsole docs: a process has at most one console; with one already, ERROR_ACCESS_DENIED.
 * We cannot open a window: without a terminal there is nothing to attach to. */
BOOL WINAPI AllocConsole(void)
{
	LS_TRACE_CALL0();
	if (has_console() || !ls_console_attached())
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_ACCESS_DENIED));
	atomic_store(&detached, 0);
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI AttachConsole(DWORD dwProcessId)
{
	LS_TRACE_CALL("%s", ls_trace_attach_pid(dwProcessId));
	if (has_console())
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_ACCESS_DENIED));
	if (!ls_console_attached())
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));	/* the parent has no console */
	atomic_store(&detached, 0);
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI FreeConsole(void)
{
	LS_TRACE_CALL0();
	atomic_store(&detached, 1);
	return LS_TRACE_RET_BOOL(TRUE);
}

/* A terminal has no window a program could move or hide: NULL, Windows' answer for a process
 * without a console window. */
HWND WINAPI GetConsoleWindow(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_HEX(NULL);
}

UINT WINAPI GetConsoleCP(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_UINT(atomic_load(&in_cp));
}

UINT WINAPI GetConsoleOutputCP(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_UINT(atomic_load(&out_cp));
}

/* Only UTF-8 is what the terminal speaks; other code pages are remembered, not converted. */
BOOL WINAPI SetConsoleCP(UINT wCodePageID)
{
	LS_TRACE_CALL("%s", ls_trace_codepage(wCodePageID));
	if (wCodePageID == 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	atomic_store(&in_cp, wCodePageID);
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID)
{
	LS_TRACE_CALL("%s", ls_trace_codepage(wCodePageID));
	if (wCodePageID == 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_PARAMETER));
	atomic_store(&out_cp, wCodePageID);
	return LS_TRACE_RET_BOOL(TRUE);
}
