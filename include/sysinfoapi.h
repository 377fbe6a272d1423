/*
 * sysinfoapi.h - operating system version and computer name.
 * linsock reports what Windows reports to a program without a
 * compatibility manifest: version 6.2, build 9200 (docs/design.md M).
 */
#ifndef _SYSINFOAPI_H_
#define _SYSINFOAPI_H_

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _OSVERSIONINFOA {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	CHAR  szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;

typedef struct _OSVERSIONINFOW {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXA {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	CHAR  szCSDVersion[128];
	WORD  wServicePackMajor;
	WORD  wServicePackMinor;
	WORD  wSuiteMask;
	BYTE  wProductType;
	BYTE  wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;

typedef struct _OSVERSIONINFOEXW {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	WCHAR szCSDVersion[128];
	WORD  wServicePackMajor;
	WORD  wServicePackMinor;
	WORD  wSuiteMask;
	BYTE  wProductType;
	BYTE  wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW;

#define VER_PLATFORM_WIN32s        0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT      2
#define VER_NT_WORKSTATION         0x0000001
#define VER_NT_DOMAIN_CONTROLLER   0x0000002
#define VER_NT_SERVER              0x0000003
#define VER_SUITE_SINGLEUSERTS     0x00000100

#define MAX_COMPUTERNAME_LENGTH 15

WINBASEAPI DWORD WINAPI GetVersion(void);
WINBASEAPI BOOL  WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation);
WINBASEAPI BOOL  WINAPI GetVersionExW(LPOSVERSIONINFOW lpVersionInformation);
WINBASEAPI BOOL  WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize);
WINBASEAPI BOOL  WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize);

#ifdef UNICODE
typedef OSVERSIONINFOW   OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXW OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx    GetVersionExW
#define GetComputerName GetComputerNameW
#else
typedef OSVERSIONINFOA   OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx    GetVersionExA
#define GetComputerName GetComputerNameA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _SYSINFOAPI_H_ */
