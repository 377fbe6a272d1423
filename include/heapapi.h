/*
 * heapapi.h - process and private heaps (HeapAlloc family), and the
 * global-memory functions kept from 16-bit Windows (GlobalAlloc family).
 * Behaviour: docs/design.md M.
 */
#ifndef _HEAPAPI_H_
#define _HEAPAPI_H_

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HEAP_NO_SERIALIZE          0x00000001
#define HEAP_GROWABLE              0x00000002
#define HEAP_GENERATE_EXCEPTIONS   0x00000004
#define HEAP_ZERO_MEMORY           0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010
#define HEAP_CREATE_ENABLE_EXECUTE 0x00040000

#define GMEM_FIXED    0x0000
#define GMEM_MOVEABLE 0x0002
#define GMEM_ZEROINIT 0x0040
#define GPTR          (GMEM_FIXED | GMEM_ZEROINIT)
#define GHND          (GMEM_MOVEABLE | GMEM_ZEROINIT)

WINBASEAPI HANDLE WINAPI GetProcessHeap(void);
WINBASEAPI HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize);
WINBASEAPI BOOL   WINAPI HeapDestroy(HANDLE hHeap);
WINBASEAPI LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
WINBASEAPI LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
WINBASEAPI BOOL   WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
WINBASEAPI SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
WINBASEAPI BOOL   WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

WINBASEAPI HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
WINBASEAPI HGLOBAL WINAPI GlobalFree(HGLOBAL hMem);
WINBASEAPI SIZE_T  WINAPI GlobalSize(HGLOBAL hMem);
WINBASEAPI LPVOID  WINAPI GlobalLock(HGLOBAL hMem);
WINBASEAPI BOOL    WINAPI GlobalUnlock(HGLOBAL hMem);
WINBASEAPI SIZE_T  WINAPI LocalSize(HLOCAL hMem);

#ifdef __cplusplus
}
#endif

#endif /* _HEAPAPI_H_ */
