/* kernel32/sysinfo: GetSystemInfo, with Windows x64's answers where Linux has no equivalent
 * (allocation granularity, application address range). */
#include "kernel32.h"
#include "../base/sys.h"
#include "../base/trace.h"

#ifndef PROCESSOR_ARCHITECTURE_ARM64
#define PROCESSOR_ARCHITECTURE_ARM64 12
#endif
#define PROCESSOR_ARCHITECTURE_UNKNOWN_ 0xFFFF

VOID WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
	SYSTEM_INFO si;
	int n = ls_sys_ncpus();

	LS_TRACE_CALL("%p", (const void *)lpSystemInfo);
	memset(&si, 0, sizeof si);
#if defined(__x86_64__)
	si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
	si.dwProcessorType = PROCESSOR_AMD_X8664;
	si.wProcessorLevel = 6;
#elif defined(__aarch64__)
	si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_ARM64;
#else
	si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_UNKNOWN_;
#endif
	si.dwPageSize = (DWORD)ls_sys_page_size();
	/* Windows reserves address space in 64 KiB units; programs round to it. */
	si.dwAllocationGranularity = 65536;
	si.lpMinimumApplicationAddress = (LPVOID)(uintptr_t)0x10000;
	si.lpMaximumApplicationAddress = (LPVOID)(uintptr_t)0x7FFFFFFEFFFFull;
	si.dwNumberOfProcessors = (DWORD)n;
	si.dwActiveProcessorMask = n >= 64 ? ~(DWORD_PTR)0 : (((DWORD_PTR)1 << n) - 1);
	if (lpSystemInfo)
		memcpy(lpSystemInfo, &si, sizeof si);
}
