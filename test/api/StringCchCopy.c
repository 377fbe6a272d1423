/* strsafe.h: StringCch and StringCb copy, cat, printf, length in A and W, with the HRESULTs
 * and truncation Windows' header gives. */
#include <windows.h>
#include <strsafe.h>

#include "test.h"

TEST(StringCch_ansi)
{
	char buf[8];
	size_t n = 99;

	ASSERT_EQ(StringCchCopyA(buf, 8, "abc"), S_OK);
	ASSERT_STR_EQ(buf, "abc");
	ASSERT_EQ(StringCchCatA(buf, 8, "defgh"), STRSAFE_E_INSUFFICIENT_BUFFER);
	ASSERT_STR_EQ(buf, "abcdefg");	/* truncated, terminated */
	ASSERT_EQ(StringCchCopyA(buf, 8, "0123456789"), STRSAFE_E_INSUFFICIENT_BUFFER);
	ASSERT_STR_EQ(buf, "0123456");
	ASSERT_EQ(StringCchCopyNA(buf, 8, "0123456789", 3), S_OK);
	ASSERT_STR_EQ(buf, "012");
	ASSERT_EQ(StringCchPrintfA(buf, 8, "%d:%s", 7, "ab"), S_OK);
	ASSERT_STR_EQ(buf, "7:ab");
	ASSERT_EQ(StringCchPrintfA(buf, 8, "%s", "too long here"), STRSAFE_E_INSUFFICIENT_BUFFER);
	ASSERT_STR_EQ(buf, "too lon");
	ASSERT_EQ(StringCchLengthA("hello", 10, &n), S_OK);
	ASSERT_EQ(n, 5);
	ASSERT_EQ(StringCchLengthA("hello", 5, &n), STRSAFE_E_INVALID_PARAMETER);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(StringCchLengthA(NULL, 5, &n), STRSAFE_E_INVALID_PARAMETER);
	ASSERT_EQ(StringCchCopyA(buf, 0, "x"), STRSAFE_E_INVALID_PARAMETER);
	ASSERT_EQ(StringCbCopyA(buf, sizeof buf, "bytes"), S_OK);
	ASSERT_EQ(StringCbCatA(buf, sizeof buf, "!"), S_OK);
	ASSERT_STR_EQ(buf, "bytes!");
	ASSERT_EQ(StringCbLengthA(buf, sizeof buf, &n), S_OK);
	ASSERT_EQ(n, 6);
	ASSERT_EQ(StringCbPrintfA(buf, sizeof buf, "%03d", 5), S_OK);
	ASSERT_STR_EQ(buf, "005");
	/* A destination without a terminator inside cch cannot be appended to. */
	memset(buf, 'x', sizeof buf);
	ASSERT_EQ(StringCchCatA(buf, 8, "a"), STRSAFE_E_INVALID_PARAMETER);
	/* The generic names are the A ones without UNICODE. */
	ASSERT_EQ(StringCchCopy(buf, 8, "gen"), S_OK);
}

TEST(StringCch_wide)
{
	WCHAR buf[6];
	static const WCHAR abc[] = { 'a', 'b', 'c', 0 };
	static const WCHAR fmt[] = { '%', 's', '-', '%', 'd', 0 };
	size_t n = 0;

	ASSERT_EQ(StringCchCopyW(buf, 6, abc), S_OK);
	ASSERT_EQ(StringCchCatW(buf, 6, abc), STRSAFE_E_INSUFFICIENT_BUFFER);
	ASSERT_EQ(StringCchLengthW(buf, 6, &n), S_OK);
	ASSERT_EQ(n, 5);
	ASSERT_EQ(buf[4], 'b');
	ASSERT_EQ(StringCchPrintfW(buf, 6, fmt, abc, 7), S_OK);
	ASSERT_EQ(buf[0], 'a');
	ASSERT_EQ(buf[3], '-');
	ASSERT_EQ(buf[4], '7');
	ASSERT_EQ(buf[5], 0);
	ASSERT_EQ(StringCchPrintfW(buf, 6, fmt, abc, 1234), STRSAFE_E_INSUFFICIENT_BUFFER);
	ASSERT_EQ(buf[5], 0);
	ASSERT_EQ(buf[4], '1');
	ASSERT_EQ(StringCbCopyW(buf, sizeof buf, abc), S_OK);
	ASSERT_EQ(StringCbLengthW(buf, sizeof buf, &n), S_OK);
	ASSERT_EQ(n, 3 * sizeof(WCHAR));
}
