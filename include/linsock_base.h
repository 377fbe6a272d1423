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

#include "sal.h"

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
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
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
/* TEXT("...") under UNICODE: L"..." when wchar_t is WCHAR (-fshort-wchar), else u"..."
 * (C11, C++11), whose char16_t is WCHAR's type (docs/design.md M). */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
#define LS_TEXT_(x) L##x
#else
#define LS_TEXT_(x) u##x
#endif
#ifdef UNICODE
#define __TEXT(x) LS_TEXT_(x)
#else
#define __TEXT(x) x
#endif
#define TEXT(x) __TEXT(x)

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

/* ---- The MSVC dialect Windows sources are written in (docs/design.md M) ---- */

/* __declspec(x): each x Windows programs use becomes its GCC attribute (or nothing). */
#ifndef __declspec
#define __declspec(x) LS_DECLSPEC_##x
#endif
#define LS_DECLSPEC_thread       __thread
#define LS_DECLSPEC_dllexport    __attribute__((visibility("default")))
#define LS_DECLSPEC_dllimport
#define LS_DECLSPEC_noreturn     __attribute__((noreturn))
#define LS_DECLSPEC_noinline     __attribute__((noinline))
#define LS_DECLSPEC_noalias
#define LS_DECLSPEC_restrict
#define LS_DECLSPEC_novtable
#define LS_DECLSPEC_nothrow
#define LS_DECLSPEC_selectany    __attribute__((weak))
#define LS_DECLSPEC_naked        __attribute__((naked))
#define LS_DECLSPEC_deprecated   __attribute__((deprecated))
#define LS_DECLSPEC_align(n)     __attribute__((aligned(n)))
#define LS_DECLSPEC_uuid(s)
#define LS_DECLSPEC_allocate(s)
#define DECLSPEC_ALIGN(n)        __attribute__((aligned(n)))
#define DECLSPEC_NOINLINE        __attribute__((noinline))
#define DECLSPEC_SELECTANY       __attribute__((weak))
#define DECLSPEC_EXPORT          __attribute__((visibility("default")))
#define DECLSPEC_NOTHROW
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(s)
#ifndef __forceinline
#define __forceinline __inline__ __attribute__((always_inline))
#endif
#ifndef FORCEINLINE
#define FORCEINLINE __forceinline
#endif
#if !defined(__cplusplus) && !defined(__inline)
#define __inline __inline__
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef __thiscall
#define __thiscall
#endif
#ifndef __vectorcall
#define __vectorcall
#endif
#ifndef __w64
#define __w64
#endif
#ifndef __unaligned
#define __unaligned
#endif
#ifndef __ptr64
#define __ptr64
#endif
#ifndef __ptr32
#define __ptr32
#endif
#ifndef __int8
#define __int8 char
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int32
#define __int32 int
#endif

#define UNREFERENCED_PARAMETER(p)          ((void)(p))
#define DBG_UNREFERENCED_PARAMETER(p)      ((void)(p))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(v) ((void)(v))
#define UNREFERENCED_LOCAL_VARIABLE(v)     ((void)(v))
/* Windows' stdlib.h has it; ours is reached through every Windows header. */
#ifndef _countof
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Structured exception handling, in the shapes programs use it for cleanup:
 *
 *   __try { ...; if (failed) __leave; ... } __finally { cleanup; }
 *   __try { ... } __except (EXCEPTION_EXECUTE_HANDLER) { report; }
 *
 * No fault is ever caught: a crash inside __try is the signal it is on Linux. So the __finally
 * block runs when the __try block ends normally or by __leave, and an __except block never runs
 * (its filter is compiled, never evaluated). return, goto and break out of the __try block skip
 * the __finally block (Windows would run it, as an "abnormal termination").
 *
 * C: the __try block sits in a GNU statement expression with a local label (__label__) at
 * its end, and __leave is a goto to it: break and continue inside it still belong to the
 * enclosing loop, and nested blocks each have their own label. C++: libstdc++ defines __try itself (as "try", or "if (true)" under
 * -fno-exceptions), so we use the very same definition; __leave throws a private type that the
 * __finally/__except clause catches (it is not available under -fno-exceptions). */
#ifndef __cplusplus
#define __try     __extension__ ({ __label__ ls_seh_leave_;
#define __leave   goto ls_seh_leave_
#define __finally ls_seh_leave_: __attribute__((unused)); });
#define __except(...) ls_seh_leave_: __attribute__((unused)); }); if (0 && (__VA_ARGS__))
#elif defined(__cpp_exceptions) || defined(__EXCEPTIONS)
struct ls_seh_leave_ {};
#ifndef __try
#define __try try
#endif
#define __leave   throw ls_seh_leave_()
#define __finally catch (const ls_seh_leave_ &) {} if (true)
#define __except(...) catch (const ls_seh_leave_ &) {} if (false && (__VA_ARGS__))
#else
#ifndef __try
#define __try if (true)
#endif
#define __finally if (true)
#define __except(...) if (false && (__VA_ARGS__))
#endif
#define EXCEPTION_EXECUTE_HANDLER     1
#define EXCEPTION_CONTINUE_SEARCH     0
#define EXCEPTION_CONTINUE_EXECUTION  (-1)
#define GetExceptionCode()            ((DWORD)0)
#define GetExceptionInformation()     ((struct _EXCEPTION_POINTERS *)0)
#define AbnormalTermination()         0
#define _exception_code()             ((DWORD)0)
#define _abnormal_termination()       0
/* The types and codes filters are written with (never called here: see above). */
typedef struct _EXCEPTION_RECORD {
	DWORD ExceptionCode;
	DWORD ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	PVOID ExceptionAddress;
	DWORD NumberParameters;
	ULONG_PTR ExceptionInformation[15];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;
struct _CONTEXT;
typedef struct _CONTEXT CONTEXT, *PCONTEXT;
typedef struct _EXCEPTION_POINTERS {
	PEXCEPTION_RECORD ExceptionRecord;
	PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS, *LPEXCEPTION_POINTERS;
#define EXCEPTION_ACCESS_VIOLATION      ((DWORD)0xC0000005)
#define EXCEPTION_ARRAY_BOUNDS_EXCEEDED ((DWORD)0xC000008C)
#define EXCEPTION_BREAKPOINT            ((DWORD)0x80000003)
#define EXCEPTION_DATATYPE_MISALIGNMENT ((DWORD)0x80000002)
#define EXCEPTION_FLT_DIVIDE_BY_ZERO    ((DWORD)0xC000008E)
#define EXCEPTION_ILLEGAL_INSTRUCTION   ((DWORD)0xC000001D)
#define EXCEPTION_INT_DIVIDE_BY_ZERO    ((DWORD)0xC0000094)
#define EXCEPTION_STACK_OVERFLOW        ((DWORD)0xC00000FD)

/* Windows sources carry MSVC pragmas (#pragma comment(lib, "Ws2_32.lib"), #pragma warning):
 * harmless here, so they must not warn under -Wall. */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"

#ifdef __cplusplus
}
#endif

/* The Microsoft CRT names glibc lacks, narrow and wide (docs/design.md M). */
#include "linsock_crt.h"
#include "linsock_wchar.h"

#endif /* LINSOCK_BASE_H */
