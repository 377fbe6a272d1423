/* ws2_32/wsc: the ws2spi.h catalog functions (WSC*) for installers and providers; for now the
 * read-only WSCEnumProtocols (spec spi.md §7, protocol-info.md §6). */
#include "ws2.h"

#include <ws2spi.h>

#include "../base/sys.h"
#include "../catalog/catalog.h"

/* SPI functions report through *lpErrno, never the last-error slot (CONVENTIONS §3). */
static int wsc_fail(LPINT lpErrno, int wsa)
{
	(void)ls_sys_copy_out(lpErrno, &wsa, sizeof wsa);	/* nowhere else to report a bad lpErrno */
	return SOCKET_ERROR;
}

/* Every entry, hidden ones and bare layers included, with WSAEnumProtocols' buffer protocol.
 * Installers call it without WSAStartup: its documented errors (WSAEFAULT, WSAEINVAL,
 * WSAENOBUFS) include no WSANOTINITIALISED. */
int WSPAPI WSCEnumProtocols(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer, LPDWORD lpdwBufferLength,
			    LPINT lpErrno)
{
	int n;

	LS_TRACE_CALL("%p, %p, %p, %p", (const void *)lpiProtocols, (const void *)lpProtocolBuffer,
		 (const void *)lpdwBufferLength, (const void *)lpErrno);
	n = ls_catalog_enum(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, 1, 0);
	return LS_TRACE_RET_INT(n < 0 ? wsc_fail(lpErrno, -n) : n);
}
