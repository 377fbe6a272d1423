/* kernel32/memory: LocalAlloc, LocalFree, LocalSize.
 *
 * Local memory is what Windows functions hand out for the caller to free with LocalFree
 * (FormatMessage's ALLOCATE_BUFFER). Every block carries a small header so that LocalFree and
 * LocalSize can tell our blocks from other pointers and fail as Windows does
 * (ERROR_INVALID_HANDLE) instead of corrupting the heap. There is no LocalLock, so a
 * LMEM_MOVEABLE block is fixed: its handle is its address, which a LocalLock would return. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef LMEM_NOCOMPACT
#define LMEM_NOCOMPACT 0x0010
#endif
#ifndef LMEM_NODISCARD
#define LMEM_NODISCARD 0x0020
#endif
#ifndef LMEM_DISCARDABLE
#define LMEM_DISCARDABLE 0x0F00
#endif
/* Windows' LMEM_VALID_FLAGS. */
#define VALID_FLAGS (LMEM_MOVEABLE | LMEM_NOCOMPACT | LMEM_NODISCARD | LMEM_ZEROINIT | LMEM_DISCARDABLE)

#define MAGIC_LIVE 0x4c534c4f43414c31ull	/* "LSLOCAL1" */
#define MAGIC_DEAD 0x4c534c4f43414c30ull

/* 16 bytes: the block after it keeps malloc's 16-byte alignment. */
struct hdr {
	uint64_t magic;
	uint64_t size;
};

/* Not yet in include/winbase.h; a repeated identical declaration is harmless once it is. */
WINBASEAPI SIZE_T WINAPI LocalSize(HLOCAL hMem);

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
	struct hdr *h;

	LS_TRACE_CALL("%s, %zu", ls_trace_lmem(uFlags), (size_t)uBytes);
	if (uFlags & ~(UINT)VALID_FLAGS) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_PTR(NULL);
	}
	if (uBytes > SIZE_MAX - sizeof *h) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_PTR(NULL);
	}
	/* A zero-byte fixed block is still a distinct, freeable pointer on Windows. */
	h = (uFlags & LMEM_ZEROINIT) ? calloc(1, sizeof *h + uBytes) : malloc(sizeof *h + uBytes);
	if (!h) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_PTR(NULL);
	}
	h->magic = MAGIC_LIVE;
	h->size = uBytes;
	return LS_TRACE_RET_PTR(h + 1);
}

/* Our header for hMem, or NULL (read through the safe copy: hMem may be any value). */
static struct hdr *header(HLOCAL hMem)
{
	struct hdr copy;
	struct hdr *h;

	if ((uintptr_t)hMem < sizeof copy || ((uintptr_t)hMem & 15) != 0)
		return NULL;
	h = (struct hdr *)hMem - 1;
	if (ls_sys_copy_in(&copy, h, sizeof copy) != 0 || copy.magic != MAGIC_LIVE)
		return NULL;
	return h;
}

HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
	struct hdr *h;

	LS_TRACE_CALL("%p", (const void *)hMem);
	if (!hMem)
		return LS_TRACE_RET_HEX(NULL);	/* Windows ignores NULL and reports success */
	h = header(hMem);
	if (!h) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_HEX(hMem);	/* failure: the handle comes back */
	}
	/* A second LocalFree of the same block then fails instead of freeing twice (as long as
	 * the memory has not been handed out again). */
	h->magic = MAGIC_DEAD;
	free(h);
	return LS_TRACE_RET_HEX(NULL);
}

SIZE_T WINAPI LocalSize(HLOCAL hMem)
{
	struct hdr *h = header(hMem);

	LS_TRACE_CALL("%p", (const void *)hMem);
	if (!h) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_COUNT(0);
	}
	return LS_TRACE_RET_COUNT((SIZE_T)h->size);
}
