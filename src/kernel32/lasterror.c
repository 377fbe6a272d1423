/* kernel32/lasterror: GetLastError, SetLastError.
 *
 * One per-thread slot (base/lasterr.h) serves these and WSAGetLastError/WSASetLastError
 * (ws2_32/startup.c): on Windows they are the same storage, so a Winsock failure reads back
 * through GetLastError and a file failure through WSAGetLastError (spec errors.md §4).
 * Traced like every export, although each failure's result line already names the error. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "../base/lasterr.h"
#include "../base/trace.h"

DWORD WINAPI GetLastError(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_CODE(ls_lasterr_get());
}

VOID WINAPI SetLastError(DWORD dwErrCode)
{
	LS_TRACE_CALL("%s", ls_trace_error(dwErrCode, 0));
	ls_lasterr_set(dwErrCode);
}
