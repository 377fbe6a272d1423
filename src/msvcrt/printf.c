/* msvcrt/printf: sprintf_s, vsprintf_s, _snprintf_s, _vsnprintf_s, _snprintf, _vsnprintf,
 * _scprintf, _vscprintf (narrow formatted output, glibc's vsnprintf underneath, so the
 * conversions are C99's: %I64d and other Microsoft-only size prefixes are not understood).
 *
 * Results, as Microsoft documents them:
 *  - sprintf_s: the length written; -1 with errno EINVAL for a NULL buffer, zero size or NULL
 *    format, ERANGE (and buffer[0] = 0) when the output does not fit.
 *  - _snprintf_s: at most count characters (count _TRUNCATE: what fits); -1 when the output
 *    was cut (buffer terminated), or ERANGE when count >= size and it does not fit.
 *  - _snprintf (legacy): -1 when the output is longer than count, with count characters
 *    written and NO terminator; exactly count characters: count, no terminator. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linsock_crt.h"
#include "msvcrt.h"
#include "../base/trace.h"

int vsprintf_s(char *buffer, size_t size, const char *format, va_list ap)
{
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, size, ls_trace_str(format));
	if (!buffer || size == 0) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	if (!format) {
		buffer[0] = 0;
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	n = vsnprintf(buffer, size, format, ap);
	if (n < 0 || (size_t)n >= size) {
		buffer[0] = 0;
		errno = n < 0 ? EINVAL : ERANGE;
		return LS_TRACE_RET_SINT(-1);
	}
	return LS_TRACE_RET_SINT(n);
}

int sprintf_s(char *buffer, size_t size, const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, size, ls_trace_str(format));
	va_start(ap, format);
	n = vsprintf_s(buffer, size, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list ap)
{
	size_t limit;
	int n;

	LS_TRACE_CALL("%p, %zu, %zu, %s, ...", (void *)buffer, size, count, ls_trace_str(format));
	if (!buffer && size == 0 && count == 0)
		return LS_TRACE_RET_SINT(0);
	if (!buffer || size == 0) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	if (!format) {
		buffer[0] = 0;
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	/* The output may take min(count, size - 1) characters. */
	limit = count == _TRUNCATE || count >= size ? size - 1 : count;
	n = vsnprintf(buffer, limit + 1, format, ap);
	if (n < 0) {
		buffer[0] = 0;
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	if ((size_t)n <= limit)
		return LS_TRACE_RET_SINT(n);
	if (count == _TRUNCATE || count < size)
		return LS_TRACE_RET_SINT(-1);	/* cut to fit, terminated: Microsoft's truncation result */
	buffer[0] = 0;
	errno = ERANGE;
	return LS_TRACE_RET_SINT(-1);
}

int _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %zu, %s, ...", (void *)buffer, size, count, ls_trace_str(format));
	va_start(ap, format);
	n = _vsnprintf_s(buffer, size, count, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int _vsnprintf(char *buffer, size_t count, const char *format, va_list ap)
{
	va_list copy;
	char *tmp;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_str(format));
	if (!format || (!buffer && count)) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (n < 0)
		return LS_TRACE_RET_SINT(-1);
	if (count == 0)
		return LS_TRACE_RET_SINT(buffer && n > 0 ? -1 : n);	/* (NULL, 0) measures, as _scprintf */
	if ((size_t)n < count)
		return LS_TRACE_RET_SINT(vsnprintf(buffer, count, format, ap));
	/* No room for the terminator: count characters, unterminated. */
	tmp = malloc((size_t)n + 1);
	if (!tmp) {
		errno = ENOMEM;
		return LS_TRACE_RET_SINT(-1);
	}
	vsnprintf(tmp, (size_t)n + 1, format, ap);
	memcpy(buffer, tmp, count);
	free(tmp);
	return LS_TRACE_RET_SINT((size_t)n == count ? n : -1);
}

int _snprintf(char *buffer, size_t count, const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_str(format));
	va_start(ap, format);
	n = _vsnprintf(buffer, count, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int _vscprintf(const char *format, va_list ap)
{
	LS_TRACE_CALL("%s, ...", ls_trace_str(format));
	if (!format) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	return LS_TRACE_RET_SINT(vsnprintf(NULL, 0, format, ap));
}

int _scprintf(const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%s, ...", ls_trace_str(format));
	va_start(ap, format);
	n = _vscprintf(format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

/* printf_s family: printf with the format checked (NULL is EINVAL, -1). glibc's %n stays
 * available; Microsoft's _s forms refuse it, which only matters to a program relying on the
 * refusal. */
int vfprintf_s(FILE *stream, const char *format, va_list ap)
{
	LS_TRACE_CALL("%p, %s, ...", (void *)stream, ls_trace_str(format));
	if (!stream || !format) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	return LS_TRACE_RET_SINT(vfprintf(stream, format, ap));
}

int vprintf_s(const char *format, va_list ap)
{
	LS_TRACE_CALL("%s, ...", ls_trace_str(format));
	return LS_TRACE_RET_SINT(vfprintf_s(stdout, format, ap));
}

int fprintf_s(FILE *stream, const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %s, ...", (void *)stream, ls_trace_str(format));
	va_start(ap, format);
	n = vfprintf_s(stream, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int printf_s(const char *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%s, ...", ls_trace_str(format));
	va_start(ap, format);
	n = vfprintf_s(stdout, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}
