/* GetVersion, GetVersionExA/W: 6.2 build 9200 (an unmanifested program's view of Windows 8+),
 * the Ex layout, and ERROR_INSUFFICIENT_BUFFER for a wrong size. */
#include <windows.h>

#include "test.h"

TEST(GetVersion_packed)
{
	DWORD v = GetVersion();

	ASSERT_EQ(LOBYTE(LOWORD(v)), 6);
	ASSERT_EQ(HIBYTE(LOWORD(v)), 2);
	ASSERT_EQ(HIWORD(v), 9200);
	ASSERT_EQ(v & 0x80000000u, 0);	/* NT */
}

TEST(GetVersionEx_sizes)
{
	OSVERSIONINFOA a;
	OSVERSIONINFOEXA ax;
	OSVERSIONINFOW w;
	OSVERSIONINFOEXW wx;

	memset(&a, 0xcc, sizeof a);
	a.dwOSVersionInfoSize = sizeof a;
	ASSERT_TRUE(GetVersionExA(&a));
	ASSERT_EQ(a.dwMajorVersion, 6);
	ASSERT_EQ(a.dwMinorVersion, 2);
	ASSERT_EQ(a.dwBuildNumber, 9200);
	ASSERT_EQ(a.dwPlatformId, VER_PLATFORM_WIN32_NT);
	ASSERT_EQ(a.szCSDVersion[0], 0);

	memset(&ax, 0xcc, sizeof ax);
	ax.dwOSVersionInfoSize = sizeof ax;
	ASSERT_TRUE(GetVersionExA((OSVERSIONINFOA *)&ax));
	ASSERT_EQ(ax.wProductType, VER_NT_WORKSTATION);
	ASSERT_EQ(ax.wServicePackMajor, 0);

	memset(&w, 0xcc, sizeof w);
	w.dwOSVersionInfoSize = sizeof w;
	ASSERT_TRUE(GetVersionExW(&w));
	ASSERT_EQ(w.dwMajorVersion, 6);
	ASSERT_EQ(w.szCSDVersion[0], 0);

	wx.dwOSVersionInfoSize = sizeof wx;
	ASSERT_TRUE(GetVersionExW((OSVERSIONINFOW *)&wx));
	ASSERT_EQ(wx.dwBuildNumber, 9200);

	/* The A size given to the W function. */
	w.dwOSVersionInfoSize = sizeof a;
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetVersionExW(&w), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	a.dwOSVersionInfoSize = 0;
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetVersionExA(&a), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

TEST(GetVersionEx_null)
{
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetVersionExA(NULL), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_NOACCESS);
}
