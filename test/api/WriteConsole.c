/* WriteConsoleA/W, ReadConsoleA/W, Get/SetConsoleMode, SetConsoleTextAttribute,
 * GetConsoleScreenBufferInfo on a console (a pseudo-terminal opened with CreateFile) and on handles
 * that are not a console: those fail with ERROR_INVALID_HANDLE, as a redirected handle does on
 * Windows. Colours come out as ANSI SGR sequences (docs/design.md C). */
#include <windows.h>

#include "console_posix.h"
#include "test.h"

#define FAILS32(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_EQ(call, FALSE); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)

struct pty {
	int master;
	char path[128];
};

static HANDLE open_pty(struct pty *p, DWORD access)
{
	HANDLE h;

	if (cp_openpty(&p->master, p->path, sizeof p->path, 100, 30) != 0)
		SKIP("no pseudo-terminal");
	h = CreateFileA(p->path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	ASSERT_TRUE(h != INVALID_HANDLE_VALUE);
	return h;
}

TEST(WriteConsole_pty)
{
	static const WCHAR wide[] = { 'h', 0xE9, 'l', 0x20AC, 0xD83D, 0xDE00, '\n' };	/* hél€😀 */
	struct pty p;
	HANDLE out = open_pty(&p, GENERIC_WRITE);
	char buf[256];
	DWORD n = 12345;

	ASSERT_TRUE(WriteConsoleA(out, "abc\n", 4, &n, NULL));
	ASSERT_EQ(n, 4);
	cp_read(p.master, buf, sizeof buf);
	ASSERT_STR_EQ(buf, "abc\r\n");	/* the terminal's ONLCR adds the \r */
	ASSERT_TRUE(WriteConsoleW(out, wide, 7, &n, NULL));
	ASSERT_EQ(n, 7);	/* characters (UTF-16 units), not bytes */
	cp_read(p.master, buf, sizeof buf);
	ASSERT_STR_EQ(buf, "h\xc3\xa9l\xe2\x82\xac\xf0\x9f\x98\x80\r\n");
	ASSERT_TRUE(WriteConsoleA(out, "x", 0, NULL, NULL));	/* count pointer is optional */
	ASSERT_TRUE(CloseHandle(out));
	cp_close(p.master);
}

TEST(SetConsoleTextAttribute_pty)
{
	struct pty p;
	HANDLE out = open_pty(&p, GENERIC_WRITE);
	CONSOLE_SCREEN_BUFFER_INFO info;
	char buf[256];

	ASSERT_TRUE(GetConsoleScreenBufferInfo(out, &info));
	ASSERT_EQ(info.wAttributes, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE);
	ASSERT_EQ(info.dwSize.X, 100);
	ASSERT_EQ(info.dwSize.Y, 30);
	ASSERT_EQ(info.srWindow.Left, 0);
	ASSERT_EQ(info.srWindow.Right, 99);
	ASSERT_EQ(info.srWindow.Bottom, 29);
	/* Bright red: ANSI 91 (Windows' colour index is BGR, ANSI's RGB). */
	ASSERT_TRUE(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY));
	cp_read(p.master, buf, sizeof buf);
	ASSERT_STR_EQ(buf, "\x1b[0;91m");
	ASSERT_TRUE(GetConsoleScreenBufferInfo(out, &info));
	ASSERT_EQ(info.wAttributes, FOREGROUND_RED | FOREGROUND_INTENSITY);
	/* Blue on green background, underlined. */
	ASSERT_TRUE(SetConsoleTextAttribute(out, FOREGROUND_BLUE | BACKGROUND_GREEN | COMMON_LVB_UNDERSCORE));
	cp_read(p.master, buf, sizeof buf);
	ASSERT_STR_EQ(buf, "\x1b[0;34;42;4m");
	/* Restoring the saved default is a reset to the terminal's own colours. */
	ASSERT_TRUE(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE));
	cp_read(p.master, buf, sizeof buf);
	ASSERT_STR_EQ(buf, "\x1b[0m");
	ASSERT_TRUE(CloseHandle(out));
	cp_close(p.master);
}

TEST(GetConsoleMode_pty)
{
	struct pty p;
	HANDLE in = open_pty(&p, GENERIC_READ);
	HANDLE out = CreateFileA(p.path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	DWORD m = 0;

	ASSERT_TRUE(out != INVALID_HANDLE_VALUE);
	ASSERT_TRUE(GetConsoleMode(in, &m));
	ASSERT_EQ(m & (ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT),
		  ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
	/* Echo without line input is refused (SetConsoleMode docs). */
	FAILS32(SetConsoleMode(in, ENABLE_ECHO_INPUT), ERROR_INVALID_PARAMETER);
	FAILS32(SetConsoleMode(in, 0x10000), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(SetConsoleMode(in, ENABLE_PROCESSED_INPUT));
	ASSERT_TRUE(GetConsoleMode(in, &m));
	ASSERT_EQ(m & (ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT), ENABLE_PROCESSED_INPUT);
	/* The output side: its own mode; virtual terminal processing accepted. */
	ASSERT_TRUE(GetConsoleMode(out, &m));
	ASSERT_EQ(m, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT);
	ASSERT_TRUE(SetConsoleMode(out, m | ENABLE_VIRTUAL_TERMINAL_PROCESSING));
	ASSERT_TRUE(GetConsoleMode(out, &m));
	ASSERT_EQ(m, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
	FAILS32(SetConsoleMode(out, 0x100), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(CloseHandle(in));
	ASSERT_TRUE(CloseHandle(out));
	cp_close(p.master);
}

/* Line input: the line ends in "\r\n", as Windows' console gives it. */
TEST(ReadConsole_pty)
{
	struct pty p;
	HANDLE in = open_pty(&p, GENERIC_READ);
	char buf[64];
	WCHAR w[64];
	DWORD n = 0;

	ASSERT_TRUE(SetConsoleMode(in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT));	/* no echo */
	ASSERT_TRUE(cp_write(p.master, "hello\n") == 6);
	ASSERT_TRUE(ReadConsoleA(in, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 7);
	ASSERT_MEM_EQ(buf, "hello\r\n", 7);
	ASSERT_TRUE(cp_write(p.master, "h\xc3\xa9\n") == 4);
	ASSERT_TRUE(ReadConsoleW(in, w, 64, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_EQ(w[0], 'h');
	ASSERT_EQ(w[1], 0xE9);
	ASSERT_EQ(w[2], '\r');
	ASSERT_EQ(w[3], '\n');
	ASSERT_TRUE(CloseHandle(in));
	cp_close(p.master);
}

/* A pipe, a file or a closed handle is no console. */
TEST(WriteConsole_not_console)
{
	HANDLE r, w;
	CONSOLE_SCREEN_BUFFER_INFO info;
	DWORD n = 5, m;
	char buf[4];

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	FAILS32(WriteConsoleA(w, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	ASSERT_EQ(n, 0);
	FAILS32(WriteConsoleW(w, L"x", 1, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(ReadConsoleA(r, buf, sizeof buf, &n, NULL), ERROR_INVALID_HANDLE);
	FAILS32(GetConsoleMode(w, &m), ERROR_INVALID_HANDLE);
	FAILS32(SetConsoleMode(r, ENABLE_LINE_INPUT), ERROR_INVALID_HANDLE);
	FAILS32(SetConsoleTextAttribute(w, FOREGROUND_RED), ERROR_INVALID_HANDLE);
	FAILS32(GetConsoleScreenBufferInfo(w, &info), ERROR_INVALID_HANDLE);
	FAILS32(GetConsoleMode(NULL, &m), ERROR_INVALID_HANDLE);
	FAILS32(GetConsoleMode(INVALID_HANDLE_VALUE, &m), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(r));
	ASSERT_TRUE(CloseHandle(w));
	FAILS32(WriteConsoleA(w, "x", 1, &n, NULL), ERROR_INVALID_HANDLE);
}

TEST(GetConsoleWindow_and_cp)
{
	ASSERT_TRUE(GetConsoleWindow() == NULL);
	ASSERT_EQ(GetConsoleOutputCP(), 65001);
	ASSERT_EQ(GetConsoleCP(), 65001);
	ASSERT_TRUE(SetConsoleOutputCP(65001));
	FAILS32(SetConsoleOutputCP(0), ERROR_INVALID_PARAMETER);
}

/* After FreeConsole the process has no console: the title has nowhere to go. */
TEST(FreeConsole_title)
{
	ASSERT_TRUE(FreeConsole());
	FAILS32(SetConsoleTitleA("linsock"), ERROR_INVALID_HANDLE);
	FAILS32(SetConsoleTitleW(NULL), ERROR_NOACCESS);
}
