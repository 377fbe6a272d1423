/* The MSVC dialect in linsock's headers: __try/__finally/__leave/__except as cleanup blocks,
 * __declspec(thread) and align, _countof, UNREFERENCED_PARAMETER, the memory macros, min/max,
 * MAKEWORD and friends. (mingw-w64's gcc has no __try, so the SEH part is MSVC or linsock.) */
#include <windows.h>
#include <process.h>

#include "test.h"

#if defined(_MSC_VER) || !defined(_WIN32)
static int cleanup_runs;

/* Returns how far the body got; the __finally block always runs. */
static int guarded(int fail_at)
{
	int reached = 0;

	__try {
		reached = 1;
		if (fail_at == 1)
			__leave;
		reached = 2;
		__try {
			if (fail_at == 2)
				__leave;	/* leaves the inner block only */
			reached = 3;
		}
		__finally {
			cleanup_runs += 10;
		}
		if (fail_at == 3)
			__leave;
		reached = 4;
	}
	__finally {
		cleanup_runs++;
	}
	return reached;
}

TEST(seh_try_finally_leave)
{
	int i, sum = 0;

	cleanup_runs = 0;
	ASSERT_EQ(guarded(0), 4);
	ASSERT_EQ(cleanup_runs, 11);
	ASSERT_EQ(guarded(1), 1);
	ASSERT_EQ(cleanup_runs, 12);
	ASSERT_EQ(guarded(2), 4);
	ASSERT_EQ(cleanup_runs, 23);
	ASSERT_EQ(guarded(3), 3);
	ASSERT_EQ(cleanup_runs, 34);
	/* break and continue inside __try belong to the loop around it. */
	for (i = 0; i < 5; i++) {
		__try {
			if (i == 1)
				continue;
			if (i == 3)
				break;
			sum += i;
		}
		__finally {
			sum += 100;
		}
	}
	ASSERT_EQ(sum, 0 + 100 + 2 + 100);
}

TEST(seh_except_never_runs)
{
	int handled = 0, body = 0;

	__try {
		body = 1;
	}
	__except (GetExceptionCode() == 0xC0000005 ? EXCEPTION_EXECUTE_HANDLER
						    : EXCEPTION_CONTINUE_SEARCH) {
		handled = 1;
	}
	ASSERT_EQ(body, 1);
	ASSERT_EQ(handled, 0);
}
#endif

static __declspec(thread) int per_thread = 5;
static __declspec(align(64)) char aligned_buf[10];

static unsigned __stdcall bump(void *arg)
{
	per_thread += 10;
	*(int *)arg = per_thread;
	return 0;
}

TEST(declspec_thread_and_align)
{
	int seen = 0;
	HANDLE h;

	ASSERT_EQ((ULONG_PTR)aligned_buf % 64, 0);
	per_thread = 1;
	h = (HANDLE)_beginthreadex(NULL, 0, bump, &seen, 0, NULL);
	ASSERT_TRUE(h != NULL);
	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	ASSERT_EQ(seen, 15);	/* the thread's own copy started at 5 */
	ASSERT_EQ(per_thread, 1);
}

static int __cdecl unused_param(int a, int b)
{
	UNREFERENCED_PARAMETER(b);
	return a;
}

TEST(dialect_macros)
{
	int arr[7];
	char buf[4] = { 1, 2, 3, 4 };
	char buf2[4];
	WORD w = MAKEWORD(0x34, 0x12);
	DWORD d = 0x12345678;

	ASSERT_EQ(_countof(arr), 7);
	ASSERT_EQ(unused_param(3, 4), 3);
	ASSERT_EQ(w, 0x1234);
	ASSERT_EQ(LOBYTE(w), 0x34);
	ASSERT_EQ(HIBYTE(w), 0x12);
	ASSERT_EQ(LOWORD(d), 0x5678);
	ASSERT_EQ(HIWORD(d), 0x1234);
	ASSERT_EQ(min(3, 9), 3);
	ASSERT_EQ(max(3, 9), 9);
	CopyMemory(buf2, buf, 4);
	ASSERT_MEM_EQ(buf2, buf, 4);
	MoveMemory(buf2 + 1, buf2, 3);
	ASSERT_EQ(buf2[3], 3);
	FillMemory(buf2, 4, 7);
	ASSERT_EQ(buf2[2], 7);
	ZeroMemory(buf2, 4);
	ASSERT_EQ(buf2[3], 0);
	ASSERT_TRUE(SecureZeroMemory(buf, 4) == buf);
	ASSERT_EQ(buf[0] | buf[3], 0);
}
