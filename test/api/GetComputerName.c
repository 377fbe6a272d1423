/* GetComputerNameA/W: the NetBIOS form (upper case, at most 15 characters), the size protocol
 * (ERROR_BUFFER_OVERFLOW with the size needed including the terminator). */
#include <windows.h>

#include "test.h"

TEST(GetComputerName_basics)
{
	char name[MAX_COMPUTERNAME_LENGTH + 1];
	WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
	DWORD n = sizeof name, wn = MAX_COMPUTERNAME_LENGTH + 1, i;

	ASSERT_TRUE(GetComputerNameA(name, &n));
	ASSERT_EQ(n, strlen(name));
	ASSERT_TRUE(n >= 1 && n <= MAX_COMPUTERNAME_LENGTH);
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(!(name[i] >= 'a' && name[i] <= 'z'));
		ASSERT_TRUE(name[i] != '.');
	}
	ASSERT_TRUE(GetComputerNameW(wname, &wn));
	ASSERT_EQ(wn, n);
	for (i = 0; i <= n; i++)
		ASSERT_EQ(wname[i], (unsigned char)name[i]);
}

TEST(GetComputerName_small_buffer)
{
	char name[MAX_COMPUTERNAME_LENGTH + 1], small[1];
	DWORD n = sizeof name, need;

	ASSERT_TRUE(GetComputerNameA(name, &n));
	need = 1;
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetComputerNameA(small, &need), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_BUFFER_OVERFLOW);
	ASSERT_EQ(need, n + 1);
	need = n;	/* no room for the terminator */
	ASSERT_EQ(GetComputerNameA(name, &need), FALSE);
	ASSERT_EQ(need, n + 1);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GetComputerNameA(name, NULL), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_NOACCESS);
}
