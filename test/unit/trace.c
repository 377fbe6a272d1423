/* LINSOCK_TRACE (docs/design.md T). The switch is read once before main, so every test starts
 * this binary again in a helper role with the variable set (or unset) and reads what it wrote:
 *
 *   role trace_calls    the calls of the task list, each checked line by line against the text
 *                       it must produce (exact, with this process' handle values)
 *   role trace_quiet    a few calls, for the on/off/append checks made by the parent
 *   role trace_threads  four threads logging at once: every line must come out whole
 *   role trace_families the exports merged later (mswsock extensions, iphlpapi, console, heap,
 *                       the CRT): their decoded arguments and result kinds
 *
 * Plus the decoders called directly, and bad pointers handed to them. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/sockutil.h"
#include <mswsock.h>
#include <mstcpip.h>
#include <iphlpapi.h>
#include <io.h>
#include <errno.h>

#include "base/trace.h"
#include "test.h"

/* trace_posix.c */
int ls_test_trace_role(const char *role, const char *trace, const char *errpath);
char *ls_test_trace_guarded(long *page);
void ls_test_trace_unguard(char *m, long page);

/* ---- the child side ---- */

struct expect {
	char line[512];
};
static struct expect want[64];
static int nwant;

/* Expected text of one line, without the "linsock[pid:tid] " prefix. */
static void expect(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void expect(const char *fmt, ...)
{
	va_list ap;

	ASSERT_TRUE(nwant < (int)(sizeof want / sizeof want[0]));
	va_start(ap, fmt);
	vsnprintf(want[nwant++].line, sizeof want[0].line, fmt, ap);
	va_end(ap);
}

/* %p as the trace prints it. */
static const char *ptr(const void *p, char *buf)
{
	if (!p)
		return "NULL";
	snprintf(buf, 32, "%p", p);
	return buf;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* Every expected line appears, in order, among this process' lines; each line carries our pid. */
static void check_expected(void)
{
	char *all = read_all(getenv("LINSOCK_TRACE")), *save = NULL, *l;
	char prefix[64];
	int next = 0;

	ASSERT_TRUE(all != NULL);
	snprintf(prefix, sizeof prefix, "linsock[%lu:", (unsigned long)GetCurrentProcessId());
	for (l = strtok_r(all, "\n", &save); l && next < nwant; l = strtok_r(NULL, "\n", &save)) {
		char *body;
		if (strncmp(l, prefix, strlen(prefix)) != 0)
			continue;
		body = strstr(l, "] ");
		ASSERT_TRUE(body != NULL);
		if (strcmp(body + 2, want[next].line) == 0)
			next++;
	}
	if (next < nwant)
		FAILF("trace line %d not found (in order): \"%s\"", next, want[next].line);
	free(all);
}

TEST(role_trace_calls)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
	SOCKET s, c, a, c2, a2;
	WSAEVENT ev, evs[2];
	char buf[16], pb[4][32], path[128];
	struct linger lg = { 1, 0 };
	DWORD n = 0, ret = 0;
	BOOL on = TRUE;
	u_long nb = 1;
	GUID connectex = WSAID_CONNECTEX;
	void *fn = NULL;
	HANDLE f;
	int len;

	su_start();
	expect("WSAStartup = 0");

	s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	expect("socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP)");
	expect("socket = %lu", (unsigned long)s);

	/* A port nobody listens on: bind one, learn it, close it; loopback refuses at once. */
	c = su_bound(AF_INET6, SOCK_STREAM, &ss, &len);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(connect(s, (struct sockaddr *)&ss, len), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAECONNREFUSED);
	expect("connect(%lu, {AF_INET6, [::1]:%u, scope 0}, 28)", (unsigned long)s, ntohs(a6->sin6_port));
	expect("connect = SOCKET_ERROR [WSAECONNREFUSED]");
	expect("WSAGetLastError()");
	expect("WSAGetLastError = WSAECONNREFUSED");

	ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on), 0);
	expect("setsockopt(%lu, SOL_SOCKET/SO_REUSEADDR, %s, 4)", (unsigned long)s, ptr(&on, pb[0]));
	expect("setsockopt = 0");
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &nb), 0);
	expect("ioctlsocket(%lu, FIONBIO, %s)", (unsigned long)s, ptr(&nb, pb[0]));
	ASSERT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &connectex, sizeof connectex, &fn, sizeof fn,
			   &ret, NULL, NULL), 0);
	expect("WSAIoctl(%lu, SIO_GET_EXTENSION_FUNCTION_POINTER, {WSAID_CONNECTEX}, 16, %s, 8, %s, NULL, NULL)",
	       (unsigned long)s, ptr(&fn, pb[0]), ptr(&ret, pb[1]));
	expect("WSAIoctl = 0");
	ASSERT_EQ(closesocket(s), 0);
	expect("closesocket(%lu)", (unsigned long)s);
	expect("closesocket = 0");

	/* The peer resets (linger 0): FD_CLOSE signals the event, recv reports the reset. */
	su_tcp_pair(AF_INET6, &c, &a);
	ev = WSACreateEvent();
	ASSERT_TRUE(ev != WSA_INVALID_EVENT);
	ASSERT_EQ(WSAEventSelect(c, ev, FD_READ | FD_CLOSE), 0);
	expect("WSAEventSelect(%lu, %lu, FD_READ|FD_CLOSE)", (unsigned long)c, (unsigned long)(uintptr_t)ev);
	expect("WSAEventSelect = 0");
	ASSERT_EQ(setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WaitForSingleObject(ev, INFINITE), WAIT_OBJECT_0);
	expect("WaitForSingleObject(%lu, INFINITE)", (unsigned long)(uintptr_t)ev);
	expect("WaitForSingleObject = WAIT_OBJECT_0");
	ASSERT_EQ(recv(c, buf, sizeof buf, MSG_PEEK), SOCKET_ERROR);
	expect("recv(%lu, %s, 16, MSG_PEEK)", (unsigned long)c, ptr(buf, pb[0]));
	expect("recv = SOCKET_ERROR [WSAECONNRESET]");
	ASSERT_EQ(WSAEventSelect(c, NULL, 0), 0);
	ASSERT_EQ(closesocket(c), 0);

	/* ReadFile on a socket, then on a handle that is nothing. */
	su_tcp_pair(AF_INET, &c2, &a2);
	ASSERT_EQ(send(a2, "hi", 2, 0), 2);
	expect("send(%lu, %s, 2, 0)", (unsigned long)a2, ptr("hi", pb[0]));
	ASSERT_TRUE(ReadFile((HANDLE)c2, buf, sizeof buf, &n, NULL));
	ASSERT_EQ(n, 2);
	expect("ReadFile(%lu, %s, 16, %s, NULL)", (unsigned long)c2, ptr(buf, pb[0]), ptr(&n, pb[1]));
	expect("ReadFile = TRUE");
	ASSERT_TRUE(!ReadFile((HANDLE)(intptr_t)40000, buf, sizeof buf, &n, NULL));
	expect("ReadFile(40000, %s, 16, %s, NULL)", ptr(buf, pb[0]), ptr(&n, pb[1]));
	expect("ReadFile = FALSE [ERROR_INVALID_HANDLE]");
	ASSERT_EQ(closesocket(c2), 0);
	ASSERT_EQ(closesocket(a2), 0);

	/* Wait results by name; the event array decoded. */
	evs[0] = ev;
	evs[1] = CreateEventA(NULL, TRUE, TRUE, NULL);
	expect("CreateEventA(NULL, TRUE, TRUE, NULL)");
	expect("CreateEventA = %lu", (unsigned long)(uintptr_t)evs[1]);
	ASSERT_TRUE(WSAResetEvent(ev));
	ASSERT_EQ(WaitForMultipleObjects(2, evs, FALSE, 0), WAIT_OBJECT_0 + 1);
	expect("WaitForMultipleObjects(2, [%lu, %lu], FALSE, 0)", (unsigned long)(uintptr_t)evs[0],
	       (unsigned long)(uintptr_t)evs[1]);
	expect("WaitForMultipleObjects = WAIT_OBJECT_0+1");
	ASSERT_TRUE(ResetEvent(evs[1]));
	ASSERT_EQ(WaitForSingleObject(evs[1], 0), WAIT_TIMEOUT);
	expect("WaitForSingleObject = WAIT_TIMEOUT");
	ASSERT_TRUE(CloseHandle(evs[1]));
	ASSERT_TRUE(WSACloseEvent(ev));

	/* CreateFile's flags by name. */
	snprintf(path, sizeof path, "/tmp/ls_trace_%lu.file", (unsigned long)GetCurrentProcessId());
	f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
			FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, NULL);
	ASSERT_TRUE(f != INVALID_HANDLE_VALUE);
	expect("CreateFileA(\"%s\", GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, "
	       "FILE_ATTRIBUTE_NORMAL|FILE_FLAG_OVERLAPPED, NULL)", path);
	expect("CreateFileA = %lu", (unsigned long)(uintptr_t)f);
	ASSERT_TRUE(CloseHandle(f));
	ASSERT_TRUE(DeleteFileA(path));

	/* The failing file call names the Win32 code; the same value from Winsock its WSA name. */
	SetLastError(ERROR_IO_PENDING);
	expect("SetLastError(ERROR_IO_PENDING)");
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	expect("WSAGetLastError = WSA_IO_PENDING");
	ASSERT_EQ(GetLastError(), ERROR_IO_PENDING);
	expect("GetLastError = ERROR_IO_PENDING");

	ASSERT_EQ(WSACleanup(), 0);
	expect("WSACleanup()");
	expect("WSACleanup = 0");
	check_expected();
}

TEST(role_trace_quiet)
{
	SOCKET s;

	su_start();
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(s, INVALID_SOCKET);
	FAILS(shutdown(s, 7), SOCKET_ERROR, WSAEINVAL);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

static BOOL WINAPI on_ctrl(DWORD type)
{
	(void)type;
	return TRUE;
}

TEST(role_trace_families)
{
	GUID tp_id = WSAID_TRANSMITPACKETS, rm_id = WSAID_WSARECVMSG;
	LPFN_TRANSMITPACKETS tp = NULL;
	LPFN_WSARECVMSG rm = NULL;
	SOCKET c, a;
	DWORD ret = 0, n = 0;
	ULONG size = 0;
	char buf[4], pb[4][32];
	void *mem;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);

	/* TransmitFile: its flags by name, the result as a Winsock BOOL. */
	ASSERT_TRUE(TransmitFile(a, NULL, 0, 0, NULL, NULL, TF_DISCONNECT));
	expect("TransmitFile(%lu, NULL, 0, 0, NULL, NULL, TF_DISCONNECT)", (unsigned long)a);
	expect("TransmitFile = TRUE");
	ASSERT_TRUE(!TransmitFile(INVALID_SOCKET, NULL, 0, 0, NULL, NULL, TF_DISCONNECT | TF_REUSE_SOCKET));
	expect("TransmitFile(INVALID_SOCKET, NULL, 0, 0, NULL, NULL, TF_DISCONNECT|TF_REUSE_SOCKET)");
	expect("TransmitFile = FALSE [WSAENOTSOCK]");

	/* The WSAIoctl-only extensions under the names programs know them by. */
	ASSERT_EQ(WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &tp_id, sizeof tp_id, &tp, sizeof tp, &ret, NULL,
			   NULL), 0);
	ASSERT_EQ(WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &rm_id, sizeof rm_id, &rm, sizeof rm, &ret, NULL,
			   NULL), 0);
	ASSERT_TRUE(!tp(INVALID_SOCKET, NULL, 0, 0, NULL, TF_USE_KERNEL_APC));
	expect("TransmitPackets(INVALID_SOCKET, NULL, 0, 0, NULL, TF_USE_KERNEL_APC)");
	expect("TransmitPackets = FALSE [WSAENOTSOCK]");
	ASSERT_EQ(rm(c, NULL, &n, NULL, NULL), SOCKET_ERROR);
	expect("WSARecvMsg(%lu, NULL, %s, NULL, NULL)", (unsigned long)c, ptr(&n, pb[0]));
	expect("WSARecvMsg = SOCKET_ERROR [WSAEFAULT]");
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);

	/* iphlpapi: family and GAA flags by name, the code as the value. */
	ASSERT_EQ(GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST, NULL, NULL, &size),
		  ERROR_BUFFER_OVERFLOW);
	expect("GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST|GAA_FLAG_SKIP_MULTICAST, NULL, NULL, %s)",
	       ptr(&size, pb[0]));
	expect("GetAdaptersAddresses = ERROR_BUFFER_OVERFLOW");

	/* Console control: handler and events. */
	ASSERT_TRUE(SetConsoleCtrlHandler(on_ctrl, TRUE));
	expect("SetConsoleCtrlHandler(%s, TRUE)", ptr((void *)(uintptr_t)on_ctrl, pb[0]));
	expect("SetConsoleCtrlHandler = TRUE");
	ASSERT_TRUE(SetConsoleCtrlHandler(on_ctrl, FALSE));
	ASSERT_TRUE(!SetConsoleCtrlHandler(on_ctrl, FALSE));
	expect("SetConsoleCtrlHandler(%s, FALSE)", ptr((void *)(uintptr_t)on_ctrl, pb[0]));
	expect("SetConsoleCtrlHandler = FALSE [ERROR_INVALID_PARAMETER]");
	ASSERT_TRUE(!GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0));
	expect("GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0)");
	expect("GenerateConsoleCtrlEvent = FALSE [ERROR_INVALID_PARAMETER]");

	/* Heap flags; HeapSize's all-ones failure. */
	mem = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY | HEAP_NO_SERIALIZE, 8);
	ASSERT_TRUE(mem != NULL);
	expect("HeapAlloc(%s, HEAP_NO_SERIALIZE|HEAP_ZERO_MEMORY, 8)", ptr(GetProcessHeap(), pb[0]));
	expect("HeapAlloc = %s", ptr(mem, pb[1]));
	ASSERT_TRUE(HeapFree(GetProcessHeap(), 0, mem));
	ASSERT_EQ(HeapSize(NULL, 0, NULL), (SIZE_T)-1);
	expect("HeapSize(NULL, 0, NULL)");
	expect("HeapSize = (SIZE_T)-1 [ERROR_INVALID_HANDLE]");

	/* Code pages, thread priorities, signed results. */
	ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, "hi", -1, NULL, 0), 3);
	expect("MultiByteToWideChar = 3");
	ASSERT_TRUE(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_HIGHEST));
	expect("SetThreadPriority((HANDLE)-2, THREAD_PRIORITY_HIGHEST)");
	ASSERT_TRUE(lstrcmpA("a", "b") < 0);
	expect("lstrcmpA(\"a\", \"b\")");
	expect("lstrcmpA = -1");

	/* The CRT: errno_t by name, -1 with errno; tracing leaves errno and the last error as the
	 * call set them. */
	SetLastError(ERROR_ACCESS_DENIED);
	errno = 0;
	ASSERT_EQ(strcpy_s(buf, sizeof buf, "toolong"), ERANGE);
	ASSERT_EQ(errno, ERANGE);
	ASSERT_EQ(GetLastError(), ERROR_ACCESS_DENIED);
	expect("strcpy_s(%s, 4, \"tool\"...)", ptr(buf, pb[0]));	/* as far as the callee reads */
	expect("strcpy_s = ERANGE");
	/* An unterminated destination is read only as far as its size (ASan checks). */
	memcpy(buf, "abcd", 4);
	ASSERT_EQ(strcat_s(buf, sizeof buf, "x"), EINVAL);
	expect("strcat_s(\"abcd\"..., 4, \"x\")");
	expect("strcat_s = EINVAL");
	errno = 0;
	ASSERT_EQ(_close(-1), -1);
	ASSERT_EQ(errno, EBADF);
	expect("_close(-1)");
	expect("_close = -1 [EBADF]");
	ASSERT_EQ(WSACleanup(), 0);
	check_expected();
}

#define THREADS 4
#define PER_THREAD 300

static DWORD WINAPI spam(LPVOID arg)
{
	(void)arg;
	for (int i = 0; i < PER_THREAD; i++) {
		WSASetLastError(WSAECONNRESET);
		(void)GetLastError();
	}
	return 0;
}

TEST(role_trace_threads)
{
	HANDLE t[THREADS];

	for (int i = 0; i < THREADS; i++) {
		t[i] = CreateThread(NULL, 0, spam, NULL, 0, NULL);
		ASSERT_TRUE(t[i] != NULL);
	}
	ASSERT_EQ(WaitForMultipleObjects(THREADS, t, TRUE, INFINITE), WAIT_OBJECT_0);
	for (int i = 0; i < THREADS; i++)
		ASSERT_TRUE(CloseHandle(t[i]));
}

/* ---- the parent side ---- */

static void temp_path(char *buf, size_t n, const char *tag)
{
	snprintf(buf, n, "/tmp/ls_trace_%lu_%s.log", (unsigned long)GetCurrentProcessId(), tag);
	remove(buf);
}

static int run_role(const char *role, const char *trace, const char *errpath)
{
	int r = ls_test_trace_role(role, trace, errpath);

	ASSERT_NE(r, -1);
	return r;
}

static int count(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

TEST(trace_file_decoded_lines)
{
	char path[128];

	temp_path(path, sizeof path, "calls");
	ASSERT_EQ(run_role("trace_calls", path, NULL), 0);
	remove(path);
}

TEST(trace_new_families_decoded)
{
	char path[128];

	temp_path(path, sizeof path, "families");
	ASSERT_EQ(run_role("trace_families", path, NULL), 0);
	remove(path);
}

TEST(trace_unset_is_silent)
{
	char err[128];
	const char *values[] = { NULL, "", "0" };
	char *text;

	temp_path(err, sizeof err, "quiet");
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		ASSERT_EQ(run_role("trace_quiet", values[i], err), 0);
		text = read_all(err);
		ASSERT_TRUE(text != NULL);
		if (text[0])
			FAILF("LINSOCK_TRACE=%s wrote: %.200s", values[i] ? values[i] : "(unset)", text);
		free(text);
	}
	remove(err);
}

TEST(trace_stderr_mode)
{
	char err[128];
	char *text;

	temp_path(err, sizeof err, "stderr");
	ASSERT_EQ(run_role("trace_quiet", "1", err), 0);
	text = read_all(err);
	ASSERT_TRUE(text != NULL);
	ASSERT_TRUE(strstr(text, "] socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)\n") != NULL);
	ASSERT_TRUE(strstr(text, "] shutdown(") != NULL);
	ASSERT_TRUE(strstr(text, "] shutdown = SOCKET_ERROR [WSAEINVAL]\n") != NULL);
	ASSERT_EQ(strncmp(text, "linsock[", 8), 0);
	free(text);
	remove(err);
}

TEST(trace_file_appends)
{
	char path[128];
	char *text;
	FILE *f;

	temp_path(path, sizeof path, "append");
	f = fopen(path, "w");
	ASSERT_TRUE(f != NULL);
	fputs("earlier line\n", f);
	fclose(f);
	ASSERT_EQ(run_role("trace_quiet", path, NULL), 0);
	ASSERT_EQ(run_role("trace_quiet", path, NULL), 0);
	text = read_all(path);
	ASSERT_TRUE(text != NULL);
	ASSERT_EQ(strncmp(text, "earlier line\n", 13), 0);
	ASSERT_EQ(count(text, "] WSAStartup(2.2, "), 2);
	ASSERT_EQ(count(text, "] WSACleanup = 0\n"), 2);
	free(text);
	remove(path);
}

TEST(trace_threads_whole_lines)
{
	char path[128];
	char *text, *save = NULL, *l;
	int lines = 0;

	temp_path(path, sizeof path, "threads");
	ASSERT_EQ(run_role("trace_threads", path, NULL), 0);
	text = read_all(path);
	ASSERT_TRUE(text != NULL);
	ASSERT_EQ(count(text, "] WSASetLastError(WSAECONNRESET)\n"), THREADS * PER_THREAD);
	ASSERT_EQ(count(text, "] GetLastError = WSAECONNRESET\n"), THREADS * PER_THREAD);
	/* Every line is one whole record: prefix, name, and nothing of another line inside. */
	for (l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		ASSERT_EQ(strncmp(l, "linsock[", 8), 0);
		ASSERT_EQ(count(l, "linsock["), 1);
		lines++;
	}
	ASSERT_TRUE(lines >= 3 * THREADS * PER_THREAD);
	free(text);
	remove(path);
}

/* ---- decoders ---- */

TEST(trace_decoders)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	DWORD fl = MSG_PEEK | MSG_WAITALL;

	ASSERT_STR_EQ(ls_trace_af(AF_INET6), "AF_INET6");
	ASSERT_STR_EQ(ls_trace_af(12345), "12345");
	ASSERT_STR_EQ(ls_trace_socktype(SOCK_DGRAM), "SOCK_DGRAM");
	ASSERT_STR_EQ(ls_trace_proto(IPPROTO_TCP), "IPPROTO_TCP");
	ASSERT_STR_EQ(ls_trace_proto(0), "0");
	ASSERT_STR_EQ(ls_trace_sockopt(SOL_SOCKET, SO_REUSEADDR), "SOL_SOCKET/SO_REUSEADDR");
	ASSERT_STR_EQ(ls_trace_sockopt(IPPROTO_TCP, TCP_NODELAY), "IPPROTO_TCP/TCP_NODELAY");
	ASSERT_STR_EQ(ls_trace_sockopt(SOL_SOCKET, 0x7777), "SOL_SOCKET/30583");
	ASSERT_STR_EQ(ls_trace_fd_events(FD_READ | FD_CLOSE), "FD_READ|FD_CLOSE");
	ASSERT_STR_EQ(ls_trace_fd_events(FD_WRITE | 0x10000), "FD_WRITE|0x10000");
	ASSERT_STR_EQ(ls_trace_fd_events(0), "0");
	ASSERT_STR_EQ(ls_trace_msg_flags(MSG_PEEK), "MSG_PEEK");
	ASSERT_STR_EQ(ls_trace_msg_flags(0), "0");
	ASSERT_STR_EQ(ls_trace_msg_flags_ptr(&fl), "[MSG_PEEK|MSG_WAITALL]");
	ASSERT_STR_EQ(ls_trace_msg_flags_ptr((void *)16), "<bad>");
	ASSERT_STR_EQ(ls_trace_ioctl(FIONBIO), "FIONBIO");
	ASSERT_STR_EQ(ls_trace_ioctl(SIO_GET_EXTENSION_FUNCTION_POINTER), "SIO_GET_EXTENSION_FUNCTION_POINTER");
	ASSERT_STR_EQ(ls_trace_ioctl(SIO_KEEPALIVE_VALS), "SIO_KEEPALIVE_VALS");
	ASSERT_STR_EQ(ls_trace_how(SD_SEND), "SD_SEND");
	ASSERT_STR_EQ(ls_trace_wsa_flags(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT),
		      "WSA_FLAG_OVERLAPPED|WSA_FLAG_NO_HANDLE_INHERIT");
	ASSERT_STR_EQ(ls_trace_timeout(INFINITE), "INFINITE");
	ASSERT_STR_EQ(ls_trace_timeout(250), "250");
	ASSERT_STR_EQ(ls_trace_handle(NULL), "NULL");
	ASSERT_STR_EQ(ls_trace_handle(INVALID_HANDLE_VALUE), "INVALID_HANDLE_VALUE");
	ASSERT_STR_EQ(ls_trace_handle(GetCurrentThread()), "(HANDLE)-2");
	ASSERT_STR_EQ(ls_trace_socket(INVALID_SOCKET), "INVALID_SOCKET");
	ASSERT_STR_EQ(ls_trace_socket(12), "12");
	ASSERT_STR_EQ(ls_trace_access(GENERIC_READ | GENERIC_WRITE), "GENERIC_READ|GENERIC_WRITE");
	ASSERT_STR_EQ(ls_trace_disposition(OPEN_EXISTING), "OPEN_EXISTING");
	ASSERT_STR_EQ(ls_trace_file_flags(FILE_FLAG_OVERLAPPED), "FILE_FLAG_OVERLAPPED");
	ASSERT_STR_EQ(ls_trace_std_handle(STD_ERROR_HANDLE), "STD_ERROR_HANDLE");
	ASSERT_STR_EQ(ls_trace_lmem(LMEM_FIXED), "LMEM_FIXED");
	ASSERT_STR_EQ(ls_trace_lmem(LMEM_ZEROINIT), "LMEM_ZEROINIT");
	ASSERT_STR_EQ(ls_trace_format_flags(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | 80),
		      "FORMAT_MESSAGE_IGNORE_INSERTS|FORMAT_MESSAGE_FROM_SYSTEM|width 80");
	ASSERT_STR_EQ(ls_trace_tf_flags(TF_DISCONNECT | TF_REUSE_SOCKET), "TF_DISCONNECT|TF_REUSE_SOCKET");
	ASSERT_STR_EQ(ls_trace_name("ls_mswsock_transmitpackets"), "TransmitPackets");
	ASSERT_STR_EQ(ls_trace_name("ls_mswsock_wsarecvmsg"), "WSARecvMsg");
	ASSERT_STR_EQ(ls_trace_name("linsock_wprintf"), "wprintf");
	ASSERT_STR_EQ(ls_trace_name("socket"), "socket");
	ASSERT_STR_EQ(ls_trace_ctrl_event(CTRL_BREAK_EVENT), "CTRL_BREAK_EVENT");
	ASSERT_STR_EQ(ls_trace_ctrl_event(9), "9");
	ASSERT_STR_EQ(ls_trace_codepage(CP_UTF8), "CP_UTF8");
	ASSERT_STR_EQ(ls_trace_codepage(1252), "1252");
	ASSERT_STR_EQ(ls_trace_attach_pid(ATTACH_PARENT_PROCESS), "ATTACH_PARENT_PROCESS");
	ASSERT_STR_EQ(ls_trace_heap_flags(0), "0");
	ASSERT_STR_EQ(ls_trace_heap_flags(HEAP_ZERO_MEMORY | 0x100), "HEAP_ZERO_MEMORY|0x100");
	ASSERT_STR_EQ(ls_trace_gmem(GMEM_FIXED), "GMEM_FIXED");
	ASSERT_STR_EQ(ls_trace_gmem(GMEM_MOVEABLE | GMEM_ZEROINIT), "GMEM_MOVEABLE|GMEM_ZEROINIT");
	ASSERT_STR_EQ(ls_trace_thread_priority(THREAD_PRIORITY_IDLE), "THREAD_PRIORITY_IDLE");
	ASSERT_STR_EQ(ls_trace_thread_priority(7), "7");
	ASSERT_STR_EQ(ls_trace_gaa_flags(GAA_FLAG_INCLUDE_PREFIX | GAA_FLAG_SKIP_DNS_SERVER),
		      "GAA_FLAG_SKIP_DNS_SERVER|GAA_FLAG_INCLUDE_PREFIX");
	ASSERT_STR_EQ(ls_trace_crt_mode(_O_BINARY), "_O_BINARY");
	ASSERT_STR_EQ(ls_trace_mb_type(MB_OK), "MB_OK");
	ASSERT_STR_EQ(ls_trace_mb_type(MB_YESNO | MB_ICONQUESTION | MB_DEFBUTTON2),
		      "MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2");
	ASSERT_STR_EQ(ls_trace_errno_name(EINVAL), "EINVAL");
	ASSERT_STR_EQ(ls_trace_errno_name(80), "STRUNCATE");
	ASSERT_STR_EQ(ls_trace_errno_name(4242), "4242");
	ASSERT_STR_EQ(ls_trace_error(ERROR_BUFFER_OVERFLOW, 0), "ERROR_BUFFER_OVERFLOW");
	ASSERT_STR_EQ(ls_trace_strn("abc", 8), "\"abc\"");
	ASSERT_STR_EQ(ls_trace_strn("abcdef", 3), "\"abc\"...");
	ASSERT_STR_EQ(ls_trace_strn("abc", 0), "\"\"...");
	ASSERT_STR_EQ(ls_trace_strn(NULL, 4), "NULL");
	ASSERT_STR_EQ(ls_trace_bool(TRUE), "TRUE");
	ASSERT_STR_EQ(ls_trace_bool(FALSE), "FALSE");
	ASSERT_STR_EQ(ls_trace_error(WSAECONNRESET, 1), "WSAECONNRESET");
	ASSERT_STR_EQ(ls_trace_error(ERROR_IO_PENDING, 0), "ERROR_IO_PENDING");
	ASSERT_STR_EQ(ls_trace_error(ERROR_IO_PENDING, 1), "WSA_IO_PENDING");
	ASSERT_STR_EQ(ls_trace_error(ERROR_NETNAME_DELETED, 0), "ERROR_NETNAME_DELETED");
	ASSERT_STR_EQ(ls_trace_error(WAIT_TIMEOUT, 0), "WAIT_TIMEOUT");
	ASSERT_STR_EQ(ls_trace_error(0xdeadbeef, 0), "3735928559");

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(8080);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_STR_EQ(ls_trace_sockaddr(&sin, sizeof sin), "{AF_INET, 127.0.0.1:8080}");
	ASSERT_STR_EQ(ls_trace_sockaddr(&sin, 4), "{AF_INET, ...}");
	ASSERT_STR_EQ(ls_trace_sockaddr(NULL, 16), "NULL");
	ASSERT_STR_EQ(ls_trace_sockaddr((void *)32, 16), "<bad>");
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(443);
	sin6.sin6_addr.s6_addr[0] = 0xfe;
	sin6.sin6_addr.s6_addr[1] = 0x80;
	sin6.sin6_addr.s6_addr[15] = 1;
	sin6.sin6_scope_id = 2;
	ASSERT_STR_EQ(ls_trace_sockaddr(&sin6, sizeof sin6), "{AF_INET6, [fe80::1]:443, scope 2}");
	sin6.sin6_addr = in6addr_any;
	ASSERT_STR_EQ(ls_trace_sockaddr(&sin6, sizeof sin6), "{AF_INET6, [::]:443, scope 2}");

	{
		WSAPOLLFD pf[5] = { { 3, POLLRDNORM, 0 }, { 4, POLLRDNORM | POLLWRNORM, 0 }, { 5, 0, 0 },
				    { 6, 0, 0 }, { 7, 0, 0 } };
		fd_set set;

		ASSERT_STR_EQ(ls_trace_pollfds(pf, 2), "[{3, POLLRDNORM}, {4, POLLRDNORM|POLLWRNORM}]");
		ASSERT_STR_EQ(ls_trace_pollfds(pf, 5),
			      "[{3, POLLRDNORM}, {4, POLLRDNORM|POLLWRNORM}, {5, 0}, {6, 0}, ...]");
		ASSERT_STR_EQ(ls_trace_pollfds((void *)8, 1), "<bad>");
		FD_ZERO(&set);
		ASSERT_STR_EQ(ls_trace_fdset(&set), "[]");
		FD_SET(7, &set);
		FD_SET(9, &set);
		ASSERT_STR_EQ(ls_trace_fdset(&set), "[7, 9]");
		ASSERT_STR_EQ(ls_trace_fdset(NULL), "NULL");
	}
	{
		WSABUF wb[2] = { { 16, (char *)0x1000 }, { 0, NULL } };

		ASSERT_STR_EQ(ls_trace_wsabufs(wb, 2), "[{0x1000, 16}, {NULL, 0}]");
		ASSERT_STR_EQ(ls_trace_wsabufs(wb, 0), "[]");
		ASSERT_STR_EQ(ls_trace_wsabufs(NULL, 1), "NULL");
	}
	{
		/* Up to 8 shown; pseudo-handles by name. */
		HANDLE hs[9] = { (HANDLE)1, INVALID_HANDLE_VALUE, (HANDLE)(intptr_t)-2, (HANDLE)4, (HANDLE)5,
				 (HANDLE)6, (HANDLE)7, (HANDLE)8, (HANDLE)9 };

		ASSERT_STR_EQ(ls_trace_handles(hs, 2), "[1, INVALID_HANDLE_VALUE]");
		ASSERT_STR_EQ(ls_trace_handles(hs, 9),
			      "[1, INVALID_HANDLE_VALUE, (HANDLE)-2, 4, 5, 6, 7, 8, ...]");
		ASSERT_STR_EQ(ls_trace_handles(hs, 0), "[]");
		ASSERT_STR_EQ(ls_trace_handles(NULL, 1), "NULL");
	}
	ASSERT_STR_EQ(ls_trace_str("a\"b\n"), "\"a\\x22b\\x0a\"");
	ASSERT_STR_EQ(ls_trace_str(NULL), "NULL");
	ASSERT_STR_EQ(ls_trace_str((const char *)64), "<bad>");
}

/* A caller's string that ends right before an unmapped page is read up to its end, and one that
 * runs into it is cut there: the decoder never faults. */
TEST(trace_str_page_edge)
{
	long page;
	char *m = ls_test_trace_guarded(&page);
	uint16_t *w;

	ASSERT_TRUE(m != NULL);
	memcpy(m + page - 4, "abc", 4);
	ASSERT_STR_EQ(ls_trace_str(m + page - 4), "\"abc\"");
	memcpy(m + page - 3, "xyz", 3);
	ASSERT_STR_EQ(ls_trace_str(m + page - 3), "\"xyz\"...");
	w = (uint16_t *)(m + page - 6);
	w[0] = 'h';
	w[1] = 0x263a;
	w[2] = 0;
	ASSERT_STR_EQ(ls_trace_wstr(w), "\"h\\u263a\"");
	ASSERT_STR_EQ(ls_trace_wstr((const uint16_t *)(m + page)), "<bad>");
	ls_test_trace_unguard(m, page);
}
