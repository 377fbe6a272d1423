/* user32/msgbox: MessageBoxA, MessageBoxW.
 *
 * linsock has no windows: the caption and text go to stderr as one write ("caption: text"),
 * and the call returns at once with the id of the box's default button (MB_DEFBUTTON1..4 of
 * the MB_OK... button set), as if the user had pressed Enter. An unknown button set is
 * ERROR_INVALID_PARAMETER with 0, as on Windows. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../base/wstr.h"

static const int buttons[][4] = {
	[MB_OK] = { IDOK },
	[MB_OKCANCEL] = { IDOK, IDCANCEL },
	[MB_ABORTRETRYIGNORE] = { IDABORT, IDRETRY, IDIGNORE },
	[MB_YESNOCANCEL] = { IDYES, IDNO, IDCANCEL },
	[MB_YESNO] = { IDYES, IDNO },
	[MB_RETRYCANCEL] = { IDRETRY, IDCANCEL },
	[MB_CANCELTRYCONTINUE] = { IDCANCEL, IDTRYAGAIN, IDCONTINUE },
};

static int show(const char *text, const char *caption, UINT type)
{
	UINT set = type & MB_TYPEMASK, def = (type & MB_DEFMASK) >> 8;
	size_t lt, lc;
	char *line;
	int id;

	if (set >= sizeof buttons / sizeof buttons[0]) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return 0;
	}
	id = buttons[set][def];
	if (!id)
		id = buttons[set][0];	/* a default beyond the set's buttons is its first */
	if (!caption)
		caption = "Error";	/* Windows' caption for NULL */
	if (!text)
		text = "";
	lt = strlen(text);
	lc = strlen(caption);
	line = malloc(lc + lt + 3);
	if (line) {
		memcpy(line, caption, lc);
		memcpy(line + lc, ": ", 2);
		memcpy(line + lc + 2, text, lt);
		line[lc + 2 + lt] = '\n';
		ls_sys_write(2, line, lc + lt + 3);
		free(line);
	}
	return id;
}

int WINAPI MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType)
{
	LS_TRACE_CALL("%p, %s, %s, %s", (void *)hWnd, ls_trace_str(lpText), ls_trace_str(lpCaption), ls_trace_mb_type(uType));
	return LS_TRACE_RET_COUNT(show(lpText, lpCaption, uType));
}

int WINAPI MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType)
{
	char *text = lpText ? ls_wstr_to_utf8_new((const uint16_t *)lpText) : NULL;
	char *caption = lpCaption ? ls_wstr_to_utf8_new((const uint16_t *)lpCaption) : NULL;
	int r;

	LS_TRACE_CALL("%p, %s, %s, %s", (void *)hWnd, ls_trace_wstr((const uint16_t *)lpText),
		      ls_trace_wstr((const uint16_t *)lpCaption), ls_trace_mb_type(uType));
	r = show(text, caption, uType);
	free(text);
	free(caption);
	return LS_TRACE_RET_COUNT(r);
}
