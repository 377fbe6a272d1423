/* The test harness (CONVENTIONS §11). Test files use only Windows APIs plus this header, so
 * they also build with mingw-w64. This header includes no Windows or Linux socket header.
 *
 *   TEST(WSAStartup_version) { ASSERT_EQ(WSAStartup(0x0202, &d), 0); ... }
 *
 * Every test runs in its own process (the runner re-executes itself), with a timeout; after the
 * body returns, the runner asserts that the object table is empty. SKIP("why") exits 77. */
#ifndef LS_TEST_H
#define LS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ls_test_register(const char *name, void (*fn)(void), const char *file);
/* Path of the running test binary, for tests that start helper processes (role mode). */
const char *ls_test_self(void);
void ls_test_fail(const char *file, int line, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));

#define TEST(name) \
	static void test_##name(void); \
	__attribute__((constructor)) static void reg_##name(void) \
	{ \
		ls_test_register(#name, test_##name, __FILE__); \
	} \
	static void test_##name(void)

#define FAILF(...) ls_test_fail(__FILE__, __LINE__, __VA_ARGS__)

#define ASSERT_EQ(a, b) \
	do { \
		long long a_ = (long long)(a), b_ = (long long)(b); \
		if (a_ != b_) \
			FAILF("%s == %s: %lld (0x%llx) != %lld (0x%llx)", #a, #b, a_, (unsigned long long)a_, b_, \
			      (unsigned long long)b_); \
	} while (0)
#define ASSERT_NE(a, b) \
	do { \
		long long a_ = (long long)(a), b_ = (long long)(b); \
		if (a_ == b_) \
			FAILF("%s != %s: both %lld", #a, #b, a_); \
	} while (0)
#define ASSERT_TRUE(c) \
	do { \
		if (!(c)) \
			FAILF("%s is false", #c); \
	} while (0)
#define ASSERT_STR_EQ(a, b) \
	do { \
		const char *a_ = (a), *b_ = (b); \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) \
			FAILF("%s == %s: \"%s\" != \"%s\"", #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)
#define ASSERT_MEM_EQ(a, b, n) \
	do { \
		if (memcmp((a), (b), (n)) != 0) \
			FAILF("%s and %s differ in their first %d bytes", #a, #b, (int)(n)); \
	} while (0)
/* A Winsock call failed with the expected code; seeds the slot first so a stale value cannot pass. */
#define SKIP(why) \
	do { \
		printf("# SKIP %s\n", why); \
		fflush(stdout); \
		exit(77); \
	} while (0)

#endif
