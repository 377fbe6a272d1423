/* msvcrt/malloc: _aligned_malloc, _aligned_free. The alignment must be a power of two
 * (EINVAL otherwise, as Microsoft); blocks are freed with _aligned_free (here the same as
 * free, which Microsoft does not allow: portable code never mixes them). */
#include <errno.h>
#include <malloc.h>	/* ours: declares the exports */
#include <stdlib.h>

#include "msvcrt.h"
#include "../base/trace.h"

void *_aligned_malloc(size_t size, size_t alignment)
{
	void *p = NULL;
	int r;

	LS_TRACE_CALL("%zu, %zu", size, alignment);
	if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT_PTR(NULL);
	}
	if (alignment < sizeof(void *))
		alignment = sizeof(void *);
	r = posix_memalign(&p, alignment, size ? size : 1);
	if (r != 0) {
		errno = r;
		return LS_TRACE_RET_CRT_PTR(NULL);
	}
	return LS_TRACE_RET_CRT_PTR(p);
}

void _aligned_free(void *p)
{
	LS_TRACE_CALL("%p", p);
	free(p);
}
