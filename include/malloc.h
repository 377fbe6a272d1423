/*
 * malloc.h - glibc's malloc.h plus Microsoft's additions: _alloca,
 * _malloca/_freea (always the heap here), _msize, aligned allocation.
 */
#ifndef LS_MALLOC_H
#define LS_MALLOC_H
#pragma GCC system_header	/* #include_next is an extension */

#include_next <malloc.h>
#include <alloca.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _alloca
#define _alloca alloca
#endif
#define _malloca(n) malloc(n)
#define _freea(p)   free(p)
#define _msize(p)   malloc_usable_size(p)

/* Only names reserved to the implementation (leading underscore) are added: this header
 * shadows glibc's for every program using linsock's include folder. */
__attribute__((visibility("default"))) void *_aligned_malloc(size_t size, size_t alignment);
__attribute__((visibility("default"))) void _aligned_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* LS_MALLOC_H */
