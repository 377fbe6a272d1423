/*
 * strsafe.h - bounded string functions returning HRESULTs, inline as in
 * Windows' own header: StringCch* count characters, StringCb* bytes.
 * Failures: STRSAFE_E_INVALID_PARAMETER for a zero or oversized
 * destination (the destination is emptied if it has room for a
 * terminator), STRSAFE_E_INSUFFICIENT_BUFFER when the result was cut
 * (the destination then holds the truncated, terminated string).
 * The W versions take 16-bit WCHAR strings; StringCchPrintfW uses
 * linsock's wide printf (Microsoft's %s / %S conventions).
 */
#ifndef _STRSAFE_H_INCLUDED_
#define _STRSAFE_H_INCLUDED_

#include <stdarg.h>
#include <stdio.h>
#include "linsock_base.h"
#include "winerror.h"
#include "linsock_wchar.h"	/* _vsnwprintf */

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL)
#define STRSAFE_E_INVALID_PARAMETER   ((HRESULT)0x80070057L)
#define STRSAFE_E_END_OF_FILE         ((HRESULT)0x80070026L)
typedef char  *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef WCHAR *STRSAFE_LPWSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;


/* The generic bodies, instantiated for char (A) and WCHAR (W). */
#define LS_STRSAFE_BODIES(S, T) \
static inline HRESULT ls_strsafe_len##S(const T *s, size_t max, size_t *len) \
{ \
	size_t n = 0; \
	if (!s || max > STRSAFE_MAX_CCH) \
		return STRSAFE_E_INVALID_PARAMETER; \
	while (n < max && s[n]) \
		n++; \
	if (n == max) \
		return STRSAFE_E_INVALID_PARAMETER; \
	*len = n; \
	return S_OK; \
} \
/* Copies at most n units of src to d, always terminating within cch (cch >= 1). */ \
static inline HRESULT ls_strsafe_put##S(T *d, size_t cch, const T *src, size_t n) \
{ \
	size_t i; \
	for (i = 0;; i++) { \
		T c = i < n ? src[i] : (T)0; \
		if (!c) { \
			d[i] = 0; \
			return S_OK; \
		} \
		if (i == cch - 1) { \
			d[i] = 0; \
			return STRSAFE_E_INSUFFICIENT_BUFFER; \
		} \
		d[i] = c; \
	} \
} \
static inline HRESULT StringCchCopyN##S(T *d, size_t cch, const T *src, size_t n) \
{ \
	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH || n > STRSAFE_MAX_CCH) { \
		if (d && cch > 0 && cch <= STRSAFE_MAX_CCH) \
			d[0] = 0; \
		return STRSAFE_E_INVALID_PARAMETER; \
	} \
	if (!src) { \
		d[0] = 0; \
		return STRSAFE_E_INVALID_PARAMETER; \
	} \
	return ls_strsafe_put##S(d, cch, src, n); \
} \
static inline HRESULT StringCchCopy##S(T *d, size_t cch, const T *src) \
{ \
	return StringCchCopyN##S(d, cch, src, STRSAFE_MAX_CCH); \
} \
static inline HRESULT StringCchCatN##S(T *d, size_t cch, const T *src, size_t n) \
{ \
	size_t len; \
	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH || n > STRSAFE_MAX_CCH) \
		return STRSAFE_E_INVALID_PARAMETER; \
	if (ls_strsafe_len##S(d, cch, &len) != S_OK || !src || len >= cch) \
		return STRSAFE_E_INVALID_PARAMETER; \
	return ls_strsafe_put##S(d + len, cch - len, src, n); \
} \
static inline HRESULT StringCchCat##S(T *d, size_t cch, const T *src) \
{ \
	return StringCchCatN##S(d, cch, src, STRSAFE_MAX_CCH); \
} \
static inline HRESULT StringCchLength##S(const T *s, size_t max, size_t *pcch) \
{ \
	size_t n = 0; \
	HRESULT hr = ls_strsafe_len##S(s, max, &n); \
	if (pcch) \
		*pcch = hr == S_OK ? n : 0; \
	return hr; \
} \
static inline HRESULT StringCbCopy##S(T *d, size_t cb, const T *src) \
{ \
	return StringCchCopy##S(d, cb / sizeof(T), src); \
} \
static inline HRESULT StringCbCopyN##S(T *d, size_t cb, const T *src, size_t cbsrc) \
{ \
	return StringCchCopyN##S(d, cb / sizeof(T), src, cbsrc / sizeof(T)); \
} \
static inline HRESULT StringCbCat##S(T *d, size_t cb, const T *src) \
{ \
	return StringCchCat##S(d, cb / sizeof(T), src); \
} \
static inline HRESULT StringCbCatN##S(T *d, size_t cb, const T *src, size_t cbsrc) \
{ \
	return StringCchCatN##S(d, cb / sizeof(T), src, cbsrc / sizeof(T)); \
} \
static inline HRESULT StringCbLength##S(const T *s, size_t cbmax, size_t *pcb) \
{ \
	size_t n = 0; \
	HRESULT hr = ls_strsafe_len##S(s, cbmax / sizeof(T), &n); \
	if (pcb) \
		*pcb = hr == S_OK ? n * sizeof(T) : 0; \
	return hr; \
}

/* GCC's bounds warnings cannot see that every index stays below cch and the source's
 * terminator (false positives once inlined into a caller with a small array). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
LS_STRSAFE_BODIES(A, char)
LS_STRSAFE_BODIES(W, WCHAR)
#pragma GCC diagnostic pop

/* vsnprintf: n >= cch means the output was cut (the buffer holds what fit, terminated). */
static inline HRESULT StringCchVPrintfA(char *d, size_t cch, const char *fmt, va_list ap)
{
	int n;

	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH) {
		if (d && cch > 0 && cch <= STRSAFE_MAX_CCH)
			d[0] = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	if (!fmt) {
		d[0] = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	n = vsnprintf(d, cch, fmt, ap);
	if (n < 0) {
		d[0] = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	return (size_t)n >= cch ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
}
static inline HRESULT StringCchVPrintfW(WCHAR *d, size_t cch, const WCHAR *fmt, va_list ap)
{
	int n;

	if (!d || cch == 0 || cch > STRSAFE_MAX_CCH) {
		if (d && cch > 0 && cch <= STRSAFE_MAX_CCH)
			d[0] = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	if (!fmt) {
		d[0] = 0;
		return STRSAFE_E_INVALID_PARAMETER;
	}
	/* Microsoft's _vsnwprintf: -1 when the output did not fit, no terminator then. */
	n = _vsnwprintf(d, cch - 1, fmt, ap);
	d[cch - 1] = 0;
	if (n < 0 || (size_t)n >= cch) {
		return STRSAFE_E_INSUFFICIENT_BUFFER;
	}
	d[n] = 0;
	return S_OK;
}
static inline HRESULT StringCchPrintfA(char *d, size_t cch, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline HRESULT StringCchPrintfA(char *d, size_t cch, const char *fmt, ...)
{
	va_list ap;
	HRESULT hr;

	va_start(ap, fmt);
	hr = StringCchVPrintfA(d, cch, fmt, ap);
	va_end(ap);
	return hr;
}
static inline HRESULT StringCchPrintfW(WCHAR *d, size_t cch, const WCHAR *fmt, ...)
{
	va_list ap;
	HRESULT hr;

	va_start(ap, fmt);
	hr = StringCchVPrintfW(d, cch, fmt, ap);
	va_end(ap);
	return hr;
}
static inline HRESULT StringCbVPrintfA(char *d, size_t cb, const char *fmt, va_list ap)
{
	return StringCchVPrintfA(d, cb, fmt, ap);
}
static inline HRESULT StringCbVPrintfW(WCHAR *d, size_t cb, const WCHAR *fmt, va_list ap)
{
	return StringCchVPrintfW(d, cb / sizeof(WCHAR), fmt, ap);
}
static inline HRESULT StringCbPrintfA(char *d, size_t cb, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline HRESULT StringCbPrintfA(char *d, size_t cb, const char *fmt, ...)
{
	va_list ap;
	HRESULT hr;

	va_start(ap, fmt);
	hr = StringCchVPrintfA(d, cb, fmt, ap);
	va_end(ap);
	return hr;
}
static inline HRESULT StringCbPrintfW(WCHAR *d, size_t cb, const WCHAR *fmt, ...)
{
	va_list ap;
	HRESULT hr;

	va_start(ap, fmt);
	hr = StringCchVPrintfW(d, cb / sizeof(WCHAR), fmt, ap);
	va_end(ap);
	return hr;
}

#ifdef UNICODE
#define StringCchCopy    StringCchCopyW
#define StringCchCopyN   StringCchCopyNW
#define StringCchCat     StringCchCatW
#define StringCchCatN    StringCchCatNW
#define StringCchLength  StringCchLengthW
#define StringCchPrintf  StringCchPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCbCopy     StringCbCopyW
#define StringCbCopyN    StringCbCopyNW
#define StringCbCat      StringCbCatW
#define StringCbCatN     StringCbCatNW
#define StringCbLength   StringCbLengthW
#define StringCbPrintf   StringCbPrintfW
#define StringCbVPrintf  StringCbVPrintfW
#else
#define StringCchCopy    StringCchCopyA
#define StringCchCopyN   StringCchCopyNA
#define StringCchCat     StringCchCatA
#define StringCchCatN    StringCchCatNA
#define StringCchLength  StringCchLengthA
#define StringCchPrintf  StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCbCopy     StringCbCopyA
#define StringCbCopyN    StringCbCopyNA
#define StringCbCat      StringCbCatA
#define StringCbCatN     StringCbCatNA
#define StringCbLength   StringCbLengthA
#define StringCbPrintf   StringCbPrintfA
#define StringCbVPrintf  StringCbVPrintfA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _STRSAFE_H_INCLUDED_ */
