/* Safe copies of caller memory (base/sys.c ls_sys_copy_in: process_vm_readv on this process,
 * with the pid and the probed pages cached). A fork child has a new pid: its copies must read
 * its own memory, not the parent's. The child's WSABUF array lives in a mapping only the child
 * has (a large HeapAlloc), so a copy through the parent's pid would fail with WSAEFAULT. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "test.h"
#include "../api/sockutil.h"
#include "sys_fork.h"

TEST(sys_copy_in_after_fork_reads_own_memory)
{
	SOCKET c, a;
	WSABUF *wb;
	DWORD n = 0;
	char got[16] = { 0 };
	int pid;

	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	/* The parent copies from the heap first: its pid is cached from now on. */
	wb = HeapAlloc(GetProcessHeap(), 0, sizeof *wb);
	ASSERT_TRUE(wb != NULL);
	wb->buf = "parent";
	wb->len = 6;
	ASSERT_EQ(WSASend(c, wb, 1, &n, 0, NULL, NULL), 0);
	ASSERT_EQ(n, 6);
	ASSERT_EQ(recv(a, got, 6, MSG_WAITALL), 6);
	ASSERT_MEM_EQ(got, "parent", 6);
	pid = sf_fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		/* Big enough to be a fresh mapping of the child's own. */
		WSABUF *cb = HeapAlloc(GetProcessHeap(), 0, 1 << 20);
		DWORD m = 0;

		if (!cb)
			sf_exit(2);
		cb->buf = "child!";
		cb->len = 6;
		sf_exit(WSASend(c, cb, 1, &m, 0, NULL, NULL) == 0 && m == 6 ? 0 : 1);
	}
	ASSERT_EQ(sf_wait(pid), 0);
	ASSERT_EQ(recv(a, got, 6, MSG_WAITALL), 6);
	ASSERT_MEM_EQ(got, "child!", 6);
	ASSERT_TRUE(HeapFree(GetProcessHeap(), 0, wb));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(sys_copy_in_many_heap_pages)
{
	/* 64 WSABUF arrays on 64 different pages, used in turn: every send must carry its own
	 * length (the cache is per page; a wrong hit would read a stale length). */
	SOCKET c, a;
	char *block = HeapAlloc(GetProcessHeap(), 0, 65 * 4096);
	char got[64];

	ASSERT_TRUE(block != NULL);
	su_start();
	su_tcp_pair(AF_INET, &c, &a);
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 64; i++) {
			WSABUF *wb = (WSABUF *)(block + (size_t)i * 4096 + 64);
			DWORD n = 0;

			wb->buf = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?";
			wb->len = (ULONG)(i % 63 + 1);
			ASSERT_EQ(WSASend(c, wb, 1, &n, 0, NULL, NULL), 0);
			ASSERT_EQ(n, (DWORD)(i % 63 + 1));
			ASSERT_EQ(recv(a, got, (int)n, MSG_WAITALL), (int)n);
			ASSERT_MEM_EQ(got, wb->buf, n);
		}
	ASSERT_TRUE(HeapFree(GetProcessHeap(), 0, block));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
