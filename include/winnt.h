/*
 * winnt.h - NT base definitions used by the socket and file APIs.
 */
#ifndef _WINNT_
#define _WINNT_

#include <string.h>	/* memset/memcpy behind ZeroMemory and CopyMemory */
#include "minwindef.h"
#include "guiddef.h"
/* Windows' winnt.h carries the STATUS_* values it needs itself; ours takes
 * them all from ntstatus.h, unless the program asked for none. */
#ifndef WIN32_NO_STATUS
#include "ntstatus.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define ANYSIZE_ARRAY 1
#define ARRAYSIZE(a)  (sizeof(a) / sizeof((a)[0]))

/* ---- Languages (FormatMessage) ---- */
#define LANG_NEUTRAL        0x00
#define LANG_ENGLISH        0x09
#define SUBLANG_NEUTRAL     0x00
#define SUBLANG_DEFAULT     0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US  0x01
#define MAKELANGID(p, s)    ((WORD)((((WORD)(s)) << 10) | (WORD)(p)))
#define PRIMARYLANGID(l)    ((WORD)(l) & 0x3ff)
#define SUBLANGID(l)        ((WORD)(l) >> 10)

/* ---- Access rights ---- */
#define DELETE                   0x00010000
#define READ_CONTROL             0x00020000
#define WRITE_DAC                0x00040000
#define WRITE_OWNER              0x00080000
#define SYNCHRONIZE              0x00100000
#define STANDARD_RIGHTS_REQUIRED 0x000F0000
#define STANDARD_RIGHTS_ALL      0x001F0000
#define GENERIC_READ             0x80000000
#define GENERIC_WRITE            0x40000000
#define GENERIC_EXECUTE          0x20000000
#define GENERIC_ALL              0x10000000
#define PROCESS_DUP_HANDLE       0x0040
#define EVENT_MODIFY_STATE       0x0002
#define EVENT_ALL_ACCESS         (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)

/* ---- Files ---- */
#define FILE_SHARE_READ            0x00000001
#define FILE_SHARE_WRITE           0x00000002
#define FILE_SHARE_DELETE          0x00000004
#define FILE_ATTRIBUTE_READONLY    0x00000001
#define FILE_ATTRIBUTE_HIDDEN      0x00000002
#define FILE_ATTRIBUTE_SYSTEM      0x00000004
#define FILE_ATTRIBUTE_DIRECTORY   0x00000010
#define FILE_ATTRIBUTE_ARCHIVE     0x00000020
#define FILE_ATTRIBUTE_NORMAL      0x00000080
#define FILE_ATTRIBUTE_TEMPORARY   0x00000100
#define DUPLICATE_CLOSE_SOURCE     0x00000001
#define DUPLICATE_SAME_ACCESS      0x00000002

/* ---- Memory helpers ---- */
#define RtlEqualMemory(d, s, n) (!memcmp((d), (s), (n)))
#define RtlMoveMemory(d, s, n)  memmove((d), (s), (n))
#define RtlCopyMemory(d, s, n)  memcpy((d), (s), (n))
#define RtlFillMemory(d, n, f)  memset((d), (f), (n))
#define RtlZeroMemory(d, n)     memset((d), 0, (n))
#define EqualMemory  RtlEqualMemory
#define MoveMemory   RtlMoveMemory
#define CopyMemory   RtlCopyMemory
#define FillMemory   RtlFillMemory
#define ZeroMemory   RtlZeroMemory
/* Unlike memset, never optimized away (it clears secrets before the memory dies); returns ptr. */
static inline PVOID SecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
	volatile BYTE *p = (volatile BYTE *)ptr;

	while (cnt--)
		*p++ = 0;
	return ptr;
}
#define RtlSecureZeroMemory SecureZeroMemory

/* ---- Interlocked operations: sequentially consistent, like Windows'
 * full-barrier intrinsics.  Each returns what Windows' returns. ---- */
static inline LONG InterlockedIncrement(LONG volatile *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedDecrement(LONG volatile *p)
{
	return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchange(LONG volatile *p, LONG v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchangeAdd(LONG volatile *p, LONG v)
{
	return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
/* Returns the initial value of *p, whether or not it was replaced. */
static inline LONG InterlockedCompareExchange(LONG volatile *p, LONG xchg, LONG cmp)
{
	__atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return cmp;
}
static inline LONGLONG InterlockedIncrement64(LONGLONG volatile *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedDecrement64(LONGLONG volatile *p)
{
	return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedCompareExchange64(LONGLONG volatile *p, LONGLONG xchg, LONGLONG cmp)
{
	__atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return cmp;
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID xchg, PVOID cmp)
{
	__atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return cmp;
}
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#ifdef __cplusplus
}
#endif

#endif /* _WINNT_ */
