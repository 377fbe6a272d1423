/* kernel32/time: QueryPerformanceCounter/Frequency, GetTickCount(64). The performance counter
 * ticks in nanoseconds of CLOCK_MONOTONIC (frequency 10^9, constant, as Windows promises). */
#include "kernel32.h"
#include "../base/sys.h"
#include "../base/trace.h"

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
	LS_TRACE_CALL("%p", (const void *)lpPerformanceCount);
	if (!lpPerformanceCount)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	lpPerformanceCount->QuadPart = (LONGLONG)ls_sys_now_ns();
	return LS_TRACE_RET_BOOL(TRUE);
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
	LS_TRACE_CALL("%p", (const void *)lpFrequency);
	if (!lpFrequency)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOACCESS));
	lpFrequency->QuadPart = 1000000000;
	return LS_TRACE_RET_BOOL(TRUE);
}

ULONGLONG WINAPI GetTickCount64(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_U64(ls_sys_now_ns() / 1000000u);
}

DWORD WINAPI GetTickCount(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_UINT((DWORD)GetTickCount64());
}
