/* base/wstr, the one UTF-8/UTF-16 codec: the W entry points' conversions (ls_wstr_from_utf8,
 * ls_wstr_to_utf8) and MultiByteToWideChar/WideCharToMultiByte give the same units for the same
 * input, invalid input included (one U+FFFD per bad byte, one per unpaired surrogate). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdint.h>
#include <string.h>

#include "base/wstr.h"
#include "test.h"

static const char *const utf8_cases[] = {
	"plain",
	"caf\xc3\xa9 \xe2\x98\xba \xf0\x9f\x98\x80",	/* 2-, 3- and 4-byte sequences */
	"\xe2\x82" "A",		/* cut short before an ASCII byte */
	"\xe0\x80\x80",		/* overlong */
	"\xed\xa0\x80",		/* a surrogate */
	"\xf4\x90\x80\x80",	/* beyond U+10FFFF */
	"\xc0\x41\x42",		/* a bad lead byte */
	"x\xf0\x9f\x98",	/* cut short by the terminator */
};

TEST(wstr_from_utf8_as_MultiByteToWideChar)
{
	for (size_t k = 0; k < sizeof utf8_cases / sizeof utf8_cases[0]; k++) {
		uint16_t mine[64];
		WCHAR theirs[64];
		size_t n = ls_wstr_from_utf8(mine, 64, utf8_cases[k]);
		int m = MultiByteToWideChar(CP_UTF8, 0, utf8_cases[k], -1, theirs, 64);

		ASSERT_EQ(n, m);
		ASSERT_MEM_EQ(mine, theirs, n * sizeof mine[0]);
	}
	/* The cut-short sequence: one U+FFFD per byte, then the A. */
	{
		uint16_t w[8];
		ASSERT_EQ(ls_wstr_from_utf8(w, 8, "\xe2\x82" "A"), 4);
		ASSERT_EQ(w[0], 0xfffd);
		ASSERT_EQ(w[1], 0xfffd);
		ASSERT_EQ(w[2], 'A');
		ASSERT_EQ(w[3], 0);
	}
}

TEST(wstr_to_utf8_as_WideCharToMultiByte)
{
	static const uint16_t cases[][6] = {
		{ 'a', 0xe9, 0x263a, 0 },
		{ 0xd83d, 0xde00, 'z', 0 },	/* a pair */
		{ 'a', 0xd800, 'b', 0 },	/* a lone high surrogate */
		{ 0xdc00, 0 },			/* a lone low surrogate */
		{ 'a', 0xd800, 0 },		/* a high surrogate before the terminator */
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char mine[32], theirs[32];
		size_t n = ls_wstr_to_utf8(mine, sizeof mine, cases[k]);
		int m = WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)cases[k], -1, theirs, sizeof theirs, NULL,
					    NULL);

		ASSERT_EQ(n, m);
		ASSERT_MEM_EQ(mine, theirs, n);
	}
	/* Too small: nothing written, the size needed returned. */
	{
		char small[2] = { 'x', 'x' };
		ASSERT_EQ(ls_wstr_to_utf8(small, sizeof small, cases[0]), 7);
		ASSERT_EQ(small[0], 'x');
	}
}
