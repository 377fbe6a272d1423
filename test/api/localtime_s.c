/* localtime_s, gmtime_s (destination first, as Microsoft's) and fopen_s. */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "test.h"

TEST(gmtime_s_rules)
{
	struct tm tm;
	time_t t = 86400 * 365 + 3600 + 61;	/* 1971-01-01 01:01:01 UTC */

	ASSERT_EQ(gmtime_s(&tm, &t), 0);
	ASSERT_EQ(tm.tm_year, 71);
	ASSERT_EQ(tm.tm_mon, 0);
	ASSERT_EQ(tm.tm_mday, 1);
	ASSERT_EQ(tm.tm_hour, 1);
	ASSERT_EQ(tm.tm_min, 1);
	ASSERT_EQ(tm.tm_sec, 1);
	ASSERT_EQ(localtime_s(&tm, &t), 0);
	ASSERT_EQ(tm.tm_year, 71);
	errno = 0;
	ASSERT_EQ(gmtime_s(NULL, &t), EINVAL);
	ASSERT_EQ(errno, EINVAL);
	ASSERT_EQ(localtime_s(&tm, NULL), EINVAL);
	ASSERT_EQ(tm.tm_year, -1);
	ASSERT_EQ(tm.tm_mday, -1);
	t = -1;
	ASSERT_EQ(gmtime_s(&tm, &t), EINVAL);
	ASSERT_EQ(tm.tm_hour, -1);
}

TEST(fopen_s_rules)
{
	FILE *f = (FILE *)1;
	char name[MAX_PATH];
	char line[16];

	sprintf_s(name, sizeof name, "fopen_s_test_%lu.txt", (unsigned long)GetCurrentProcessId());
	ASSERT_EQ(fopen_s(&f, name, "wt"), 0);	/* Microsoft's 't' is accepted */
	ASSERT_TRUE(f != NULL);
	fputs("hello\n", f);
	fclose(f);
	ASSERT_EQ(fopen_s(&f, name, "rb"), 0);
	ASSERT_TRUE(fgets(line, sizeof line, f) != NULL);
	ASSERT_STR_EQ(line, "hello\n");
	fclose(f);
	ASSERT_EQ(remove(name), 0);
	f = (FILE *)1;
	ASSERT_EQ(fopen_s(&f, name, "r"), ENOENT);
	ASSERT_TRUE(f == NULL);
	ASSERT_EQ(fopen_s(NULL, name, "r"), EINVAL);
	f = (FILE *)1;
	ASSERT_EQ(fopen_s(&f, NULL, "r"), EINVAL);
	ASSERT_TRUE(f == NULL);
	ASSERT_EQ(fopen_s(&f, name, NULL), EINVAL);
}
