/* io_uring backend: more readiness at once than the completion ring holds. 5000 sockets with a
 * pending WSARecv on one port all see EOF together: the CQ overflows, the kernel ends those
 * multishot polls, and re-arming them while reaping (each new poll of a socket at EOF posts a
 * CQE at once) kept the reaping loop going forever. Every receive must complete, with 0 bytes.
 * The client ends are closed by a child's exit, so the 5000 FINs arrive in one burst.
 * This test has not reproduced the loop itself (bench `linsock-bench conns -k 10000` under
 * io_uring did, 4 runs of 5, before the fix; 0 of 3 after); it keeps the burst case covered.
 * Under epoll the same test checks the plain case. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "test.h"
#include "engine_overflow.h"

#define N 5000

TEST(engine_overflow_many_eof_at_once)
{
	struct rlimit rl;
	struct sockaddr_in sa;
	int len = sizeof sa;
	SOCKET l, *c, *a;
	WSADATA d;
	HANDLE port;
	WSAOVERLAPPED *ov;
	char *bufs;
	int done = 0;
	struct eo_holder holder;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		SKIP("getrlimit");
	if (rl.rlim_cur < 2 * N + 64) {
		rl.rlim_cur = rl.rlim_max;
		if (rl.rlim_cur < 2 * N + 64 || setrlimit(RLIMIT_NOFILE, &rl) != 0)
			SKIP("RLIMIT_NOFILE too low for 10000 sockets");
	}
	c = calloc(N, sizeof *c);
	a = calloc(N, sizeof *a);
	ov = calloc(N, sizeof *ov);
	bufs = calloc(N, 8);
	ASSERT_TRUE(c && a && ov && bufs);
	ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &d), 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(bind(l, (struct sockaddr *)&sa, sizeof sa), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&sa, &len), 0);
	ASSERT_EQ(listen(l, SOMAXCONN), 0);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	ASSERT_TRUE(port != NULL);
	for (int i = 0; i < N; i++) {
		WSABUF b = { 8, bufs + 8 * i };
		DWORD flags = 0;

		c[i] = socket(AF_INET, SOCK_STREAM, 0);
		ASSERT_NE(c[i], INVALID_SOCKET);
		ASSERT_EQ(connect(c[i], (struct sockaddr *)&sa, sizeof sa), 0);
		a[i] = accept(l, NULL, NULL);
		ASSERT_NE(a[i], INVALID_SOCKET);
		ASSERT_TRUE(CreateIoCompletionPort((HANDLE)a[i], port, (ULONG_PTR)i, 0) == port);
		if (WSARecv(a[i], &b, 1, NULL, &flags, &ov[i], NULL) != 0)
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	}
	/* A child holds the client ends; the parent closes its copies, then the child's exit
	 * closes them all at once. */
	ASSERT_EQ(eo_holder_start(&holder), 0);
	for (int i = 0; i < N; i++)
		ASSERT_EQ(closesocket(c[i]), 0);
	ASSERT_EQ(eo_holder_release(&holder), 0);
	while (done < N) {
		DWORD n = 99;
		ULONG_PTR key;
		LPOVERLAPPED o;

		if (!GetQueuedCompletionStatus(port, &n, &key, &o, 30000))
			FAILF("after %d of %d completions: error %lu", done, N, (unsigned long)GetLastError());
		ASSERT_EQ(n, 0);
		ASSERT_TRUE(o == &ov[key]);
		ASSERT_EQ(closesocket(a[key]), 0);	/* as a server does at EOF */
		done++;
	}
	ASSERT_EQ(closesocket(l), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
	free(c);
	free(a);
	free(ov);
	free(bufs);
}
