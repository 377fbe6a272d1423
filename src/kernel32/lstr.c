/* kernel32/lstr: lstrlenA/W, lstrcpyA/W, lstrcpynA/W, lstrcatA/W, lstrcmpA/W, lstrcmpiA/W.
 *
 * Windows guards these with an exception handler: a bad pointer makes lstrlen return 0 and
 * lstrcpy/lstrcat return NULL instead of crashing; NULL is a valid "empty" argument to
 * lstrlen and lstrcmp. We check pointers the cheap way (NULL and the first 64 KiB, as
 * kernel32.h) and otherwise trust them. lstrcmp/lstrcmpi compare by character value with
 * ASCII case folding for lstrcmpi (Windows sorts by locale: word sort; for ASCII letters and
 * digits the order agrees); results are -1, 0 or 1 as Windows' CompareString-based ones. */
#include "kernel32.h"
#include "../base/trace.h"

#define BAD(p) ((uintptr_t)(p) < 65536u)

int WINAPI lstrlenA(LPCSTR lpString)
{
	LS_TRACE_CALL("%s", ls_trace_str(lpString));
	return LS_TRACE_RET_SINT(BAD(lpString) ? 0 : (int)strlen(lpString));
}

int WINAPI lstrlenW(LPCWSTR lpString)
{
	const WCHAR *p = lpString;

	LS_TRACE_CALL("%s", ls_trace_wstr((const uint16_t *)lpString));
	if (BAD(p))
		return LS_TRACE_RET_SINT(0);
	while (*p)
		p++;
	return LS_TRACE_RET_SINT((int)(p - lpString));
}

LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
	LS_TRACE_CALL("%p, %s", (void *)lpString1, ls_trace_str(lpString2));
	if (BAD(lpString1) || BAD(lpString2))
		return LS_TRACE_RET_PTR(NULL);
	return LS_TRACE_RET_PTR(strcpy(lpString1, lpString2));
}

LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
	WCHAR *d = lpString1;

	LS_TRACE_CALL("%p, %s", (void *)lpString1, ls_trace_wstr((const uint16_t *)lpString2));
	if (BAD(lpString1) || BAD(lpString2))
		return LS_TRACE_RET_PTR(NULL);
	while ((*d++ = *lpString2++) != 0)
		;
	return LS_TRACE_RET_PTR(lpString1);
}

/* Copies at most iMaxLength - 1 characters and always terminates (iMaxLength > 0). */
LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength)
{
	int i;

	LS_TRACE_CALL("%p, %s, %d", (void *)lpString1, ls_trace_strn(lpString2, iMaxLength > 0 ? (size_t)iMaxLength : 0),
		      iMaxLength);
	if (BAD(lpString1) || BAD(lpString2) || iMaxLength < 0)
		return LS_TRACE_RET_PTR(NULL);
	if (iMaxLength == 0)
		return LS_TRACE_RET_PTR(lpString1);
	for (i = 0; i < iMaxLength - 1 && lpString2[i]; i++)
		lpString1[i] = lpString2[i];
	lpString1[i] = 0;
	return LS_TRACE_RET_PTR(lpString1);
}

LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength)
{
	int i;

	LS_TRACE_CALL("%p, %s, %d", (void *)lpString1,
		      ls_trace_wstrn((const uint16_t *)lpString2, iMaxLength > 0 ? (size_t)iMaxLength : 0), iMaxLength);
	if (BAD(lpString1) || BAD(lpString2) || iMaxLength < 0)
		return LS_TRACE_RET_PTR(NULL);
	if (iMaxLength == 0)
		return LS_TRACE_RET_PTR(lpString1);
	for (i = 0; i < iMaxLength - 1 && lpString2[i]; i++)
		lpString1[i] = lpString2[i];
	lpString1[i] = 0;
	return LS_TRACE_RET_PTR(lpString1);
}

LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_str(lpString1), ls_trace_str(lpString2));
	if (BAD(lpString1) || BAD(lpString2))
		return LS_TRACE_RET_PTR(NULL);
	return LS_TRACE_RET_PTR(strcat(lpString1, lpString2));
}

LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_wstr((const uint16_t *)lpString1), ls_trace_wstr((const uint16_t *)lpString2));
	if (BAD(lpString1) || BAD(lpString2))
		return LS_TRACE_RET_PTR(NULL);
	lstrcpyW(lpString1 + lstrlenW(lpString1), lpString2);
	return LS_TRACE_RET_PTR(lpString1);
}

static unsigned int fold(unsigned int c, int icase)
{
	return icase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* NULL compares as the empty string, as on Windows. */
static int cmp8(const char *a, const char *b, int icase)
{
	const unsigned char *x = (const unsigned char *)(BAD(a) ? "" : a);
	const unsigned char *y = (const unsigned char *)(BAD(b) ? "" : b);

	for (;; x++, y++) {
		unsigned int p = fold(*x, icase), q = fold(*y, icase);
		if (p != q)
			return p < q ? -1 : 1;
		if (!p)
			return 0;
	}
}

static int cmp16(const WCHAR *a, const WCHAR *b, int icase)
{
	static const WCHAR empty[1] = { 0 };
	const WCHAR *x = BAD(a) ? empty : a;
	const WCHAR *y = BAD(b) ? empty : b;

	for (;; x++, y++) {
		unsigned int p = fold(*x, icase), q = fold(*y, icase);
		if (p != q)
			return p < q ? -1 : 1;
		if (!p)
			return 0;
	}
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_str(lpString1), ls_trace_str(lpString2));
	return LS_TRACE_RET_SINT(cmp8(lpString1, lpString2, 0));
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_wstr((const uint16_t *)lpString1), ls_trace_wstr((const uint16_t *)lpString2));
	return LS_TRACE_RET_SINT(cmp16(lpString1, lpString2, 0));
}

int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_str(lpString1), ls_trace_str(lpString2));
	return LS_TRACE_RET_SINT(cmp8(lpString1, lpString2, 1));
}

int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	LS_TRACE_CALL("%s, %s", ls_trace_wstr((const uint16_t *)lpString1), ls_trace_wstr((const uint16_t *)lpString2));
	return LS_TRACE_RET_SINT(cmp16(lpString1, lpString2, 1));
}
