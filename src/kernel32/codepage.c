/* kernel32/codepage: MultiByteToWideChar, WideCharToMultiByte.
 *
 * A Linux process's narrow strings are UTF-8, so CP_UTF8 and the "ANSI" and "OEM" code pages
 * (CP_ACP, CP_OEMCP, CP_THREAD_ACP) all convert UTF-8 <-> UTF-16; other code pages fail with
 * ERROR_INVALID_PARAMETER. Windows' rules: a length of -1 means "up to and including the
 * terminator" (counted in the result); an output size of 0 asks for the size needed; a buffer
 * too small is ERROR_INSUFFICIENT_BUFFER; invalid input becomes U+FFFD (UTF-8 EF BF BD the
 * other way) unless MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS asks for
 * ERROR_NO_UNICODE_TRANSLATION. For CP_UTF8, lpDefaultChar and lpUsedDefaultChar must be NULL.
 * The codec itself is base/wstr's, which the W entry points use too, so both convert alike. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string.h>

#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../base/wstr.h"

#ifndef ERROR_NO_UNICODE_TRANSLATION
#define ERROR_NO_UNICODE_TRANSLATION 1113
#endif
static int known_cp(UINT cp)
{
	return cp == CP_UTF8 || cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte,
			       LPWSTR lpWideCharStr, int cchWideChar)
{
	const unsigned char *s = (const unsigned char *)lpMultiByteStr;
	size_t n, i = 0;
	int out = 0, bad = 0;

	LS_TRACE_CALL("%s, %#lx, %p, %d, %p, %d", ls_trace_codepage(CodePage), (unsigned long)dwFlags,
		      (const void *)lpMultiByteStr, cbMultiByte, (void *)lpWideCharStr, cchWideChar);
	if (!lpMultiByteStr || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
	    (cchWideChar && !lpWideCharStr) || !known_cp(CodePage) ||
	    (lpWideCharStr && (const void *)lpWideCharStr == (const void *)lpMultiByteStr)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	if (CodePage == CP_UTF8 && (dwFlags & ~(DWORD)MB_ERR_INVALID_CHARS)) {
		ls_lasterr_set(ERROR_INVALID_FLAGS);
		return LS_TRACE_RET_COUNT(0);
	}
	n = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
	while (i < n) {
		uint16_t w[2];
		int units = ls_wstr_utf16_put(w, ls_wstr_utf8_next(s, n, &i, &bad));

		if (bad && (dwFlags & MB_ERR_INVALID_CHARS)) {
			ls_lasterr_set(ERROR_NO_UNICODE_TRANSLATION);
			return LS_TRACE_RET_COUNT(0);
		}
		if (cchWideChar) {
			if (out + units > cchWideChar) {
				ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
				return LS_TRACE_RET_COUNT(0);
			}
			memcpy(lpWideCharStr + out, w, (size_t)units * sizeof *w);
		}
		out += units;
	}
	return LS_TRACE_RET_COUNT(out);
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar,
			       LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar,
			       LPBOOL lpUsedDefaultChar)
{
	size_t n, i = 0;
	int out = 0;

	LS_TRACE_CALL("%s, %#lx, %p, %d, %p, %d, %p, %p", ls_trace_codepage(CodePage), (unsigned long)dwFlags,
		      (const void *)lpWideCharStr, cchWideChar, (void *)lpMultiByteStr, cbMultiByte,
		      (const void *)lpDefaultChar, (void *)lpUsedDefaultChar);
	if (!lpWideCharStr || cchWideChar == 0 || cchWideChar < -1 || cbMultiByte < 0 ||
	    (cbMultiByte && !lpMultiByteStr) || !known_cp(CodePage) ||
	    (lpMultiByteStr && (const void *)lpWideCharStr == (const void *)lpMultiByteStr)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	if (CodePage == CP_UTF8 && (lpDefaultChar || lpUsedDefaultChar)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	if (CodePage == CP_UTF8 && (dwFlags & ~(DWORD)WC_ERR_INVALID_CHARS)) {
		ls_lasterr_set(ERROR_INVALID_FLAGS);
		return LS_TRACE_RET_COUNT(0);
	}
	if (lpUsedDefaultChar)
		*lpUsedDefaultChar = FALSE;
	n = cchWideChar == -1 ? ls_wstr_len((const uint16_t *)lpWideCharStr) + 1 : (size_t)cchWideChar;
	while (i < n) {
		unsigned char b[4];
		int bad = 0, k = ls_wstr_utf8_put(b, ls_wstr_utf16_next((const uint16_t *)lpWideCharStr, n, &i, &bad));

		if (bad && (dwFlags & WC_ERR_INVALID_CHARS)) {
			ls_lasterr_set(ERROR_NO_UNICODE_TRANSLATION);
			return LS_TRACE_RET_COUNT(0);
		}
		if (cbMultiByte) {
			if (out + k > cbMultiByte) {
				ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
				return LS_TRACE_RET_COUNT(0);
			}
			memcpy(lpMultiByteStr + out, b, (size_t)k);
		}
		out += k;
	}
	return LS_TRACE_RET_COUNT(out);
}
