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

/* ---- Thread exit against completion: the receive a thread leaves behind completes exactly
 * once, with the byte or aborted (then the byte is still in the socket). ---- */

struct exiter {
	SOCKET s;
	OVERLAPPED *ov;
	char *buf;
	HANDLE go;
};

static DWORD WINAPI exiter_main(LPVOID p)
{
	struct exiter *x = p;
	WSABUF b = { 1, x->buf };
	DWORD flags = 0;

	if (WSARecv(x->s, &b, 1, NULL, &flags, x->ov, NULL) == SOCKET_ERROR)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	SetEvent(x->go);	/* the sender sends while this thread ends */
	return 0;
}

TEST(overlapped_race_thread_exit_vs_completion)
{
	SOCKET c, a;
	struct peer d;
	HANDLE t, sender;
	DWORD tid, n, flags;
	char buf[1];
	int pending_bytes = 0, got = 0;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d.s = c;
	d.stop = 0;
	d.go = CreateEventW(NULL, FALSE, FALSE, NULL);
	d.ready = CreateEventW(NULL, FALSE, FALSE, NULL);
	sender = CreateThread(NULL, 0, sender_main, &d, 0, &tid);
	for (int i = 0; i < ROUNDS / 5; i++) {
		struct exiter x = { a, &ovs[0], buf, d.go };

		ov_init(&ovs[0], WSACreateEvent());
		t = CreateThread(NULL, 0, exiter_main, &x, 0, &tid);
		ASSERT_TRUE(t != NULL);
		ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
		ASSERT_EQ(WaitForSingleObject(ovs[0].hEvent, INFINITE), WAIT_OBJECT_0);
		ASSERT_EQ(WaitForSingleObject(d.ready, INFINITE), WAIT_OBJECT_0);
		WSASetLastError(0xdeadbeef);
		if (WSAGetOverlappedResult(a, &ovs[0], &n, FALSE, &flags)) {
			ASSERT_EQ(n, 1);
			got++;
		} else {
			ASSERT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
			pending_bytes++;
		}
		WSACloseEvent(ovs[0].hEvent);
		ASSERT_TRUE(CloseHandle(t));
	}
	for (; pending_bytes > 0; pending_bytes--)
		ASSERT_EQ(recv(a, buf, 1, 0), 1);
	printf("# thread exit races: %d completed with data\n", got);
	d.stop = 1;
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WaitForSingleObject(sender, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(sender));
	ASSERT_TRUE(CloseHandle(d.go));
	ASSERT_TRUE(CloseHandle(d.ready));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* ---- CancelSynchronousIo against data: the blocked recv returns the byte or fails aborted,
 * never both, never hangs. ---- */

struct sync_recv {
	SOCKET s;
	volatile LONG result, err;
};

static DWORD WINAPI sync_recv_main(LPVOID p)
{
	struct sync_recv *r = p;
	char b[1];

	WSASetLastError(0xdeadbeef);
	r->result = recv(r->s, b, 1, 0);
	r->err = WSAGetLastError();
	return 0;
}

TEST(overlapped_race_CancelSynchronousIo_vs_data)
{
	SOCKET c, a;
	struct peer d;
	HANDLE t, sender;
	DWORD tid;
	char buf[1];
	int pending_bytes = 0;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	d.s = c;
	d.stop = 0;
	d.go = CreateEventW(NULL, FALSE, FALSE, NULL);
	d.ready = CreateEventW(NULL, FALSE, FALSE, NULL);
	sender = CreateThread(NULL, 0, sender_main, &d, 0, &tid);
	for (int i = 0; i < ROUNDS / 5; i++) {
		struct sync_recv r = { a, 0, 0 };

		t = CreateThread(NULL, 0, sync_recv_main, &r, 0, &tid);
		ASSERT_TRUE(t != NULL);
		ASSERT_TRUE(SetEvent(d.go));
		/* Cancel until it took (the call was blocked) or the call ended on its own. */
		while (!CancelSynchronousIo(t) && WaitForSingleObject(t, 0) == WAIT_TIMEOUT)
			;
		ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
		ASSERT_EQ(WaitForSingleObject(d.ready, INFINITE), WAIT_OBJECT_0);
		if (r.result != 1) {
			ASSERT_EQ(r.result, SOCKET_ERROR);
			ASSERT_EQ(r.err, WSA_OPERATION_ABORTED);
			pending_bytes++;
		}
		ASSERT_TRUE(CloseHandle(t));
	}
	for (; pending_bytes > 0; pending_bytes--)
		ASSERT_EQ(recv(a, buf, 1, 0), 1);
	d.stop = 1;
	ASSERT_TRUE(SetEvent(d.go));
	ASSERT_EQ(WaitForSingleObject(sender, INFINITE), WAIT_OBJECT_0);
	ASSERT_TRUE(CloseHandle(sender));
	ASSERT_TRUE(CloseHandle(d.go));
	ASSERT_TRUE(CloseHandle(d.ready));
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

/* ---- Closing a duplicate against completion: I/O issued through the other handle is never
 * aborted by it. ---- */

TEST(overlapped_race_close_dup_vs_completion)
{
	struct closer d;
	HANDLE t;
	DWORD tid;

	ov_start();
	d.stop = 0;
	d.go = CreateEventW(NULL, FALSE, FALSE, NULL);
	d.done = CreateEventW(NULL, FALSE, FALSE, NULL);
	t = CreateThread(NULL, 0, closer_main, &d, 0, &tid);
	for (int i = 0; i < ROUNDS / 5; i++) {
		SOCKET c, a;
		HANDLE dup = NULL;
		char b0[2], b1[2];
		WSABUF w0 = { 2, b0 }, w1 = { 2, b1 };
		DWORD flags = 0;
		LONG before = calls;

		ov_tcp_pair(AF_INET, &c, &a);
		ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), (HANDLE)a, GetCurrentProcess(), &dup, 0, FALSE,
					    DUPLICATE_SAME_ACCESS));
		calls = aborted = 0;
		before = 0;
		per_ov[0] = per_ov[1] = 0;
		ov_init(&ovs[0], NULL);
		ov_init(&ovs[1], NULL);
		FAILS(WSARecv(a, &w0, 1, NULL, &flags, &ovs[0], routine), SOCKET_ERROR, WSA_IO_PENDING);
		FAILS(WSARecv(a, &w1, 1, NULL, &flags, &ovs[1], routine), SOCKET_ERROR, WSA_IO_PENDING);
		d.s = (SOCKET)dup;
		ASSERT_TRUE(SetEvent(d.go));
		ASSERT_EQ(send(c, "abcd", 4, 0), 4);
		ASSERT_EQ(WaitForSingleObject(d.done, INFINITE), WAIT_OBJECT_0);
		ov_alert_until(&calls, before + 2);
		ASSERT_EQ(aborted, 0);
		ASSERT_EQ(per_ov[0], 1);
		ASSERT_EQ(per_ov[1], 1);
		ASSERT_EQ(closesocket(a), 0);
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

/* ---- Many threads on one port, coming and going (short timeouts), so the port's keeper
 * takes it over and hands it back again and again: no packet is lost or doubled. ---- */

struct port_worker {
	HANDLE port, got_one;
	volatile LONG stop, packets;
};

static DWORD WINAPI port_worker_main(LPVOID p)
{
	struct port_worker *w = p;
	DWORD n;
	ULONG_PTR key;
	LPOVERLAPPED ov;

	while (!InterlockedCompareExchange(&w->stop, 0, 0)) {
		if (GetQueuedCompletionStatus(w->port, &n, &key, &ov, 1 + (GetCurrentThreadId() % 3))) {
			if (key == 1) {
				InterlockedIncrement(&w->packets);
				SetEvent(w->got_one);
			}
		} else {
			ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
			Sleep(GetCurrentThreadId() % 4 * 7);	/* away from the port for a while */
		}
	}
	return 0;
}

TEST(iocp_race_many_threads_keeper)
{
	SOCKET c, a;
	struct port_worker w;
	HANDLE port, th[4];
	char b[1];
	WSABUF wb = { 1, b };
	DWORD flags;

	ov_start();
	ov_tcp_pair(AF_INET, &c, &a);
	port = CreateIoCompletionPort((HANDLE)a, NULL, 1, 0);
	ASSERT_TRUE(port != NULL);
	w.port = port;
	w.got_one = CreateEventW(NULL, FALSE, FALSE, NULL);
	w.stop = 0;
	w.packets = 0;
	for (int i = 0; i < 4; i++)
		th[i] = CreateThread(NULL, 0, port_worker_main, &w, 0, NULL);
	for (int i = 0; i < ROUNDS / 5; i++) {
		flags = 0;
		ov_init(&ovs[0], NULL);
		if (WSARecv(a, &wb, 1, NULL, &flags, &ovs[0], NULL) == SOCKET_ERROR)
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
		ASSERT_EQ(send(c, "k", 1, 0), 1);
		ASSERT_EQ(WaitForSingleObject(w.got_one, INFINITE), WAIT_OBJECT_0);
		ASSERT_EQ(InterlockedCompareExchange(&w.packets, 0, 0), i + 1);
	}
	InterlockedExchange(&w.stop, 1);
	ASSERT_EQ(WaitForMultipleObjects(4, th, TRUE, INFINITE), WAIT_OBJECT_0);
	for (int i = 0; i < 4; i++)
		ASSERT_TRUE(CloseHandle(th[i]));
	ASSERT_TRUE(CloseHandle(w.got_one));
	ASSERT_EQ(closesocket(a), 0);
	ASSERT_EQ(closesocket(c), 0);
	ASSERT_TRUE(CloseHandle(port));
	ASSERT_EQ(WSACleanup(), 0);
}
