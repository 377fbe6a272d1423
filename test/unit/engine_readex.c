/* Unit test of ReadFileEx straight into the kernel (docs/design.md P3): on the io_uring backend
 * a ReadFileEx on a stream socket is the head of its queue inside the issuing thread's ring at
 * once, untried, while WSARecv with a routine and ReadFile with an event keep their try (their
 * return values show an immediate completion, data-transfer.md §4). The epoll backend keeps the
 * readiness path for all. */
#include "../api/overlapped_util.h"

/* From liblinsock-testing.a (src/engine/engine.c). */
const char *ls_engine_backend_name(void);
int ls_engine_recv_in_kernel(intptr_t v);

static volatile LONG calls;

static VOID WINAPI routine(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
	(void)err, (void)bytes, (void)ov;
	calls++;
}

TEST(engine_readex_goes_into_the_kernel)
{
	int uring = strcmp(ls_engine_backend_name(), "io_uring") == 0;
	SOCKET c, a;
	OVERLAPPED ov, ov2;
	char buf[8], buf2[8];
	WSABUF b = { sizeof buf2, buf2 };
	DWORD n = 0, flags = 0;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	ov_init(&ov, NULL);
	ASSERT_TRUE(ReadFileEx((HANDLE)a, buf, sizeof buf, &ov, routine));
	ASSERT_EQ(ls_engine_recv_in_kernel((intptr_t)a), uring);
	ASSERT_EQ(send(c, "xy", 2, 0), 2);
	ov_alert_until(&calls, 1);
	ASSERT_EQ(ov.InternalHigh, 2);
	ASSERT_EQ(ls_engine_recv_in_kernel((intptr_t)a), 0);
	/* Data there: WSARecv's try completes it at once, nothing goes into the kernel. */
	ASSERT_EQ(send(c, "zw", 2, 0), 2);
	Sleep(20);
	ov_init(&ov2, NULL);
	ASSERT_EQ(WSARecv(a, &b, 1, &n, &flags, &ov2, NULL), 0);
	ASSERT_EQ(n, 2);
	ASSERT_EQ(ls_engine_recv_in_kernel((intptr_t)a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
