/* The bounds-checked string functions with Microsoft's rules: EINVAL for NULL/zero-size
 * destinations (untouched), the destination emptied on other failures, ERANGE when it does
 * not fit, _TRUNCATE / STRUNCATE; and _stricmp, _strdup, _strlwr. */
#include <windows.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

TEST(strcpy_s_rules)
{
	char buf[8];

	ASSERT_EQ(strcpy_s(buf, sizeof buf, "1234567"), 0);
	ASSERT_STR_EQ(buf, "1234567");
	errno = 0;
	ASSERT_EQ(strcpy_s(buf, sizeof buf, "12345678"), ERANGE);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
	strcpy(buf, "keep");
	ASSERT_EQ(strcpy_s(buf, 0, "x"), EINVAL);
	ASSERT_STR_EQ(buf, "keep");
	ASSERT_EQ(strcpy_s(NULL, 8, "x"), EINVAL);
	ASSERT_EQ(strcpy_s(buf, sizeof buf, NULL), EINVAL);
	ASSERT_EQ(buf[0], 0);
}

TEST(strncpy_s_rules)
{
	char buf[6];

	ASSERT_EQ(strncpy_s(buf, sizeof buf, "abcdefgh", 3), 0);
	ASSERT_STR_EQ(buf, "abc");
	ASSERT_EQ(strncpy_s(buf, sizeof buf, "abcdefgh", _TRUNCATE), STRUNCATE);
	ASSERT_STR_EQ(buf, "abcde");
	ASSERT_EQ(strncpy_s(buf, sizeof buf, "abcdefgh", 6), ERANGE);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(strncpy_s(buf, sizeof buf, "ab", 6), 0);
	ASSERT_STR_EQ(buf, "ab");
	ASSERT_EQ(strncpy_s(buf, sizeof buf, "xyz", 0), 0);
	ASSERT_STR_EQ(buf, "");
	ASSERT_EQ(strncpy_s(NULL, 0, NULL, 0), 0);
	ASSERT_EQ(strncpy_s(NULL, 5, "a", 1), EINVAL);
}

TEST(strcat_s_rules)
{
	char buf[8] = "abc";

	ASSERT_EQ(strcat_s(buf, sizeof buf, "def"), 0);
	ASSERT_STR_EQ(buf, "abcdef");
	ASSERT_EQ(strcat_s(buf, sizeof buf, "gh"), ERANGE);
	ASSERT_EQ(buf[0], 0);
	strcpy(buf, "abc");
	ASSERT_EQ(strncat_s(buf, sizeof buf, "defghij", _TRUNCATE), STRUNCATE);
	ASSERT_STR_EQ(buf, "abcdefg");
	strcpy(buf, "abc");
	ASSERT_EQ(strncat_s(buf, sizeof buf, "defghij", 2), 0);
	ASSERT_STR_EQ(buf, "abcde");
	memset(buf, 'x', sizeof buf);	/* not terminated within its size */
	ASSERT_EQ(strcat_s(buf, sizeof buf, "a"), EINVAL);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(strcat_s(buf, sizeof buf, NULL), EINVAL);
}

TEST(memcpy_s_rules)
{
	char d[4] = "abc";

	ASSERT_EQ(memcpy_s(d, sizeof d, "xyz", 3), 0);
	ASSERT_MEM_EQ(d, "xyz", 3);
	ASSERT_EQ(memcpy_s(d, sizeof d, "123456", 6), ERANGE);
	ASSERT_EQ(d[0], 0);
	ASSERT_EQ(d[3], 0);
	ASSERT_EQ(memcpy_s(d, sizeof d, NULL, 2), EINVAL);
	ASSERT_EQ(memcpy_s(NULL, 0, NULL, 0), 0);
	memcpy(d, "abc", 4);
	ASSERT_EQ(memmove_s(d + 1, 3, d, 2), 0);
	ASSERT_MEM_EQ(d, "aab", 3);
	ASSERT_EQ(memmove_s(d, 2, "abc", 3), ERANGE);
}

TEST(stricmp_family)
{
	char *dup, s[] = "MiXeD";
	char *ctx = NULL, tok[] = "a,b,,c", *t;

	ASSERT_EQ(_stricmp("Hello", "hELLO"), 0);
	ASSERT_TRUE(_stricmp("a", "B") < 0);
	/* Folded to lower case: '_' (95) < 'a' (97); upper-case folding would put it after 'A'. */
	ASSERT_TRUE(_stricmp("_", "A") < 0);
	ASSERT_EQ(_strnicmp("ABCdef", "abcXYZ", 3), 0);
	ASSERT_TRUE(_strnicmp("ABCdef", "abcXYZ", 4) < 0);
	ASSERT_EQ(_strcmpi("X", "x"), 0);
	errno = 0;
	ASSERT_EQ(_stricmp(NULL, "a"), _NLSCMPERROR);
	ASSERT_EQ(errno, EINVAL);
	dup = _strdup("copy");
	ASSERT_STR_EQ(dup, "copy");
	free(dup);
	ASSERT_TRUE(_strdup(NULL) == NULL);
	ASSERT_STR_EQ(_strlwr(s), "mixed");
	ASSERT_STR_EQ(_strupr(s), "MIXED");
	t = strtok_s(tok, ",", &ctx);
	ASSERT_STR_EQ(t, "a");
	ASSERT_STR_EQ(strtok_s(NULL, ",", &ctx), "b");
	ASSERT_STR_EQ(strtok_s(NULL, ",", &ctx), "c");
	ASSERT_TRUE(strtok_s(NULL, ",", &ctx) == NULL);
}
