/* _itoa family (radix rules, 32-bit long), _itoa_s and strerror_s errors, printf_s. */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

TEST(_itoa_radix)
{
	char buf[72];

	ASSERT_STR_EQ(_itoa(-42, buf, 10), "-42");
	ASSERT_STR_EQ(_itoa(-1, buf, 16), "ffffffff");	/* two's complement outside radix 10 */
	ASSERT_STR_EQ(_itoa(255, buf, 2), "11111111");
	ASSERT_STR_EQ(_itoa(35, buf, 36), "z");
	ASSERT_STR_EQ(_ltoa(-7L, buf, 10), "-7");
	ASSERT_STR_EQ(_ultoa(4000000000UL, buf, 10), "4000000000");
	ASSERT_STR_EQ(_i64toa(-1234567890123LL, buf, 10), "-1234567890123");
	ASSERT_STR_EQ(_i64toa(-1LL, buf, 16), "ffffffffffffffff");
	ASSERT_STR_EQ(_ui64toa(18446744073709551615ULL, buf, 10), "18446744073709551615");
	ASSERT_STR_EQ(_itoa(0, buf, 8), "0");
}

TEST(_itoa_s_errors)
{
	char buf[4];

	ASSERT_EQ(_itoa_s(123, buf, sizeof buf, 10), 0);
	ASSERT_STR_EQ(buf, "123");
	errno = 0;
	ASSERT_EQ(_itoa_s(1234, buf, sizeof buf, 10), ERANGE);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(_itoa_s(-12, buf, sizeof buf, 10), 0);
	ASSERT_STR_EQ(buf, "-12");
	ASSERT_EQ(_itoa_s(1, buf, sizeof buf, 1), EINVAL);
	ASSERT_EQ(buf[0], 0);
	ASSERT_EQ(_itoa_s(1, NULL, 4, 10), EINVAL);
	ASSERT_EQ(_i64toa_s(-5, buf, 0, 10), EINVAL);
}

TEST(strerror_s_and_printf_s)
{
	char buf[8];
	char big[256];

	ASSERT_EQ(strerror_s(big, sizeof big, ENOENT), 0);
	ASSERT_STR_EQ(big, strerror(ENOENT));
	ASSERT_EQ(strerror_s(buf, sizeof buf, ENOENT), 0);	/* truncated to fit */
	ASSERT_EQ(strlen(buf), sizeof buf - 1);
	ASSERT_EQ(strerror_s(NULL, 8, ENOENT), EINVAL);
	ASSERT_EQ(printf_s("%s", ""), 0);
	ASSERT_EQ(fprintf_s(stdout, "%d", 5), 1);
	fflush(stdout);
	printf("\n");
}
