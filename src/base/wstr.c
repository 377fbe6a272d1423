/* base/wstr: UTF-16 <-> UTF-8 (see wstr.h). */
#include "wstr.h"

#include <stdlib.h>

#define REPL 0xFFFDu

size_t ls_wstr_len(const uint16_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Next code point of a UTF-16 string; advances *i. */
static uint32_t next16(const uint16_t *s, size_t *i)
{
	uint32_t c = s[(*i)++];

	if (c >= 0xD800 && c <= 0xDBFF) {
		uint32_t d = s[*i];

		if (d >= 0xDC00 && d <= 0xDFFF) {
			(*i)++;
			return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
		}
		return REPL;
	}
	if (c >= 0xDC00 && c <= 0xDFFF)
		return REPL;
	return c;
}

size_t ls_wstr_to_utf8(char *dst, size_t cap, const uint16_t *src)
{
	size_t i = 0, need = 0, pass;

	/* Two passes: measure, then write only if everything fits (no truncated output). */
	for (pass = 0; pass < 2; pass++) {
		size_t o = 0;

		i = 0;
		for (;;) {
			uint32_t c = next16(src, &i);
			unsigned char b[4];
			int n;

			if (c < 0x80) {
				b[0] = (unsigned char)c;
				n = 1;
			} else if (c < 0x800) {
				b[0] = (unsigned char)(0xC0 | (c >> 6));
				b[1] = (unsigned char)(0x80 | (c & 0x3F));
				n = 2;
			} else if (c < 0x10000) {
				b[0] = (unsigned char)(0xE0 | (c >> 12));
				b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
				b[2] = (unsigned char)(0x80 | (c & 0x3F));
				n = 3;
			} else {
				b[0] = (unsigned char)(0xF0 | (c >> 18));
				b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
				b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
				b[3] = (unsigned char)(0x80 | (c & 0x3F));
				n = 4;
			}
			if (pass)
				for (int k = 0; k < n; k++)
					dst[o + (size_t)k] = (char)b[k];
			o += (size_t)n;
			if (c == 0)
				break;
		}
		need = o;
		if (!dst || need > cap)
			break;
	}
	return need;
}

/* Next code point of a UTF-8 string; advances *i. */
static uint32_t next8(const unsigned char *s, size_t *i)
{
	uint32_t c = s[(*i)++], min;
	int more;

	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) {
		more = 1;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		more = 2;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		more = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		return REPL;
	}
	while (more--) {
		if ((s[*i] & 0xC0) != 0x80)
			return REPL;	/* the terminator is never a continuation byte */
		c = (c << 6) | (s[(*i)++] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return REPL;
	return c;
}

size_t ls_wstr_from_utf8(uint16_t *dst, size_t cap, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t need = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		size_t i = 0, o = 0;

		for (;;) {
			uint32_t c = next8(s, &i);

			if (c >= 0x10000) {
				if (pass) {
					dst[o] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
					dst[o + 1] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
				}
				o += 2;
			} else {
				if (pass)
					dst[o] = (uint16_t)c;
				o++;
			}
			if (c == 0)
				break;
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
