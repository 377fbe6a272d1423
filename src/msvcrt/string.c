/* msvcrt/string: strcpy_s, strncpy_s, strcat_s, strncat_s, memcpy_s, memmove_s, strnlen_s,
 * strtok_s, _strdup, _stricmp, _strnicmp, _strcmpi, _strlwr(_s), _strupr(_s).
 *
 * Microsoft's rules (Security Features in the CRT): a NULL destination or a zero size is
 * EINVAL and the destination is untouched; otherwise any failure empties the destination
 * (dest[0] = 0): NULL source EINVAL, no room ERANGE. strncpy_s/strncat_s with count _TRUNCATE
 * copy what fits and return STRUNCATE. errno is set to the error returned. The case-insensitive
 * compares fold ASCII letters to lower case, as the "C" locale does; NULL is EINVAL with
 * _NLSCMPERROR. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linsock_crt.h"
#include "msvcrt.h"
#include "../base/trace.h"

static errno_t fail(errno_t e)
{
	errno = e;
	return e;
}

errno_t strcpy_s(char *dest, rsize_t destsz, const char *src)
{
	size_t n;

	LS_TRACE_CALL("%p, %zu, %s", (void *)dest, (size_t)destsz, ls_trace_strn(src, destsz));
	if (!dest || destsz == 0)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (!src) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	n = strnlen(src, destsz);
	if (n == destsz) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(ERANGE));
	}
	memcpy(dest, src, n + 1);
	return LS_TRACE_RET_ERRNO(0);
}

errno_t strncpy_s(char *dest, rsize_t destsz, const char *src, rsize_t count)
{
	size_t n;

	LS_TRACE_CALL("%p, %zu, %s, %zu", (void *)dest, (size_t)destsz, ls_trace_strn(src, count), (size_t)count);
	if (!dest && destsz == 0 && count == 0)
		return LS_TRACE_RET_ERRNO(0);	/* Microsoft: nothing to do is no error */
	if (!dest || destsz == 0)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (count == 0) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(0);
	}
	if (!src) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	n = strnlen(src, count == _TRUNCATE ? destsz : count);
	if (count == _TRUNCATE && n == destsz) {
		memcpy(dest, src, destsz - 1);
		dest[destsz - 1] = 0;
		return LS_TRACE_RET_ERRNO(STRUNCATE);
	}
	if (n >= destsz) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(ERANGE));
	}
	memcpy(dest, src, n);
	dest[n] = 0;
	return LS_TRACE_RET_ERRNO(0);
}

errno_t strcat_s(char *dest, rsize_t destsz, const char *src)
{
	LS_TRACE_CALL("%s, %zu, %s", ls_trace_strn(dest, destsz), (size_t)destsz, ls_trace_strn(src, destsz));
	return LS_TRACE_RET_ERRNO(strncat_s(dest, destsz, src, (rsize_t)-2));
}

/* count (size_t)-2 is strcat_s's "all of src"; _TRUNCATE ((size_t)-1) truncates. */
errno_t strncat_s(char *dest, rsize_t destsz, const char *src, rsize_t count)
{
	size_t used, n;

	LS_TRACE_CALL("%s, %zu, %s, %zu", ls_trace_strn(dest, destsz), (size_t)destsz, ls_trace_strn(src, count),
		      (size_t)count);
	if (!dest && destsz == 0 && count == 0)
		return LS_TRACE_RET_ERRNO(0);
	if (!dest || destsz == 0)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (!src && count != 0) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	used = strnlen(dest, destsz);
	if (used == destsz) {
		dest[0] = 0;	/* dest is not terminated within its size */
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	if (count == 0)
		return LS_TRACE_RET_ERRNO(0);
	n = strnlen(src, count == _TRUNCATE || count == (rsize_t)-2 ? destsz - used : count);
	if (count == _TRUNCATE && n == destsz - used) {
		memcpy(dest + used, src, n - 1);
		dest[destsz - 1] = 0;
		return LS_TRACE_RET_ERRNO(STRUNCATE);
	}
	if (n >= destsz - used) {
		dest[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(ERANGE));
	}
	memcpy(dest + used, src, n);
	dest[used + n] = 0;
	return LS_TRACE_RET_ERRNO(0);
}

/* memcpy_s: a bad source or a count beyond destsz clears the whole destination. */
errno_t memcpy_s(void *dest, rsize_t destsz, const void *src, rsize_t count)
{
	LS_TRACE_CALL("%p, %zu, %p, %zu", dest, (size_t)destsz, src, (size_t)count);
	if (count == 0)
		return LS_TRACE_RET_ERRNO(0);
	if (!dest)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (!src) {
		memset(dest, 0, destsz);
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	if (destsz < count) {
		memset(dest, 0, destsz);
		return LS_TRACE_RET_ERRNO(fail(ERANGE));
	}
	memcpy(dest, src, count);
	return LS_TRACE_RET_ERRNO(0);
}

/* memmove_s leaves the destination as it was on failure. */
errno_t memmove_s(void *dest, rsize_t destsz, const void *src, rsize_t count)
{
	LS_TRACE_CALL("%p, %zu, %p, %zu", dest, (size_t)destsz, src, (size_t)count);
	if (count == 0)
		return LS_TRACE_RET_ERRNO(0);
	if (!dest || !src)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (destsz < count)
		return LS_TRACE_RET_ERRNO(fail(ERANGE));
	memmove(dest, src, count);
	return LS_TRACE_RET_ERRNO(0);
}

size_t strnlen_s(const char *s, size_t maxsize)
{
	LS_TRACE_CALL("%s, %zu", ls_trace_strn(s, maxsize), maxsize);
	return LS_TRACE_RET_UINT(s ? strnlen(s, maxsize) : 0);
}

char *strtok_s(char *str, const char *delim, char **context)
{
	LS_TRACE_CALL("%s, %s, %p", ls_trace_str(str), ls_trace_str(delim), (void *)context);
	if (!delim || !context || (!str && !*context)) {
		errno = EINVAL;
		return LS_TRACE_RET_HEX(NULL);
	}
	return LS_TRACE_RET_HEX(strtok_r(str, delim, context));
}

char *_strdup(const char *s)
{
	LS_TRACE_CALL("%s", ls_trace_str(s));
	return LS_TRACE_RET_CRT_PTR(s ? strdup(s) : NULL);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int _strnicmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	LS_TRACE_CALL("%s, %s, %zu", ls_trace_strn(a, n), ls_trace_strn(b, n), n);
	if (!a || !b) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(_NLSCMPERROR);
	}
	for (; n; n--, x++, y++) {
		int p = lower(*x), q = lower(*y);
		if (p != q)
			return LS_TRACE_RET_SINT(p - q);
		if (!p)
			break;
	}
	return LS_TRACE_RET_SINT(0);
}

int _stricmp(const char *a, const char *b)
{
	LS_TRACE_CALL("%s, %s", ls_trace_str(a), ls_trace_str(b));
	return LS_TRACE_RET_SINT(_strnicmp(a, b, SIZE_MAX));
}

int _strcmpi(const char *a, const char *b)
{
	LS_TRACE_CALL("%s, %s", ls_trace_str(a), ls_trace_str(b));
	return LS_TRACE_RET_SINT(_strnicmp(a, b, SIZE_MAX));
}

char *_strlwr(char *s)
{
	char *p;

	LS_TRACE_CALL("%s", ls_trace_str(s));
	if (!s) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT_PTR(NULL);
	}
	for (p = s; *p; p++)
		*p = (char)lower((unsigned char)*p);
	return LS_TRACE_RET_CRT_PTR(s);
}

char *_strupr(char *s)
{
	char *p;

	LS_TRACE_CALL("%s", ls_trace_str(s));
	if (!s) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT_PTR(NULL);
	}
	for (p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return LS_TRACE_RET_CRT_PTR(s);
}

errno_t _strlwr_s(char *s, size_t size)
{
	LS_TRACE_CALL("%s, %zu", ls_trace_strn(s, size), size);
	if (!s || size == 0)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (strnlen(s, size) == size) {
		s[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	_strlwr(s);
	return LS_TRACE_RET_ERRNO(0);
}

errno_t _strupr_s(char *s, size_t size)
{
	LS_TRACE_CALL("%s, %zu", ls_trace_strn(s, size), size);
	if (!s || size == 0)
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	if (strnlen(s, size) == size) {
		s[0] = 0;
		return LS_TRACE_RET_ERRNO(fail(EINVAL));
	}
	_strupr(s);
	return LS_TRACE_RET_ERRNO(0);
}
