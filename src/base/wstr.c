/* base/wstr: UTF-16 <-> UTF-8 (see wstr.h). */
#include "wstr.h"

#include <stdlib.h>
#include <string.h>

size_t ls_wstr_len(const uint16_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

uint32_t ls_wstr_utf8_next(const unsigned char *s, size_t n, size_t *i, int *bad)
{
	uint32_t c = s[*i], min;
	size_t k, j;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		k = 1;
		min = 0x80;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 2;
		min = 0x800;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 3;
		min = 0x10000;
		c &= 0x07;
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
	return LS_WSTR_REPL;
}

uint32_t ls_wstr_utf16_next(const uint16_t *s, size_t n, size_t *i, int *bad)
{
	uint32_t c = s[(*i)++];

	if (c >= 0xD800 && c <= 0xDBFF && *i < n && s[*i] >= 0xDC00 && s[*i] <= 0xDFFF)
		return 0x10000 + ((c - 0xD800) << 10) + (s[(*i)++] - 0xDC00u);
	if (c >= 0xD800 && c <= 0xDFFF) {
		*bad = 1;
		return LS_WSTR_REPL;
	}
	return c;
}

int ls_wstr_utf8_put(unsigned char b[4], uint32_t c)
{
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | (c >> 6));
		b[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (c >> 12));
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (c >> 18));
	b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

int ls_wstr_utf16_put(uint16_t w[2], uint32_t c)
{
	if (c < 0x10000) {
		w[0] = (uint16_t)c;
		return 1;
	}
	w[0] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
	w[1] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
	return 2;
}

/* Both converters take two passes: measure, then write only if everything fits (no truncated
 * output). n counts the terminator, so the last code point decoded is the 0. */
size_t ls_wstr_to_utf8(char *dst, size_t cap, const uint16_t *src)
{
	size_t n = ls_wstr_len(src) + 1, need = 0;
	int bad = 0;

	for (int pass = 0; pass < 2; pass++) {
		size_t i = 0, o = 0;

		while (i < n) {
			unsigned char b[4];
			int k = ls_wstr_utf8_put(b, ls_wstr_utf16_next(src, n, &i, &bad));

			if (pass)
				memcpy(dst + o, b, (size_t)k);
			o += (size_t)k;
		}
		need = o;
		if (!dst || need > cap)
			break;
	}
	return need;
}

size_t ls_wstr_from_utf8(uint16_t *dst, size_t cap, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strlen(src) + 1, need = 0;
	int bad = 0;

	for (int pass = 0; pass < 2; pass++) {
		size_t i = 0, o = 0;

		while (i < n) {
			uint16_t w[2];
			int k = ls_wstr_utf16_put(w, ls_wstr_utf8_next(s, n, &i, &bad));

			if (pass)
				memcpy(dst + o, w, (size_t)k * sizeof *w);
			o += (size_t)k;
		}
		need = o;
		if (!dst || need > cap)
			break;
	}
	return need;
}

char *ls_wstr_to_utf8_new(const uint16_t *src)
{
	size_t n = ls_wstr_to_utf8(NULL, 0, src);
	char *p = malloc(n);

	if (p)
		ls_wstr_to_utf8(p, n, src);
	return p;
}
