/* Wide formatted output with Microsoft's conventions over 16-bit WCHAR: %s wide, %S and %hs
 * narrow, 'l' integers 32 bits, I64 64 bits; _snwprintf's -1 without terminator;
 * swprintf_s's ERANGE. */
#include <windows.h>
#include <errno.h>
#include <string.h>
#include <tchar.h>

#include "test.h"

/* The UTF-8 form of a WCHAR string, for comparison. */
static const char *u8(const WCHAR *w)
{
	static char buf[256];

	WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, sizeof buf, NULL, NULL);
	return buf;
}

TEST(swprintf_s_conversions)
{
	WCHAR buf[128];
	static const WCHAR wide[] = { 'w', 0xe9, 0 };
	static const WCHAR fmt[] = { '[', '%', 's', '|', '%', 'S', '|', '%', 'h', 's', '|', '%',
		'l', 's', '|', '%', 'c', '|', '%', 'C', ']', 0 };
	static const WCHAR fmt2[] = { '%', 'd', ' ', '%', 'l', 'u', ' ', '%', 'I', '6', '4', 'd', ' ',
		'%', '0', '8', '.', '3', 'f', ' ', '%', '-', '4', 'x', '|', '%', '5', '.', '2', 's',
		'|', '%', '%', 0 };

	ASSERT_EQ(swprintf_s(buf, 128, fmt, wide, "n\xc3\xa9", "h", wide, (int)0x20ac, 'N'), 16);
	ASSERT_STR_EQ(u8(buf), "[w\xc3\xa9|n\xc3\xa9|h|w\xc3\xa9|\xe2\x82\xac|N]");
	ASSERT_EQ(swprintf_s(buf, 128, fmt2, -5, (DWORD)4000000000u, (long long)-1234567890123ll,
			     3.14159, 255, wide), 50);
	ASSERT_STR_EQ(u8(buf), "-5 4000000000 -1234567890123 0003.142 ff  |   w\xc3\xa9|%");
}

TEST(swprintf_s_errors)
{
	WCHAR buf[4];
	static const WCHAR fmt[] = { '%', 'd', 0 };

	errno = 0;
	ASSERT_EQ(swprintf_s(buf, 4, fmt, 12345), -1);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
	errno = 0;
	ASSERT_EQ(swprintf_s(NULL, 4, fmt, 1), -1);
	ASSERT_EQ(errno, EINVAL);
	/* _snwprintf: count units, unterminated, -1; NULL/0 measures. */
	memset(buf, 0x7a, sizeof buf);
	ASSERT_EQ(_snwprintf(buf, 2, fmt, 12345), -1);
	ASSERT_EQ(buf[0], '1');
	ASSERT_EQ(buf[1], '2');
	ASSERT_EQ(buf[2], 0x7a7a);
	ASSERT_EQ(_snwprintf(NULL, 0, fmt, 12345), 5);
	ASSERT_EQ(_scwprintf(fmt, -1), 2);
}
