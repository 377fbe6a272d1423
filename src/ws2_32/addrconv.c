/* ws2_32/addrconv: inet_addr, inet_ntoa, inet_pton, inet_ntop, InetPtonW, InetNtopW,
 * WSAStringToAddressA/W, WSAAddressToStringA/W, and the parsers they share (addrconv.h).
 * Grammar facts are pinned by Wine's ws2_32 protocol tests (run against Windows) and restated in
 * test/api/inet_addr.c and test/api/WSAStringToAddress.c. */
#include "ws2.h"
#include "addrconv.h"
#include "../base/sys.h"
#include "../base/wstr.h"

#include <stdio.h>
#include <string.h>

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* C-locale isspace: inet_addr stops at any of these (Windows ignores what follows). */
static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* One number of the loose grammar: 0x hex, leading-0 octal, else decimal. Arithmetic wraps at
 * 32 bits as Windows' does ("0x123456789" reads 0x23456789); "0x" without digits and an 8 or 9
 * in an octal number are errors. */
static int loose_num(const char **p, uint32_t *v)
{
	const char *s = *p;
	uint32_t n = 0;
	int base = 10, digits = 0;

	if (!is_digit(*s))
		return 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++) {
		int d = hex_val((unsigned char)*s);

		if (base == 8 && (d == 8 || d == 9))
			return 0;
		if (d < 0 || d >= base)
			break;
		n = n * (uint32_t)base + (uint32_t)d;
		digits++;
	}
	if (!digits)
		return 0;
	*p = s;
	*v = n;
	return 1;
}

int ls_ws2_addr_parse4_loose(const char *s, uint8_t out[4], const char **end)
{
	uint32_t part[4], v;
	int n = 0;

	for (;;) {
		if (!loose_num(&s, &part[n]))
			return 0;
		n++;
		if (*s != '.')
			break;
		if (n == 4)
			return 0;	/* a fifth part */
		s++;
	}
	/* The last part fills the bytes the earlier ones left (BSD inet_aton rules). */
	for (int i = 0; i < n - 1; i++)
		if (part[i] > 0xff)
			return 0;
	switch (n) {
	case 1:
		v = part[0];
		break;
	case 2:
		if (part[1] > 0xffffff)
			return 0;
		v = part[0] << 24 | part[1];
		break;
	case 3:
		if (part[2] > 0xffff)
			return 0;
		v = part[0] << 24 | part[1] << 16 | part[2];
		break;
	default:
		if (part[3] > 0xff)
			return 0;
		v = part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3];
		break;
	}
	out[0] = (uint8_t)(v >> 24);
	out[1] = (uint8_t)(v >> 16);
	out[2] = (uint8_t)(v >> 8);
	out[3] = (uint8_t)v;
	*end = s;
	return 1;
}

int ls_ws2_addr_parse4_strict(const char *s, uint8_t out[4], const char **end)
{
	uint8_t a[4];

	for (int i = 0; i < 4; i++) {
		unsigned v = 0, k = 0;

		if (!is_digit(*s))
			return -1;
		/* No octal and no hex: "010" and "0x1" are refused outright. */
		if (s[0] == '0' && (is_digit(s[1]) || s[1] == 'x' || s[1] == 'X'))
			return -1;
		while (is_digit(*s)) {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++k > 3 || v > 255)
				return -1;
		}
		a[i] = (uint8_t)v;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	if (*s == '.')
		return -1;
	/* Windows stores the four bytes before looking at what follows them. */
	memcpy(out, a, 4);
	*end = s;
	return *s ? 0 : 1;
}

/* The dotted quad inside an IPv6 address: 4 decimal parts of 1 to 3 digits (leading zeros are
 * accepted there, "1::001.2.3.4" is valid on Windows), each at most 255. */
static int parse4_in6(const char *s, uint8_t out[4], const char **end)
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, k = 0;

		while (is_digit(*s)) {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++k > 3)
				return 0;
		}
		if (!k || v > 255)
			return 0;
		out[i] = (uint8_t)v;
		if (i < 3 && *s++ != '.')
			return 0;
	}
	*end = s;
	return 1;
}

int ls_ws2_addr_parse6(const char *s, uint8_t out[16], const char **end)
{
	uint16_t w[8];
	int n = 0, gap = -1, lead = 0;
	const char *p = s;

	if (p[0] == ':') {
		if (p[1] != ':')
			return 0;
		gap = 0;
		lead = 1;
		p += 2;
	}
	if (gap < 0 || hex_val((unsigned char)*p) >= 0) {
		for (;;) {
			int h = 0;
			uint32_t v = 0;

			while (hex_val((unsigned char)p[h]) >= 0)
				h++;
			if (p[h] == '.') {
				uint8_t a[4];

				if (n > 6 || !parse4_in6(p, a, &p))
					return 0;
				w[n++] = (uint16_t)(a[0] << 8 | a[1]);
				w[n++] = (uint16_t)(a[2] << 8 | a[3]);
				break;
			}
			if (h == 0 || h > 4)
				return 0;
			for (int i = 0; i < h; i++)
				v = v << 4 | (uint32_t)hex_val((unsigned char)p[i]);
			w[n++] = (uint16_t)v;
			p += h;
			if (n == 8 || p[0] != ':')
				break;
			if (p[1] == ':') {
				if (gap >= 0)
					return 0;
				gap = n;
				p += 2;
				if (hex_val((unsigned char)*p) < 0)
					break;
				continue;
			}
			if (hex_val((unsigned char)p[1]) < 0)
				return 0;	/* a single ':' must be followed by a group */
			p++;
		}
	}
	if (gap < 0) {
		if (n != 8)
			return 0;
	} else {
		/* "::" stands for at least one zero group. Windows also counts a leading "::" as two
		 * groups, so "::1:2:3:4:5:6:7" is refused while "1:2:3:4:5:6:7::" is accepted. */
		if (n > (lead ? 6 : 7))
			return 0;
		memmove(&w[8 - (n - gap)], &w[gap], (size_t)(n - gap) * sizeof w[0]);
		for (int i = gap; i < 8 - (n - gap); i++)
			w[i] = 0;
	}
	for (int i = 0; i < 8; i++) {
		out[2 * i] = (uint8_t)(w[i] >> 8);
		out[2 * i + 1] = (uint8_t)w[i];
	}
	*end = p;
	return 1;
}

size_t ls_ws2_addr_format4(const uint8_t a[4], char *buf)
{
	char *p = buf;

	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];

		if (i)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
	}
	*p = 0;
	return (size_t)(p - buf);
}

static char *hex16(char *p, unsigned v)
{
	static const char digits[] = "0123456789abcdef";
	int started = 0;

	for (int sh = 12; sh >= 0; sh -= 4) {
		unsigned d = (v >> sh) & 0xf;

		if (d || started || sh == 0) {
			*p++ = digits[d];
			started = 1;
		}
	}
	return p;
}

size_t ls_ws2_addr_format6(const uint8_t a[16], char *buf)
{
	unsigned w[8];
	int best = -1, best_len = 0, v4 = 0;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	/* Windows writes the embedded IPv4 forms dotted: mapped "::ffff:1.2.3.4", translated
	 * "::ffff:0:1.2.3.4" and compatible "::1.2.3.4" (not for :: and ::1, whose word 6 is 0). */
	if (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] && w[5] == 0xffff) {
		p = stpcpy(p, "::ffff:");
		v4 = 1;
	} else if (!w[0] && !w[1] && !w[2] && !w[3] && w[4] == 0xffff && !w[5]) {
		p = stpcpy(p, "::ffff:0:");
		v4 = 1;
	} else if (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] && !w[5] && w[6]) {
		p = stpcpy(p, "::");
		v4 = 1;
	}
	if (v4)
		return (size_t)(p - buf) + ls_ws2_addr_format4(a + 12, p);
	/* The longest run of two or more zero groups (the first of equals) becomes "::" (RFC 5952). */
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && !w[j])
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			*p++ = ':';
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			*p++ = ':';
		p = hex16(p, w[i]);
	}
	*p = 0;
	return (size_t)(p - buf);
}

/* ---- inet_addr / inet_ntoa ---- */

static int copy_str(char *buf, size_t cap, const char *user);

u_long WSAAPI inet_addr(const char *cp)
{
	char buf[128];
	uint8_t a[4];
	const char *end;
	u_long r;

	LS_TRACE_CALL("%s", ls_trace_str(cp));
	/* No WSAStartup needed (ReactOS' nostartup test); NULL sets WSAEFAULT, every other failure
	 * leaves the slot alone (Wine's tests). */
	if (!cp || copy_str(buf, sizeof buf, cp) < 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_HEX(INADDR_NONE);
	}
	/* Windows' one special case: a lone space is INADDR_ANY, while "" and "  " are INADDR_NONE. */
	if (!strcmp(buf, " "))
		return LS_TRACE_RET_HEX(0);
	if (!ls_ws2_addr_parse4_loose(buf, a, &end))
		return LS_TRACE_RET_HEX(INADDR_NONE);
	/* Whitespace ends the address; anything after it is ignored ("1.2.3 junk" is 1.2.0.3). */
	if (*end && !is_space((unsigned char)*end))
		return LS_TRACE_RET_HEX(INADDR_NONE);
	memcpy(&r, a, 4);
	return LS_TRACE_RET_HEX(r);
}

char *WSAAPI inet_ntoa(struct in_addr in)
{
	LS_TRACE_CALL("%s", ls_trace_in_addr(&in));
	/* One buffer per thread: Windows keeps it in the thread's Winsock data, so a second call on
	 * the same thread overwrites the first and threads do not interfere (Wine's tests). */
	static __thread char buf[16];

	ls_ws2_addr_format4((const uint8_t *)&in.s_addr, buf);
	return LS_TRACE_RET_PTR((char *)buf);
}

/* ---- inet_pton / InetPtonW ---- */

/* 1, 0 (not an address of that family; slot untouched) or -1 with the slot set. */
static int pton(int af, const char *s, void *dst)
{
	uint8_t a[16];
	const char *end;
	int r;

	if (af == AF_INET) {
		r = ls_ws2_addr_parse4_strict(s, a, &end);
		if (r < 0)
			return 0;
		if (ls_sys_copy_out(dst, a, 4) != 0) {
			ls_lasterr_set(WSAEFAULT);
			return -1;
		}
		return r;
	}
	if (!ls_ws2_addr_parse6(s, a, &end) || *end)
		return 0;
	if (ls_sys_copy_out(dst, a, 16) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return -1;
	}
	return 1;
}

/* Windows checks the string pointer first (NULL is WSAEFAULT even for AF_UNSPEC), then the
 * family (WSAEAFNOSUPPORT). */
static int pton_check(int af, const void *s, const void *dst)
{
	if (!s || !dst) {
		ls_lasterr_set(WSAEFAULT);
		return -1;
	}
	if (af != AF_INET && af != AF_INET6) {
		ls_lasterr_set(WSAEAFNOSUPPORT);
		return -1;
	}
	return 0;
}

/* Copies a caller's string into buf (at most cap - 1 bytes; longer strings are cut, which no
 * address survives). -1 if the pointer faults. */
static int copy_str(char *buf, size_t cap, const char *user)
{
	size_t n = 0;

	while (n < cap - 1) {
		if (ls_sys_copy_in(&buf[n], user + n, 1) != 0)
			return -1;
		if (!buf[n])
			return 0;
		n++;
	}
	buf[n] = 0;
	return 0;
}

/* Same for a wide string; non-ASCII units become '?' (never part of an address). */
static int copy_wstr(char *buf, size_t cap, const WCHAR *user)
{
	size_t n = 0;

	while (n < cap - 1) {
		WCHAR c;

		if (ls_sys_copy_in(&c, user + n, sizeof c) != 0)
			return -1;
		if (!c) {
			buf[n] = 0;
			return 0;
		}
		buf[n++] = c < 0x80 ? (char)c : '?';
	}
	buf[n] = 0;
	return 0;
}

INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
{
	char buf[128];

	LS_TRACE_CALL("%s, %s, %p", ls_trace_af(Family), ls_trace_str(pszAddrString), (const void *)pAddrBuf);
	if (pton_check(Family, pszAddrString, pAddrBuf) < 0)
		return LS_TRACE_RET_INT(-1);
	if (copy_str(buf, sizeof buf, pszAddrString) < 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_INT(-1);
	}
	return LS_TRACE_RET_INT(pton(Family, buf, pAddrBuf));
}

INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf)
{
	char buf[128];
	int r;

	LS_TRACE_CALL("%s, %s, %p", ls_trace_af(Family), ls_trace_wstr((const uint16_t *)pszAddrString),
		 (const void *)pAddrBuf);
	if (pton_check(Family, pszAddrString, pAddrBuf) < 0)
		return LS_TRACE_RET_INT(-1);
	if (copy_wstr(buf, sizeof buf, pszAddrString) < 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_INT(-1);
	}
	/* Unlike inet_pton, the wide version reports a malformed string as WSAEINVAL (Wine's
	 * tests against Windows). */
	r = pton(Family, buf, pAddrBuf);
	if (r == 0)
		ls_lasterr_set(WSAEINVAL);
	return LS_TRACE_RET_INT(r);
}

/* ---- inet_ntop / InetNtopW ---- */

/* Formats into txt; 0 or the Winsock code for the slot. */
static int ntop(int af, const void *src, char txt[64])
{
	uint8_t a[16];

	if (af != AF_INET && af != AF_INET6)
		return WSAEAFNOSUPPORT;
	if (ls_sys_copy_in(a, src, af == AF_INET ? 4 : 16) != 0)
		return WSAEFAULT;
	if (af == AF_INET)
		ls_ws2_addr_format4(a, txt);
	else
		ls_ws2_addr_format6(a, txt);
	return 0;
}

/* Windows 8 and later store STATUS_INVALID_PARAMETER itself in the slot when the buffer is NULL
 * or shorter than the text plus its terminator (Windows 7 stored WSAEINVAL): Wine's tests accept
 * both, we match the current systems. */
#define NTOP_SMALL ((uint32_t)STATUS_INVALID_PARAMETER)

PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf, size_t StringBufSize)
{
	char txt[64];
	size_t n;
	int e;

	LS_TRACE_CALL("%s, %p, %p, %zu", ls_trace_af(Family), (const void *)pAddr, (const void *)pStringBuf,
		 (size_t)StringBufSize);
	e = ntop(Family, pAddr, txt);
	if (e) {
		ls_lasterr_set((uint32_t)e);
		return LS_TRACE_RET_PTR(NULL);
	}
	n = strlen(txt) + 1;
	if (!pStringBuf || StringBufSize < n) {
		ls_lasterr_set(NTOP_SMALL);
		return LS_TRACE_RET_PTR(NULL);
	}
	if (ls_sys_copy_out(pStringBuf, txt, n) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_PTR(NULL);
	}
	return LS_TRACE_RET_PTR(pStringBuf);
}

PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf, size_t StringBufSize)
{
	char txt[64];
	WCHAR w[64];
	size_t n;
	int e;

	LS_TRACE_CALL("%s, %p, %p, %zu", ls_trace_af(Family), (const void *)pAddr, (const void *)pStringBuf,
		 (size_t)StringBufSize);
	e = ntop(Family, pAddr, txt);
	if (e) {
		ls_lasterr_set((uint32_t)e);
		return LS_TRACE_RET_PTR(NULL);
	}
	n = strlen(txt) + 1;
	if (!pStringBuf || StringBufSize < n) {
		ls_lasterr_set(NTOP_SMALL);
		return LS_TRACE_RET_PTR(NULL);
	}
	for (size_t i = 0; i < n; i++)
		w[i] = (WCHAR)(unsigned char)txt[i];
	if (ls_sys_copy_out(pStringBuf, w, n * sizeof(WCHAR)) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_PTR(NULL);
	}
	return LS_TRACE_RET_PTR(pStringBuf);
}

/* ---- WSAStringToAddressA/W ---- */

/* Ports are stored in network byte order whatever the host's. */
static void put_port(void *field, uint16_t port)
{
	uint8_t b[2] = { (uint8_t)(port >> 8), (uint8_t)port };

	memcpy(field, b, 2);
}

static uint16_t get_port(const void *field)
{
	uint8_t b[2];

	memcpy(b, field, 2);
	return (uint16_t)(b[0] << 8 | b[1]);
}

/* Port after ':' in the loose number grammar; Windows refuses 0 and anything above 65535. */
static int parse_port(const char *s, uint16_t *port)
{
	uint32_t v;

	if (!loose_num(&s, &v) || *s || v == 0 || v > 0xffff)
		return 0;
	*port = (uint16_t)v;
	return 1;
}

/* Parses s for af into the zeroed Windows sockaddr sa (16 or 28 bytes); 0 or WSAEINVAL. As on
 * Windows the address may be stored even when a later part (the port) is refused; the family
 * is stored only on success. */
static int str_to_sa(const char *s, int af, unsigned char *sa)
{
	const char *end;
	uint16_t port = 0;

	if (af == AF_INET) {
		SOCKADDR_IN *in = (SOCKADDR_IN *)sa;
		uint8_t a[4];

		if (!ls_ws2_addr_parse4_loose(s, a, &end))
			return WSAEINVAL;
		memcpy(&in->sin_addr, a, 4);
		if (*end == ':') {
			if (!parse_port(end + 1, &port))
				return WSAEINVAL;
		} else if (*end) {
			return WSAEINVAL;
		}
		put_port(&in->sin_port, port);
		in->sin_family = AF_INET;
		return 0;
	} else {
		SOCKADDR_IN6 *in6 = (SOCKADDR_IN6 *)sa;
		uint8_t a[16];
		uint32_t scope = 0;
		int bracket = *s == '[';

		/* "addr", "addr%scope", "[addr]", "[addr%scope]" and either bracketed form + ":port". */
		if (!ls_ws2_addr_parse6(s + bracket, a, &end))
			return WSAEINVAL;
		memcpy(&in6->sin6_addr, a, 16);
		if (*end == '%') {
			end++;
			if (!is_digit(*end))
				return WSAEINVAL;
			while (is_digit(*end))
				scope = scope * 10 + (uint32_t)(*end++ - '0');
		}
		if (bracket) {
			if (*end++ != ']')
				return WSAEINVAL;
			if (*end == ':') {
				if (!parse_port(end + 1, &port))
					return WSAEINVAL;
				end += strlen(end);
			}
		}
		if (*end)
			return WSAEINVAL;
		in6->sin6_scope_id = scope;
		put_port(&in6->sin6_port, port);
		in6->sin6_family = AF_INET6;
		return 0;
	}
}

static INT str_to_address(const char *s, int s_fault, INT af, LPSOCKADDR lpAddress, LPINT lpAddressLength)
{
	unsigned char sa[28];
	int len, need, e;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	if (!lpAddressLength || ls_sys_copy_in(&len, lpAddressLength, sizeof len) != 0)
		return ls_ws2_fail(WSAEFAULT);
	if (af == AF_INET)
		need = (int)sizeof(SOCKADDR_IN);
	else if (af == AF_INET6)
		need = (int)sizeof(SOCKADDR_IN6);
	else
		return ls_ws2_fail(WSAEINVAL);
	/* Too small: WSAEFAULT with the size needed written back (Wine's tests). */
	if (len < need) {
		if (ls_sys_copy_out(lpAddressLength, &need, sizeof need) != 0)
			return ls_ws2_fail(WSAEFAULT);
		return ls_ws2_fail(WSAEFAULT);
	}
	if (!s && !s_fault)
		return ls_ws2_fail(WSAEINVAL);
	if (s_fault)
		return ls_ws2_fail(WSAEFAULT);
	/* Windows clears the whole structure first: a failed parse leaves the family 0. */
	memset(sa, 0, sizeof sa);
	e = str_to_sa(s, af, sa);
	if (ls_sys_copy_out(lpAddress, sa, (size_t)need) != 0)
		return ls_ws2_fail(WSAEFAULT);
	if (e)
		return ls_ws2_fail(e);
	if (ls_sys_copy_out(lpAddressLength, &need, sizeof need) != 0)
		return ls_ws2_fail(WSAEFAULT);
	return 0;
}

INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOA lpProtocolInfo,
			       LPSOCKADDR lpAddress, LPINT lpAddressLength)
{
	char buf[128];
	int fault = 0;

	LS_TRACE_CALL("%s, %s, %p, %p, %p", ls_trace_str(AddressString), ls_trace_af(AddressFamily),
		 (const void *)lpProtocolInfo, (const void *)lpAddress, (const void *)lpAddressLength);
	if (AddressString && copy_str(buf, sizeof buf, AddressString) < 0)
		fault = 1;
	return LS_TRACE_RET_INT(str_to_address(AddressString ? buf : NULL, fault, AddressFamily, lpAddress, lpAddressLength));
}

INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOW lpProtocolInfo,
			       LPSOCKADDR lpAddress, LPINT lpAddressLength)
{
	char buf[128];
	int fault = 0;

	LS_TRACE_CALL("%s, %s, %p, %p, %p", ls_trace_wstr((const uint16_t *)AddressString), ls_trace_af(AddressFamily),
		 (const void *)lpProtocolInfo, (const void *)lpAddress, (const void *)lpAddressLength);
	if (AddressString && copy_wstr(buf, sizeof buf, AddressString) < 0)
		fault = 1;
	return LS_TRACE_RET_INT(str_to_address(AddressString ? buf : NULL, fault, AddressFamily, lpAddress, lpAddressLength));
}

/* ---- WSAAddressToStringA/W ---- */

/* Text for a caller's sockaddr, Windows style: "1.2.3.4", "1.2.3.4:80", "::1", "fe80::1%4",
 * "[::1]:80", "[fe80::1%4]:80" (the port is shown only when nonzero). 0 or a Winsock code. */
static int sa_to_str(const void *user_sa, DWORD len, char txt[80])
{
	unsigned char sa[28];
	uint16_t fam, port;
	char *p = txt;

	if (!user_sa || len < 2 || ls_sys_copy_in(sa, user_sa, 2) != 0)
		return WSAEFAULT;
	memcpy(&fam, sa, 2);
	if (fam == AF_INET) {
		SOCKADDR_IN in;

		if (len < sizeof in || ls_sys_copy_in(&in, user_sa, sizeof in) != 0)
			return WSAEFAULT;
		p += ls_ws2_addr_format4((const uint8_t *)&in.sin_addr, p);
		port = get_port(&in.sin_port);
		if (port)
			p += sprintf(p, ":%u", port);
		return 0;
	}
	if (fam == AF_INET6) {
		SOCKADDR_IN6 in6;

		if (len < sizeof in6 || ls_sys_copy_in(&in6, user_sa, sizeof in6) != 0)
			return WSAEFAULT;
		port = get_port(&in6.sin6_port);
		if (port)
			*p++ = '[';
		p += ls_ws2_addr_format6((const uint8_t *)&in6.sin6_addr, p);
		if (in6.sin6_scope_id)
			p += sprintf(p, "%%%u", (unsigned)in6.sin6_scope_id);
		if (port)
			p += sprintf(p, "]:%u", port);
		return 0;
	}
	return WSAEINVAL;
}

/* Writes need (chars incl. the terminator) to *lenp and the text if the buffer holds it. */
static INT address_to_string(LPSOCKADDR sa, DWORD salen, void *out, size_t unit, LPDWORD lenp)
{
	char txt[80];
	DWORD len, need;
	int e;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	e = sa_to_str(sa, salen, txt);
	if (e)
		return ls_ws2_fail(e);
	if (!lenp || ls_sys_copy_in(&len, lenp, sizeof len) != 0)
		return ls_ws2_fail(WSAEFAULT);
	need = (DWORD)strlen(txt) + 1;
	/* Too small (or no buffer): WSAEFAULT and the length needed, terminator included. */
	if (!out || len < need) {
		ls_sys_copy_out(lenp, &need, sizeof need);
		return ls_ws2_fail(WSAEFAULT);
	}
	if (unit == 1) {
		if (ls_sys_copy_out(out, txt, need) != 0)
			return ls_ws2_fail(WSAEFAULT);
	} else {
		WCHAR w[80];

		for (DWORD i = 0; i < need; i++)
			w[i] = (WCHAR)(unsigned char)txt[i];
		if (ls_sys_copy_out(out, w, need * sizeof(WCHAR)) != 0)
			return ls_ws2_fail(WSAEFAULT);
	}
	if (ls_sys_copy_out(lenp, &need, sizeof need) != 0)
		return ls_ws2_fail(WSAEFAULT);
	return 0;
}

INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOA lpProtocolInfo,
			       LPSTR lpszAddressString, LPDWORD lpdwAddressStringLength)
{
	LS_TRACE_CALL("%s, %lu, %p, %p, %p", ls_trace_sockaddr(lpsaAddress, (long)dwAddressLength),
		 (unsigned long)dwAddressLength, (const void *)lpProtocolInfo, (const void *)lpszAddressString,
		 (const void *)lpdwAddressStringLength);
	return LS_TRACE_RET_INT(address_to_string(lpsaAddress, dwAddressLength, lpszAddressString, 1,
				 lpdwAddressStringLength));
}

INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOW lpProtocolInfo,
			       LPWSTR lpszAddressString, LPDWORD lpdwAddressStringLength)
{
	LS_TRACE_CALL("%s, %lu, %p, %p, %p", ls_trace_sockaddr(lpsaAddress, (long)dwAddressLength),
		 (unsigned long)dwAddressLength, (const void *)lpProtocolInfo, (const void *)lpszAddressString,
		 (const void *)lpdwAddressStringLength);
	return LS_TRACE_RET_INT(address_to_string(lpsaAddress, dwAddressLength, lpszAddressString, 2,
				 lpdwAddressStringLength));
}
