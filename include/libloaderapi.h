/*
 * libloaderapi.h - the module functions programs call about themselves:
 * the executable's path and its module handle.  There is no DLL loading.
 */
#ifndef _LIBLOADERAPI_H_
#define _LIBLOADERAPI_H_

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

WINBASEAPI DWORD   WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
WINBASEAPI DWORD   WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);
WINBASEAPI HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName);
WINBASEAPI HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName);

#ifdef UNICODE
#define GetModuleFileName GetModuleFileNameW
#define GetModuleHandle   GetModuleHandleW
#else
#define GetModuleFileName GetModuleFileNameA
#define GetModuleHandle   GetModuleHandleA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _LIBLOADERAPI_H_ */
