/* lstrlen/lstrcpy/lstrcpyn/lstrcat/lstrcmp/lstrcmpi, A and W: results, NULL handling (Windows
 * treats NULL as empty in lstrlen/lstrcmp and returns NULL from lstrcpy/lstrcat). */
#include <windows.h>

#include "test.h"

TEST(lstr_ansi)
{
	char buf[16];

	ASSERT_EQ(lstrlenA("hello"), 5);
	ASSERT_EQ(lstrlenA(NULL), 0);
	ASSERT_TRUE(lstrcpyA(buf, "abc") == buf);
	ASSERT_STR_EQ(buf, "abc");
	ASSERT_TRUE(lstrcatA(buf, "def") == buf);
	ASSERT_STR_EQ(buf, "abcdef");
	ASSERT_TRUE(lstrcpynA(buf, "0123456789", 5) == buf);
	ASSERT_STR_EQ(buf, "0123");
	ASSERT_TRUE(lstrcpynA(buf, "xy", 5) == buf);
	ASSERT_STR_EQ(buf, "xy");
	ASSERT_TRUE(lstrcpynA(buf, "zz", 1) == buf);
	ASSERT_STR_EQ(buf, "");
	ASSERT_TRUE(lstrcpyA(NULL, "x") == NULL);
	ASSERT_TRUE(lstrcatA(buf, NULL) == NULL);
	ASSERT_EQ(lstrcmpA("abc", "abc"), 0);
	ASSERT_EQ(lstrcmpA("abc", "abd"), -1);
	ASSERT_EQ(lstrcmpA("abd", "abc"), 1);
	ASSERT_EQ(lstrcmpA(NULL, ""), 0);
	ASSERT_EQ(lstrcmpA(NULL, "a"), -1);
	ASSERT_EQ(lstrcmpiA("HeLLo", "hello"), 0);
	ASSERT_EQ(lstrcmpiA("apple", "BANANA"), -1);
	ASSERT_EQ(lstrcmpA("apple", "BANANA"), 1);	/* by value: 'a' > 'B' */
	/* The generic names follow UNICODE (not defined here). */
	ASSERT_EQ(lstrlen("four"), 4);
}

TEST(lstr_wide)
{
	WCHAR buf[16];
	static const WCHAR abc[] = { 'a', 'b', 'c', 0 };
	static const WCHAR ABC[] = { 'A', 'B', 'C', 0 };
	static const WCHAR def[] = { 'd', 'e', 'f', 0 };

	ASSERT_EQ(lstrlenW(abc), 3);
	ASSERT_EQ(lstrlenW(NULL), 0);
	ASSERT_TRUE(lstrcpyW(buf, abc) == buf);
	ASSERT_TRUE(lstrcatW(buf, def) == buf);
	ASSERT_EQ(lstrlenW(buf), 6);
	ASSERT_EQ(buf[3], 'd');
	ASSERT_TRUE(lstrcpynW(buf, def, 3) == buf);
	ASSERT_EQ(lstrlenW(buf), 2);
	ASSERT_EQ(lstrcmpW(abc, abc), 0);
	ASSERT_EQ(lstrcmpW(abc, def), -1);
	ASSERT_EQ(lstrcmpiW(abc, ABC), 0);
	ASSERT_EQ(lstrcmpW(abc, ABC), 1);
	ASSERT_TRUE(lstrcpyW(buf, NULL) == NULL);
}
