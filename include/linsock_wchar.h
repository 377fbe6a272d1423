/*
 * linsock_wchar.h - wide-string functions over 16-bit WCHAR.
 *
 * glibc's wcs* functions take a 32-bit wchar_t.  A Windows program's wide
 * strings are 16-bit (WCHAR; L"..." too when built with -fshort-wchar),
 * so tchar.h's _tcs* names under _UNICODE map to the 16-bit functions
 * below, and when wchar_t is 16 bits (-fshort-wchar) the standard wcs*
 * names used with WCHAR strings are re-pointed to them as well (glibc's
 * would read 4 bytes per character).  Header-only (static inline): no
 * exported name can clash with glibc's.  docs/design.md M.
 */
#ifndef LS_WCHAR_H
#define LS_WCHAR_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

static inline size_t ls_wcs_len(const WCHAR *s)
{
	const WCHAR *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}
static inline WCHAR *ls_wcs_cpy(WCHAR *d, const WCHAR *s)
{
	WCHAR *r = d;

	while ((*d++ = *s++) != 0)
		;
	return r;
}
/* As wcsncpy: pads with zeros, no terminator if s is n units or longer. */
static inline WCHAR *ls_wcs_ncpy(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t i = 0;

	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}
static inline WCHAR *ls_wcs_cat(WCHAR *d, const WCHAR *s)
{
	ls_wcs_cpy(d + ls_wcs_len(d), s);
	return d;
}
static inline int ls_wcs_ncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
		if (!*a)
			break;
	}
	return 0;
}
static inline int ls_wcs_cmp(const WCHAR *a, const WCHAR *b)
{
	return ls_wcs_ncmp(a, b, (size_t)-1);
}
/* Case folding of ASCII letters only, as Microsoft's _wcsicmp in the "C" locale. */
static inline WCHAR ls_wcs_lower(WCHAR c)
{
	return (WCHAR)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}
static inline int ls_wcs_nicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++) {
		WCHAR x = ls_wcs_lower(*a), y = ls_wcs_lower(*b);
		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return 0;
}
static inline int ls_wcs_icmp(const WCHAR *a, const WCHAR *b)
{
	return ls_wcs_nicmp(a, b, (size_t)-1);
}
static inline WCHAR *ls_wcs_chr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)s;
		if (!*s)
			return NULL;
	}
}
static inline WCHAR *ls_wcs_rchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *r = NULL;

	for (;; s++) {
		if (*s == c)
			r = s;
		if (!*s)
			return (WCHAR *)r;
	}
}
static inline WCHAR *ls_wcs_str(const WCHAR *h, const WCHAR *n)
{
	size_t len = ls_wcs_len(n);

	for (; *h; h++)
		if (ls_wcs_ncmp(h, n, len) == 0)
			return (WCHAR *)h;
	return len ? NULL : (WCHAR *)h;
}
static inline WCHAR *ls_wcs_dup(const WCHAR *s)
{
	size_t n = (ls_wcs_len(s) + 1) * sizeof(WCHAR);
	WCHAR *d = (WCHAR *)malloc(n);

	return d ? ls_wcs_cpy(d, s) : NULL;
}
/* strtol over the ASCII subset of s (digits, sign, 0x prefix), as Microsoft's wcstol. */
static inline long ls_wcs_tol(const WCHAR *s, WCHAR **end, int base)
{
	char buf[80];
	char *e;
	size_t i = 0;
	long r;

	while (s[i] && s[i] < 128 && i < sizeof buf - 1) {
		buf[i] = (char)s[i];
		i++;
	}
	buf[i] = 0;
	r = strtol(buf, &e, base);
	if (end)
		*end = (WCHAR *)s + (e - buf);
	return r;
}
static inline int ls_wcs_toi(const WCHAR *s)
{
	return (int)ls_wcs_tol(s, NULL, 10);
}

/* Wide formatted output with Microsoft's conventions (src/msvcrt/wprintf.c): in a wide format
 * %s and %c take a wide string / character, %S, %hs and %hc a narrow (UTF-8) one, %ls and %ws
 * wide; 'l' on an integer is 32 bits (Windows' long), ll / I64 64 bits, I / z pointer-sized.
 * Files receive UTF-8. _vsnwprintf: the length, or -1 when longer than count (count units
 * written, unterminated); a NULL buffer with count 0 measures. swprintf_s: the length, or -1
 * (errno ERANGE, buffer emptied) when it does not fit. linsock_swprintf is ISO swprintf (a
 * count, -1 when cut, always terminated). */
LS_CRT_EXPORT int _vsnwprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list ap);
LS_CRT_EXPORT int _snwprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...);
LS_CRT_EXPORT int _vscwprintf(const WCHAR *format, va_list ap);
LS_CRT_EXPORT int _scwprintf(const WCHAR *format, ...);
LS_CRT_EXPORT int vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list ap);
LS_CRT_EXPORT int swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...);
LS_CRT_EXPORT int linsock_vswprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list ap);
LS_CRT_EXPORT int linsock_swprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...);
LS_CRT_EXPORT int linsock_vfwprintf(FILE *stream, const WCHAR *format, va_list ap);
LS_CRT_EXPORT int linsock_fwprintf(FILE *stream, const WCHAR *format, ...);
LS_CRT_EXPORT int linsock_vwprintf(const WCHAR *format, va_list ap);
LS_CRT_EXPORT int linsock_wprintf(const WCHAR *format, ...);

/* The bounds-checked copies with strcpy_s's rules (linsock_crt.h): EINVAL for a NULL or empty
 * destination (untouched), otherwise the destination emptied on failure; ERANGE when it does
 * not fit; count _TRUNCATE copies what fits and returns STRUNCATE. errno is set as well. */
static inline int ls_wcs_fail(int e)
{
	errno = e;
	return e;
}
static inline int ls_wcs_ncpy_s(WCHAR *d, size_t dsz, const WCHAR *s, size_t count)
{
	size_t n = 0, lim;

	if (!d && dsz == 0 && count == 0)
		return 0;
	if (!d || dsz == 0)
		return ls_wcs_fail(EINVAL);
	if (count == 0) {
		d[0] = 0;
		return 0;
	}
	if (!s) {
		d[0] = 0;
		return ls_wcs_fail(EINVAL);
	}
	lim = count == _TRUNCATE ? dsz : count;
	while (n < lim && s[n])
		n++;
	if (count == _TRUNCATE && n == dsz) {
		memcpy(d, s, (dsz - 1) * sizeof(WCHAR));
		d[dsz - 1] = 0;
		return STRUNCATE;
	}
	if (n >= dsz) {
		d[0] = 0;
		return ls_wcs_fail(ERANGE);
	}
	memcpy(d, s, n * sizeof(WCHAR));
	d[n] = 0;
	return 0;
}
static inline int ls_wcs_cpy_s(WCHAR *d, size_t dsz, const WCHAR *s)
{
	if (d && dsz && !s) {
		d[0] = 0;
		return ls_wcs_fail(EINVAL);
	}
	return ls_wcs_ncpy_s(d, dsz, s, dsz && s ? dsz + 1 : 1);
}
static inline int ls_wcs_cat_s(WCHAR *d, size_t dsz, const WCHAR *s)
{
	size_t used = 0;
	int r;

	if (!d || dsz == 0)
		return ls_wcs_fail(EINVAL);
	while (used < dsz && d[used])
		used++;
	if (used == dsz || !s) {
		d[0] = 0;
		return ls_wcs_fail(EINVAL);
	}
	r = ls_wcs_cpy_s(d + used, dsz - used, s);
	if (r)
		d[0] = 0;
	return r;
}
static inline size_t ls_wcs_nlen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	if (!s)
		return 0;
	while (n < max && s[n])
		n++;
	return n;
}

#define wcscpy_s  ls_wcs_cpy_s
#define wcsncpy_s ls_wcs_ncpy_s
#define wcscat_s  ls_wcs_cat_s
#define wcsnlen_s ls_wcs_nlen

/* Microsoft-only names, always. */
#define _wcsicmp  ls_wcs_icmp
#define _wcsnicmp ls_wcs_nicmp
#define _wcsdup   ls_wcs_dup
#define _wtoi     ls_wcs_toi
#define _wtol(s)  ls_wcs_tol((s), NULL, 10)

/* With -fshort-wchar, wchar_t is WCHAR: the standard names take the 16-bit versions. */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
#include <wchar.h>
#define wcslen  ls_wcs_len
#define wcscpy  ls_wcs_cpy
#define wcsncpy ls_wcs_ncpy
#define wcscat  ls_wcs_cat
#define wcscmp  ls_wcs_cmp
#define wcsncmp ls_wcs_ncmp
#define wcschr  ls_wcs_chr
#define wcsrchr ls_wcs_rchr
#define wcsstr  ls_wcs_str
#define wcstol  ls_wcs_tol
#define wcsdup  ls_wcs_dup
#define wprintf   linsock_wprintf
#define vwprintf  linsock_vwprintf
#define fwprintf  linsock_fwprintf
#define vfwprintf linsock_vfwprintf
#define swprintf  linsock_swprintf
#define vswprintf linsock_vswprintf
#endif

#ifdef __cplusplus
}
#endif

#endif /* LS_WCHAR_H */
