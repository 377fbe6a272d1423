/* ws2_32/byteorder: htonl, htons, ntohl, ntohs, the Windows 8 64-bit and floating-point
 * variants (htonll, ntohll, htonf, ntohf, htond, ntohd), WSAHtonl, WSAHtons, WSANtohl,
 * WSANtohs, and the exported constants in6addr_any / in6addr_loopback.
 * Network order is big-endian; these are plain byte swaps on little-endian hosts and identities
 * on big-endian ones. None needs WSAStartup except the WSA* forms, which take a socket. */
#include "ws2.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <inttypes.h>
#include <string.h>

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BE16(x) (x)
#define BE32(x) (x)
#define BE64(x) (x)
#else
#define BE16(x) __builtin_bswap16(x)
#define BE32(x) __builtin_bswap32(x)
#define BE64(x) __builtin_bswap64(x)
#endif

u_long WSAAPI htonl(u_long hostlong)
{
	LS_TRACE_CALL("%#lx", (unsigned long)hostlong);
	return LS_TRACE_RET_HEX(BE32(hostlong));
}

u_short WSAAPI htons(u_short hostshort)
{
	LS_TRACE_CALL("%#lx", (unsigned long)hostshort);
	return LS_TRACE_RET_HEX(BE16(hostshort));
}

u_long WSAAPI ntohl(u_long netlong)
{
	LS_TRACE_CALL("%#lx", (unsigned long)netlong);
	return LS_TRACE_RET_HEX(BE32(netlong));
}

u_short WSAAPI ntohs(u_short netshort)
{
	LS_TRACE_CALL("%#lx", (unsigned long)netshort);
	return LS_TRACE_RET_HEX(BE16(netshort));
}

UINT64 WSAAPI htonll(UINT64 Value)
{
	LS_TRACE_CALL("%#llx", (unsigned long long)Value);
	return LS_TRACE_RET_U64(BE64(Value));
}

UINT64 WSAAPI ntohll(UINT64 Value)
{
	LS_TRACE_CALL("%#llx", (unsigned long long)Value);
	return LS_TRACE_RET_U64(BE64(Value));
}

/* The float forms move the IEEE-754 bit pattern: the network side is an integer. */
UINT32 WSAAPI htonf(float Value)
{
	UINT32 v;

	LS_TRACE_CALL("%g", (double)Value);
	memcpy(&v, &Value, sizeof v);
	return LS_TRACE_RET_UINT(BE32(v));
}

float WSAAPI ntohf(UINT32 Value)
{
	float f;

	LS_TRACE_CALL("%lu", (unsigned long)Value);
	Value = BE32(Value);
	memcpy(&f, &Value, sizeof f);
	return LS_TRACE_RET_DOUBLE(f);
}

UINT64 WSAAPI htond(double Value)
{
	UINT64 v;

	LS_TRACE_CALL("%g", (double)Value);
	memcpy(&v, &Value, sizeof v);
	return LS_TRACE_RET_U64(BE64(v));
}

double WSAAPI ntohd(UINT64 Value)
{
	double d;

	LS_TRACE_CALL("%llu", (unsigned long long)Value);
	Value = BE64(Value);
	memcpy(&d, &Value, sizeof d);
	return LS_TRACE_RET_DOUBLE(d);
}

/* The WSA forms validate like any socket call: WSANOTINITIALISED, then WSAENOTSOCK for a value
 * that is no socket, then WSAEFAULT for a bad output pointer (Microsoft's reference pages). */
static int convert(SOCKET s, const void *val, void *out, size_t len)
{
	struct ls_handle *h;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	h = ls_handle_get_socket(s);
	if (!h)
		return ls_ws2_fail(WSAENOTSOCK);
	ls_handle_put(h);
	if (ls_sys_copy_out(out, val, len) != 0)
		return ls_ws2_fail(WSAEFAULT);
	return 0;
}

int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long *lpnetlong)
{
	u_long v = BE32(hostlong);

	LS_TRACE_CALL("%s, %lu, %p", ls_trace_socket(s), (unsigned long)hostlong, (const void *)lpnetlong);
	return LS_TRACE_RET_INT(convert(s, &v, lpnetlong, sizeof v));
}

int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort)
{
	u_short v = BE16(hostshort);

	LS_TRACE_CALL("%s, %lu, %p", ls_trace_socket(s), (unsigned long)hostshort, (const void *)lpnetshort);
	return LS_TRACE_RET_INT(convert(s, &v, lpnetshort, sizeof v));
}

int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong)
{
	u_long v = BE32(netlong);

	LS_TRACE_CALL("%s, %lu, %p", ls_trace_socket(s), (unsigned long)netlong, (const void *)lphostlong);
	return LS_TRACE_RET_INT(convert(s, &v, lphostlong, sizeof v));
}

int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort)
{
	u_short v = BE16(netshort);

	LS_TRACE_CALL("%s, %lu, %p", ls_trace_socket(s), (unsigned long)netshort, (const void *)lphostshort);
	return LS_TRACE_RET_INT(convert(s, &v, lphostshort, sizeof v));
}

/* :: and ::1 (ws2ipdef.h declares them; Windows programs link them from ws2_32). */
LS_EXPORT const IN6_ADDR in6addr_any = { { { 0 } } };
LS_EXPORT const IN6_ADDR in6addr_loopback = { { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } } };
