/* Unit tests of the engine's backend choice and of unregister safety (docs/design.md E): the
 * backend in use follows LINSOCK_BACKEND and the fallback rule; a storm of sockets registered,
 * made ready and closed from several threads at once, on completion ports and on the reaper,
 * with readiness still arriving while handles go (run it under TSan/ASan, both backends). */
#include <mswsock.h>
#include "../api/overlapped_util.h"

#include <stdlib.h>

/* From liblinsock-testing.a (src/engine/engine.c). */
const char *ls_engine_backend_name(void);
const char *ls_engine_backend_fallback(void);

TEST(engine_backend_matches_env)
{
	const char *want = getenv("LINSOCK_BACKEND");
	const char *name = ls_engine_backend_name(), *why = ls_engine_backend_fallback();

	ASSERT_TRUE(name != NULL && why != NULL);
	printf("# backend %s%s%s\n", name, *why ? ", io_uring unavailable: " : "", why);
	if (want && strcmp(want, "epoll") == 0) {
		ASSERT_STR_EQ(name, "epoll");
		ASSERT_STR_EQ(why, "");
	} else if (strcmp(name, "epoll") == 0) {
		/* io_uring wanted (explicitly or by default) and refused: a reason is recorded. */
		ASSERT_TRUE(*why != '\0');
	} else {
		ASSERT_STR_EQ(name, "io_uring");
		ASSERT_STR_EQ(why, "");
	}
	/* Chosen once: asking again changes nothing. */
	ASSERT_TRUE(ls_engine_backend_name() == name);
}

/* An unknown LINSOCK_BACKEND falls back to epoll, with a reason (the choice is made on first
 * use, so this process can still set it). */
TEST(engine_backend_unknown_is_epoll)
{
	ASSERT_EQ(setenv("LINSOCK_BACKEND", "kqueue", 1), 0);
	ASSERT_STR_EQ(ls_engine_backend_name(), "epoll");
	ASSERT_TRUE(strstr(ls_engine_backend_fallback(), "kqueue") != NULL);
}

/* Completion ports: epoll unless asked otherwise (docs/design.md P5); LINSOCK_PORT_BACKEND
 * decides for ports alone, and io_uring ports need the io_uring backend. */
const char *ls_engine_port_backend_name(void);

TEST(engine_port_backend_default_is_epoll)
{
	ASSERT_EQ(unsetenv("LINSOCK_BACKEND"), 0);
	ASSERT_EQ(unsetenv("LINSOCK_PORT_BACKEND"), 0);
	ASSERT_STR_EQ(ls_engine_port_backend_name(), "epoll");
}

TEST(engine_port_backend_follows_io_uring_by_name)
{
	ASSERT_EQ(setenv("LINSOCK_BACKEND", "io_uring", 1), 0);
	ASSERT_EQ(unsetenv("LINSOCK_PORT_BACKEND"), 0);
	/* Where io_uring is refused, everything (ports too) is on epoll. */
	ASSERT_STR_EQ(ls_engine_port_backend_name(), ls_engine_backend_name());
}

TEST(engine_port_backend_env_for_ports_alone)
{
	ASSERT_EQ(setenv("LINSOCK_BACKEND", "io_uring", 1), 0);
	ASSERT_EQ(setenv("LINSOCK_PORT_BACKEND", "epoll", 1), 0);
	ASSERT_STR_EQ(ls_engine_port_backend_name(), "epoll");
}

TEST(engine_port_backend_io_uring_ports_by_default_backend)
{
	ASSERT_EQ(unsetenv("LINSOCK_BACKEND"), 0);
	ASSERT_EQ(setenv("LINSOCK_PORT_BACKEND", "io_uring", 1), 0);
	ASSERT_STR_EQ(ls_engine_port_backend_name(), ls_engine_backend_name());
}

/* Windows frees a listener's port when closesocket returns: a new socket binds it at once. An
 * io_uring context keeps the file of a closed listener alive until its poll request ends (a
 * moment later, in whichever thread owns the request), so the contexts AcceptEx waits in by
 * default (ports and the reaper: P5) are epoll ones. Event-completed AcceptEx: the reaper. */
TEST(engine_closed_listener_port_free_at_once)
{
	if (strcmp(ls_engine_port_backend_name(), "epoll") != 0) {
		printf("# SKIP ports and the reaper on io_uring here (asked for): port freed a moment later\n");
		return;
	}
	su_start();
	for (int i = 0; i < 40; i++) {
		struct sockaddr_storage ss;
		int len = sizeof ss;
		SOCKET l = su_bound(AF_INET, SOCK_STREAM, &ss, &len), a, l2;
		OVERLAPPED ov;
		char buf[2 * (sizeof(struct sockaddr_in) + 16)];
		DWORD n = 0;

		ASSERT_NE(l, INVALID_SOCKET);
		ASSERT_EQ(listen(l, 4), 0);
		a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		ASSERT_NE(a, INVALID_SOCKET);
		memset(&ov, 0, sizeof ov);
		ov.hEvent = WSACreateEvent();
		ASSERT_TRUE(!AcceptEx(l, a, buf, 0, sizeof(struct sockaddr_in) + 16,
				      sizeof(struct sockaddr_in) + 16, &n, &ov));
		ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
		Sleep(1);	/* the reaper takes the listener in */
		ASSERT_EQ(closesocket(l), 0);
		l2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		ASSERT_NE(l2, INVALID_SOCKET);
		ASSERT_EQ(bind(l2, (struct sockaddr *)&ss, len), 0);
		ASSERT_EQ(closesocket(l2), 0);
		ASSERT_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_TRUE(WSACloseEvent(ov.hEvent));
	}
	ASSERT_EQ(WSACleanup(), 0);
}

/* ---- Register/unregister storm ---- */

#define STORM_THREADS 4
#define STORM_ROUNDS 150
#define STORM_WORKERS 2
#define QUIT_KEY ((ULONG_PTR)0x5157)

struct storm_io {
	OVERLAPPED ov;		/* first: the port hands back &ov */
	HANDLE done;		/* set by the port worker (port rounds) or the engine (event rounds) */
	char buf[64];
	WSABUF wb;
	volatile LONG finished;
};

static HANDLE storm_port;
static volatile LONG storm_completions, storm_aborted, storm_data;

static DWORD WINAPI storm_worker(LPVOID arg)
{
	(void)arg;
	for (;;) {
		DWORD n;
		ULONG_PTR key;
		LPOVERLAPPED ov;
		BOOL ok = GetQueuedCompletionStatus(storm_port, &n, &key, &ov, INFINITE);
		struct storm_io *io;

		if (key == QUIT_KEY)
			return 0;
		if (!ov)
			return 1;
		io = (struct storm_io *)ov;
		InterlockedIncrement(&storm_completions);
		if (ok)
			InterlockedIncrement(&storm_data);
		else
			InterlockedIncrement(&storm_aborted);
		InterlockedExchange(&io->finished, 1);
		SetEvent(io->done);
	}
}

/* Starts an overlapped receive on s; the completion sets io->done one way or the other. */
static void storm_recv(SOCKET s, struct storm_io *io, int port_bound)
{
	DWORD flags = 0, n = 0;
	int r;

	memset(&io->ov, 0, sizeof io->ov);
	io->finished = 0;
	/* Port rounds: the event's low bit would keep the completion off the port; use none. */
	io->ov.hEvent = port_bound ? NULL : io->done;
	io->wb.len = sizeof io->buf;
	io->wb.buf = io->buf;
	r = WSARecv(s, &io->wb, 1, &n, &flags, &io->ov, NULL);
	if (r == SOCKET_ERROR)
		ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

static void storm_wait(struct storm_io *io)
{
	ASSERT_EQ(WaitForSingleObject(io->done, 20000), WAIT_OBJECT_0);
}

static DWORD WINAPI storm_thread(LPVOID arg)
{
	int id = (int)(intptr_t)arg;
	struct storm_io *io = calloc(2, sizeof *io);

	ASSERT_TRUE(io != NULL);
	io[0].done = CreateEventA(NULL, FALSE, FALSE, NULL);
	io[1].done = CreateEventA(NULL, FALSE, FALSE, NULL);
	for (int round = 0; round < STORM_ROUNDS; round++) {
		int port_bound = (round + id) % 2;
		SOCKET c, a;

		ov_tcp_pair(AF_INET, &c, &a);
		if (port_bound)
			ASSERT_TRUE(CreateIoCompletionPort((HANDLE)a, storm_port, (ULONG_PTR)round, 0) == storm_port);
		/* 1: a receive completed by readiness (registers the fd in its context). */
		storm_recv(a, &io[0], port_bound);
		ASSERT_EQ(send(c, "x", 1, 0), 1);
		storm_wait(&io[0]);
		/* 2: another receive, then data racing the close: the poller may be picking the
		 * fd's readiness while closesocket unregisters it and frees the engine state. */
		storm_recv(a, &io[1], port_bound);
		if (round % 3 == 0)
			ASSERT_EQ(send(c, "yz", 2, 0), 2);
		if (round % 3 == 1)
			ASSERT_EQ(closesocket(c), 0);	/* peer's FIN: readiness too */
		ASSERT_EQ(closesocket(a), 0);
		storm_wait(&io[1]);	/* data, end of stream, or aborted: but exactly once */
		/* 3: keep readiness flowing at the closed peer of a registered fd. */
		if (round % 3 != 1) {
			send(c, "late", 4, 0);
			ASSERT_EQ(closesocket(c), 0);
		}
	}
	CloseHandle(io[0].done);
	CloseHandle(io[1].done);
	free(io);
	return 0;
}

/* A second kind of churn: registered fds that keep receiving data with no op pending (every
 * byte is readiness for the poller) while their handles close. */
static DWORD WINAPI churn_thread(LPVOID arg)
{
	(void)arg;
	for (int round = 0; round < STORM_ROUNDS; round++) {
		SOCKET c, a;
		HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
		OVERLAPPED ov;
		char buf[8];
		WSABUF wb = { sizeof buf, buf };
		DWORD n = 0, flags = 0;

		ov_tcp_pair(AF_INET, &c, &a);
		memset(&ov, 0, sizeof ov);
		ov.hEvent = ev;
		if (WSARecv(a, &wb, 1, &n, &flags, &ov, NULL) == SOCKET_ERROR)
			ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
		ASSERT_EQ(send(c, "1", 1, 0), 1);
		ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
		/* Now a is registered with nothing pending: flood it and close it meanwhile. */
		for (int i = 0; i < 8; i++)
			send(c, "flood", 5, 0);
		ASSERT_EQ(closesocket(a), 0);
		ASSERT_EQ(closesocket(c), 0);
		CloseHandle(ev);
	}
	return 0;
}

TEST(engine_unregister_storm)
{
	HANDLE t[STORM_THREADS + 1], w[STORM_WORKERS];

	ov_start();
	storm_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	ASSERT_TRUE(storm_port != NULL);
	for (int i = 0; i < STORM_WORKERS; i++) {
		w[i] = CreateThread(NULL, 0, storm_worker, NULL, 0, NULL);
		ASSERT_TRUE(w[i] != NULL);
	}
	for (int i = 0; i < STORM_THREADS; i++) {
		t[i] = CreateThread(NULL, 0, storm_thread, (LPVOID)(intptr_t)i, 0, NULL);
		ASSERT_TRUE(t[i] != NULL);
	}
	t[STORM_THREADS] = CreateThread(NULL, 0, churn_thread, NULL, 0, NULL);
	ASSERT_TRUE(t[STORM_THREADS] != NULL);
	for (int i = 0; i <= STORM_THREADS; i++) {
		DWORD code = 1;
		ASSERT_EQ(WaitForSingleObject(t[i], 120000), WAIT_OBJECT_0);
		ASSERT_TRUE(GetExitCodeThread(t[i], &code));
		ASSERT_EQ(code, 0);
		CloseHandle(t[i]);
	}
	for (int i = 0; i < STORM_WORKERS; i++)
		ASSERT_TRUE(PostQueuedCompletionStatus(storm_port, 0, QUIT_KEY, NULL));
	for (int i = 0; i < STORM_WORKERS; i++) {
		DWORD code = 1;
		ASSERT_EQ(WaitForSingleObject(w[i], 20000), WAIT_OBJECT_0);
		ASSERT_TRUE(GetExitCodeThread(w[i], &code));
		ASSERT_EQ(code, 0);
		CloseHandle(w[i]);
	}
	/* Port rounds are half of all rounds, two receives each, each completed exactly once. */
	ASSERT_EQ(storm_completions, STORM_THREADS * STORM_ROUNDS);
	ASSERT_EQ(storm_data + storm_aborted, storm_completions);
	printf("# port completions %ld (data %ld, aborted %ld)\n", (long)storm_completions, (long)storm_data,
	       (long)storm_aborted);
	ASSERT_TRUE(CloseHandle(storm_port));
	ASSERT_EQ(WSACleanup(), 0);
}
