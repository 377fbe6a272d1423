/*
 * inaddr.h - IPv4 address (4 bytes).  Windows code reaches the address as
 * a.s_addr, a.S_un.S_addr or byte-wise as a.S_un.S_un_b.s_b1, so the
 * union is kept with Windows' member names.
 */
#ifndef s_addr

#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct in_addr {
	union {
		struct { UCHAR s_b1, s_b2, s_b3, s_b4; } S_un_b;
		struct { USHORT s_w1, s_w2; } S_un_w;
		ULONG S_addr;
	} S_un;
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

#define s_addr  S_un.S_addr		/* the whole address, network order */
#define s_host  S_un.S_un_b.s_b2	/* legacy ARPANET/IMP names */
#define s_net   S_un.S_un_b.s_b1
#define s_imp   S_un.S_un_w.s_w2
#define s_impno S_un.S_un_b.s_b4
#define s_lh    S_un.S_un_b.s_b3

#ifdef __cplusplus
}
#endif

#endif /* s_addr */
