/* kernel32/time: QueryPerformanceCounter/Frequency, GetTickCount(64). The performance counter
 * ticks in nanoseconds of CLOCK_MONOTONIC (frequency 10^9, constant, as Windows promises). */
#include "kernel32.h"
#include "../base/sys.h"

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
	if (!lpPerformanceCount)
		return ls_k32_fail(ERROR_NOACCESS);
	lpPerformanceCount->QuadPart = (LONGLONG)ls_sys_now_ns();
	return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
	if (!lpFrequency)
		return ls_k32_fail(ERROR_NOACCESS);
	lpFrequency->QuadPart = 1000000000;
	return TRUE;
}

ULONGLONG WINAPI GetTickCount64(void)
{
	return ls_sys_now_ns() / 1000000u;
}

DWORD WINAPI GetTickCount(void)
{
	return (DWORD)GetTickCount64();
}
