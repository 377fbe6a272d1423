/* io.h: _open_osfhandle/_get_osfhandle map HANDLEs and C runtime fds onto each other, _setmode
 * returns the previous mode, _isatty, _close of a handle; conio's _getch/_kbhit/_ungetch read
 * standard input (here a pipe). */
#include <windows.h>
#include <errno.h>
#include <conio.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>

#include "test.h"

TEST(_open_osfhandle_roundtrip)
{
	HANDLE r, w;
	int fd;
	char buf[4];
	DWORD n;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	fd = _open_osfhandle((intptr_t)r, _O_RDONLY);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(_get_osfhandle(fd), (intptr_t)r);
	ASSERT_TRUE(WriteFile(w, "abc", 3, &n, NULL));
	ASSERT_EQ(_read(fd, buf, sizeof buf), 3);
	ASSERT_MEM_EQ(buf, "abc", 3);
	ASSERT_EQ(_isatty(fd), 0);
	ASSERT_EQ(_close(fd), 0);	/* closes the handle too */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(CloseHandle(r), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_TRUE(CloseHandle(w));
	errno = 0;
	ASSERT_EQ(_open_osfhandle((intptr_t)INVALID_HANDLE_VALUE, 0), -1);
	errno = 0;
	ASSERT_EQ(_get_osfhandle(-5), (intptr_t)INVALID_HANDLE_VALUE);
	ASSERT_EQ(errno, EBADF);
	errno = 0;
	ASSERT_EQ(_close(-1), -1);
	ASSERT_EQ(errno, EBADF);
}

TEST(_get_osfhandle_std)
{
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);

	if (!out)
		SKIP("no standard output");
	ASSERT_EQ(_get_osfhandle(1), (intptr_t)out);
	ASSERT_EQ(_get_osfhandle(_fileno(stdout)), (intptr_t)out);
	ASSERT_TRUE(CloseHandle(out));	/* the runner counts the record GetStdHandle made */
}

TEST(_setmode_previous)
{
	int fd = _fileno(stdout);

	ASSERT_EQ(_setmode(fd, _O_BINARY), _O_TEXT);
	ASSERT_EQ(_setmode(fd, _O_TEXT), _O_BINARY);
	errno = 0;
	ASSERT_EQ(_setmode(fd, 0x1234), -1);
	ASSERT_EQ(errno, EINVAL);
	errno = 0;
	ASSERT_EQ(_setmode(-1, _O_BINARY), -1);
	ASSERT_EQ(errno, EBADF);
}

TEST(_getch_from_pipe)
{
	HANDLE r, w;
	DWORD n;
	int fd;

	ASSERT_TRUE(CreatePipe(&r, &w, NULL, 0));
	fd = _open_osfhandle((intptr_t)r, _O_RDONLY);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(_dup2(fd, 0), 0);	/* standard input is now the pipe */
	ASSERT_EQ(_kbhit(), 0);
	ASSERT_TRUE(WriteFile(w, "xy", 2, &n, NULL));
	ASSERT_EQ(_kbhit(), 1);
	ASSERT_EQ(_getch(), 'x');
	ASSERT_EQ(_ungetch('q'), 'q');
	ASSERT_EQ(_ungetch('r'), EOF);
	ASSERT_EQ(_getch(), 'q');
	ASSERT_EQ(_getch(), 'y');
	ASSERT_TRUE(CloseHandle(w));
	ASSERT_EQ(_getch(), EOF);	/* end of input */
	ASSERT_EQ(_close(fd), 0);
}
