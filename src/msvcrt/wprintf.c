/* msvcrt/wprintf: wide formatted output over 16-bit WCHAR with Microsoft's conventions:
 * _vsnwprintf, _snwprintf, _vscwprintf, _scwprintf, vswprintf_s, swprintf_s, and the
 * linsock_* forms that wprintf/fwprintf/swprintf name when wchar_t is 16 bits
 * (include/linsock_wchar.h states the rules).
 *
 * One formatter builds the whole output in a growing UTF-16 buffer; strings and characters
 * are done here (wide or narrow per Microsoft's letters), every numeric conversion is handed,
 * one at a time with its flags, width and precision, to the C library's snprintf (its output
 * is ASCII). %n writes nothing (Microsoft disables it by default). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linsock_wchar.h"
#include "stringapiset.h"
#include "msvcrt.h"
#include "../base/trace.h"
#include "../base/wstr.h"

struct wbuf {
	WCHAR *p;
	size_t len, cap;
	int oom;
};

static void put(struct wbuf *b, const WCHAR *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		WCHAR *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap * sizeof(WCHAR));
		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n * sizeof(WCHAR));
	b->len += n;
}

static void pad(struct wbuf *b, size_t n, WCHAR c)
{
	while (n--)
		put(b, &c, 1);
}

/* Width padding around n units of s (left-justified with '-'). */
static void put_field(struct wbuf *b, const WCHAR *s, size_t n, int width, int left)
{
	size_t w = width > 0 ? (size_t)width : 0;

	if (!left && w > n)
		pad(b, w - n, ' ');
	put(b, s, n);
	if (left && w > n)
		pad(b, w - n, ' ');
}

static void put_ascii(struct wbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		WCHAR c = (WCHAR)(unsigned char)s[i];
		put(b, &c, 1);
	}
}

/* A narrow (UTF-8) string as UTF-16, at most prec units (prec < 0: all). */
static void put_narrow(struct wbuf *b, const char *s, int prec, int width, int left)
{
	int n;
	WCHAR *w;

	if (!s)
		s = "(null)";
	n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
	w = n > 0 ? calloc((size_t)n, sizeof(WCHAR)) : NULL;
	if (!w) {
		b->oom = n > 0;
		return;
	}
	MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
	n--;	/* without the terminator */
	if (prec >= 0 && prec < n)
		n = prec;
	put_field(b, w, (size_t)n, width, left);
	free(w);
}

static void put_wide(struct wbuf *b, const WCHAR *s, int prec, int width, int left)
{
	static const WCHAR null_s[] = { '(', 'n', 'u', 'l', 'l', ')', 0 };
	size_t n = 0;

	if (!s)
		s = null_s;
	while (s[n] && (prec < 0 || n < (size_t)prec))
		n++;
	put_field(b, s, n, width, left);
}

/* Formats into b; 0, or -1 for a bad format (EINVAL). */
static int vformat(struct wbuf *b, const WCHAR *f, va_list ap)
{
	while (*f) {
		char spec[64];
		size_t sl = 0;
		int width = -1, prec = -1, left = 0, len = 0;	/* len: 0 int, 1 h, 2 hh, 3 l32, 4 64, 5 L */
		int wide_flag = 0, narrow_flag = 0;
		WCHAR c;

		if (*f != '%') {
			const WCHAR *s = f;

			while (*f && *f != '%')
				f++;
			put(b, s, (size_t)(f - s));
			continue;
		}
		f++;
		if (*f == '%') {
			put(b, f++, 1);
			continue;
		}
		spec[sl++] = '%';
		while (*f && strchr("-+ #0", (int)*f) && *f < 128) {
			if (*f == '-')
				left = 1;
			if (sl < 16)
				spec[sl++] = (char)*f;
			f++;
		}
		if (*f == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = 1;
				spec[sl++] = '-';
				width = -width;
			}
			f++;
		} else {
			for (width = 0; *f >= '0' && *f <= '9'; f++)
				width = width * 10 + (*f - '0');
			if (width > 100000)
				return -1;
		}
		if (*f == '.') {
			f++;
			if (*f == '*') {
				prec = va_arg(ap, int);
				f++;
			} else {
				for (prec = 0; *f >= '0' && *f <= '9'; f++)
					prec = prec * 10 + (*f - '0');
			}
			if (prec > 100000)
				return -1;
		}
		/* Length modifiers, Microsoft's included. */
		for (;;) {
			if (*f == 'h') {
				len = len == 1 ? 2 : 1;
				narrow_flag = 1;
			} else if (*f == 'l') {
				len = len == 3 ? 4 : 3;
				wide_flag = 1;
			} else if (*f == 'w') {
				wide_flag = 1;
			} else if (*f == 'L') {
				len = 5;
			} else if (*f == 'z' || *f == 't' || *f == 'j' || *f == 'q') {
				len = 4;
			} else if (*f == 'I') {
				if (f[1] == '6' && f[2] == '4') {
					len = 4;
					f += 2;
				} else if (f[1] == '3' && f[2] == '2') {
					len = 0;
					f += 2;
				} else {
					len = 4;	/* I: pointer-sized */
				}
			} else {
				break;
			}
			f++;
		}
		c = *f++;
		switch (c) {
		case 's':
		case 'S':
			/* %s is wide in a wide format unless h; %S narrow unless l/w. */
			if ((c == 's' && !narrow_flag) || (c == 'S' && wide_flag))
				put_wide(b, va_arg(ap, const WCHAR *), prec, width, left);
			else
				put_narrow(b, va_arg(ap, const char *), prec, width, left);
			continue;
		case 'c':
		case 'C': {
			WCHAR ch = (WCHAR)va_arg(ap, int);
			int narrow = (c == 'c' && narrow_flag) || (c == 'C' && !wide_flag);

			if (narrow) {
				char nc[2] = { (char)ch, 0 };
				put_narrow(b, nc, -1, width, left);
			} else {
				put_field(b, &ch, 1, width, left);
			}
			continue;
		}
		case 'n':
			(void)va_arg(ap, void *);
			continue;
		case 0:
			return -1;
		}
		if (!strchr("diouxXeEfFgGaAp", (int)c) || c >= 128)
			return -1;
		if (width >= 0 && width != 0)
			sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d", width);
		if (prec >= 0)
			sl += (size_t)snprintf(spec + sl, sizeof spec - sl, ".%d", prec);
		{
			char small[128], *out = small;
			int n;

			if (strchr("di", (int)c)) {
				long long v = len == 4 ? va_arg(ap, long long) : (long long)va_arg(ap, int);

				if (len == 1)
					v = (short)v;
				else if (len == 2)
					v = (signed char)v;
				snprintf(spec + sl, sizeof spec - sl, "ll%c", (char)c);
				n = snprintf(small, sizeof small, spec, v);
				if (n >= (int)sizeof small && (out = malloc((size_t)n + 1)))
					snprintf(out, (size_t)n + 1, spec, v);
			} else if (strchr("ouxX", (int)c)) {
				unsigned long long v = len == 4 ? va_arg(ap, unsigned long long)
								: (unsigned long long)va_arg(ap, unsigned int);

				if (len == 1)
					v = (unsigned short)v;
				else if (len == 2)
					v = (unsigned char)v;
				snprintf(spec + sl, sizeof spec - sl, "ll%c", (char)c);
				n = snprintf(small, sizeof small, spec, v);
				if (n >= (int)sizeof small && (out = malloc((size_t)n + 1)))
					snprintf(out, (size_t)n + 1, spec, v);
			} else if (c == 'p') {
				void *v = va_arg(ap, void *);

				/* Microsoft prints a pointer as 16 upper-case hex digits. */
				n = snprintf(small, sizeof small, "%016llX", (unsigned long long)(uintptr_t)v);
				if (width > n) {
					memmove(small + (width - n), small, (size_t)n + 1);
					memset(small, ' ', (size_t)(width - n));
					n = width;
				}
			} else if (len == 5) {
				long double v = va_arg(ap, long double);

				snprintf(spec + sl, sizeof spec - sl, "L%c", (char)c);
				n = snprintf(small, sizeof small, spec, v);
				if (n >= (int)sizeof small && (out = malloc((size_t)n + 1)))
					snprintf(out, (size_t)n + 1, spec, v);
			} else {
				double v = va_arg(ap, double);

				snprintf(spec + sl, sizeof spec - sl, "%c", (char)c);
				n = snprintf(small, sizeof small, spec, v);
				if (n >= (int)sizeof small && (out = malloc((size_t)n + 1)))
					snprintf(out, (size_t)n + 1, spec, v);
			}
			if (n < 0 || !out)
				return -1;
			put_ascii(b, out, (size_t)n);
			if (out != small)
				free(out);
		}
	}
	return 0;
}

/* Formats the whole output: its length (b->p owned by the caller, terminated), or -1. */
static int format_all(struct wbuf *b, const WCHAR *fmt, va_list ap)
{
	static const WCHAR empty = 0;

	memset(b, 0, sizeof *b);
	if (!fmt) {
		errno = EINVAL;
		return -1;
	}
	put(b, &empty, 0);	/* b->p exists even for empty output */
	if (vformat(b, fmt, ap) != 0 || b->oom) {
		free(b->p);
		b->p = NULL;
		errno = b->oom ? ENOMEM : EINVAL;
		return -1;
	}
	b->p[b->len] = 0;
	return b->len > INT32_MAX ? -1 : (int)b->len;
}

int _vsnwprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list ap)
{
	struct wbuf b;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_wstr((const uint16_t *)format));
	if (!buffer && count) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	n = format_all(&b, format, ap);
	if (n < 0)
		return LS_TRACE_RET_SINT(-1);
	if (!buffer) {
		free(b.p);
		return LS_TRACE_RET_SINT(n);	/* (NULL, 0): the length needed */
	}
	if ((size_t)n < count) {
		memcpy(buffer, b.p, ((size_t)n + 1) * sizeof(WCHAR));
	} else {
		memcpy(buffer, b.p, count * sizeof(WCHAR));	/* unterminated */
		if ((size_t)n > count)
			n = -1;
	}
	free(b.p);
	return LS_TRACE_RET_SINT(n);
}

int _snwprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = _vsnwprintf(buffer, count, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int _vscwprintf(const WCHAR *format, va_list ap)
{
	struct wbuf b;
	int n = format_all(&b, format, ap);

	LS_TRACE_CALL("%s, ...", ls_trace_wstr((const uint16_t *)format));
	free(b.p);
	return LS_TRACE_RET_SINT(n);
}

int _scwprintf(const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%s, ...", ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = _vscwprintf(format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list ap)
{
	struct wbuf b;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, size, ls_trace_wstr((const uint16_t *)format));
	if (!buffer || size == 0) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	n = format_all(&b, format, ap);
	if (n < 0 || (size_t)n >= size) {
		buffer[0] = 0;
		if (n >= 0)
			errno = ERANGE;
		free(b.p);
		return LS_TRACE_RET_SINT(-1);
	}
	memcpy(buffer, b.p, ((size_t)n + 1) * sizeof(WCHAR));
	free(b.p);
	return LS_TRACE_RET_SINT(n);
}

int swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, size, ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = vswprintf_s(buffer, size, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int linsock_vswprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list ap)
{
	struct wbuf b;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_wstr((const uint16_t *)format));
	if (!buffer || count == 0) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	n = format_all(&b, format, ap);
	if (n < 0) {
		buffer[0] = 0;
		return LS_TRACE_RET_SINT(-1);
	}
	if ((size_t)n >= count) {
		memcpy(buffer, b.p, (count - 1) * sizeof(WCHAR));
		buffer[count - 1] = 0;
		n = -1;
	} else {
		memcpy(buffer, b.p, ((size_t)n + 1) * sizeof(WCHAR));
	}
	free(b.p);
	return LS_TRACE_RET_SINT(n);
}

int linsock_swprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %zu, %s, ...", (void *)buffer, count, ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = linsock_vswprintf(buffer, count, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

/* The output goes to the stream as UTF-8; the result counts wide characters, as Windows'. */
int linsock_vfwprintf(FILE *stream, const WCHAR *format, va_list ap)
{
	struct wbuf b;
	char *u;
	int n;

	LS_TRACE_CALL("%p, %s, ...", (void *)stream, ls_trace_wstr((const uint16_t *)format));
	if (!stream) {
		errno = EINVAL;
		return LS_TRACE_RET_SINT(-1);
	}
	n = format_all(&b, format, ap);
	if (n < 0)
		return LS_TRACE_RET_SINT(-1);
	u = ls_wstr_to_utf8_new((const uint16_t *)b.p);
	free(b.p);
	if (!u) {
		errno = ENOMEM;
		return LS_TRACE_RET_SINT(-1);
	}
	if (fputs(u, stream) == EOF)
		n = -1;
	free(u);
	return LS_TRACE_RET_SINT(n);
}

int linsock_fwprintf(FILE *stream, const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%p, %s, ...", (void *)stream, ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = linsock_vfwprintf(stream, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}

int linsock_vwprintf(const WCHAR *format, va_list ap)
{
	LS_TRACE_CALL("%s, ...", ls_trace_wstr((const uint16_t *)format));
	return LS_TRACE_RET_SINT(linsock_vfwprintf(stdout, format, ap));
}

int linsock_wprintf(const WCHAR *format, ...)
{
	va_list ap;
	int n;

	LS_TRACE_CALL("%s, ...", ls_trace_wstr((const uint16_t *)format));
	va_start(ap, format);
	n = linsock_vfwprintf(stdout, format, ap);
	va_end(ap);
	return LS_TRACE_RET_SINT(n);
}
