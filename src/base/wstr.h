/* base/wstr: UTF-16 (Windows WCHAR) <-> UTF-8, the one codec of linsock: the W entry points and
 * MultiByteToWideChar/WideCharToMultiByte (kernel32/codepage.c) both use it.
 *
 * WCHAR is 16 bits on Windows whatever the compiler's wchar_t, so strings are uint16_t here and
 * this header needs no Windows type. Invalid input becomes U+FFFD, as Windows' converters do
 * without MB_ERR_INVALID_CHARS: a bad UTF-8 byte (a bad lead, a sequence cut short, overlong, a
 * surrogate, beyond U+10FFFF) is replaced and consumes one byte; an unpaired surrogate is
 * replaced. Pointers are our own memory: callers copy caller buffers in first if they must be
 * probed. */
#ifndef LS_BASE_WSTR_H
#define LS_BASE_WSTR_H

#include <stddef.h>
#include <stdint.h>

#define LS_WSTR_REPL 0xFFFDu

/* Units before the terminating 0. */
size_t ls_wstr_len(const uint16_t *s);

/* One code point from s[*i] (n units or bytes in all, *i < n); advances *i. Invalid input gives
 * LS_WSTR_REPL and sets *bad (never clears it). */
uint32_t ls_wstr_utf8_next(const unsigned char *s, size_t n, size_t *i, int *bad);
uint32_t ls_wstr_utf16_next(const uint16_t *s, size_t n, size_t *i, int *bad);
/* Encodes code point c (at most U+10FFFF, no surrogate); returns the bytes / units written. */
int ls_wstr_utf8_put(unsigned char out[4], uint32_t c);
int ls_wstr_utf16_put(uint16_t out[2], uint32_t c);

/* Converts the whole of src (with its terminator) into dst of cap bytes. Returns the bytes needed
 * including the terminator; dst is written (always terminated) only if that fits in cap. */
size_t ls_wstr_to_utf8(char *dst, size_t cap, const uint16_t *src);
/* The same the other way: cap and the result count 16-bit units. */
size_t ls_wstr_from_utf8(uint16_t *dst, size_t cap, const char *src);

/* New malloc'd UTF-8 copy of src (free with free()), or NULL if out of memory. */
char *ls_wstr_to_utf8_new(const uint16_t *src);

#endif
