/* catalog: the protocol catalog, a list of WSAPROTOCOL_INFOW entries (DESIGN §6, spec
 * protocol-info.md). For now it holds the built-in base provider's entries, in Windows 10's
 * order and with Windows' field values; installable providers come with the SPI work.
 * Entries are immutable once published: borrowed pointers stay valid for the process. */
#ifndef LS_CATALOG_CATALOG_H
#define LS_CATALOG_CATALOG_H

#include <winsock2.h>

/* Number of entries and the i-th (borrowed). */
int ls_catalog_count(void);
const WSAPROTOCOL_INFOW *ls_catalog_entry(int i);
/* Entry with this dwCatalogEntryId, or NULL. */
const WSAPROTOCOL_INFOW *ls_catalog_find_id(DWORD id);
/* socket()/WSASocket matching (protocol-info.md §7): first base entry or chain matching
 * (af, type, protocol), hidden entries included (socket(AF_INET, SOCK_RAW, ...) reaches the
 * hidden RAW entries on Windows), af 0 and type 0 wildcards, protocol 0 only for entries with
 * PFL_MATCHES_PROTOCOL_ZERO, protocol within [iProtocol, iProtocol + iProtocolMaxOffset].
 * On no match returns NULL and *wsa is the Windows code: WSAEAFNOSUPPORT (no entry of that
 * family), WSAESOCKTNOSUPPORT (family known, type not), WSAEPROTONOSUPPORT (else). */
const WSAPROTOCOL_INFOW *ls_catalog_match(int af, int type, int protocol, int *wsa);

/* Does WSAEnumProtocols show e? Base entries and chains without PFL_HIDDEN (protocol-info.md
 * §6); WSCEnumProtocols shows every entry. */
int ls_catalog_visible(const WSAPROTOCOL_INFOW *e);
/* Does the lpiProtocols value p select e? p within [iProtocol, iProtocol + iProtocolMaxOffset],
 * the range socket() accepts (ws2_32 filters by range, as ReactOS' enumeration does). */
int ls_catalog_protocol_in(const WSAPROTOCOL_INFOW *e, int p);
/* The WSAPROTOCOL_INFOA of an entry: the same bytes up to szProtocol, the name in the ANSI code
 * page (UTF-8 for linsock), cut at a character boundary to WSAPROTOCOL_LEN bytes. */
void ls_catalog_info_to_a(WSAPROTOCOL_INFOA *a, const WSAPROTOCOL_INFOW *w);

/* The WSAEnumProtocols/WSCEnumProtocols buffer protocol (protocol-info.md §6) on caller
 * pointers, each probed (a bad one is WSAEFAULT, never a crash): user_filter is the optional
 * zero-terminated lpiProtocols list, *user_len the buffer size in bytes. all: every entry
 * (WSCEnumProtocols) rather than the visible ones; ansi: WSAPROTOCOL_INFOA elements.
 * Returns the number of entries written, or -WSAENOBUFS with *user_len set to the size needed
 * (user_buf NULL or too small; nothing written), or -WSAEFAULT. */
int ls_catalog_enum(const int *user_filter, void *user_buf, DWORD *user_len, int all, int ansi);

/* Name-space providers (WSAEnumNameSpaceProviders): Windows' default entries that linsock
 * implements (the DNS one, served by getaddrinfo). Immutable, borrowed. */
struct ls_catalog_ns {
	GUID id;
	DWORD name_space;	/* NS_* */
	BOOL active;
	DWORD version;
	const WCHAR *identifier;	/* display string, ASCII */
};
int ls_catalog_ns_count(void);
const struct ls_catalog_ns *ls_catalog_ns_entry(int i);

#endif
