/* Unit tests of the object table (src/handle): lookups after close, the never-0 rule, concurrent
 * lookups racing closes on real threads, and the live count. A Linux-side file: no Windows
 * header here (docs/design.md H.4), and no libc call whose name linsock exports. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "test.h"
#include "handle/handle.h"
#include "base/sys.h"

static int new_fd(void)
{
	int fd = eventfd(0, EFD_CLOEXEC);

	ASSERT_TRUE(fd > 0);
	return fd;
}

TEST(handle_lookup_after_close_fails)
{
	int fd = new_fd();
	struct ls_handle *h = ls_handle_new(fd, LS_HANDLE_EVENT, 0), *g;

	ASSERT_TRUE(h != NULL);
	ASSERT_EQ(ls_handle_count(), 1);
	g = ls_handle_get(fd);
	ASSERT_TRUE(g == h);
	ls_handle_put(g);
	/* Wrong type: no record. */
	ASSERT_TRUE(ls_handle_get_type(fd, LS_HANDLE_SOCKET) == NULL);
	ASSERT_TRUE(ls_handle_get_socket((uintptr_t)fd) == NULL);
	ASSERT_EQ(ls_handle_close(fd, LS_HANDLE_SOCKET), -1);
	ASSERT_EQ(ls_handle_close(fd, LS_HANDLE_EVENT), 0);
	/* The caller's reference keeps the record (and the fd) alive, closing. */
	ASSERT_TRUE(ls_handle_closing(h));
	ASSERT_TRUE(ls_handle_get(fd) == NULL);
	ASSERT_EQ(ls_sys_fd_valid(fd), 1);
	ls_handle_put(h);
	/* The last put closed the fd. */
	ASSERT_EQ(ls_sys_fd_valid(fd), 0);
	ASSERT_TRUE(ls_handle_get(fd) == NULL);
	ASSERT_EQ(ls_handle_close(fd, 0), -1);
	ASSERT_EQ(ls_handle_count(), 0);
	/* Values no record can have. */
	ASSERT_TRUE(ls_handle_get(-1) == NULL);
	ASSERT_TRUE(ls_handle_get(0) == NULL);
	ASSERT_TRUE(ls_handle_get((intptr_t)1 << 40) == NULL);
	ASSERT_TRUE(ls_handle_get_socket(~(uintptr_t)0) == NULL);
}

TEST(handle_fd_never_zero)
{
	int fds[3];

	/* With stdin closed, the lowest free descriptor is 0: the calls that create objects must
	 * move it (a SOCKET or HANDLE of 0 reads as NULL/failure to Windows code). */
	close(0);
	fds[0] = ls_sys_socket(2 /* AF_INET */, 1 /* SOCK_STREAM */, 0, 0);
	ASSERT_TRUE(fds[0] > 0);
	close(0);
	fds[1] = ls_sys_event_fd();
	ASSERT_TRUE(fds[1] > 0);
	close(0);
	fds[2] = ls_sys_socket(10 /* AF_INET6 */, 2 /* SOCK_DGRAM */, 0, 1);
	ASSERT_TRUE(fds[2] > 0);
	ASSERT_EQ(ls_sys_fd_valid(0), 0);	/* nothing left behind on 0 */
	for (int i = 0; i < 3; i++)
		ls_sys_close(fds[i]);
}

#define SLOTS 8
#define ROUNDS 2000

static _Atomic int slot_fd[SLOTS];
static atomic_int stop;
static atomic_long hits;

static void *reader(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;

	while (!atomic_load(&stop)) {
		int fd = atomic_load(&slot_fd[(seed = seed * 1103515245u + 12345u) % SLOTS]);
		struct ls_handle *h = ls_handle_get(fd);
		if (h) {
			/* A record we got is the fd's and stays valid until put. */
			if (h->fd != fd || h->type != LS_HANDLE_EVENT)
				FAILF("record of fd %d has fd %d type %d", fd, h->fd, h->type);
			if (ls_sys_fd_valid(h->fd) != 1)
				FAILF("fd %d closed under a reference", fd);
			atomic_fetch_add(&hits, 1);
			ls_handle_put(h);
		}
	}
	return NULL;
}

/* The readers must have run before the closing starts: under valgrind, which runs one thread at
 * a time, the main thread could otherwise finish every round before a reader is scheduled. */
static void wait_for_hits(void)
{
	for (int i = 0; i < 10000 && atomic_load(&hits) == 0; i++)
		usleep(1000);
}

TEST(handle_concurrent_get_and_close)
{
	pthread_t th[4];

	for (int i = 0; i < SLOTS; i++) {
		int fd = new_fd();
		struct ls_handle *h = ls_handle_new(fd, LS_HANDLE_EVENT, 0);
		ASSERT_TRUE(h != NULL);
		ls_handle_put(h);	/* only the table holds the record now */
		atomic_store(&slot_fd[i], fd);
	}
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, reader, (void *)(uintptr_t)(i + 1)), 0);
	wait_for_hits();
	/* Close and recreate records under the readers; fd numbers get reused at once. */
	for (int r = 0; r < ROUNDS; r++) {
		int i = r % SLOTS, fd = atomic_load(&slot_fd[i]), nfd;
		struct ls_handle *h;
		ASSERT_EQ(ls_handle_close(fd, LS_HANDLE_EVENT), 0);
		nfd = new_fd();
		h = ls_handle_new(nfd, LS_HANDLE_EVENT, 0);
		ASSERT_TRUE(h != NULL);
		ls_handle_put(h);	/* the table keeps its own */
		atomic_store(&slot_fd[i], nfd);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(pthread_join(th[i], NULL), 0);
	ASSERT_TRUE(atomic_load(&hits) > 0);
	for (int i = 0; i < SLOTS; i++)
		ASSERT_EQ(ls_handle_close(atomic_load(&slot_fd[i]), 0), 0);
	/* Every record gone (the runner checks it too). */
	ASSERT_EQ(ls_handle_count(), 0);
}

TEST(handle_close_all_by_type)
{
	int a = new_fd(), b = new_fd();
	struct ls_handle *h;

	h = ls_handle_new(a, LS_HANDLE_SOCKET, 0);
	ASSERT_TRUE(h != NULL);
	ls_handle_put(h);
	h = ls_handle_new(b, LS_HANDLE_EVENT, 0);
	ASSERT_TRUE(h != NULL);
	ls_handle_put(h);
	ASSERT_EQ(ls_handle_count(), 2);
	ls_handle_close_all(LS_HANDLE_SOCKET);
	ASSERT_EQ(ls_handle_count(), 1);
	ASSERT_TRUE(ls_handle_get(a) == NULL);
	h = ls_handle_get(b);
	ASSERT_TRUE(h != NULL);
	ls_handle_put(h);
	ASSERT_EQ(ls_handle_close(b, 0), 0);
	ASSERT_EQ(ls_handle_count(), 0);
}

/* Unreferenced look-ups (select, WSAPoll): valid while the record is fd's live socket; a close,
 * or a new record on the same fd number (same memory, recycled), invalidates them. */
TEST(handle_peek_validates_incarnation)
{
	int fd = new_fd(), fd2;
	unsigned int gen = 0, gen2 = 0;
	struct ls_handle *h = ls_handle_new(fd, LS_HANDLE_SOCKET, 0), *p, *g;

	ASSERT_TRUE(h != NULL);
	ls_handle_put(h);	/* the table's reference remains */
	p = ls_handle_peek_socket((uintptr_t)fd, &gen);
	ASSERT_TRUE(p == h);
	ASSERT_EQ(ls_handle_peek_valid(p, fd, gen), 1);
	ASSERT_EQ(ls_handle_peek_valid(p, fd, gen + 1), 0);
	g = ls_handle_get_peeked(p, fd, gen);
	ASSERT_TRUE(g == h);
	ls_handle_put(g);
	/* Not a socket, or no record: nothing. */
	ASSERT_TRUE(ls_handle_peek_socket(~(uintptr_t)0, &gen2) == NULL);
	ASSERT_EQ(ls_handle_close(fd, 0), 0);
	ASSERT_EQ(ls_handle_peek_valid(p, fd, gen), 0);
	ASSERT_TRUE(ls_handle_get_peeked(p, fd, gen) == NULL);
	ASSERT_TRUE(ls_handle_peek_socket((uintptr_t)fd, &gen2) == NULL);
	/* The recycled record on a new fd (likely the same number): a new incarnation. */
	fd2 = new_fd();
	h = ls_handle_new(fd2, LS_HANDLE_EVENT, 0);
	ASSERT_TRUE(h != NULL);
	ASSERT_TRUE(ls_handle_peek_socket((uintptr_t)fd2, &gen2) == NULL);	/* not a socket */
	ASSERT_EQ(ls_handle_close(fd2, 0), 0);
	ls_handle_put(h);
	fd2 = new_fd();
	h = ls_handle_new(fd2, LS_HANDLE_SOCKET, 0);
	ASSERT_TRUE(h != NULL);
	ASSERT_TRUE(ls_handle_peek_socket((uintptr_t)fd2, &gen2) == h);
	if (h == p && fd2 == fd)
		ASSERT_NE(gen2, gen);
	ASSERT_EQ(ls_handle_peek_valid(p, fd, gen), 0);
	ASSERT_TRUE(ls_handle_get_peeked(p, fd, gen) == NULL);
	ASSERT_EQ(ls_handle_close(fd2, 0), 0);
	ls_handle_put(h);
	ASSERT_EQ(ls_handle_count(), 0);
}

static void *peeker(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg, gen;

	while (!atomic_load(&stop)) {
		int fd = atomic_load(&slot_fd[(seed = seed * 1103515245u + 12345u) % SLOTS]);
		struct ls_handle *h = ls_handle_peek_socket((uintptr_t)fd, &gen), *g;
		if (!h)
			continue;
		ls_handle_peek_valid(h, fd, gen);
		g = ls_handle_get_peeked(h, fd, gen);
		if (g) {
			/* A pinned peek is the fd's socket and stays valid until put. */
			if (g != h || g->fd != fd || g->type != LS_HANDLE_SOCKET)
				FAILF("pinned record of fd %d has fd %d type %d", fd, g->fd, g->type);
			if (ls_sys_fd_valid(g->fd) != 1)
				FAILF("fd %d closed under a reference", fd);
			atomic_fetch_add(&hits, 1);
			ls_handle_put(g);
		}
	}
	return NULL;
}

/* Unreferenced look-ups racing closes that recycle records as other types on reused fds. */
TEST(handle_concurrent_peek_and_close)
{
	pthread_t th[3];

	for (int i = 0; i < SLOTS; i++) {
		int fd = new_fd();
		struct ls_handle *h = ls_handle_new(fd, LS_HANDLE_SOCKET, 0);
		ASSERT_TRUE(h != NULL);
		ls_handle_put(h);
		atomic_store(&slot_fd[i], fd);
	}
	for (int i = 0; i < 3; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, peeker, (void *)(uintptr_t)(i + 1)), 0);
	wait_for_hits();
	for (int r = 0; r < ROUNDS; r++) {
		int i = r % SLOTS, fd = atomic_load(&slot_fd[i]), nfd;
		struct ls_handle *h;
		ASSERT_EQ(ls_handle_close(fd, 0), 0);
		nfd = new_fd();
		h = ls_handle_new(nfd, (r / SLOTS) % 2 ? LS_HANDLE_EVENT : LS_HANDLE_SOCKET, 0);
		ASSERT_TRUE(h != NULL);
		ls_handle_put(h);
		atomic_store(&slot_fd[i], nfd);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 3; i++)
		ASSERT_EQ(pthread_join(th[i], NULL), 0);
	ASSERT_TRUE(atomic_load(&hits) > 0);
	for (int i = 0; i < SLOTS; i++)
		ASSERT_EQ(ls_handle_close(atomic_load(&slot_fd[i]), 0), 0);
	ASSERT_EQ(ls_handle_count(), 0);
}
