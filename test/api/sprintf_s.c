/* sprintf_s, _snprintf_s, _snprintf, _scprintf with Microsoft's results. */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "test.h"

TEST(sprintf_s_rules)
{
	char buf[8];

	ASSERT_EQ(sprintf_s(buf, sizeof buf, "%d-%s", 42, "ab"), 5);
	ASSERT_STR_EQ(buf, "42-ab");
	errno = 0;
	ASSERT_EQ(sprintf_s(buf, sizeof buf, "%s", "12345678"), -1);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
	errno = 0;
	ASSERT_EQ(sprintf_s(NULL, 8, "x"), -1);
	ASSERT_EQ(errno, EINVAL);
	ASSERT_EQ(sprintf_s(buf, 0, "x"), -1);
	ASSERT_EQ(_scprintf("%05d", 7), 5);
}

TEST(snprintf_s_rules)
{
	char buf[8];

	ASSERT_EQ(_snprintf_s(buf, sizeof buf, 3, "%s", "abcdef"), -1);	/* cut at count */
	ASSERT_STR_EQ(buf, "abc");
	ASSERT_EQ(_snprintf_s(buf, sizeof buf, _TRUNCATE, "%s", "abcdefghij"), -1);
	ASSERT_STR_EQ(buf, "abcdefg");
	ASSERT_EQ(_snprintf_s(buf, sizeof buf, _TRUNCATE, "%s", "abc"), 3);
	ASSERT_STR_EQ(buf, "abc");
	errno = 0;
	ASSERT_EQ(_snprintf_s(buf, sizeof buf, 10, "%s", "abcdefghij"), -1);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
}

TEST(snprintf_legacy_no_terminator)
{
	char buf[8];

	memset(buf, 'z', sizeof buf);
	ASSERT_EQ(_snprintf(buf, 4, "%s", "abcdef"), -1);
	ASSERT_MEM_EQ(buf, "abcdzzzz", 8);	/* four characters, no terminator */
	memset(buf, 'z', sizeof buf);
	ASSERT_EQ(_snprintf(buf, 4, "%s", "abcd"), 4);
	ASSERT_MEM_EQ(buf, "abcdzzzz", 8);
	ASSERT_EQ(_snprintf(buf, 8, "%d", 12), 2);
	ASSERT_STR_EQ(buf, "12");
	ASSERT_EQ(_snprintf(NULL, 0, "%d", 1234), 4);
}
