/* GetSystemInfo: processor count, page size, allocation granularity (64 KiB), architecture. */
#include <windows.h>

#include "test.h"

TEST(GetSystemInfo_basics)
{
	SYSTEM_INFO si;

	memset(&si, 0xcc, sizeof si);
	GetSystemInfo(&si);
	ASSERT_TRUE(si.dwNumberOfProcessors >= 1);
	ASSERT_TRUE(si.dwPageSize >= 4096);
	ASSERT_EQ(si.dwPageSize & (si.dwPageSize - 1), 0);
	ASSERT_EQ(si.dwAllocationGranularity, 65536);
	ASSERT_TRUE(si.dwActiveProcessorMask != 0);
	ASSERT_TRUE((ULONG_PTR)si.lpMinimumApplicationAddress < (ULONG_PTR)si.lpMaximumApplicationAddress);
#if defined(__x86_64__) || defined(_M_X64)
	ASSERT_EQ(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
#endif
}
