/* catalog: built-in entries of the base provider (spec protocol-info.md §5). */
#include "catalog.h"

#include <stddef.h>

/* {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}: Microsoft's MSAFD Tcpip provider id (IPv4 entries). */
#define GUID_MSAFD_TCPIP { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
/* {F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4}: the IPv6 entries' id (Wine's value; unconfirmed). */
#define GUID_MSAFD_TCPIP6 { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } }
/* linsock's own id for the AF_UNIX entry (Windows ships one too; its GUID is not documented). */
#define GUID_LINSOCK_UNIX { 0x6c736f63, 0x6b00, 0x4166, { 0x55, 0x4e, 0x49, 0x58, 0x00, 0x00, 0x00, 0x01 } }

#define XP1_TCP (XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | \
		 XP1_GUARANTEED_DELIVERY)	/* 0x20066 */
#define XP1_UDP (XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT | XP1_SUPPORT_BROADCAST | \
		 XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS)	/* 0x20609 */

#define ENTRY(id_, guid_, flags_, pfl_, af_, len_, type_, proto_, maxoff_, msg_, name_) \
	{ \
		.dwServiceFlags1 = (flags_), .dwProviderFlags = (pfl_), .ProviderId = guid_, \
		.dwCatalogEntryId = (id_), .ProtocolChain = { .ChainLen = BASE_PROTOCOL }, .iVersion = 2, \
		.iAddressFamily = (af_), .iMaxSockAddr = (len_), .iMinSockAddr = (len_), \
		.iSocketType = (type_), .iProtocol = (proto_), .iProtocolMaxOffset = (maxoff_), \
		.iNetworkByteOrder = BIGENDIAN, .iSecurityScheme = SECURITY_PROTOCOL_NONE, \
		.dwMessageSize = (msg_), .szProtocol = name_, \
	}

/* Windows 10 order and ids (1001...); ids are catalog facts apps must not hard-code. */
static const WSAPROTOCOL_INFOW builtin[] = {
	ENTRY(1001, GUID_MSAFD_TCPIP6, XP1_TCP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET6, 28, SOCK_STREAM,
	      IPPROTO_TCP, 0, 0, u"MSAFD Tcpip [TCP/IPv6]"),
	ENTRY(1002, GUID_MSAFD_TCPIP6, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET6, 28, SOCK_DGRAM,
	      IPPROTO_UDP, 0, 65467, u"MSAFD Tcpip [UDP/IPv6]"),
	ENTRY(1003, GUID_MSAFD_TCPIP6, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, AF_INET6, 28,
	      SOCK_RAW, 0, 255, 32768, u"MSAFD Tcpip [RAW/IPv6]"),
	ENTRY(1004, GUID_MSAFD_TCPIP, XP1_TCP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET, 16, SOCK_STREAM,
	      IPPROTO_TCP, 0, 0, u"MSAFD Tcpip [TCP/IP]"),
	ENTRY(1005, GUID_MSAFD_TCPIP, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO, AF_INET, 16, SOCK_DGRAM,
	      IPPROTO_UDP, 0, 65467, u"MSAFD Tcpip [UDP/IP]"),
	ENTRY(1006, GUID_MSAFD_TCPIP, XP1_UDP, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, AF_INET, 16,
	      SOCK_RAW, 0, 255, 32768, u"MSAFD Tcpip [RAW/IP]"),
	ENTRY(1012, GUID_LINSOCK_UNIX, XP1_TCP & ~XP1_EXPEDITED_DATA, PFL_MATCHES_PROTOCOL_ZERO, AF_UNIX,
	      110, SOCK_STREAM, 0, 0, 0, u"AF_UNIX"),
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
