/* The MSVC dialect as Windows programs write it; valid C and C++ (check.sh builds it both ways
 * and, with LINSOCK_LIBDIR, runs it: exit status 0 means every check held). */
#include <stdio.h>
#include <WinSock2.h>
#include <Windows.h>
#include <tchar.h>
#include <strsafe.h>
#include <conio.h>
#include <io.h>
#include <process.h>
#include <malloc.h>

#pragma comment(lib, "Ws2_32.lib")
#pragma warning(disable: 4996)

static __declspec(thread) int tls_counter;
__declspec(dllexport) int __cdecl exported_fn(_In_ int a);
__declspec(noreturn) void __stdcall never_returns(void);
static __declspec(align(32)) char aligned32[8];
typedef struct { __int64 big; unsigned __int32 small; __int16 s; __int8 c; } sized_t;

int __cdecl exported_fn(_In_ int a)
{
	return a + 1;
}

static __forceinline int twice(int x)
{
	return 2 * x;
}

static int cleanup_count;

static int with_cleanup(_In_ int fail)
{
	int step = 0;

	__try {
		step = 1;
		if (fail)
			__leave;
		step = 2;
	}
	__finally {
		cleanup_count++;
	}
	return step;
}

static int filter(DWORD code, PEXCEPTION_POINTERS ep)
{
	(void)ep;
	return code == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

static int never_handles(void)
{
	int handled = 0;

	__try {
		tls_counter++;
	}
	__except (filter(GetExceptionCode(), GetExceptionInformation())) {
		handled = 1;
	}
	__try {
		tls_counter++;
		tls_counter--;
	}
	__except (EXCEPTION_EXECUTE_HANDLER) {
		handled = 1;
	}
	return handled;
}

static DWORD WINAPI unused_thread(_In_opt_ LPVOID param)
{
	UNREFERENCED_PARAMETER(param);
	return 0;
}

int main(void)
{
	int errors = 0;
	int arr[5];
	char buf[16];
	char *a;
	WORD w = MAKEWORD(2, 2);

	(void)unused_thread;
	if (with_cleanup(0) != 2 || with_cleanup(1) != 1 || cleanup_count != 2)
		errors |= 1;
	if (never_handles() != 0 || tls_counter != 1)
		errors |= 2;
	if (_countof(arr) != 5 || exported_fn(1) != 2 || twice(3) != 6)
		errors |= 4;
	if (LOBYTE(w) != 2 || HIBYTE(w) != 2 || LOWORD(0x10002) != 2 || HIWORD(0x10002) != 1)
		errors |= 8;
	if (((ULONG_PTR)aligned32 & 31) != 0 || sizeof(sized_t) != 16)
		errors |= 16;
	ZeroMemory(buf, sizeof buf);
	if (strcpy_s(buf, sizeof buf, "abc") != 0 || StringCchCatA(buf, 16, "def") != S_OK ||
	    _stricmp(buf, "ABCDEF") != 0)
		errors |= 32;
#ifndef __cplusplus	/* C++: libstdc++'s headers #undef min and max (docs/design.md M) */
	if (sprintf_s(buf, sizeof buf, "%d", min(7, 3) + max(1, 2)) != 1 || buf[0] != '5')
		errors |= 64;
#endif
	a = (char *)_alloca(8);
	a[0] = 1;
	if (a[0] != 1 || _isatty(-1) != 0)
		errors |= 128;
	if (errors)
		printf("dialect checks failed: %#x\n", errors);
	return errors;
}
