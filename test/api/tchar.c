/* tchar.h in its ANSI form (no _UNICODE): _T, _TCHAR and the _tcs / _t names are the char
 * functions. The _UNICODE form is checked by test/headers/check.sh (a program built with
 * -DUNICODE -D_UNICODE, with and without -fshort-wchar). */
#include <windows.h>
#include <tchar.h>

#include "test.h"

TEST(tchar_ansi)
{
	_TCHAR buf[32];
	TCHAR t[8];

	ASSERT_EQ(sizeof(_TCHAR), 1);
	ASSERT_EQ(_tcslen(_T("abc")), 3);
	_tcscpy_s(buf, _countof(buf), _T("x="));
	_tcscat_s(buf, _countof(buf), _TEXT("1"));
	ASSERT_STR_EQ(buf, "x=1");
	ASSERT_EQ(_ttoi(_T("42")), 42);
	ASSERT_EQ(_tcsicmp(_T("ABC"), _T("abc")), 0);
	ASSERT_EQ(_stprintf_s(buf, _countof(buf), _T("%d%s"), 5, _T("!")), 2);
	ASSERT_STR_EQ(buf, "5!");
	ASSERT_EQ(lstrlen(TEXT("four")), 4);
	ASSERT_EQ(_sntprintf_s(t, _countof(t), _TRUNCATE, _T("%s"), _T("123456789")), -1);
	ASSERT_STR_EQ(t, "1234567");
}
