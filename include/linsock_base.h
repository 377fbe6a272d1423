/*
 * linsock_base.h - Windows base types for a Linux (LP64, glibc) host.
 *
 * Every other linsock header includes this one first.  Windows is LLP64:
 * LONG, ULONG and DWORD are 32 bits while Linux `long` is 64, so every
 * Windows type below is built from fixed-width types and no layout in
 * include/ ever uses C `long`.
 *
 * glibc headers that declare names Winsock also owns (fd_set, select,
 * struct timeval, u_long) are included here FIRST, so that they are read
 * once with glibc's own types; winsock2.h then re-points those names with
 * macros (docs/design.md section H).
 */
#ifndef LINSOCK_BASE_H
#define LINSOCK_BASE_H

/*
 * A program may define FD_SETSIZE before including winsock2.h to size the
 * Windows fd_set.  glibc's <sys/select.h> unconditionally redefines
 * FD_SETSIZE (silently, being a system header), so keep the program's value
 * aside while glibc's headers are read.
 */
#ifdef FD_SETSIZE
#pragma push_macro("FD_SETSIZE")
#undef FD_SETSIZE
#define LS_FD_SETSIZE_SAVED
#endif

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/time.h>

#ifdef LS_FD_SETSIZE_SAVED
#undef FD_SETSIZE
#pragma pop_macro("FD_SETSIZE")
#undef LS_FD_SETSIZE_SAVED
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Anonymous structs/unions appear only where Windows has them; the
 * GNU __extension__ keyword keeps them legal under -std=c99 -pedantic. */
#if defined(__GNUC__)
#define LS_ANON __extension__
#else
#define LS_ANON
#endif

/* ---- Calling conventions: all the same on x86-64 Linux (SysV ABI). ---- */
#define WINAPI
#define WINAPIV
#define WSAAPI
#define WSPAPI
#define CALLBACK
#define APIENTRY
#define NTAPI
#define PASCAL
#define FAR
#define NEAR
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif

/* The library is built with -fvisibility=hidden and includes these same
 * headers: the Windows linkage macros mark what is exported. */
#define LS_EXPORT           __attribute__((visibility("default")))
#define WINSOCK_API_LINKAGE LS_EXPORT
#define WINBASEAPI          LS_EXPORT
#define WINADVAPI           LS_EXPORT
#define NTSYSAPI            LS_EXPORT
#define DECLSPEC_IMPORT
#define DECLSPEC_NORETURN   __attribute__((noreturn))

#define VOID void
#define CONST const
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* ---- Integer types (LLP64 widths) ---- */
typedef unsigned char  BYTE;
typedef uint16_t       WORD;
typedef uint32_t       DWORD;
typedef int32_t        LONG;
typedef uint32_t       ULONG;
typedef int            INT;
typedef unsigned int   UINT;
typedef short          SHORT;
typedef unsigned short USHORT;
typedef char           CHAR;
typedef unsigned char  UCHAR;
typedef int            BOOL;
typedef BYTE           BOOLEAN;
typedef float          FLOAT;
typedef int64_t        LONGLONG;
typedef uint64_t       ULONGLONG;
typedef uint64_t       DWORD64;
typedef int64_t        LONG64;
typedef uint64_t       ULONG64;
typedef int64_t        INT64;
typedef uint64_t       UINT64;
typedef int32_t        INT32;
typedef uint32_t       UINT32;
typedef int32_t        LONG32;
typedef uint32_t       ULONG32;
typedef uint32_t       DWORD32;
typedef int16_t        INT16;
typedef uint16_t       UINT16;
typedef int8_t         INT8;
typedef uint8_t        UINT8;
typedef intptr_t       INT_PTR;
typedef uintptr_t      UINT_PTR;
typedef intptr_t       LONG_PTR;
typedef uintptr_t      ULONG_PTR;
typedef ULONG_PTR      DWORD_PTR;
typedef ULONG_PTR      SIZE_T;
typedef LONG_PTR       SSIZE_T;
typedef LONG           NTSTATUS;
typedef LONG           HRESULT;
typedef UINT_PTR       WPARAM;
typedef LONG_PTR       LPARAM;
typedef LONG_PTR       LRESULT;
typedef WORD           ATOM;
typedef DWORD          LCID;
typedef WORD           LANGID;
#ifndef __int64
#define __int64 long long
#endif

/* 16-bit wide character, as on Windows.  With -fshort-wchar wchar_t
 * already is that, and L"..." literals match. */
#if defined(__SIZEOF_WCHAR__) && __SIZEOF_WCHAR__ == 2
typedef wchar_t        WCHAR;
#elif defined(__cplusplus) && __cplusplus >= 201103L
/* C++'s u"..." is const char16_t[], which converts to no other type: with
 * this WCHAR, u"..." is an LPCWSTR in C++ as it is in C (where char16_t is
 * unsigned short).  Same size and representation; the API is extern "C". */
typedef char16_t       WCHAR;
#else
typedef unsigned short WCHAR;
#endif

/* ---- Pointer types ---- */
typedef void          *PVOID, *LPVOID;
typedef const void    *LPCVOID, *PCVOID;
typedef void          *HANDLE;
typedef HANDLE        *PHANDLE, *LPHANDLE;
typedef CHAR          *PCHAR, *LPCH, *PCH, *PSTR, *LPSTR, *NPSTR;
typedef const CHAR    *PCSTR, *LPCSTR, *PCCH, *LPCCH;
typedef WCHAR         *PWCHAR, *LPWCH, *PWCH, *PWSTR, *LPWSTR, *NWPSTR;
typedef const WCHAR   *PCWSTR, *LPCWSTR, *PCWCH, *LPCWCH;
typedef BYTE          *PBYTE, *LPBYTE;
typedef UCHAR         *PUCHAR;
typedef WORD          *PWORD, *LPWORD;
typedef DWORD         *PDWORD, *LPDWORD;
typedef LONG          *PLONG, *LPLONG;
typedef ULONG         *PULONG;
typedef INT           *PINT, *LPINT;
typedef UINT          *PUINT, *LPUINT;
typedef SHORT         *PSHORT;
typedef USHORT        *PUSHORT;
typedef BOOL          *PBOOL, *LPBOOL;
typedef BOOLEAN       *PBOOLEAN;
typedef FLOAT         *PFLOAT;
typedef LONGLONG      *PLONGLONG;
typedef ULONGLONG     *PULONGLONG;
typedef DWORD64       *PDWORD64;
typedef INT_PTR       *PINT_PTR;
typedef UINT_PTR      *PUINT_PTR;
typedef LONG_PTR      *PLONG_PTR;
typedef ULONG_PTR     *PULONG_PTR;
typedef DWORD_PTR     *PDWORD_PTR;
typedef SIZE_T        *PSIZE_T;
typedef SSIZE_T       *PSSIZE_T;
typedef NTSTATUS      *PNTSTATUS;

/* ANSI/wide character switch. */
#ifdef UNICODE
typedef WCHAR   TCHAR;
#else
typedef char    TCHAR;
#endif
typedef TCHAR       *PTCHAR, *LPTSTR, *PTSTR;
typedef const TCHAR *LPCTSTR, *PCTSTR;

/* Opaque handle types, each a distinct pointer type as on Windows. */
#define LS_DECLARE_HANDLE(name) struct name##__ { int unused; }; typedef struct name##__ *name
LS_DECLARE_HANDLE(HWND);
LS_DECLARE_HANDLE(HINSTANCE);
LS_DECLARE_HANDLE(HKEY);
typedef HINSTANCE HMODULE;
typedef HANDLE    HLOCAL;
typedef HANDLE    HGLOBAL;
typedef INT_PTR (WINAPI *FARPROC)(void);
typedef INT_PTR (WINAPI *NEARPROC)(void);
typedef INT_PTR (WINAPI *PROC)(void);

/* ---- 64-bit integer split in halves ---- */
typedef union _LARGE_INTEGER {
	LS_ANON struct {
		DWORD LowPart;
		LONG  HighPart;
	};
	struct {
		DWORD LowPart;
		LONG  HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	LS_ANON struct {
		DWORD LowPart;
		DWORD HighPart;
	};
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

/* ---- Word and byte helpers ---- */
#define MAKEWORD(lo, hi) ((WORD)((((DWORD_PTR)(lo)) & 0xff) | ((((DWORD_PTR)(hi)) & 0xff) << 8)))
#define MAKELONG(lo, hi) ((LONG)((((DWORD_PTR)(lo)) & 0xffff) | ((((DWORD_PTR)(hi)) & 0xffff) << 16)))
#define LOWORD(v)        ((WORD)(((DWORD_PTR)(v)) & 0xffff))
#define HIWORD(v)        ((WORD)((((DWORD_PTR)(v)) >> 16) & 0xffff))
#define LOBYTE(v)        ((BYTE)(((DWORD_PTR)(v)) & 0xff))
#define HIBYTE(v)        ((BYTE)((((DWORD_PTR)(v)) >> 8) & 0xff))

/* ---- BSD unsigned short names ----
 * u_char, u_short and u_int have the same types as glibc's (a repeated
 * typedef is avoided under C99 by glibc's own marker).  u_long is 8 bytes
 * in glibc and 4 on Windows, so the name is re-pointed (design.md H.2). */
#ifndef __u_char_defined
typedef unsigned char  u_char;
typedef unsigned short u_short;
typedef unsigned int   u_int;
#define __u_char_defined
#define LS_U_CHAR_FROM_LINSOCK
#endif
typedef ULONG ls_win_u_long;
#undef u_long
#define u_long ls_win_u_long


/* Exported functions whose names glibc also exports (socket, send, select, getaddrinfo...) are
 * defined by libws2_32 under the non-default symbol version WS2_32, twice: as `socket@WS2_32`
 * (the Windows name, for dlsym and FFI users) and as `linsock_ws2_socket@WS2_32`, a name only
 * linsock defines. A file that includes our headers binds its references to the second, so
 * Windows code calls ours while native Linux code in the same program, and every other library,
 * keeps calling glibc's; and no unversioned `socket` that comes earlier in the lookup order (a
 * sanitizer runtime's interceptor) can satisfy the reference (docs/design.md S).
 * In the library both names are made next to the definition. A second `.symver socket,...` is
 * refused by GAS in a file that only references `socket`, so the second name is an alias: a
 * global `.set` to a symbol the file does not define emits nothing, so only the defining file
 * gets it. */
#ifdef LINSOCK_BUILD
#define LS_WS2_SYMVER(name) \
	__asm__(".symver " #name "," #name "@WS2_32\n\t" \
		".globl linsock_ws2_" #name "\n\t" \
		".set linsock_ws2_" #name "," #name "\n\t" \
		".symver linsock_ws2_" #name ",linsock_ws2_" #name "@WS2_32");
#else
#define LS_WS2_SYMVER(name) __asm__(".symver " #name ",linsock_ws2_" #name "@WS2_32");
#endif

/* Windows sources carry MSVC pragmas (#pragma comment(lib, "Ws2_32.lib"), #pragma warning):
 * harmless here, so they must not warn under -Wall. */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"

#ifdef __cplusplus
}
#endif

#endif /* LINSOCK_BASE_H */
