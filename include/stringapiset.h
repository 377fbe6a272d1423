/*
 * stringapiset.h - code-page conversion (MultiByteToWideChar,
 * WideCharToMultiByte) and the lstr* string functions of winbase.h.
 * Code pages: CP_UTF8; CP_ACP, CP_OEMCP and CP_THREAD_ACP are UTF-8 too
 * (a Linux process's narrow strings are UTF-8).
 */
#ifndef _STRINGAPISET_H_
#define _STRINGAPISET_H_

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CP_ACP        0
#define CP_OEMCP      1
#define CP_MACCP      2
#define CP_THREAD_ACP 3
#define CP_SYMBOL     42
#define CP_UTF7       65000
#define CP_UTF8       65001
#define MB_PRECOMPOSED       0x00000001
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_NO_BEST_FIT_CHARS 0x00000400
#define WC_ERR_INVALID_CHARS 0x00000080

WINBASEAPI int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
	int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar);
WINBASEAPI int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
	int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar,
	LPBOOL lpUsedDefaultChar);

WINBASEAPI int    WINAPI lstrlenA(LPCSTR lpString);
WINBASEAPI int    WINAPI lstrlenW(LPCWSTR lpString);
WINBASEAPI LPSTR  WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI LPSTR  WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
WINBASEAPI LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);
WINBASEAPI LPSTR  WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI int    WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
WINBASEAPI int    WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI int    WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);
WINBASEAPI int    WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2);

#ifdef UNICODE
#define lstrlen  lstrlenW
#define lstrcpy  lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat  lstrcatW
#define lstrcmp  lstrcmpW
#define lstrcmpi lstrcmpiW
#else
#define lstrlen  lstrlenA
#define lstrcpy  lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat  lstrcatA
#define lstrcmp  lstrcmpA
#define lstrcmpi lstrcmpiA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _STRINGAPISET_H_ */
