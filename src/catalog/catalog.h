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
/* socket()/WSASocket matching (protocol-info.md §7): first visible base entry matching
 * (af, type, protocol), af 0 and type 0 wildcards, protocol 0 only for entries with
 * PFL_MATCHES_PROTOCOL_ZERO, protocol within [iProtocol, iProtocol + iProtocolMaxOffset].
 * On no match returns NULL and *wsa is the Windows code: WSAEAFNOSUPPORT (no entry of that
 * family), WSAESOCKTNOSUPPORT (family known, type not), WSAEPROTONOSUPPORT (else). */
const WSAPROTOCOL_INFOW *ls_catalog_match(int af, int type, int protocol, int *wsa);

#endif
