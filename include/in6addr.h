/*
 * in6addr.h - IPv6 address (16 bytes) as a union of bytes and 16-bit words.
 */
#ifndef s6_addr

#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct in6_addr {
	union {
		UCHAR  Byte[16];
		USHORT Word[8];
	} u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

#define in_addr6  in6_addr
#define _S6_un    u
#define _S6_u8    Byte
#define s6_addr   _S6_un._S6_u8
#define s6_bytes  u.Byte
#define s6_words  u.Word

#ifdef __cplusplus
}
#endif

#endif /* s6_addr */
