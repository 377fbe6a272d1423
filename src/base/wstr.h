/* base/wstr: UTF-16 (Windows WCHAR) <-> UTF-8 for the W entry points.
 *
 * WCHAR is 16 bits on Windows whatever the compiler's wchar_t, so strings are uint16_t here and
 * this header needs no Windows type. Invalid input (unpaired surrogates, bad UTF-8 bytes) becomes
 * U+FFFD, as Windows' converters do without MB_ERR_INVALID_CHARS. Pointers are our own memory:
 * callers copy caller buffers in first if they must be probed. */
#ifndef LS_BASE_WSTR_H
#define LS_BASE_WSTR_H

#include <stddef.h>
#include <stdint.h>

/* Units before the terminating 0. */
size_t ls_wstr_len(const uint16_t *s);

/* Converts the whole of src (with its terminator) into dst of cap bytes. Returns the bytes needed
 * including the terminator; dst is written (always terminated) only if that fits in cap. */
size_t ls_wstr_to_utf8(char *dst, size_t cap, const uint16_t *src);
/* The same the other way: cap and the result count 16-bit units. */
size_t ls_wstr_from_utf8(uint16_t *dst, size_t cap, const char *src);

/* New malloc'd UTF-8 copy of src (free with free()), or NULL if out of memory. */
char *ls_wstr_to_utf8_new(const uint16_t *src);

#endif
