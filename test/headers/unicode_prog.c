/* A UNICODE program as Windows programmers write it: _tmain, TCHAR, _T(""), _tprintf with
 * %s, the _tcs* functions, the W APIs through their generic names. check.sh builds it with
 * -DUNICODE -D_UNICODE, once with -fshort-wchar (L"" is 16-bit) and once without (the u""
 * literals _T makes in C11), runs it with a non-ASCII argument and compares the output. */
#include <windows.h>
#include <tchar.h>
#include <strsafe.h>
#include <stdio.h>

int _tmain(int argc, _TCHAR *argv[])
{
	TCHAR buf[64];
	TCHAR name[MAX_COMPUTERNAME_LENGTH + 1];
	DWORD n = _countof(name);
	size_t len = 0;
	char utf8[64];

	if (argc != 2)
		return 2;
	if (sizeof(TCHAR) != 2)
		return 3;
	/* argv[1] arrives as UTF-16. */
	if (_tcslen(argv[1]) != 5 || argv[1][1] != 0xe9)
		return 4;
	if (FAILED(StringCchPrintf(buf, _countof(buf), _T("%s-%d"), argv[1], 42)))
		return 5;
	if (FAILED(StringCchLength(buf, _countof(buf), &len)) || len != 8)
		return 6;
	if (_tcscat_s(buf, _countof(buf), _T("!")) != 0)
		return 11;
	if (lstrcmp(buf, _T("h\u00e9llo-42!")) != 0 || _tcsicmp(_T("ABC"), _T("abc")) != 0)
		return 7;
	if (!GetComputerName(name, &n) || n == 0 || _tcslen(name) != n)
		return 8;
	if (WideCharToMultiByte(CP_UTF8, 0, buf, -1, utf8, sizeof utf8, NULL, NULL) <= 0)
		return 9;
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
	/* With -fshort-wchar, L"" and the standard wcs* names are WCHAR too. */
	if (wcslen(L"four") != 4 || wcscmp(buf, L"h\u00e9llo-42!") != 0)
		return 10;
#endif
	_tprintf(_T("%s|%S|%c|%5.2s|%ld\n"), buf, utf8, _T('x'), argv[1], (long)-7);
	return 0;
}
