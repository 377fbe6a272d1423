/* wcscpy_s, wcsncpy_s, wcscat_s over 16-bit WCHAR with strcpy_s's rules. */
#include <windows.h>
#include <errno.h>
#include <string.h>
#include <wchar.h>

#include "test.h"

static const WCHAR abc[] = { 'a', 'b', 'c', 0 };
static const WCHAR long_s[] = { '0', '1', '2', '3', '4', '5', '6', '7', 0 };

TEST(wcscpy_s_rules)
{
	WCHAR buf[5];

	ASSERT_EQ(wcscpy_s(buf, 5, abc), 0);
	ASSERT_EQ(buf[2], 'c');
	ASSERT_EQ(buf[3], 0);
	ASSERT_EQ(wcscat_s(buf, 5, abc), ERANGE);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(wcscpy_s(buf, 5, abc), 0);
	ASSERT_EQ(wcscat_s(buf, 5, abc + 2), 0);
	ASSERT_EQ(buf[3], 'c');
	ASSERT_EQ(buf[4], 0);
	errno = 0;
	ASSERT_EQ(wcscpy_s(buf, 5, long_s), ERANGE);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(wcsncpy_s(buf, 5, long_s, _TRUNCATE), STRUNCATE);
	ASSERT_EQ(buf[3], '3');
	ASSERT_EQ(buf[4], 0);
	ASSERT_EQ(wcsncpy_s(buf, 5, long_s, 2), 0);
	ASSERT_EQ(buf[1], '1');
	ASSERT_EQ(buf[2], 0);
	ASSERT_EQ(wcscpy_s(NULL, 5, abc), EINVAL);
	ASSERT_EQ(wcscpy_s(buf, 0, abc), EINVAL);
	ASSERT_EQ(wcscpy_s(buf, 5, NULL), EINVAL);
	ASSERT_EQ(buf[0], 0);
}
