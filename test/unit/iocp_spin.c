/* Unit tests of the completion port's spin before sleeping (src/iocp, docs/design.md P4): with
 * more than one usable CPU a thread that would sleep on the port first watches the queue, and a
 * packet queued meanwhile goes to it without a futex wake-up; with one usable CPU it sleeps at
 * once. The port is driven through its internal API so the test can see which way a thread
 * waited (ls_iocp_peek). */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "test.h"
#include "iocp/iocp.h"

struct taker {
	struct ls_iocp *p;
	int one_cpu;		/* pin the thread to one CPU before it waits */
	int got;
	struct ls_iocp_entry e;
};

static void *take_one(void *arg)
{
	struct taker *t = arg;

	if (t->one_cpu) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &set);
		if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
			return NULL;
	}
	t->got = ls_iocp_dequeue(t->p, &t->e, 1, INFINITE, 0);
	return NULL;
}

static struct ls_iocp_state peek(struct ls_iocp *p)
{
	struct ls_iocp_state st;

	ls_iocp_peek(p, &st);
	return st;
}

static int usable_cpus(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

/* Waits (yielding) until cond holds; a hang is the runner's timeout. */
#define UNTIL(cond) \
	do { \
		while (!(cond)) \
			sched_yield(); \
	} while (0)

/* Starts the poller (the first waiter polls the port's context, it never spins) and a second
 * waiter, returns once the second has chosen how to wait. */
static void two_waiters(struct ls_iocp *p, struct taker *poller, struct taker *second, pthread_t th[2])
{
	poller->p = second->p = p;
	ASSERT_EQ(pthread_create(&th[0], NULL, take_one, poller), 0);
	UNTIL(peek(p).polling);
	ASSERT_EQ(pthread_create(&th[1], NULL, take_one, second), 0);
	UNTIL(peek(p).spinning + peek(p).waiters == 1);
}

TEST(iocp_spin_takes_packet_without_wake)
{
	struct ls_iocp *p;
	struct taker poller = { 0 }, second = { 0 };
	pthread_t th[2];

	if (usable_cpus() < 2)
		SKIP("one usable CPU: the port never spins");
	/* A long budget, so the second waiter is still spinning when the packet comes (read once,
	 * at the first spin: this process has not spun yet). */
	ASSERT_EQ(setenv("LINSOCK_IOCP_SPIN_NS", "5000000000", 1), 0);
	p = ls_iocp_new(2);
	ASSERT_TRUE(p != NULL);
	two_waiters(p, &poller, &second, th);
	ASSERT_EQ(peek(p).spinning, 1);
	ASSERT_EQ(peek(p).waiters, 0);
	/* The spinner is the newest waiter: the packet is its, with no wake-up of the poller. */
	ASSERT_EQ(ls_iocp_post(p, 7, 0x77, NULL), 0);
	ASSERT_EQ(pthread_join(th[1], NULL), 0);
	ASSERT_EQ(second.got, 1);
	ASSERT_EQ(second.e.key, 0x77);
	ASSERT_EQ(second.e.bytes, 7);
	ASSERT_EQ(peek(p).spin_hits, 1);
	ASSERT_TRUE(peek(p).polling);	/* the poller was not woken */
	/* The next packet wakes the poller (nobody else waits). */
	ASSERT_EQ(ls_iocp_post(p, 8, 0x88, NULL), 0);
	ASSERT_EQ(pthread_join(th[0], NULL), 0);
	ASSERT_EQ(poller.got, 1);
	ASSERT_EQ(poller.e.key, 0x88);
	ls_iocp_close(p);
	ls_iocp_put(p);
}

TEST(iocp_spin_not_on_one_cpu)
{
	struct ls_iocp *p;
	struct taker poller = { 0 }, second = { .one_cpu = 1 };
	pthread_t th[2];

	ASSERT_EQ(setenv("LINSOCK_IOCP_SPIN_NS", "5000000000", 1), 0);
	p = ls_iocp_new(2);
	ASSERT_TRUE(p != NULL);
	two_waiters(p, &poller, &second, th);
	/* Pinned to one CPU, the second waiter went to sleep on the stack without spinning: the
	 * thread that would queue its packet could not run while it spun. */
	ASSERT_EQ(peek(p).spinning, 0);
	ASSERT_EQ(peek(p).waiters, 1);
	ASSERT_EQ(ls_iocp_post(p, 9, 0x99, NULL), 0);
	ASSERT_EQ(pthread_join(th[1], NULL), 0);
	ASSERT_EQ(second.got, 1);
	ASSERT_EQ(second.e.key, 0x99);
	ASSERT_EQ(peek(p).spin_hits, 0);
	ASSERT_EQ(ls_iocp_post(p, 10, 0xaa, NULL), 0);
	ASSERT_EQ(pthread_join(th[0], NULL), 0);
	ASSERT_EQ(poller.e.key, 0xaa);
	ls_iocp_close(p);
	ls_iocp_put(p);
}

/* LINSOCK_IOCP_SPIN_NS=0 turns spinning off (A/B measurements). */
TEST(iocp_spin_off_by_env)
{
	struct ls_iocp *p;
	struct taker poller = { 0 }, second = { 0 };
	pthread_t th[2];

	ASSERT_EQ(setenv("LINSOCK_IOCP_SPIN_NS", "0", 1), 0);
	p = ls_iocp_new(2);
	ASSERT_TRUE(p != NULL);
	two_waiters(p, &poller, &second, th);
	ASSERT_EQ(peek(p).spinning, 0);
	ASSERT_EQ(peek(p).waiters, 1);
	ASSERT_EQ(ls_iocp_post(p, 1, 1, NULL), 0);
	ASSERT_EQ(ls_iocp_post(p, 2, 2, NULL), 0);
	ASSERT_EQ(pthread_join(th[1], NULL), 0);
	ASSERT_EQ(pthread_join(th[0], NULL), 0);
	ASSERT_EQ(second.got + poller.got, 2);
	ASSERT_EQ(second.e.key + poller.e.key, 3);
	ls_iocp_close(p);
	ls_iocp_put(p);
}
