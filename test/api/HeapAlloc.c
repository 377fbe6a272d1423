/* HeapAlloc family and GlobalAlloc: the process heap, private heaps (HeapDestroy frees every
 * block), fixed-size heaps, HEAP_ZERO_MEMORY, HeapReAlloc, and Windows' answers to bad input. */
#include <windows.h>

#include "test.h"

TEST(HeapAlloc_process_heap)
{
	HANDLE heap = GetProcessHeap();
	unsigned char *p;
	int i;

	ASSERT_TRUE(heap != NULL);
	ASSERT_TRUE(GetProcessHeap() == heap);
	p = (unsigned char *)HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
	ASSERT_TRUE(p != NULL);
	ASSERT_EQ((ULONG_PTR)p & 15, 0);
	for (i = 0; i < 100; i++)
		ASSERT_EQ(p[i], 0);
	ASSERT_EQ(HeapSize(heap, 0, p), 100);
	ASSERT_TRUE(HeapValidate(heap, 0, p));
	memset(p, 0xab, 100);
	ASSERT_TRUE(HeapFree(heap, 0, p));
	/* Zero bytes is a real, freeable block. */
	p = (unsigned char *)HeapAlloc(heap, 0, 0);
	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(HeapSize(heap, 0, p), 0);
	ASSERT_TRUE(HeapFree(heap, 0, p));
	ASSERT_TRUE(HeapFree(heap, 0, NULL));
}

TEST(HeapReAlloc_grows_and_zeroes)
{
	HANDLE heap = GetProcessHeap();
	unsigned char *p, *q;
	int i;

	p = (unsigned char *)HeapAlloc(heap, 0, 16);
	ASSERT_TRUE(p != NULL);
	memset(p, 0x5a, 16);
	q = (unsigned char *)HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 4096);
	ASSERT_TRUE(q != NULL);
	for (i = 0; i < 16; i++)
		ASSERT_EQ(q[i], 0x5a);
	for (i = 16; i < 4096; i++)
		ASSERT_EQ(q[i], 0);
	ASSERT_EQ(HeapSize(heap, 0, q), 4096);
	/* In place: shrinking works, growing fails with ERROR_NOT_ENOUGH_MEMORY. */
	ASSERT_TRUE(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 100) == q);
	ASSERT_EQ(HeapSize(heap, 0, q), 100);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 1 << 20) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
	ASSERT_TRUE(HeapFree(heap, 0, q));
}

TEST(HeapCreate_private_heap)
{
	HANDLE h = HeapCreate(0, 0, 0);
	void *blocks[50];
	int i;

	ASSERT_TRUE(h != NULL);
	ASSERT_TRUE(h != GetProcessHeap());
	for (i = 0; i < 50; i++) {
		blocks[i] = HeapAlloc(h, 0, (SIZE_T)(i * 10));
		ASSERT_TRUE(blocks[i] != NULL);
	}
	ASSERT_TRUE(HeapFree(h, 0, blocks[7]));
	/* A block of one heap is no block of another. */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(HeapFree(GetProcessHeap(), 0, blocks[8]), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(HeapSize(GetProcessHeap(), 0, blocks[8]), (SIZE_T)-1);
	/* Destroy frees the remaining 49 blocks (ASan/valgrind would see a leak otherwise). */
	ASSERT_TRUE(HeapDestroy(h));
}

TEST(HeapCreate_fixed_size)
{
	HANDLE h = HeapCreate(0, 0, 1000);
	void *a, *b;

	ASSERT_TRUE(h != NULL);
	a = HeapAlloc(h, 0, 600);
	ASSERT_TRUE(a != NULL);
	ASSERT_TRUE(HeapAlloc(h, 0, 600) == NULL);	/* beyond the maximum */
	b = HeapAlloc(h, 0, 300);
	ASSERT_TRUE(b != NULL);
	ASSERT_TRUE(HeapFree(h, 0, a));
	a = HeapAlloc(h, 0, 600);
	ASSERT_TRUE(a != NULL);
	ASSERT_TRUE(HeapDestroy(h));
	/* initial > maximum */
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(HeapCreate(0, 2000, 1000) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* Memory that is no heap block or heap: inside one object, so the header probe reads stay in
 * bounds (ASan builds). */
static char foreign[256];

TEST(HeapFree_bad_input)
{
	HANDLE heap = GetProcessHeap();
	void *p;

	SetLastError(0xdeadbeef);
	ASSERT_EQ(HeapFree(heap, 0, foreign + 128), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_EQ(HeapSize(heap, 0, foreign + 128), (SIZE_T)-1);
	p = HeapAlloc(heap, 0, 32);
	ASSERT_TRUE(HeapFree(heap, 0, p));
	/* A bad heap handle. */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(HeapFree((HANDLE)(foreign + 64), 0, foreign + 128), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(HeapAlloc((HANDLE)(foreign + 64), 0, 8) == NULL);
	ASSERT_TRUE(HeapReAlloc(heap, 0, NULL, 8) == NULL);
	/* The process heap cannot be destroyed. */
	ASSERT_EQ(HeapDestroy(heap), FALSE);
}

TEST(GlobalAlloc_basics)
{
	HGLOBAL g = GlobalAlloc(GPTR, 10);
	char *p;

	ASSERT_TRUE(g != NULL);
	ASSERT_EQ(GlobalSize(g), 10);
	p = (char *)GlobalLock(g);
	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(p[9], 0);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GlobalUnlock(g), FALSE);
	ASSERT_EQ(GetLastError(), NO_ERROR);
	ASSERT_TRUE(GlobalFree(g) == NULL);
	g = GlobalAlloc(GHND, 0);
	ASSERT_TRUE(g != NULL);
	ASSERT_TRUE(GlobalFree(g) == NULL);
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(GlobalLock(NULL) == NULL);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
}
