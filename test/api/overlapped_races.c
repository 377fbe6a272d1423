/* Races with real threads: cancel against completion, and close against completion. Whatever
 * wins, every operation completes exactly once (its routine runs once), with success or
 * WSA_OPERATION_ABORTED (spec data-transfer.md §11; DESIGN §2). */
#include "overlapped_util.h"

#define ROUNDS 500

static volatile LONG calls;
static volatile LONG aborted;
static volatile LONG per_ov[2];
static OVERLAPPED ovs[2];

static void CALLBACK routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)bytes, (void)flags;
	if (err == WSA_OPERATION_ABORTED)
		aborted++;
	else if (err != 0 && err != WSAECONNRESET && err != WSAECONNABORTED)
		FAILF("routine error %u", (unsigned)err);
	per_ov[ov == &ovs[1]]++;
	calls++;
}

struct peer {
	SOCKET s;
	HANDLE go, ready;
	volatile LONG stop;
};

static DWORD WINAPI sender_main(LPVOID p)
{
	struct peer *d = p;

	for (;;) {
		WaitForSingleObject(d->go, INFINITE);
		if (d->stop)
			return 0;
		send(d->s, "z", 1, 0);
		SetEvent(d->ready);
	}
}

TEST(overlapped_race_cancel_vs_completion)
{
	SOCKET c, a;
	struct peer d;
	HANDLE t;
	DWORD tid, flags;
	char buf[1];
	WSABUF b = { 1, buf };
	int pending_bytes = 0;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d.s = c;
	d.stop = 0;
	d.go = CreateEventW(NULL, FALSE, FALSE, NULL);
	d.ready = CreateEventW(NULL, FALSE, FALSE, NULL);
	t = CreateThread(NULL, 0, sender_main, &d, 0, &tid);
	calls = aborted = 0;
	for (int i = 0; i < ROUNDS; i++) {
		LONG before = calls, ab = aborted;
		int r;

		per_ov[0] = 0;
		ov_init(&ovs[0], NULL);
		flags = 0;
		r = WSARecv(a, &b, 1, NULL, &flags, &ovs[0], routine);
		if (r == SOCKET_ERROR)
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
		ASSERT_TRUE(SetEvent(d.go));
		CancelIoEx((HANDLE)a, &ovs[0]);	/* may find it or not */
		ov_alert_until(&calls, before + 1);
		ASSERT_EQ(SleepEx(0, TRUE), 0);
		ASSERT_EQ(per_ov[0], 1);
		ASSERT_EQ(WaitForSingleObject(d.ready, INFINITE), WAIT_OBJECT_0);
		if (aborted != ab)
			pending_bytes++;	/* the byte is still in the socket */
	}
	/* Every byte not taken by an aborted op is still there, in order. */
	for (; pending_bytes > 0; pending_bytes--)
		ASSERT_EQ(recv(a, buf, 1, 0), 1);
	d.stop = 1;
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.go));
	ASSERT_TRUE(CloseHandle(d.ready));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

struct closer {
	SOCKET s;
	HANDLE go, done;
	volatile LONG stop;
};

static DWORD WINAPI closer_main(LPVOID p)
{
	struct closer *d = p;

	for (;;) {
		WaitForSingleObject(d->go, INFINITE);
		if (d->stop)
			return 0;
		closesocket(d->s);
		SetEvent(d->done);
	}
}

/* Two receives pending; the peer sends while another thread closes the socket. */
static void close_vs_completion(int af)
{
	struct closer d;
	HANDLE t;
	DWORD tid;

	ov_start();
	d.stop = 0;
	d.go = CreateEventW(NULL, FALSE, FALSE, NULL);
	d.done = CreateEventW(NULL, FALSE, FALSE, NULL);
	t = CreateThread(NULL, 0, closer_main, &d, 0, &tid);
	calls = 0;
	for (int i = 0; i < ROUNDS / 5; i++) {
		SOCKET c, a;
		char b0[2], b1[2];
		WSABUF w0 = { 2, b0 }, w1 = { 2, b1 };
		DWORD flags = 0;
		LONG before = calls;

		ov_tcp_pair(af, &c, &a);
		per_ov[0] = per_ov[1] = 0;
		ov_init(&ovs[0], NULL);
		ov_init(&ovs[1], NULL);
		FAILS(WSARecv(a, &w0, 1, NULL, &flags, &ovs[0], routine), SOCKET_ERROR, WSA_IO_PENDING);
		FAILS(WSARecv(a, &w1, 1, NULL, &flags, &ovs[1], routine), SOCKET_ERROR, WSA_IO_PENDING);
		d.s = a;
		ASSERT_TRUE(SetEvent(d.go));
		send(c, "abcd", 4, 0);
		ASSERT_EQ(WaitForSingleObject(d.done, INFINITE), WAIT_OBJECT_0);
		ov_alert_until(&calls, before + 2);
		ASSERT_EQ(SleepEx(0, TRUE), 0);
		ASSERT_EQ(per_ov[0], 1);
		ASSERT_EQ(per_ov[1], 1);
		ASSERT_EQ(closesocket(c), 0);
	}
	d.stop = 1;
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(t));
	ASSERT_TRUE(CloseHandle(d.go));
	ASSERT_TRUE(CloseHandle(d.done));
	ASSERT_EQ(WSACleanup(), 0);
}
TEST(overlapped_race_close_vs_completion_v4) { close_vs_completion(AF_INET); }
TEST(overlapped_race_close_vs_completion_v6) { close_vs_completion(AF_INET6); }
