/* catalog: built-in entries of the base provider (spec protocol-info.md §5). */
#include "catalog.h"
#include "../base/sys.h"
#include "../base/wstr.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}: Microsoft's MSAFD Tcpip provider id (IPv4 entries). */
#define GUID_MSAFD_TCPIP { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
/* {F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4}: the IPv6 entries' id (Wine's value, and what
 * `netsh winsock show catalog` prints on Windows 10, e.g. python-trio/trio#52). */
#define GUID_MSAFD_TCPIP6 { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } }
/* {A00943D9-9C2E-4633-9B59-0057A3160994}: Windows 10's AF_UNIX entry (netsh output in
 * microsoft/WSL#40110: address lengths 2..110, mswsock.dll). */
#define GUID_AFUNIX { 0xa00943d9, 0x9c2e, 0x4633, { 0x9b, 0x59, 0x00, 0x57, 0xa3, 0x16, 0x09, 0x94 } }

#define XP1_TCP (XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | \
		 XP1_GUARANTEED_DELIVERY)	/* 0x20066 */
#define XP1_UDP (XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT | XP1_SUPPORT_BROADCAST | \
		 XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS)	/* 0x20609 */

#define ENTRY(id_, guid_, flags_, pfl_, af_, maxlen_, minlen_, type_, proto_, maxoff_, msg_, name_) \
	{ \
		.dwServiceFlags1 = (flags_), .dwProviderFlags = (pfl_), .ProviderId = guid_, \
		.dwCatalogEntryId = (id_), .ProtocolChain = { .ChainLen = BASE_PROTOCOL }, .iVersion = 2, \
		.iAddressFamily = (af_), .iMaxSockAddr = (maxlen_), .iMinSockAddr = (minlen_), \
		.iSocketType = (type_), .iProtocol = (proto_), .iProtocolMaxOffset = (maxoff_), \
		.iNetworkByteOrder = BIGENDIAN, .iSecurityScheme = SECURITY_PROTOCOL_NONE, \
		.dwMessageSize = (msg_), .szProtocol = name_, \
	}

/* Windows 10 order and ids (1001...); ids are catalog facts apps must not hard-code. */
static const WSAPROTOCOL_INFOW builtin[] = {
	ENTRY(1001, GUID_MSAFD_TCPIP6, XP1_TCP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET6, 28, 28, SOCK_STREAM,
	      IPPROTO_TCP, 0, 0, u"MSAFD Tcpip [TCP/IPv6]"),
	ENTRY(1002, GUID_MSAFD_TCPIP6, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET6, 28, 28, SOCK_DGRAM,
	      IPPROTO_UDP, 0, 65467, u"MSAFD Tcpip [UDP/IPv6]"),
	ENTRY(1003, GUID_MSAFD_TCPIP6, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, AF_INET6, 28, 28,
	      SOCK_RAW, 0, 255, 32768, u"MSAFD Tcpip [RAW/IPv6]"),
	ENTRY(1004, GUID_MSAFD_TCPIP, XP1_TCP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET, 16, 16, SOCK_STREAM,
	      IPPROTO_TCP, 0, 0, u"MSAFD Tcpip [TCP/IP]"),
	ENTRY(1005, GUID_MSAFD_TCPIP, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET, 16, 16, SOCK_DGRAM,
	      IPPROTO_UDP, 0, 65467, u"MSAFD Tcpip [UDP/IP]"),
	ENTRY(1006, GUID_MSAFD_TCPIP, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, AF_INET, 16, 16,
	      SOCK_RAW, 0, 255, 32768, u"MSAFD Tcpip [RAW/IP]"),
	/* Service flags 0x20026 (no expedited data) are linsock's reading; the listing does not show them. */
	ENTRY(1012, GUID_AFUNIX, XP1_TCP & ~XP1_EXPEDITED_DATA, PFL_MATCHES_PROTOCOL_ZERO, AF_UNIX,
	      110, 2, SOCK_STREAM, 0, 0, 0, u"AF_UNIX"),
};

int ls_catalog_count(void)
{
	return (int)(sizeof builtin / sizeof builtin[0]);
}

const WSAPROTOCOL_INFOW *ls_catalog_entry(int i)
{
	return i >= 0 && i < ls_catalog_count() ? &builtin[i] : NULL;
}

const WSAPROTOCOL_INFOW *ls_catalog_find_id(DWORD id)
{
	for (int i = 0; i < ls_catalog_count(); i++)
		if (builtin[i].dwCatalogEntryId == id)
			return &builtin[i];
	return NULL;
}

const WSAPROTOCOL_INFOW *ls_catalog_match(int af, int type, int protocol, int *wsa)
{
	int af_seen = 0, type_seen = 0;

	for (int i = 0; i < ls_catalog_count(); i++) {
		const WSAPROTOCOL_INFOW *e = &builtin[i];
		if (e->ProtocolChain.ChainLen < BASE_PROTOCOL)
			continue;	/* bare layers never match */
		if (af != AF_UNSPEC && e->iAddressFamily != af)
			continue;
		af_seen = 1;
		if (type != 0 && e->iSocketType != type)
			continue;
		type_seen = 1;
		if (protocol == 0 ? !(e->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO)
				  : (protocol < e->iProtocol || protocol > e->iProtocol + e->iProtocolMaxOffset))
			continue;
		return e;
	}
	*wsa = !af_seen ? WSAEAFNOSUPPORT : !type_seen ? WSAESOCKTNOSUPPORT : WSAEPROTONOSUPPORT;
	return NULL;
}

int ls_catalog_visible(const WSAPROTOCOL_INFOW *e)
{
	return e->ProtocolChain.ChainLen >= BASE_PROTOCOL && !(e->dwProviderFlags & PFL_HIDDEN);
}

int ls_catalog_protocol_in(const WSAPROTOCOL_INFOW *e, int p)
{
	/* 64-bit sum: iProtocolMaxOffset comes from installers and may be anything. */
	return p >= e->iProtocol && (long long)p <= (long long)e->iProtocol + e->iProtocolMaxOffset;
}

void ls_catalog_info_to_a(WSAPROTOCOL_INFOA *a, const WSAPROTOCOL_INFOW *w)
{
	uint16_t name[WSAPROTOCOL_LEN + 1];
	char utf8[3 * (WSAPROTOCOL_LEN + 1)];	/* a UTF-16 unit is at most 3 UTF-8 bytes */
	size_t n;

	memcpy(a, w, offsetof(WSAPROTOCOL_INFOA, szProtocol));
	/* The W name is not trusted to be terminated (installed entries come from callers). */
	memcpy(name, w->szProtocol, sizeof name);
	name[WSAPROTOCOL_LEN] = 0;
	ls_wstr_to_utf8(utf8, sizeof utf8, name);
	n = strlen(utf8);
	if (n > WSAPROTOCOL_LEN) {
		n = WSAPROTOCOL_LEN;
		while (n > 0 && ((unsigned char)utf8[n] & 0xc0) == 0x80)
			n--;	/* do not split a multi-byte character */
	}
	memset(a->szProtocol, 0, sizeof a->szProtocol);
	memcpy(a->szProtocol, utf8, n);
}

/* Entries are selected with one bit each. */
_Static_assert(sizeof builtin / sizeof builtin[0] <= 64, "catalog larger than the selection mask");

int ls_catalog_enum(const int *user_filter, void *user_buf, DWORD *user_len, int all, int ansi)
{
	const DWORD elem = ansi ? sizeof(WSAPROTOCOL_INFOA) : sizeof(WSAPROTOCOL_INFOW);
	uint64_t pick = 0;
	DWORD len, need;
	int n = 0, count = ls_catalog_count();

	if (ls_sys_copy_in(&len, user_len, sizeof len) != 0)
		return -WSAEFAULT;
	if (user_filter) {
		/* One pass over the caller's list, however long; an entry is picked if any value
		 * selects it, so duplicates and unknown values are harmless (Wine's tests pass
		 * {0xdead, TCP, 0xcafe, UDP, 0xbeef, 0} and get TCP and UDP). */
		for (const int *p = user_filter;; p++) {
			int v;
			if (ls_sys_copy_in(&v, p, sizeof v) != 0)
				return -WSAEFAULT;
			if (v == 0)
				break;
			for (int i = 0; i < count; i++)
				if (ls_catalog_protocol_in(&builtin[i], v))
					pick |= 1ull << i;
		}
	} else {
		pick = count == 64 ? ~0ull : (1ull << count) - 1;
	}
	for (int i = 0; i < count; i++) {
		if (!(pick & (1ull << i)))
			continue;
		if (all || ls_catalog_visible(&builtin[i]))
			n++;
		else
			pick &= ~(1ull << i);
	}
	need = (DWORD)n * elem;
	/* No partial results: a buffer too small for all of them gets none (WSAENOBUFS). */
	if (!user_buf || len < need)
		return ls_sys_copy_out(user_len, &need, sizeof need) != 0 ? -WSAEFAULT : -WSAENOBUFS;
	n = 0;
	for (int i = 0; i < count; i++) {
		char *dst = (char *)user_buf + (size_t)n * elem;
		int r;
		if (!(pick & (1ull << i)))
			continue;
		if (ansi) {
			WSAPROTOCOL_INFOA a;
			ls_catalog_info_to_a(&a, &builtin[i]);
			r = ls_sys_copy_out(dst, &a, sizeof a);
		} else {
			r = ls_sys_copy_out(dst, &builtin[i], sizeof builtin[i]);
		}
		if (r != 0)
			return -WSAEFAULT;
		n++;
	}
	return n;
}

/* {22059D40-7E9E-11CF-AE5A-00AA00A7112B}: Windows' "Tcpip" name-space provider (NS_DNS), the
 * one the resolver functions go through; `netsh winsock show catalog` lists it active. */
#define GUID_NSP_TCPIP { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } }

/* Only the DNS entry: Windows' others (NLA, PNRP, e-mail) name services linsock does not have,
 * and listing them would send lookups to providers that are not there. */
static const struct ls_catalog_ns ns_builtin[] = {
	{ .id = GUID_NSP_TCPIP, .name_space = NS_DNS, .active = TRUE, .version = 0, .identifier = u"Tcpip" },
};

int ls_catalog_ns_count(void)
{
	return (int)(sizeof ns_builtin / sizeof ns_builtin[0]);
}

const struct ls_catalog_ns *ls_catalog_ns_entry(int i)
{
	return i >= 0 && i < ls_catalog_ns_count() ? &ns_builtin[i] : NULL;
}
