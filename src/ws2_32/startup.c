/* ws2_32/startup: WSAStartup, WSACleanup, WSAGetLastError, WSASetLastError. */
#include "ws2.h"
#include "../base/sys.h"
#include "../handle/handle.h"

#include <string.h>

atomic_int ls_ws2_refs;
atomic_int ls_ws2_version = LS_WS2_VERSION_NONE;

int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)
{
	BYTE major = LOBYTE(wVersionRequested), minor = HIBYTE(wVersionRequested);
	WSADATA d;

	LS_TRACE_CALL("%u.%u, %p", major, minor, (const void *)lpWSAData);
	/* WSAStartup reports through its return value, never the slot (errors.md §4). Versions
	 * below 1.0 are refused; anything above 2.2 is served as 2.2 (the caller checks wVersion). */
	if (major < 1)
		return LS_TRACE_RET_CODE(WSAVERNOTSUPPORTED);
	if (!lpWSAData)
		return LS_TRACE_RET_CODE(WSAEFAULT);
	memset(&d, 0, sizeof d);
	if (major > 2 || (major == 2 && minor > 2))
		d.wVersion = MAKEWORD(2, 2);
	else
		d.wVersion = wVersionRequested;
	d.wHighVersion = MAKEWORD(2, 2);
	/* Ignored by apps for versions >= 2 (constants.md WSAStartup output); Windows still fills
	 * 1.x callers with the old limits. */
	if (major == 1) {
		d.iMaxSockets = 32767;
		d.iMaxUdpDg = 65467;
	}
	strcpy(d.szDescription, "WinSock 2.0");
	strcpy(d.szSystemStatus, "Running");
	if (ls_sys_copy_out(lpWSAData, &d, sizeof d) != 0)
		return LS_TRACE_RET_CODE(WSAEFAULT);
	/* The process runs at the lowest version any WSAStartup negotiated (legacy.c reads it:
	 * the Winsock 1.1 blocking-hook calls work only for 1.x callers). */
	{
		/* Every call lowers it, the first ones too (two first calls may race). */
		int want = (LOBYTE(d.wVersion) << 8) | HIBYTE(d.wVersion), v = atomic_load(&ls_ws2_version);
		while (want < v && !atomic_compare_exchange_weak(&ls_ws2_version, &v, want))
			;
		atomic_fetch_add(&ls_ws2_refs, 1);
	}
	return LS_TRACE_RET_CODE(0);
}

int WSAAPI WSACleanup(void)
{
	int r;

	LS_TRACE_CALL0();
	r = atomic_load(&ls_ws2_refs);
	do {
		if (r <= 0)
			return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	} while (!atomic_compare_exchange_weak(&ls_ws2_refs, &r, r - 1));
	/* The last cleanup resets every socket still open, as if closesocket were called on it. */
	if (r == 1) {
		ls_handle_close_all(LS_HANDLE_SOCKET);
		atomic_store(&ls_ws2_version, LS_WS2_VERSION_NONE);	/* the next first call sets it */
	}
	return LS_TRACE_RET_INT(0);
}

int WSAAPI WSAGetLastError(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_CODE((int)ls_lasterr_get());
}

void WSAAPI WSASetLastError(int iError)
{
	LS_TRACE_CALL("%s", ls_trace_error((uint32_t)iError, 1));
	ls_lasterr_set((uint32_t)iError);
}
