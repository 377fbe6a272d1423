/* kernel32/version: GetVersion, GetVersionExA/W.
 *
 * Windows 8.1 and later report 6.2 (build 9200) to every program that does not declare the
 * newer versions in a compatibility manifest, which a program built for linsock has no way to
 * carry; so 6.2.9200, an NT workstation without a service pack, is the answer (docs/design.md M).
 * A wrong dwOSVersionInfoSize fails with ERROR_INSUFFICIENT_BUFFER, as on Windows. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"

#define LS_VER_MAJOR 6
#define LS_VER_MINOR 2
#define LS_VER_BUILD 9200

_Static_assert(sizeof(OSVERSIONINFOA) == 148, "OSVERSIONINFOA is 148 bytes");
_Static_assert(sizeof(OSVERSIONINFOEXA) == 156, "OSVERSIONINFOEXA is 156 bytes");
_Static_assert(sizeof(OSVERSIONINFOW) == 276, "OSVERSIONINFOW is 276 bytes");
_Static_assert(sizeof(OSVERSIONINFOEXW) == 284, "OSVERSIONINFOEXW is 284 bytes");

/* Low byte major, next byte minor, high word the build (bit 31 clear: NT). */
DWORD WINAPI GetVersion(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_HEX((DWORD)LS_VER_MAJOR | ((DWORD)LS_VER_MINOR << 8) | ((DWORD)LS_VER_BUILD << 16));
}

/* Fills the common part and, for the Ex size, the Ex tail; wide says which layout. */
static BOOL fill(void *info, int wide)
{
	DWORD size;
	OSVERSIONINFOEXW w;
	OSVERSIONINFOEXA a;
	void *src;
	size_t small = wide ? sizeof(OSVERSIONINFOW) : sizeof(OSVERSIONINFOA);
	size_t big = wide ? sizeof(OSVERSIONINFOEXW) : sizeof(OSVERSIONINFOEXA);

	if (ls_sys_copy_in(&size, info, sizeof size) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return FALSE;
	}
	if (size != small && size != big) {
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	memset(&w, 0, sizeof w);
	memset(&a, 0, sizeof a);
	w.dwOSVersionInfoSize = a.dwOSVersionInfoSize = size;
	w.dwMajorVersion = a.dwMajorVersion = LS_VER_MAJOR;
	w.dwMinorVersion = a.dwMinorVersion = LS_VER_MINOR;
	w.dwBuildNumber = a.dwBuildNumber = LS_VER_BUILD;
	w.dwPlatformId = a.dwPlatformId = VER_PLATFORM_WIN32_NT;
	w.wSuiteMask = a.wSuiteMask = VER_SUITE_SINGLEUSERTS;
	w.wProductType = a.wProductType = VER_NT_WORKSTATION;
	src = wide ? (void *)&w : (void *)&a;
	if (ls_sys_copy_out(info, src, size) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return FALSE;
	}
	return TRUE;
}

BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation)
{
	LS_TRACE_CALL("%p", (void *)lpVersionInformation);
	return LS_TRACE_RET_BOOL(fill(lpVersionInformation, 0));
}

BOOL WINAPI GetVersionExW(LPOSVERSIONINFOW lpVersionInformation)
{
	LS_TRACE_CALL("%p", (void *)lpVersionInformation);
	return LS_TRACE_RET_BOOL(fill(lpVersionInformation, 1));
}
