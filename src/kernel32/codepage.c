/* kernel32/codepage: MultiByteToWideChar, WideCharToMultiByte.
 *
 * A Linux process's narrow strings are UTF-8, so CP_UTF8 and the "ANSI" and "OEM" code pages
 * (CP_ACP, CP_OEMCP, CP_THREAD_ACP) all convert UTF-8 <-> UTF-16; other code pages fail with
 * ERROR_INVALID_PARAMETER. Windows' rules: a length of -1 means "up to and including the
 * terminator" (counted in the result); an output size of 0 asks for the size needed; a buffer
 * too small is ERROR_INSUFFICIENT_BUFFER; invalid input becomes U+FFFD (UTF-8 EF BF BD the
 * other way) unless MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS asks for
 * ERROR_NO_UNICODE_TRANSLATION. For CP_UTF8, lpDefaultChar and lpUsedDefaultChar must be NULL. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string.h>

#include "../base/lasterr.h"
#include "../base/trace.h"

#ifndef ERROR_NO_UNICODE_TRANSLATION
#define ERROR_NO_UNICODE_TRANSLATION 1113
#endif
#define REPL 0xFFFDu

static int known_cp(UINT cp)
{
	return cp == CP_UTF8 || cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP;
}

/* Decodes one UTF-8 sequence at s[*i] (n bytes in all); advances *i. *bad set on an invalid
 * sequence (overlong, surrogate, beyond U+10FFFF, cut short), which then consumes one byte. */
static unsigned int dec8(const unsigned char *s, size_t n, size_t *i, int *bad)
{
	unsigned int c = s[*i], min, k, j;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		k = 1; min = 0x80; c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 2; min = 0x800; c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 3; min = 0x10000; c &= 0x07;
	} else {
		goto invalid;
	}
	for (j = 1; j <= k; j++) {
		if (*i + j >= n || (s[*i + j] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (s[*i + j] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*i += k + 1;
	return c;
invalid:
	(*i)++;
	*bad = 1;
	return REPL;
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
		unsigned int c = dec8(s, n, &i, &bad);
		int units = c >= 0x10000 ? 2 : 1;

		if (bad && (dwFlags & MB_ERR_INVALID_CHARS)) {
			ls_lasterr_set(ERROR_NO_UNICODE_TRANSLATION);
			return LS_TRACE_RET_COUNT(0);
		}
		if (cchWideChar) {
			if (out + units > cchWideChar) {
				ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
				return LS_TRACE_RET_COUNT(0);
			}
			if (units == 2) {
				lpWideCharStr[out] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
				lpWideCharStr[out + 1] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
			} else {
				lpWideCharStr[out] = (WCHAR)c;
			}
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
	if (cchWideChar == -1) {
		n = 0;
		while (lpWideCharStr[n])
			n++;
		n++;
	} else {
		n = (size_t)cchWideChar;
	}
	while (i < n) {
		unsigned int c = lpWideCharStr[i++];
		unsigned char b[4];
		int k;

		if (c >= 0xD800 && c <= 0xDBFF && i < n && lpWideCharStr[i] >= 0xDC00 &&
		    lpWideCharStr[i] <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) + (lpWideCharStr[i++] - 0xDC00u);
		} else if (c >= 0xD800 && c <= 0xDFFF) {
			if (dwFlags & WC_ERR_INVALID_CHARS) {
				ls_lasterr_set(ERROR_NO_UNICODE_TRANSLATION);
				return LS_TRACE_RET_COUNT(0);
			}
			c = REPL;
		}
		if (c < 0x80) {
			b[0] = (unsigned char)c; k = 1;
		} else if (c < 0x800) {
			b[0] = (unsigned char)(0xC0 | (c >> 6)); b[1] = (unsigned char)(0x80 | (c & 0x3F)); k = 2;
		} else if (c < 0x10000) {
			b[0] = (unsigned char)(0xE0 | (c >> 12)); b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			b[2] = (unsigned char)(0x80 | (c & 0x3F)); k = 3;
		} else {
			b[0] = (unsigned char)(0xF0 | (c >> 18)); b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
			b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (unsigned char)(0x80 | (c & 0x3F));
			k = 4;
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
