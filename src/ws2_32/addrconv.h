/* ws2_32/addrconv: the textual address parsers and formatters behind inet_addr, inet_pton,
 * WSAStringToAddress and their inverses, shared with netdb.c (gethostbyname's numeric names,
 * getaddrinfo's bracketed IPv6). Windows has two IPv4 grammars (spec: Wine's ws2_32 tests):
 * - loose (inet_addr, WSAStringToAddress): 1 to 4 parts "a", "a.b", "a.b.c", "a.b.c.d", each
 *   decimal, 0-prefixed octal or 0x-prefixed hex, the last part filling the remaining bytes;
 * - strict (inet_pton): exactly 4 decimal parts 0-255 without leading zeros.
 * Addresses are bytes in network order. */
#ifndef LS_WS2_ADDRCONV_H
#define LS_WS2_ADDRCONV_H

#include <stddef.h>
#include <stdint.h>

/* Loose IPv4 at s: 1 on success with *end after the last digit, 0 if malformed. */
int ls_ws2_addr_parse4_loose(const char *s, uint8_t out[4], const char **end);
/* Strict IPv4; -1 if malformed before any address was complete, 0 if the 4 parts parsed but
 * *end is not the end of the string (the address was written: Windows writes it then), 1 ok. */
int ls_ws2_addr_parse4_strict(const char *s, uint8_t out[4], const char **end);
/* IPv6 text (no brackets, no scope) at s: 1 with *end after it, 0 if malformed. */
int ls_ws2_addr_parse6(const char *s, uint8_t out[16], const char **end);

/* Dotted quad into buf (at least 16 bytes); returns the length. */
size_t ls_ws2_addr_format4(const uint8_t a[4], char *buf);
/* IPv6 text as Windows prints it into buf (at least 46 bytes); returns the length. */
size_t ls_ws2_addr_format6(const uint8_t a[16], char *buf);

#endif
