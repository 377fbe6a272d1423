/* kernel32/lasterror: GetLastError, SetLastError.
 *
 * One per-thread slot (base/lasterr.h) serves these and WSAGetLastError/WSASetLastError
 * (ws2_32/startup.c): on Windows they are the same storage, so a Winsock failure reads back
 * through GetLastError and a file failure through WSAGetLastError (spec errors.md §4).
 * No trace here: programs call these around every API call, and tracing them would bury the
 * calls they report on. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "../base/lasterr.h"

DWORD WINAPI GetLastError(void)
{
	return ls_lasterr_get();
}

VOID WINAPI SetLastError(DWORD dwErrCode)
{
	ls_lasterr_set(dwErrCode);
}
