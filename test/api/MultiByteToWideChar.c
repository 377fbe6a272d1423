/* MultiByteToWideChar/WideCharToMultiByte: UTF-8 <-> UTF-16 (CP_UTF8, CP_ACP), the -1 length,
 * measuring, ERROR_INSUFFICIENT_BUFFER, invalid input and surrogate pairs. */
#include <windows.h>

#include "test.h"

TEST(MultiByteToWideChar_utf8)
{
	/* "h\u00e9\u20ac\U0001F600" */
	static const char s[] = "h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	WCHAR w[16];
	char back[32];
	int n;

	n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
	ASSERT_EQ(n, 6);	/* h, e-acute, euro, surrogate pair, terminator */
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, s, -1, w, 16), 6);
	ASSERT_EQ(w[0], 'h');
	ASSERT_EQ(w[1], 0xe9);
	ASSERT_EQ(w[2], 0x20ac);
	ASSERT_EQ(w[3], 0xd83d);
	ASSERT_EQ(w[4], 0xde00);
	ASSERT_EQ(w[5], 0);
	/* An explicit length does not count (or write) a terminator. */
	ASSERT_EQ(MultiByteToWideChar(CP_ACP, 0, s, 3, w, 16), 2);
	w[2] = 0;
	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	ASSERT_EQ(n, 3 + 1);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, s, -1, w, 16), 6);
	ASSERT_EQ(WideCharToMultiByte(CP_UTF8, 0, w, -1, back, sizeof back, NULL, NULL), (int)sizeof s);
	ASSERT_STR_EQ(back, s);
}

TEST(MultiByteToWideChar_errors)
{
	WCHAR w[4];
	char c[4];
	static const WCHAR lone[] = { 'a', 0xd800, 'b', 0 };

	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, "hello", -1, w, 4), 0);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, NULL, -1, w, 4), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, "a", 0, w, 4), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, "a", -1, NULL, 4), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", -1, w, 4), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_FLAGS);
	/* Invalid UTF-8: U+FFFD, or a failure when asked. */
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, "a\xff", -1, w, 4), 3);
	ASSERT_EQ(w[1], 0xfffd);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff", -1, w, 4), 0);
	ASSERT_EQ(GetLastError(), 1113);	/* ERROR_NO_UNICODE_TRANSLATION */
	/* An unpaired surrogate becomes EF BF BD. */
	ASSERT_EQ(WideCharToMultiByte(CP_UTF8, 0, lone, 2, c, 4, NULL, NULL), 4);
	ASSERT_MEM_EQ(c, "a\xef\xbf\xbd", 4);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WideCharToMultiByte(CP_UTF8, 0, lone, -1, c, 2, NULL, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(WideCharToMultiByte(CP_UTF8, 0, lone, -1, c, 4, "?", NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}
