/* GetModuleFileNameA/W and GetModuleHandle for the program itself: the executable's path,
 * Windows' truncation (nSize characters returned, ERROR_INSUFFICIENT_BUFFER), unknown
 * modules. */
#include <windows.h>

#include "test.h"

TEST(GetModuleFileName_self)
{
	char path[MAX_PATH * 4];
	WCHAR wpath[MAX_PATH * 4];
	DWORD n, wn, i;

	n = GetModuleFileNameA(NULL, path, sizeof path);
	ASSERT_TRUE(n > 0 && n < sizeof path);
	ASSERT_EQ(n, strlen(path));
	ASSERT_TRUE(strstr(path, "linsock-tests") != NULL || strchr(path, '/') != NULL);
	ASSERT_EQ(GetModuleFileNameA(GetModuleHandleA(NULL), path, sizeof path), n);
	wn = GetModuleFileNameW(NULL, wpath, MAX_PATH * 4);
	ASSERT_EQ(wn, n);	/* an ASCII path */
	for (i = 0; i < n; i++)
		ASSERT_EQ(wpath[i], (unsigned char)path[i]);
	ASSERT_EQ(wpath[n], 0);
}

TEST(GetModuleFileName_truncates)
{
	char path[MAX_PATH * 4], small[5];
	WCHAR wsmall[5];
	DWORD n = GetModuleFileNameA(NULL, path, sizeof path);

	ASSERT_TRUE(n > 5);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetModuleFileNameA(NULL, small, sizeof small), sizeof small);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	ASSERT_EQ(small[4], 0);
	ASSERT_MEM_EQ(small, path, 4);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetModuleFileNameW(NULL, wsmall, 5), 5);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	ASSERT_EQ(wsmall[4], 0);
	ASSERT_EQ(wsmall[0], (unsigned char)path[0]);
}

TEST(GetModuleHandle_unknown)
{
	char path[16];

	ASSERT_TRUE(GetModuleHandleA(NULL) != NULL);
	ASSERT_TRUE(GetModuleHandleW(NULL) == GetModuleHandleA(NULL));
	SetLastError(0xdeadbeef);
	ASSERT_TRUE(GetModuleHandleA("nosuch.dll") == NULL);
	ASSERT_EQ(GetLastError(), ERROR_MOD_NOT_FOUND);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetModuleFileNameA((HMODULE)path, path, sizeof path), 0);
	ASSERT_EQ(GetLastError(), ERROR_MOD_NOT_FOUND);
}
