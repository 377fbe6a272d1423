/* kernel32/heap: GetProcessHeap, HeapCreate, HeapDestroy, HeapAlloc, HeapReAlloc, HeapFree,
 * HeapSize, HeapValidate; GlobalAlloc, GlobalFree, GlobalSize, GlobalLock, GlobalUnlock.
 *
 * Blocks come from malloc with a 48-byte header (malloc's 16-byte alignment is kept) naming
 * their heap, so HeapFree/HeapSize can refuse a pointer that is not a live block of that heap
 * instead of corrupting memory (Windows' behaviour there is undefined or an exception; ours is
 * FALSE with ERROR_INVALID_PARAMETER, or (SIZE_T)-1 from HeapSize). A private heap (HeapCreate)
 * keeps its blocks on a list so HeapDestroy frees them all, as Windows does; a maximum size
 * makes it a fixed-size heap whose allocations fail beyond it. The process heap is never
 * destroyed. HeapAlloc failures do not set the last error (Microsoft documents that it does
 * not call SetLastError). HEAP_GENERATE_EXCEPTIONS raises nothing: no exception is ever
 * raised here (docs/design.md M). Global memory is local memory (LocalAlloc), as on Windows. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"

#define HEAP_MAGIC  0x4c53484541503031ull	/* "LSHEAP01" */
#define BLOCK_LIVE  0x4c53424c4f434b31ull	/* "LSBLOCK1" */
#define BLOCK_DEAD  0x4c53424c4f434b30ull

struct block {
	uint64_t magic;
	uint64_t size;
	struct heap *heap;
	struct block *prev, *next;	/* private heaps only */
	uint64_t pad;			/* 48 bytes: the data stays 16-aligned */
};

struct heap {
	uint64_t magic;
	pthread_mutex_t lock;
	struct block *blocks;		/* private heaps: every live block */
	size_t max;			/* 0: growable */
	size_t used;
	int is_process;
};

static struct heap process_heap = {
	.magic = HEAP_MAGIC, .lock = PTHREAD_MUTEX_INITIALIZER, .is_process = 1,
};

/* Our heap for h, or NULL (read through the safe copy: h may be any value). */
static struct heap *heap_of(HANDLE h)
{
	uint64_t magic;

	if (h == (HANDLE)&process_heap)
		return &process_heap;
	if (((uintptr_t)h & 7) != 0 || ls_sys_copy_in(&magic, h, sizeof magic) != 0 ||
	    magic != HEAP_MAGIC)
		return NULL;
	return h;
}

/* The live block of heap hp whose data is at p, or NULL. */
static struct block *block_of(struct heap *hp, LPCVOID p)
{
	struct block copy;
	struct block *b;

	if ((uintptr_t)p < sizeof copy || ((uintptr_t)p & 15) != 0)
		return NULL;
	b = (struct block *)p - 1;
	if (ls_sys_copy_in(&copy, b, sizeof copy) != 0 || copy.magic != BLOCK_LIVE || copy.heap != hp)
		return NULL;
	return b;
}

static void link_block(struct heap *hp, struct block *b)
{
	if (hp->is_process)
		return;
	b->prev = NULL;
	b->next = hp->blocks;
	if (hp->blocks)
		hp->blocks->prev = b;
	hp->blocks = b;
}

static void unlink_block(struct heap *hp, struct block *b)
{
	if (hp->is_process)
		return;
	if (b->prev)
		b->prev->next = b->next;
	else
		hp->blocks = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

/* Whether n more bytes fit under a fixed-size heap's maximum (caller holds the lock). */
static int fits(struct heap *hp, size_t n)
{
	return !hp->max || (n <= hp->max && hp->used <= hp->max - n);
}

HANDLE WINAPI GetProcessHeap(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_HEX((HANDLE)&process_heap);
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
	struct heap *hp;

	LS_TRACE_CALL("%s, %zu, %zu", ls_trace_heap_flags(flOptions), (size_t)dwInitialSize, (size_t)dwMaximumSize);
	if (dwMaximumSize && dwInitialSize > dwMaximumSize) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	hp = calloc(1, sizeof *hp);
	if (!hp) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	hp->magic = HEAP_MAGIC;
	pthread_mutex_init(&hp->lock, NULL);
	hp->max = dwMaximumSize;
	return LS_TRACE_RET_HANDLE(hp);
}

BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
	struct heap *hp = heap_of(hHeap);
	struct block *b, *next;

	LS_TRACE_CALL("%p", hHeap);
	if (!hp || hp->is_process) {
		ls_lasterr_set(hp ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	for (b = hp->blocks; b; b = next) {
		next = b->next;
		b->magic = BLOCK_DEAD;
		free(b);
	}
	hp->magic = 0;
	pthread_mutex_destroy(&hp->lock);
	free(hp);
	return LS_TRACE_RET_BOOL(TRUE);
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
	struct heap *hp = heap_of(hHeap);
	struct block *b;

	LS_TRACE_CALL("%p, %s, %zu", hHeap, ls_trace_heap_flags(dwFlags), (size_t)dwBytes);
	if (!hp || dwBytes > SIZE_MAX - sizeof *b)
		return LS_TRACE_RET_PTR(NULL);
	pthread_mutex_lock(&hp->lock);
	if (!fits(hp, dwBytes)) {
		pthread_mutex_unlock(&hp->lock);
		return LS_TRACE_RET_PTR(NULL);
	}
	/* Zero bytes is still a distinct, freeable block on Windows. */
	b = (dwFlags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof *b + dwBytes) : malloc(sizeof *b + dwBytes);
	if (b) {
		b->magic = BLOCK_LIVE;
		b->size = dwBytes;
		b->heap = hp;
		link_block(hp, b);
		hp->used += dwBytes;
	}
	pthread_mutex_unlock(&hp->lock);
	return LS_TRACE_RET_PTR(b ? b + 1 : NULL);
}

LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
	struct heap *hp = heap_of(hHeap);
	struct block *b, *nb;
	size_t old;

	LS_TRACE_CALL("%p, %s, %p, %zu", hHeap, ls_trace_heap_flags(dwFlags), lpMem, (size_t)dwBytes);
	if (!hp) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_PTR(NULL);
	}
	if (dwBytes > SIZE_MAX - sizeof *b) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_PTR(NULL);
	}
	pthread_mutex_lock(&hp->lock);
	b = block_of(hp, lpMem);
	if (!b) {
		pthread_mutex_unlock(&hp->lock);
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_PTR(NULL);
	}
	old = b->size;
	if (dwBytes > old && !fits(hp, dwBytes - old)) {
		pthread_mutex_unlock(&hp->lock);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_PTR(NULL);
	}
	if (dwFlags & HEAP_REALLOC_IN_PLACE_ONLY) {
		/* A block can always shrink where it is; growing in place is not offered. */
		if (dwBytes > old) {
			pthread_mutex_unlock(&hp->lock);
			ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
			return LS_TRACE_RET_PTR(NULL);
		}
		hp->used -= old - dwBytes;
		b->size = dwBytes;
		pthread_mutex_unlock(&hp->lock);
		return LS_TRACE_RET_PTR(lpMem);
	}
	unlink_block(hp, b);
	nb = realloc(b, sizeof *b + dwBytes);
	if (!nb) {
		link_block(hp, b);
		pthread_mutex_unlock(&hp->lock);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_PTR(NULL);
	}
	if ((dwFlags & HEAP_ZERO_MEMORY) && dwBytes > old)
		memset((char *)(nb + 1) + old, 0, dwBytes - old);
	nb->size = dwBytes;
	link_block(hp, nb);
	hp->used = hp->used - old + dwBytes;
	pthread_mutex_unlock(&hp->lock);
	return LS_TRACE_RET_PTR(nb + 1);
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
	struct heap *hp = heap_of(hHeap);
	struct block *b;

	LS_TRACE_CALL("%p, %s, %p", hHeap, ls_trace_heap_flags(dwFlags), lpMem);
	if (!hp) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	if (!lpMem)
		return LS_TRACE_RET_BOOL(TRUE);	/* as Windows: freeing NULL succeeds */
	pthread_mutex_lock(&hp->lock);
	b = block_of(hp, lpMem);
	if (!b) {
		pthread_mutex_unlock(&hp->lock);
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	unlink_block(hp, b);
	hp->used -= b->size;
	b->magic = BLOCK_DEAD;	/* a second HeapFree then fails instead of freeing twice */
	pthread_mutex_unlock(&hp->lock);
	free(b);
	return LS_TRACE_RET_BOOL(TRUE);
}

SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *hp = heap_of(hHeap);
	struct block *b;
	SIZE_T n;

	LS_TRACE_CALL("%p, %s, %p", hHeap, ls_trace_heap_flags(dwFlags), lpMem);
	if (!hp) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_SIZE((SIZE_T)-1);
	}
	pthread_mutex_lock(&hp->lock);
	b = block_of(hp, lpMem);
	n = b ? (SIZE_T)b->size : (SIZE_T)-1;
	pthread_mutex_unlock(&hp->lock);
	if (!b)
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
	return LS_TRACE_RET_SIZE(n);
}

BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
	struct heap *hp = heap_of(hHeap);
	BOOL ok;

	LS_TRACE_CALL("%p, %s, %p", hHeap, ls_trace_heap_flags(dwFlags), lpMem);
	if (!hp)
		return LS_TRACE_RET_BOOL(FALSE);
	if (!lpMem)
		return LS_TRACE_RET_BOOL(TRUE);
	pthread_mutex_lock(&hp->lock);
	ok = block_of(hp, lpMem) != NULL;
	pthread_mutex_unlock(&hp->lock);
	return LS_TRACE_RET_BOOL(ok);
}

/* ---- Global memory: the local-memory functions under their 16-bit-era names ---- */

HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
	LS_TRACE_CALL("%s, %zu", ls_trace_gmem(uFlags), (size_t)dwBytes);
	return LS_TRACE_RET_PTR(LocalAlloc(uFlags, dwBytes));
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
	LS_TRACE_CALL("%p", (void *)hMem);
	return LS_TRACE_RET_HEX(LocalFree(hMem));
}

SIZE_T WINAPI GlobalSize(HGLOBAL hMem)
{
	LS_TRACE_CALL("%p", (void *)hMem);
	return LS_TRACE_RET_UINT(LocalSize(hMem));
}

/* Handles are addresses here (no movable memory): locking returns the block itself. */
LPVOID WINAPI GlobalLock(HGLOBAL hMem)
{
	uint32_t saved = ls_lasterr_get();

	LS_TRACE_CALL("%p", (void *)hMem);
	ls_lasterr_set(NO_ERROR);
	if (!hMem || (LocalSize(hMem) == 0 && ls_lasterr_get() != NO_ERROR)) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_PTR(NULL);
	}
	ls_lasterr_set(saved);
	return LS_TRACE_RET_PTR(hMem);
}

/* FALSE with NO_ERROR means "now unlocked", Windows' success answer for a fixed block. */
BOOL WINAPI GlobalUnlock(HGLOBAL hMem)
{
	LS_TRACE_CALL("%p", (void *)hMem);
	ls_lasterr_set(NO_ERROR);
	return LS_TRACE_RET_BOOL(FALSE);
}
