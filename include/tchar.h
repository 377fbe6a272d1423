/*
 * tchar.h - generic-text mappings: one source builds as ANSI (char) or,
 * with _UNICODE, as wide (16-bit WCHAR).  docs/design.md M.
 *
 * _T("...") under _UNICODE is L"..." when wchar_t is 16 bits
 * (-fshort-wchar), else u"..." (C11 / C++11), so TCHAR strings work
 * either way.  _tcs* map to linsock's 16-bit string functions
 * (linsock_wchar.h), _tprintf and friends to its wide printf (Microsoft's
 * conventions: %s is a wide string, %S / %hs a narrow one).
 * _tmain under _UNICODE defines main(), which converts the UTF-8
 * arguments and calls the program's wmain.  Functions without a 16-bit
 * version here (_tfopen, _fgetts ...) are left undefined under _UNICODE.
 */
#ifndef _INC_TCHAR
#define _INC_TCHAR

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linsock_base.h"
#include "linsock_crt.h"
#include "linsock_wchar.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_UNICODE) || defined(UNICODE)
#include <wctype.h>
#include "stringapiset.h"

typedef WCHAR _TCHAR;
typedef WCHAR _TSCHAR;
typedef WCHAR _TUCHAR;
typedef WCHAR _TXCHAR;
typedef unsigned int _TINT;
#define _TEOF 0xFFFF
#define __T(x) LS_TEXT_(x)

#define _tprintf   linsock_wprintf
#define _vtprintf  linsock_vwprintf
#define _ftprintf  linsock_fwprintf
#define _vftprintf linsock_vfwprintf
#define _sntprintf _snwprintf
#define _stprintf_s swprintf_s
#define _vstprintf_s vswprintf_s
#define _vsntprintf _vsnwprintf
#define _sctprintf(...) _snwprintf(NULL, 0, __VA_ARGS__)
#define _vsctprintf _vscwprintf

#define _tcslen   ls_wcs_len
#define _tcsnlen  ls_wcs_nlen
#define _tcscpy_s ls_wcs_cpy_s
#define _tcsncpy_s ls_wcs_ncpy_s
#define _tcscat_s ls_wcs_cat_s
#define _tcscpy   ls_wcs_cpy
#define _tcsncpy  ls_wcs_ncpy
#define _tcscat   ls_wcs_cat
#define _tcscmp   ls_wcs_cmp
#define _tcsncmp  ls_wcs_ncmp
#define _tcsicmp  ls_wcs_icmp
#define _tcsnicmp ls_wcs_nicmp
#define _tcschr   ls_wcs_chr
#define _tcsrchr  ls_wcs_rchr
#define _tcsstr   ls_wcs_str
#define _tcsdup   ls_wcs_dup
#define _tcstol   ls_wcs_tol
#define _ttoi     ls_wcs_toi
#define _tstoi    ls_wcs_toi
#define _ttol(s)  ls_wcs_tol((s), NULL, 10)
#define _istdigit iswdigit
#define _istspace iswspace
#define _istalpha iswalpha
#define _istalnum iswalnum
#define _istupper iswupper
#define _istlower iswlower
#define _istxdigit iswxdigit
#define _istprint iswprint
#define _totupper towupper
#define _totlower towlower

/* main() for a _tmain program: "int _tmain(int argc, _TCHAR *argv[])" expands to an unused
 * global, this main, and the program's function under the name wmain. */
int wmain(int argc, WCHAR **argv);
static inline int ls_tmain_run(int argc, char **argv)
{
	WCHAR **w = (WCHAR **)calloc((size_t)argc + 1, sizeof *w);
	int i, n;

	if (!w)
		return 3;
	for (i = 0; i < argc; i++) {
		n = MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, NULL, 0);
		w[i] = (WCHAR *)calloc((size_t)(n > 0 ? n : 1), sizeof(WCHAR));
		if (!w[i])
			return 3;
		if (n > 0)
			MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, w[i], n);
	}
	return wmain(argc, w);
}
#define _tmain ls_tmain_unused_ __attribute__((unused)); \
	int main(int argc, char **argv) { return ls_tmain_run(argc, argv); } int wmain

#else /* ANSI */

typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define _TEOF EOF
#define __T(x) x

#define _tmain      main
#define _tprintf    printf
#define _vtprintf   vprintf
#define _ftprintf   fprintf
#define _vftprintf  vfprintf
#define _stprintf   sprintf
#define _stprintf_s sprintf_s
#define _sntprintf  _snprintf
#define _sntprintf_s _snprintf_s
#define _vsntprintf _vsnprintf
#define _vstprintf_s vsprintf_s
#define _sctprintf  _scprintf
#define _vsctprintf _vscprintf
#define _tscanf     scanf
#define _stscanf    sscanf
#define _tcslen     strlen
#define _tcsnlen    strnlen
#define _tcscpy     strcpy
#define _tcscpy_s   strcpy_s
#define _tcsncpy    strncpy
#define _tcsncpy_s  strncpy_s
#define _tcscat     strcat
#define _tcscat_s   strcat_s
#define _tcsncat    strncat
#define _tcscmp     strcmp
#define _tcsncmp    strncmp
#define _tcsicmp    _stricmp
#define _tcsnicmp   _strnicmp
#define _tcschr     strchr
#define _tcsrchr    strrchr
#define _tcsstr     strstr
#define _tcsspn     strspn
#define _tcscspn    strcspn
#define _tcspbrk    strpbrk
#define _tcstok     strtok
#define _tcstok_s   strtok_s
#define _tcsdup     _strdup
#define _tcslwr     _strlwr
#define _tcsupr     _strupr
#define _tcstol     strtol
#define _tcstoul    strtoul
#define _tcstod     strtod
#define _ttoi       atoi
#define _tstoi      atoi
#define _ttol       atol
#define _tstol      atol
#define _tfopen     fopen
#define _tfopen_s   fopen_s
#define _fgetts     fgets
#define _fputts     fputs
#define _fgettc     fgetc
#define _fputtc     fputc
#define _gettc      getc
#define _puttc      putc
#define _gettchar   getchar
#define _puttchar   putchar
#define _getts      gets
#define _putts      puts
#define _tgetenv    getenv
#define _tcsftime   strftime
#define _tremove    remove
#define _trename    rename
#define _tperror    perror
#define _tsystem    system
#define _istdigit   isdigit
#define _istspace   isspace
#define _istalpha   isalpha
#define _istalnum   isalnum
#define _istupper   isupper
#define _istlower   islower
#define _istxdigit  isxdigit
#define _istprint   isprint
#define _totupper   toupper
#define _totlower   tolower

#endif

#define _T(x)    __T(x)
#define _TEXT(x) __T(x)

#ifdef __cplusplus
}
#endif

#endif /* _INC_TCHAR */
