/*
 * linsock_crt.h - the Microsoft C runtime extras Windows programs call
 * that glibc's headers do not declare: the bounds-checked _s functions
 * (Microsoft's argument order), _stricmp and friends, _snprintf,
 * localtime_s, fopen_s.  Reached from every Windows header.
 *
 * Invalid parameters: Microsoft's CRT calls the invalid-parameter
 * handler, whose default ends the program.  linsock's functions behave as
 * if a handler that returns had been installed: they set errno and
 * return the error (EINVAL, ERANGE), having cleared the destination as
 * Microsoft documents (docs/design.md M).
 */
#ifndef LS_CRT_H
#define LS_CRT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef LS_CRT_EXPORT
#define LS_CRT_EXPORT __attribute__((visibility("default")))
#endif

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif
#define _TRUNCATE    ((size_t)-1)
#define STRUNCATE    80
#define _NLSCMPERROR 0x7fffffff

/* ---- Strings (string.h) ---- */
LS_CRT_EXPORT errno_t strcpy_s(char *dest, rsize_t destsz, const char *src);
LS_CRT_EXPORT errno_t strncpy_s(char *dest, rsize_t destsz, const char *src, rsize_t count);
LS_CRT_EXPORT errno_t strcat_s(char *dest, rsize_t destsz, const char *src);
LS_CRT_EXPORT errno_t strncat_s(char *dest, rsize_t destsz, const char *src, rsize_t count);
LS_CRT_EXPORT errno_t memcpy_s(void *dest, rsize_t destsz, const void *src, rsize_t count);
LS_CRT_EXPORT errno_t memmove_s(void *dest, rsize_t destsz, const void *src, rsize_t count);
LS_CRT_EXPORT size_t  strnlen_s(const char *s, size_t maxsize);
LS_CRT_EXPORT char   *_strdup(const char *s);
LS_CRT_EXPORT int     _stricmp(const char *a, const char *b);
LS_CRT_EXPORT int     _strnicmp(const char *a, const char *b, size_t n);
LS_CRT_EXPORT int     _strcmpi(const char *a, const char *b);
LS_CRT_EXPORT char   *_strlwr(char *s);
LS_CRT_EXPORT char   *_strupr(char *s);
LS_CRT_EXPORT errno_t _strlwr_s(char *s, size_t size);
LS_CRT_EXPORT errno_t _strupr_s(char *s, size_t size);
LS_CRT_EXPORT char   *strtok_s(char *str, const char *delim, char **context);

/* ---- Formatted output (stdio.h) ---- */
LS_CRT_EXPORT int sprintf_s(char *buffer, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
LS_CRT_EXPORT int vsprintf_s(char *buffer, size_t size, const char *format, va_list ap)
	__attribute__((format(printf, 3, 0)));
LS_CRT_EXPORT int _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...)
	__attribute__((format(printf, 4, 5)));
LS_CRT_EXPORT int _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format,
	va_list ap) __attribute__((format(printf, 4, 0)));
LS_CRT_EXPORT int _snprintf(char *buffer, size_t count, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
LS_CRT_EXPORT int _vsnprintf(char *buffer, size_t count, const char *format, va_list ap)
	__attribute__((format(printf, 3, 0)));
LS_CRT_EXPORT int _scprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
LS_CRT_EXPORT int _vscprintf(const char *format, va_list ap) __attribute__((format(printf, 1, 0)));

LS_CRT_EXPORT int printf_s(const char *format, ...) __attribute__((format(printf, 1, 2)));
LS_CRT_EXPORT int fprintf_s(FILE *stream, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
LS_CRT_EXPORT int vprintf_s(const char *format, va_list ap) __attribute__((format(printf, 1, 0)));
LS_CRT_EXPORT int vfprintf_s(FILE *stream, const char *format, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* ---- Numbers to text (stdlib.h): radix 2..36; negative only in radix 10 ---- */
LS_CRT_EXPORT char   *_itoa(int value, char *buffer, int radix);
LS_CRT_EXPORT char   *_ltoa(long value, char *buffer, int radix);
LS_CRT_EXPORT char   *_ultoa(unsigned long value, char *buffer, int radix);
LS_CRT_EXPORT char   *_i64toa(long long value, char *buffer, int radix);
LS_CRT_EXPORT char   *_ui64toa(unsigned long long value, char *buffer, int radix);
LS_CRT_EXPORT errno_t _itoa_s(int value, char *buffer, size_t size, int radix);
LS_CRT_EXPORT errno_t _i64toa_s(long long value, char *buffer, size_t size, int radix);
LS_CRT_EXPORT errno_t strerror_s(char *buffer, size_t size, int errnum);

/* ---- Files and time (stdio.h, time.h); Microsoft's argument order ---- */
LS_CRT_EXPORT errno_t fopen_s(FILE **pFile, const char *filename, const char *mode);
LS_CRT_EXPORT errno_t localtime_s(struct tm *tmDest, const time_t *sourceTime);
LS_CRT_EXPORT errno_t gmtime_s(struct tm *tmDest, const time_t *sourceTime);

/* Old names Microsoft's headers still offer. */
#ifndef _CRT_NO_OLDNAMES
#define stricmp  _stricmp
#define strnicmp _strnicmp
#define strcmpi  _strcmpi
#define strlwr   _strlwr
#define strupr   _strupr
#define itoa     _itoa
#define ltoa     _ltoa
#define ultoa    _ultoa
#endif
#define _strtoi64  strtoll
#define _strtoui64 strtoull
#define _atoi64    atoll

#ifdef __cplusplus
}

/* Microsoft's C++ overloads that take the destination's size from its array type. */
template <size_t N> inline errno_t strcpy_s(char (&d)[N], const char *s) { return strcpy_s(d, N, s); }
template <size_t N> inline errno_t strcat_s(char (&d)[N], const char *s) { return strcat_s(d, N, s); }
template <size_t N> inline errno_t strncpy_s(char (&d)[N], const char *s, size_t n)
{
	return strncpy_s(d, N, s, n);
}
template <size_t N> inline errno_t _itoa_s(int v, char (&d)[N], int radix)
{
	return _itoa_s(v, d, N, radix);
}
template <size_t N> inline errno_t strerror_s(char (&d)[N], int e) { return strerror_s(d, N, e); }
template <size_t N> inline int sprintf_s(char (&d)[N], const char *f, ...)
{
	va_list ap;
	int r;
	va_start(ap, f);
	r = vsprintf_s(d, N, f, ap);
	va_end(ap);
	return r;
}
template <size_t N> inline int _snprintf_s(char (&d)[N], size_t n, const char *f, ...)
{
	va_list ap;
	int r;
	va_start(ap, f);
	r = _vsnprintf_s(d, N, n, f, ap);
	va_end(ap);
	return r;
}
#endif

#endif /* LS_CRT_H */
