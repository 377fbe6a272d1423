/* msvcrt/convert: _itoa, _ltoa, _ultoa, _i64toa, _ui64toa, _itoa_s, _i64toa_s, strerror_s.
 *
 * Microsoft's rules: radix 2..36, lower-case digits; a '-' only in radix 10 (other radixes
 * show the two's complement: _itoa(-1, b, 16) is "ffffffff", 32 bits as Windows' int and long).
 * The non-_s forms trust the buffer (Microsoft documents 33 / 65 characters as enough); the _s
 * forms check it: NULL or size 0 EINVAL, bad radix EINVAL (buffer emptied), no room ERANGE
 * (buffer emptied). strerror_s copies strerror's text, truncated to fit (ERANGE is not
 * reported: Microsoft truncates too). */
#include <errno.h>
#include <string.h>

#include "linsock_crt.h"
#include "msvcrt.h"
#include "../base/trace.h"

/* Digits of v in radix r, negative (radix 10 only) with a sign, into out (>= 66 bytes). */
static size_t format_u(char *out, unsigned long long v, int neg, int r)
{
	char tmp[66];
	size_t n = 0, i = 0;

	do {
		unsigned d = (unsigned)(v % (unsigned)r);
		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= (unsigned)r;
	} while (v);
	if (neg)
		out[i++] = '-';
	while (n)
		out[i++] = tmp[--n];
	out[i] = 0;
	return i;
}

static char *to_text(long long sv, unsigned long long uv, int is_signed, char *buffer, int radix)
{
	char tmp[66];
	size_t n;

	if (!buffer || radix < 2 || radix > 36) {
		errno = EINVAL;
		if (buffer)
			buffer[0] = 0;
		return buffer;
	}
	if (is_signed && radix == 10 && sv < 0)
		n = format_u(tmp, 0ull - (unsigned long long)sv, 1, radix);
	else
		n = format_u(tmp, uv, 0, radix);
	memcpy(buffer, tmp, n + 1);
	return buffer;
}

char *_itoa(int value, char *buffer, int radix)
{
	LS_TRACE_CALL("%d, %p, %d", value, (void *)buffer, radix);
	return LS_TRACE_RET_CRT_PTR(to_text(value, (unsigned int)value, 1, buffer, radix));
}

/* Windows' long is 32 bits: the value is taken as its low 32 bits. */
char *_ltoa(long value, char *buffer, int radix)
{
	LS_TRACE_CALL("%ld, %p, %d", value, (void *)buffer, radix);
	return LS_TRACE_RET_CRT_PTR(to_text((int)value, (unsigned int)value, 1, buffer, radix));
}

char *_ultoa(unsigned long value, char *buffer, int radix)
{
	LS_TRACE_CALL("%lu, %p, %d", value, (void *)buffer, radix);
	return LS_TRACE_RET_CRT_PTR(to_text(0, (unsigned int)value, 0, buffer, radix));
}

char *_i64toa(long long value, char *buffer, int radix)
{
	LS_TRACE_CALL("%lld, %p, %d", value, (void *)buffer, radix);
	return LS_TRACE_RET_CRT_PTR(to_text(value, (unsigned long long)value, 1, buffer, radix));
}

char *_ui64toa(unsigned long long value, char *buffer, int radix)
{
	LS_TRACE_CALL("%llu, %p, %d", value, (void *)buffer, radix);
	return LS_TRACE_RET_CRT_PTR(to_text(0, value, 0, buffer, radix));
}

static errno_t to_text_s(long long sv, unsigned long long uv, char *buffer, size_t size, int radix)
{
	char tmp[66];
	size_t n;

	if (!buffer || size == 0) {
		errno = EINVAL;
		return EINVAL;
	}
	if (radix < 2 || radix > 36) {
		buffer[0] = 0;
		errno = EINVAL;
		return EINVAL;
	}
	if (radix == 10 && sv < 0)
		n = format_u(tmp, 0ull - (unsigned long long)sv, 1, radix);
	else
		n = format_u(tmp, uv, 0, radix);
	if (n + 1 > size) {
		buffer[0] = 0;
		errno = ERANGE;
		return ERANGE;
	}
	memcpy(buffer, tmp, n + 1);
	return 0;
}

errno_t _itoa_s(int value, char *buffer, size_t size, int radix)
{
	LS_TRACE_CALL("%d, %p, %zu, %d", value, (void *)buffer, size, radix);
	return LS_TRACE_RET_ERRNO(to_text_s(value, (unsigned int)value, buffer, size, radix));
}

errno_t _i64toa_s(long long value, char *buffer, size_t size, int radix)
{
	LS_TRACE_CALL("%lld, %p, %zu, %d", value, (void *)buffer, size, radix);
	return LS_TRACE_RET_ERRNO(to_text_s(value, (unsigned long long)value, buffer, size, radix));
}

errno_t strerror_s(char *buffer, size_t size, int errnum)
{
	const char *msg;
	size_t n;

	LS_TRACE_CALL("%p, %zu, %d", (void *)buffer, size, errnum);
	if (!buffer || size == 0) {
		errno = EINVAL;
		return LS_TRACE_RET_ERRNO(EINVAL);
	}
	msg = strerror(errnum);
	n = strlen(msg);
	if (n >= size)
		n = size - 1;
	memcpy(buffer, msg, n);
	buffer[n] = 0;
	return LS_TRACE_RET_ERRNO(0);
}
