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
	return BE32(hostlong);
}

u_short WSAAPI htons(u_short hostshort)
{
	return BE16(hostshort);
}

u_long WSAAPI ntohl(u_long netlong)
{
	return BE32(netlong);
}

u_short WSAAPI ntohs(u_short netshort)
{
	return BE16(netshort);
}

UINT64 WSAAPI htonll(UINT64 Value)
{
	return BE64(Value);
}

UINT64 WSAAPI ntohll(UINT64 Value)
{
	return BE64(Value);
}

/* The float forms move the IEEE-754 bit pattern: the network side is an integer. */
UINT32 WSAAPI htonf(float Value)
{
	UINT32 v;

	memcpy(&v, &Value, sizeof v);
	return BE32(v);
}

float WSAAPI ntohf(UINT32 Value)
{
	float f;

	Value = BE32(Value);
	memcpy(&f, &Value, sizeof f);
	return f;
}

UINT64 WSAAPI htond(double Value)
{
	UINT64 v;

	memcpy(&v, &Value, sizeof v);
	return BE64(v);
}

double WSAAPI ntohd(UINT64 Value)
{
	double d;

	Value = BE64(Value);
	memcpy(&d, &Value, sizeof d);
	return d;
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

	LS_TRACE("s=%" PRIuPTR " v=%u out=%p", (uintptr_t)s, (unsigned)hostlong, (void *)lpnetlong);
	return convert(s, &v, lpnetlong, sizeof v);
}

int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort)
{
	u_short v = BE16(hostshort);

	LS_TRACE("s=%" PRIuPTR " v=%u out=%p", (uintptr_t)s, (unsigned)hostshort, (void *)lpnetshort);
	return convert(s, &v, lpnetshort, sizeof v);
}

int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong)
{
	u_long v = BE32(netlong);

	LS_TRACE("s=%" PRIuPTR " v=%u out=%p", (uintptr_t)s, (unsigned)netlong, (void *)lphostlong);
	return convert(s, &v, lphostlong, sizeof v);
}

int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort)
{
	u_short v = BE16(netshort);

	LS_TRACE("s=%" PRIuPTR " v=%u out=%p", (uintptr_t)s, (unsigned)netshort, (void *)lphostshort);
	return convert(s, &v, lphostshort, sizeof v);
}

/* :: and ::1 (ws2ipdef.h declares them; Windows programs link them from ws2_32). */
LS_EXPORT const IN6_ADDR in6addr_any = { { { 0 } } };
LS_EXPORT const IN6_ADDR in6addr_loopback = { { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } } };
