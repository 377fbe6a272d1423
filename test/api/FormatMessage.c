/* FormatMessageA / FormatMessageW, LocalAlloc / LocalFree, and the last-error slot shared by
 * GetLastError and WSAGetLastError. Windows API only: builds with mingw-w64 as well, so wide
 * strings are spelled as WCHAR arrays, never L"" (wchar_t is 32 bits with Linux gcc). */
#include <winsock2.h>
#include <windows.h>
#include <stdarg.h>

#include "test.h"

#ifndef ERROR_RESOURCE_LANG_NOT_FOUND
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815
#endif

#define SYS (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS)

static const char reset_text[] = "An existing connection was forcibly closed by the remote host.\r\n";
static const char wouldblock_text[] = "A non-blocking socket operation could not be completed immediately.\r\n";
static const char netname_text[] = "The specified network name is no longer available.\r\n";

/* Fails unless w holds exactly the ASCII string s (with its terminator). */
static void assert_wide(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (WCHAR)(unsigned char)s[i])
			FAILF("WCHAR %u is %#x, expected '%c' of \"%s\"", (unsigned)i, (unsigned)w[i], s[i], s);
	if (w[i] != 0)
		FAILF("WCHAR string longer than \"%s\"", s);
}

static void check_system_a(DWORD id, const char *want)
{
	char buf[512];
	DWORD n;

	memset(buf, 'x', sizeof buf);
	n = FormatMessageA(SYS, NULL, id, 0, buf, sizeof buf, NULL);
	ASSERT_STR_EQ(buf, want);
	ASSERT_EQ(n, strlen(want));
}

static void check_system_w(DWORD id, const char *want)
{
	WCHAR buf[512];
	DWORD n;

	memset(buf, 0x55, sizeof buf);
	n = FormatMessageW(SYS, NULL, id, 0, buf, sizeof buf / sizeof buf[0], NULL);
	ASSERT_EQ(n, strlen(want));
	assert_wide(buf, want);
}

TEST(FormatMessage_system_winsock)
{
	check_system_a(WSAECONNRESET, reset_text);
	check_system_a(WSAEWOULDBLOCK, wouldblock_text);
	check_system_a(WSAETIMEDOUT, "A connection attempt failed because the connected party did not "
		       "properly respond after a period of time, or established connection failed "
		       "because connected host has failed to respond.\r\n");
	/* The Winsock names that are Win32 codes share the Win32 text. */
	check_system_a(WSA_IO_PENDING, "Overlapped I/O operation is in progress.\r\n");
	check_system_a(WSA_OPERATION_ABORTED, "The I/O operation has been aborted because of either "
		       "a thread exit or an application request.\r\n");
}

TEST(FormatMessage_system_win32)
{
	check_system_a(ERROR_NETNAME_DELETED, netname_text);
	check_system_a(ERROR_SUCCESS, "The operation completed successfully.\r\n");
	check_system_a(WAIT_TIMEOUT, "The wait operation timed out.\r\n");
	check_system_a(ERROR_GEN_FAILURE, "A device attached to the system is not functioning.\r\n");
}

TEST(FormatMessage_system_wide)
{
	check_system_w(WSAECONNRESET, reset_text);
	check_system_w(WSAEWOULDBLOCK, wouldblock_text);
	check_system_w(ERROR_NETNAME_DELETED, netname_text);
}

TEST(FormatMessage_languages)
{
	char buf[256];

	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
				 buf, sizeof buf, NULL), strlen(reset_text));
	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
				 buf, sizeof buf, NULL), strlen(reset_text));
	ASSERT_STR_EQ(buf, reset_text);
	/* A language the table lacks (French; this assumes an English Windows). */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, MAKELANGID(0x0C, SUBLANG_DEFAULT), buf,
				 sizeof buf, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_RESOURCE_LANG_NOT_FOUND);
}

TEST(FormatMessage_allocate_buffer)
{
	char *a = (char *)0x1;
	WCHAR *w = (WCHAR *)0x1;
	DWORD n;

	n = FormatMessageA(SYS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, WSAECONNRESET, 0, (LPSTR)&a, 0, NULL);
	ASSERT_EQ(n, strlen(reset_text));
	ASSERT_TRUE(a != NULL && a != (char *)0x1);
	ASSERT_STR_EQ(a, reset_text);
	ASSERT_TRUE(LocalFree(a) == NULL);

	/* nSize is then a minimum to allocate, not a limit. */
	n = FormatMessageA(SYS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_NETNAME_DELETED, 0,
			   (LPSTR)&a, 4, NULL);
	ASSERT_EQ(n, strlen(netname_text));
	ASSERT_STR_EQ(a, netname_text);
	ASSERT_TRUE(LocalFree(a) == NULL);

	n = FormatMessageW(SYS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, WSAEWOULDBLOCK, 0, (LPWSTR)&w, 0, NULL);
	ASSERT_EQ(n, strlen(wouldblock_text));
	assert_wide(w, wouldblock_text);
	ASSERT_TRUE(LocalFree(w) == NULL);

	/* On failure the pointer is NULL, so freeing it unconditionally is safe. */
	a = (char *)0x1;
	SetLastError(0xdeadbeef);
	n = FormatMessageA(SYS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, 0x2000FFFF, 0, (LPSTR)&a, 0, NULL);
	ASSERT_EQ(n, 0);
	ASSERT_EQ(GetLastError(), ERROR_MR_MID_NOT_FOUND);
	ASSERT_TRUE(a == NULL);
	ASSERT_TRUE(LocalFree(a) == NULL);
}

TEST(FormatMessage_buffer_too_small)
{
	char buf[256];
	WCHAR wbuf[256];
	DWORD len = (DWORD)strlen(reset_text);

	/* No room for the terminator: nothing formatted. */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, 0, buf, len, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, 0, buf, 10, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageW(SYS, NULL, WSAECONNRESET, 0, wbuf, len, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	/* Exactly the text and its terminator fits. */
	ASSERT_EQ(FormatMessageA(SYS, NULL, WSAECONNRESET, 0, buf, len + 1, NULL), len);
	ASSERT_STR_EQ(buf, reset_text);
	ASSERT_EQ(FormatMessageW(SYS, NULL, WSAECONNRESET, 0, wbuf, len + 1, NULL), len);
	assert_wide(wbuf, reset_text);
}

TEST(FormatMessage_unknown_id)
{
	char buf[256];
	WCHAR wbuf[256];

	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageA(SYS, NULL, 0x2000FFFF, 0, buf, sizeof buf, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_MR_MID_NOT_FOUND);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(FormatMessageW(SYS, NULL, 0x2000FFFF, 0, wbuf, 256, NULL), 0);
	ASSERT_EQ(GetLastError(), ERROR_MR_MID_NOT_FOUND);
}

TEST(FormatMessage_max_width)
{
	char buf[256];
	WCHAR wbuf[256];
	DWORD n;

	/* No line breaks: the message's closing CRLF becomes one space. */
	n = FormatMessageA(SYS | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, WSAECONNRESET, 0, buf, sizeof buf, NULL);
	ASSERT_STR_EQ(buf, "An existing connection was forcibly closed by the remote host. ");
	ASSERT_EQ(n, strlen(buf));
	n = FormatMessageW(SYS | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, ERROR_NETNAME_DELETED, 0, wbuf, 256, NULL);
	assert_wide(wbuf, "The specified network name is no longer available. ");
	ASSERT_EQ(n, strlen(netname_text) - 1);
	/* Hard breaks (%n) survive the mask; regular ones do not. */
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK, "one\r\ntwo%nthree",
			   0, 0, buf, sizeof buf, NULL);
	ASSERT_STR_EQ(buf, "one two\r\nthree");
}

TEST(FormatMessage_from_string)
{
	char buf[256];
	WCHAR wbuf[256];
	static const WCHAR wfmt[] = { '%', '1', '-', '%', '2', '!', 'x', '!', 0 };
	static const WCHAR wstr[] = { 'a', 'b', 0 };
	DWORD_PTR args[3];

	args[0] = (DWORD_PTR)"abc";
	args[1] = 42;
	args[2] = (DWORD_PTR)-7;
	ASSERT_EQ(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
				 "%1 and %2!d!, %3!d! 100%% %1%0 ignored", 0, 0, buf, sizeof buf,
				 (va_list *)args), 23);
	ASSERT_STR_EQ(buf, "abc and 42, -7 100% abc");
	/* Widths and the escapes %n %. %! %space. */
	ASSERT_EQ(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
				 "[%2!5d!][%2!-4x!]%n%.%!% ", 0, 0, buf, sizeof buf, (va_list *)args), 18);
	ASSERT_STR_EQ(buf, "[   42][2a  ]\r\n.! ");
	/* Wide: %1 is a WCHAR string in FormatMessageW. */
	args[0] = (DWORD_PTR)wstr;
	args[1] = 255;
	ASSERT_EQ(FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, wfmt, 0, 0,
				 wbuf, 256, (va_list *)args), 5);
	assert_wide(wbuf, "ab-ff");
	/* IGNORE_INSERTS passes the inserts through for formatting later. */
	ASSERT_EQ(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "x%1y%2!d!z",
				 0, 0, buf, sizeof buf, NULL), 10);
	ASSERT_STR_EQ(buf, "x%1y%2!d!z");
}

static DWORD format_va(char *buf, DWORD size, const char *fmt, ...)
{
	va_list ap;
	DWORD n;

	va_start(ap, fmt);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, buf, size, &ap);
	va_end(ap);
	return n;
}

TEST(FormatMessage_va_list)
{
	char buf[256];

	/* Inserts may come in any order and repeat. */
	ASSERT_EQ(format_va(buf, sizeof buf, "%2!u!:%1:%2!u!", "name", 7), 8);
	ASSERT_STR_EQ(buf, "7:name:7");
}

TEST(FormatMessage_system_inserts)
{
	char buf[256];
	DWORD_PTR args[2];

	/* With IGNORE_INSERTS the message keeps its %1 and %2... */
	ASSERT_TRUE(FormatMessageA(SYS, NULL, ERROR_MR_MID_NOT_FOUND, 0, buf, sizeof buf, NULL) > 0);
	ASSERT_STR_EQ(buf, "The system cannot find message text for message number 0x%1 in the message "
		      "file for %2.\r\n");
	/* ...and without it they are filled from the arguments. */
	args[0] = (DWORD_PTR)"2711";
	args[1] = (DWORD_PTR)"System";
	ASSERT_TRUE(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL,
				   ERROR_MR_MID_NOT_FOUND, 0, buf, sizeof buf, (va_list *)args) > 0);
	ASSERT_STR_EQ(buf, "The system cannot find message text for message number 0x2711 in the message "
		      "file for System.\r\n");
}

TEST(LocalAlloc_flags)
{
	unsigned char *p;
	size_t i;

	p = LocalAlloc(LPTR, 100);
	ASSERT_TRUE(p != NULL);
	for (i = 0; i < 100; i++)
		ASSERT_EQ(p[i], 0);
	memset(p, 0xff, 100);
	ASSERT_TRUE(LocalFree(p) == NULL);
	p = LocalAlloc(LMEM_FIXED, 0);
	ASSERT_TRUE(p != NULL);
	ASSERT_TRUE(LocalFree(p) == NULL);
	/* NULL is ignored and reported as success. */
	ASSERT_TRUE(LocalFree(NULL) == NULL);
}

TEST(GetLastError_shares_WSAGetLastError)
{
	SetLastError(ERROR_ACCESS_DENIED);
	ASSERT_EQ(WSAGetLastError(), ERROR_ACCESS_DENIED);
	WSASetLastError(WSAECONNRESET);
	ASSERT_EQ(GetLastError(), WSAECONNRESET);
	SetLastError(0);
	ASSERT_EQ(WSAGetLastError(), 0);
}

/* Every code of spec errors.md §1 and §2 has a system message, ending in CRLF. */
static const DWORD every_code[] = {
	WSAEINTR, WSAEBADF, WSAEACCES, WSAEFAULT, WSAEINVAL, WSAEMFILE, WSAEWOULDBLOCK, WSAEINPROGRESS,
	WSAEALREADY, WSAENOTSOCK, WSAEDESTADDRREQ, WSAEMSGSIZE, WSAEPROTOTYPE, WSAENOPROTOOPT,
	WSAEPROTONOSUPPORT, WSAESOCKTNOSUPPORT, WSAEOPNOTSUPP, WSAEPFNOSUPPORT, WSAEAFNOSUPPORT,
	WSAEADDRINUSE, WSAEADDRNOTAVAIL, WSAENETDOWN, WSAENETUNREACH, WSAENETRESET, WSAECONNABORTED,
	WSAECONNRESET, WSAENOBUFS, WSAEISCONN, WSAENOTCONN, WSAESHUTDOWN, WSAETOOMANYREFS, WSAETIMEDOUT,
	WSAECONNREFUSED, WSAELOOP, WSAENAMETOOLONG, WSAEHOSTDOWN, WSAEHOSTUNREACH, WSAENOTEMPTY,
	WSAEPROCLIM, WSAEUSERS, WSAEDQUOT, WSAESTALE, WSAEREMOTE, WSASYSNOTREADY, WSAVERNOTSUPPORTED,
	WSANOTINITIALISED, WSAEDISCON, WSAENOMORE, WSAECANCELLED, WSAEINVALIDPROCTABLE,
	WSAEINVALIDPROVIDER, WSAEPROVIDERFAILEDINIT, WSASYSCALLFAILURE, WSASERVICE_NOT_FOUND,
	WSATYPE_NOT_FOUND, WSA_E_NO_MORE, WSA_E_CANCELLED, WSAEREFUSED, WSAHOST_NOT_FOUND, WSATRY_AGAIN,
	WSANO_RECOVERY, WSANO_DATA, WSA_QOS_RECEIVERS, WSA_QOS_SENDERS, WSA_QOS_NO_SENDERS,
	WSA_QOS_NO_RECEIVERS, WSA_QOS_REQUEST_CONFIRMED, WSA_QOS_ADMISSION_FAILURE,
	WSA_QOS_POLICY_FAILURE, WSA_QOS_BAD_STYLE, WSA_QOS_BAD_OBJECT, WSA_QOS_TRAFFIC_CTRL_ERROR,
	WSA_QOS_GENERIC_ERROR, WSA_QOS_ESERVICETYPE, WSA_QOS_EFLOWSPEC, WSA_QOS_EPROVSPECBUF,
	WSA_QOS_EFILTERSTYLE, WSA_QOS_EFILTERTYPE, WSA_QOS_EFILTERCOUNT, WSA_QOS_EOBJLENGTH,
	WSA_QOS_EFLOWCOUNT, WSA_QOS_EUNKOWNPSOBJ, WSA_QOS_EPOLICYOBJ, WSA_QOS_EFLOWDESC,
	WSA_QOS_EPSFLOWSPEC, WSA_QOS_EPSFILTERSPEC, WSA_QOS_ESDMODEOBJ, WSA_QOS_ESHAPERATEOBJ,
	WSA_QOS_RESERVED_PETYPE,
	11032, 11033,	/* WSA_SECURE_HOST_NOT_FOUND, WSA_IPSEC_NAME_POLICY_ERROR: not in mingw-w64 */
	ERROR_SUCCESS, ERROR_INVALID_FUNCTION, ERROR_FILE_NOT_FOUND, ERROR_TOO_MANY_OPEN_FILES,
	ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY, ERROR_OUTOFMEMORY,
	ERROR_NOT_READY, ERROR_GEN_FAILURE, ERROR_SHARING_VIOLATION, ERROR_HANDLE_EOF,
	ERROR_NOT_SUPPORTED, ERROR_DUP_NAME, ERROR_BAD_NETPATH, ERROR_NETWORK_BUSY, ERROR_BAD_NET_RESP,
	ERROR_UNEXP_NET_ERR, ERROR_NETNAME_DELETED, ERROR_NETWORK_ACCESS_DENIED, ERROR_TOO_MANY_NAMES,
	ERROR_INVALID_PARAMETER, ERROR_BROKEN_PIPE, ERROR_SEM_TIMEOUT, ERROR_INSUFFICIENT_BUFFER,
	ERROR_BUSY, ERROR_ALREADY_EXISTS, ERROR_FILENAME_EXCED_RANGE, ERROR_NO_DATA,
	ERROR_PIPE_NOT_CONNECTED, ERROR_MORE_DATA, WAIT_TIMEOUT, ERROR_INVALID_ADDRESS,
	ERROR_ABANDONED_WAIT_0, ERROR_OPERATION_ABORTED, ERROR_IO_INCOMPLETE, ERROR_IO_PENDING,
	ERROR_NOACCESS, ERROR_INVALID_FLAGS, ERROR_DEVICE_NOT_CONNECTED, ERROR_NOT_FOUND,
	ERROR_INVALID_NETNAME, ERROR_CANCELLED, ERROR_CONNECTION_REFUSED, ERROR_GRACEFUL_DISCONNECT,
	ERROR_ADDRESS_ALREADY_ASSOCIATED, ERROR_ADDRESS_NOT_ASSOCIATED, ERROR_CONNECTION_INVALID,
	ERROR_CONNECTION_ACTIVE, ERROR_NETWORK_UNREACHABLE, ERROR_HOST_UNREACHABLE,
	ERROR_PROTOCOL_UNREACHABLE, ERROR_PORT_UNREACHABLE, ERROR_REQUEST_ABORTED,
	ERROR_CONNECTION_ABORTED, ERROR_RETRY, ERROR_CONNECTION_COUNT_LIMIT, ERROR_HOST_DOWN,
	ERROR_NO_SYSTEM_RESOURCES, ERROR_WORKING_SET_QUOTA, ERROR_TIMEOUT, ERROR_INVALID_USER_BUFFER,
	ERROR_NOT_ENOUGH_QUOTA, ERROR_NOT_CONNECTED, ERROR_NETWORK_NOT_AVAILABLE,
};

TEST(FormatMessage_every_code)
{
	char buf[1024];

	for (size_t i = 0; i < sizeof every_code / sizeof every_code[0]; i++) {
		DWORD n = FormatMessageA(SYS, NULL, every_code[i], 0, buf, sizeof buf, NULL);

		if (n < 3 || buf[n - 2] != '\r' || buf[n - 1] != '\n')
			FAILF("code %u: %u chars, \"%s\"", (unsigned)every_code[i], (unsigned)n, n ? buf : "");
	}
}
