/* kernel32/module: GetModuleFileNameA/W, GetModuleHandleA/W for the program itself.
 *
 * The executable's module is the only one: GetModuleHandle(NULL) returns a fixed non-NULL
 * handle (Windows returns the image base), and GetModuleFileName accepts NULL or that handle.
 * Any named module is ERROR_MOD_NOT_FOUND (linsock loads no DLLs). The path is
 * /proc/self/exe's target, UTF-8 for A, UTF-16 for W. Truncation follows Windows: the buffer
 * gets nSize - 1 characters and a terminator, the result is nSize and the last error
 * ERROR_INSUFFICIENT_BUFFER. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../base/wstr.h"
#include "../msvcrt/msvcrt.h"

static char exe_module;	/* its address is the executable's HMODULE */
#define SELF ((HMODULE)(void *)&exe_module)

HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName)
{
	LS_TRACE_CALL("%s", ls_trace_str(lpModuleName));
	if (!lpModuleName)
		return LS_TRACE_RET_PTR(SELF);
	ls_lasterr_set(ERROR_MOD_NOT_FOUND);
	return LS_TRACE_RET_PTR(NULL);
}

HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName)
{
	LS_TRACE_CALL("%s", ls_trace_wstr((const uint16_t *)lpModuleName));
	if (!lpModuleName)
		return LS_TRACE_RET_PTR(SELF);
	ls_lasterr_set(ERROR_MOD_NOT_FOUND);
	return LS_TRACE_RET_PTR(NULL);
}

/* The path as UTF-8 in buf (PATH_MAX bytes), or 0 with the last error set. */
static int exe_path(HMODULE m, char *buf, size_t cap)
{
	long n;

	if (m && m != SELF) {
		ls_lasterr_set(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	n = ls_msvcrt_exe_path(buf, cap);
	if (n < 0 || (size_t)n >= cap) {
		ls_lasterr_set(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	return 1;
}

DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize)
{
	char path[4096];
	size_t len;

	LS_TRACE_CALL("%p, %p, %lu", (void *)hModule, (void *)lpFilename, (unsigned long)nSize);
	if (!exe_path(hModule, path, sizeof path))
		return LS_TRACE_RET_COUNT(0);
	len = strlen(path);
	if (nSize == 0) {
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return LS_TRACE_RET_COUNT(0);
	}
	if (len >= nSize) {
		memcpy(lpFilename, path, nSize - 1);
		lpFilename[nSize - 1] = 0;
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return LS_TRACE_RET_COUNT(nSize);
	}
	memcpy(lpFilename, path, len + 1);
	return LS_TRACE_RET_COUNT((DWORD)len);
}

DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)
{
	char path[4096];
	uint16_t wide[4096];
	size_t len;

	LS_TRACE_CALL("%p, %p, %lu", (void *)hModule, (void *)lpFilename, (unsigned long)nSize);
	if (!exe_path(hModule, path, sizeof path))
		return LS_TRACE_RET_COUNT(0);
	if (ls_wstr_from_utf8(wide, sizeof wide / sizeof wide[0], path) > sizeof wide / sizeof wide[0]) {
		ls_lasterr_set(ERROR_FILENAME_EXCED_RANGE);
		return LS_TRACE_RET_COUNT(0);
	}
	len = ls_wstr_len(wide);
	if (nSize == 0) {
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return LS_TRACE_RET_COUNT(0);
	}
	if (len >= nSize) {
		memcpy(lpFilename, wide, (nSize - 1) * sizeof(WCHAR));
		lpFilename[nSize - 1] = 0;
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return LS_TRACE_RET_COUNT(nSize);
	}
	memcpy(lpFilename, wide, (len + 1) * sizeof(WCHAR));
	return LS_TRACE_RET_COUNT((DWORD)len);
}
