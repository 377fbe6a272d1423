/* CreateFileA/W, DeleteFileA/W and the file functions on their handles (FlushFileBuffers,
 * GetFileSizeEx, SetFilePointerEx): dispositions and the codes Windows documents for them
 * (ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS on success, ERROR_FILE_NOT_FOUND vs
 * ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED), wide names, inheritance, bad arguments. */
#include <windows.h>

#include "test.h"

#define FAILS32(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_TRUE(!(call)); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)
#define FAILS_H(call, code) \
	do { \
		SetLastError(0xdeadbeef); \
		ASSERT_EQ(call, INVALID_HANDLE_VALUE); \
		ASSERT_EQ(GetLastError(), code); \
	} while (0)

static void temp_name(char *buf, size_t n, const char *tag)
{
	snprintf(buf, n, "ls_test_%lu_%s.tmp", (unsigned long)GetCurrentProcessId(), tag);
}

static LONGLONG size_of(HANDLE f)
{
	LARGE_INTEGER sz;

	sz.QuadPart = -1;
	ASSERT_TRUE(GetFileSizeEx(f, &sz));
	return sz.QuadPart;
}

TEST(CreateFile_dispositions)
{
	char name[64];
	HANDLE f;
	DWORD n;

	temp_name(name, sizeof name, "disp");
	DeleteFileA(name);
	/* Missing file: OPEN_EXISTING and TRUNCATE_EXISTING fail. */
	FAILS_H(CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_FILE_NOT_FOUND);
	FAILS_H(CreateFileA(name, GENERIC_WRITE, 0, NULL, TRUNCATE_EXISTING, 0, NULL), ERROR_FILE_NOT_FOUND);
	/* CREATE_NEW creates; success leaves 0 in the slot. */
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), 0);
	ASSERT_TRUE(WriteFile(f, "0123456789", 10, &n, NULL));
	ASSERT_TRUE(FlushFileBuffers(f));
	ASSERT_EQ(size_of(f), 10);
	ASSERT_TRUE(CloseHandle(f));
	/* CREATE_NEW on an existing file: ERROR_FILE_EXISTS. */
	FAILS_H(CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL), ERROR_FILE_EXISTS);
	/* OPEN_ALWAYS on an existing file: success, ERROR_ALREADY_EXISTS, contents kept. */
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), ERROR_ALREADY_EXISTS);
	ASSERT_EQ(size_of(f), 10);
	ASSERT_TRUE(CloseHandle(f));
	/* CREATE_ALWAYS on an existing file: success, ERROR_ALREADY_EXISTS, truncated. */
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), ERROR_ALREADY_EXISTS);
	ASSERT_EQ(size_of(f), 0);
	ASSERT_TRUE(WriteFile(f, "abc", 3, &n, NULL));
	ASSERT_TRUE(CloseHandle(f));
	/* TRUNCATE_EXISTING needs write access; then it truncates, with 0 in the slot. */
	FAILS_H(CreateFileA(name, GENERIC_READ, 0, NULL, TRUNCATE_EXISTING, 0, NULL), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, TRUNCATE_EXISTING, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), 0);
	ASSERT_EQ(size_of(f), 0);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	/* OPEN_ALWAYS and CREATE_ALWAYS on a missing file: created, 0 in the slot. */
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), 0);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_EQ(GetLastError(), 0);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	/* Unknown dispositions. */
	FAILS_H(CreateFileA(name, GENERIC_WRITE, 0, NULL, 0, 0, NULL), ERROR_INVALID_PARAMETER);
	FAILS_H(CreateFileA(name, GENERIC_WRITE, 0, NULL, 6, 0, NULL), ERROR_INVALID_PARAMETER);
}

/* ERROR_FILE_NOT_FOUND for a missing file, ERROR_PATH_NOT_FOUND for a missing directory or a
 * file used as one; DeleteFile says the same. Backslashes separate, as on Windows. */
TEST(CreateFile_not_found)
{
	char name[64], path[128];
	HANDLE f;

	temp_name(name, sizeof name, "nf");
	FAILS_H(CreateFileA("ls_no_such_dir\\x.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL),
		ERROR_PATH_NOT_FOUND);
	FAILS_H(CreateFileA("ls_no_such_dir/x.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL),
		ERROR_PATH_NOT_FOUND);
	FAILS32(DeleteFileA("ls_no_such_dir\\x.txt"), ERROR_PATH_NOT_FOUND);
	FAILS32(DeleteFileA(name), ERROR_FILE_NOT_FOUND);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(CloseHandle(f));
	snprintf(path, sizeof path, "%s\\inner", name);
	FAILS_H(CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_PATH_NOT_FOUND);
	/* ".\\name" is the same file. */
	snprintf(path, sizeof path, ".\\%s", name);
	f = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(path));
	FAILS_H(CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_FILE_NOT_FOUND);
}

/* A directory is not opened as a file (ERROR_ACCESS_DENIED), nor deleted by DeleteFile; a
 * read-only file refuses write access. */
TEST(CreateFile_access_denied)
{
	char name[64];
	HANDLE f;

	FAILS_H(CreateFileA(".", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_ACCESS_DENIED);
	FAILS_H(CreateFileA(".", GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL), ERROR_ACCESS_DENIED);
	FAILS32(DeleteFileA("."), ERROR_ACCESS_DENIED);
	temp_name(name, sizeof name, "ro");
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(CloseHandle(f));
	SetLastError(0xdeadbeef);
	f = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	if (f != INVALID_HANDLE_VALUE) {
		/* Privileged users bypass file permissions on Linux. */
		ASSERT_TRUE(CloseHandle(f));
		ASSERT_TRUE(DeleteFileA(name));
		SKIP("running with CAP_DAC_OVERRIDE: permissions are not enforced");
	}
	ASSERT_EQ(GetLastError(), ERROR_ACCESS_DENIED);
	f = CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
}

/* Wide names are UTF-16: the same file is reachable through its UTF-8 spelling. */
TEST(CreateFile_wide)
{
	static const WCHAR wname[] = { 'l', 's', '_', 0xE9, 0x4E2D, 0xD83D, 0xDE00, '.', 't', 'm', 'p', 0 };
	static const char uname[] = "ls_\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80.tmp";
	HANDLE f;
	DWORD n;
	char buf[8];

	DeleteFileW(wname);
	f = CreateFileW(wname, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(f, "wide", 4, &n, NULL));
	ASSERT_TRUE(CloseHandle(f));
	f = CreateFileA(uname, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "wide", 4);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileW(wname));
	FAILS32(DeleteFileW(wname), ERROR_FILE_NOT_FOUND);
}

/* NULL, empty and unreadable names, bad SECURITY_ATTRIBUTES: Windows errors, no crash. */
TEST(CreateFile_bad_arguments)
{
	static const WCHAR empty[] = { 0 };
	char name[64];

	temp_name(name, sizeof name, "badarg");
	FAILS_H(CreateFileA(NULL, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_PATH_NOT_FOUND);
	FAILS_H(CreateFileA("", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_PATH_NOT_FOUND);
	FAILS_H(CreateFileW(NULL, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_PATH_NOT_FOUND);
	FAILS_H(CreateFileW(empty, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_PATH_NOT_FOUND);
	FAILS_H(CreateFileA((LPCSTR)(uintptr_t)1, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_NOACCESS);
	FAILS_H(CreateFileW((LPCWSTR)(uintptr_t)2, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), ERROR_NOACCESS);
	FAILS_H(CreateFileA(name, GENERIC_WRITE, 0, (LPSECURITY_ATTRIBUTES)(uintptr_t)64, CREATE_ALWAYS, 0, NULL),
		ERROR_NOACCESS);
	FAILS32(DeleteFileA(NULL), ERROR_PATH_NOT_FOUND);
	FAILS32(DeleteFileA((LPCSTR)(uintptr_t)3), ERROR_NOACCESS);
	/* Nothing was created by the failed calls. */
	FAILS32(DeleteFileA(name), ERROR_FILE_NOT_FOUND);
}

/* SECURITY_ATTRIBUTES.bInheritHandle is the handle's HANDLE_FLAG_INHERIT. */
TEST(CreateFile_inherit)
{
	SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
	char name[64];
	HANDLE f, g;
	DWORD flags;

	temp_name(name, sizeof name, "inh");
	f = CreateFileA(name, GENERIC_WRITE, 0, &sa, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	flags = 0xdead;
	ASSERT_TRUE(GetHandleInformation(f, &flags));
	ASSERT_EQ(flags, HANDLE_FLAG_INHERIT);
	g = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			FILE_FLAG_OVERLAPPED, NULL);
	ASSERT_NE(g, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(GetHandleInformation(g, &flags));
	ASSERT_EQ(flags, 0);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(CloseHandle(g));
	ASSERT_TRUE(DeleteFileA(name));
}

/* The file pointer: SetFilePointerEx from the start, the current position and the end; a
 * negative position is ERROR_NEGATIVE_SEEK; GetFileSizeEx follows writes. */
TEST(CreateFile_file_pointer)
{
	char name[64], buf[8];
	LARGE_INTEGER d, pos;
	HANDLE f;
	DWORD n;

	temp_name(name, sizeof name, "seek");
	f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(f, "0123456789", 10, &n, NULL));
	d.QuadPart = 2;
	ASSERT_TRUE(SetFilePointerEx(f, d, &pos, FILE_BEGIN));
	ASSERT_EQ(pos.QuadPart, 2);
	ASSERT_TRUE(ReadFile(f, buf, 3, &n, NULL));
	ASSERT_MEM_EQ(buf, "234", 3);
	d.QuadPart = 1;
	ASSERT_TRUE(SetFilePointerEx(f, d, &pos, FILE_CURRENT));
	ASSERT_EQ(pos.QuadPart, 6);
	d.QuadPart = -2;
	ASSERT_TRUE(SetFilePointerEx(f, d, &pos, FILE_END));
	ASSERT_EQ(pos.QuadPart, 8);
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 2);
	ASSERT_MEM_EQ(buf, "89", 2);
	/* Past the end is allowed; writing there extends the file. */
	d.QuadPart = 20;
	ASSERT_TRUE(SetFilePointerEx(f, d, NULL, FILE_BEGIN));
	ASSERT_TRUE(WriteFile(f, "x", 1, &n, NULL));
	ASSERT_EQ(size_of(f), 21);
	d.QuadPart = -1;
	FAILS32(SetFilePointerEx(f, d, &pos, FILE_BEGIN), ERROR_NEGATIVE_SEEK);
	d.QuadPart = 0;
	FAILS32(SetFilePointerEx(f, d, &pos, 3), ERROR_INVALID_PARAMETER);
	FAILS32(SetFilePointerEx(f, d, (PLARGE_INTEGER)(uintptr_t)8, FILE_BEGIN), ERROR_NOACCESS);
	FAILS32(GetFileSizeEx(f, NULL), ERROR_NOACCESS);
	FAILS32(GetFileSizeEx(f, (PLARGE_INTEGER)(uintptr_t)8), ERROR_NOACCESS);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(name));
	/* Closed and invalid handles. */
	FAILS32(SetFilePointerEx(f, d, &pos, FILE_BEGIN), ERROR_INVALID_HANDLE);
	FAILS32(GetFileSizeEx(f, &pos), ERROR_INVALID_HANDLE);
	FAILS32(FlushFileBuffers(f), ERROR_INVALID_HANDLE);
	FAILS32(GetFileSizeEx(INVALID_HANDLE_VALUE, &pos), ERROR_INVALID_HANDLE);
}

/* "NUL" is the null device, as on Windows. */
TEST(CreateFile_nul)
{
	HANDLE f = CreateFileA("NUL", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	char buf[4];
	DWORD n;

	ASSERT_NE(f, INVALID_HANDLE_VALUE);
	ASSERT_TRUE(WriteFile(f, "gone", 4, &n, NULL));
	ASSERT_EQ(n, 4);
	ASSERT_TRUE(ReadFile(f, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(GetFileType(f), FILE_TYPE_CHAR);
	ASSERT_TRUE(CloseHandle(f));
}
