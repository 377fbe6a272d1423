/* kernel32/computer: GetComputerNameA/W.
 *
 * Windows answers with the NetBIOS name: the host name's first label, upper-case, at most
 * MAX_COMPUTERNAME_LENGTH (15) characters. A buffer too small (nSize counts the terminator)
 * fails with ERROR_BUFFER_OVERFLOW and *nSize set to the size needed including the
 * terminator; on success *nSize is the length without it. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"

/* The NetBIOS form of the host name into out (16 bytes); its length. */
static size_t netbios_name(char out[MAX_COMPUTERNAME_LENGTH + 1])
{
	char host[256];
	size_t n = 0;

	if (ls_sys_hostname(host, sizeof host) != 0 || !host[0])
		strcpy(host, "localhost");
	host[sizeof host - 1] = 0;
	while (host[n] && host[n] != '.' && n < MAX_COMPUTERNAME_LENGTH) {
		char c = host[n];
		out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	out[n] = 0;
	return n;
}

/* Size check and *nSize update shared by A and W: 1 if len + 1 units fit. */
static int size_ok(LPDWORD nSize, size_t len)
{
	DWORD have;

	if (ls_sys_copy_in(&have, nSize, sizeof have) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return 0;
	}
	if (have < len + 1) {
		*nSize = (DWORD)(len + 1);
		ls_lasterr_set(ERROR_BUFFER_OVERFLOW);
		return 0;
	}
	return 1;
}

BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize)
{
	char name[MAX_COMPUTERNAME_LENGTH + 1];
	size_t len = netbios_name(name);

	LS_TRACE_CALL("%p, %p", (void *)lpBuffer, (void *)nSize);
	if (!size_ok(nSize, len))
		return LS_TRACE_RET_BOOL(FALSE);
	if (ls_sys_copy_out(lpBuffer, name, len + 1) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	*nSize = (DWORD)len;
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize)
{
	char name[MAX_COMPUTERNAME_LENGTH + 1];
	WCHAR w[MAX_COMPUTERNAME_LENGTH + 1];
	size_t len = netbios_name(name), i;

	LS_TRACE_CALL("%p, %p", (void *)lpBuffer, (void *)nSize);
	if (!size_ok(nSize, len))
		return LS_TRACE_RET_BOOL(FALSE);
	for (i = 0; i <= len; i++)
		w[i] = (WCHAR)(unsigned char)name[i];	/* host names are ASCII */
	if (ls_sys_copy_out(lpBuffer, w, (len + 1) * sizeof(WCHAR)) != 0) {
		ls_lasterr_set(ERROR_NOACCESS);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	*nSize = (DWORD)len;
	return LS_TRACE_RET_BOOL(TRUE);
}
