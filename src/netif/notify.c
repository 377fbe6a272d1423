/* netif/notify: the process's one watcher of address and route changes (netif.h, docs/design.md
 * N2). A Linux-side file.
 *
 * One NETLINK_ROUTE socket subscribed to the IPv4/IPv6 address and route groups, read by one
 * thread that starts on the first SIO_ADDRESS_LIST_CHANGE / SIO_ROUTING_INTERFACE_CHANGE. Each
 * message bumps a generation counter per kind (address or route, per family); a counter only
 * grows, so "changed since the call" is "the stamp differs". After each batch the thread wakes
 * the blocked callers (one eventfd each) and calls the hook (pending overlapped ops, the
 * WSAEventSelect records). The subscription exists before ls_netif_watch_start returns, so a
 * change that follows a call is never missed: the kernel queues it on the socket. A lost batch
 * (ENOBUFS: the socket's queue overflowed) counts as a change of every kind. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>

#include "../base/pthr.h"
#include "../base/sys.h"
#include "netif.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int start_err;
static int nl_fd = -1;
static _Atomic uint32_t gen[4];	/* ADDR4, ADDR6, ROUTE4, ROUTE6 */
static void (*_Atomic hook)(unsigned kinds);

static pthread_mutex_t waiters_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ls_netif_waiter *waiters;

static unsigned kind_of(const struct nlmsghdr *n)
{
	if (n->nlmsg_type == RTM_NEWADDR || n->nlmsg_type == RTM_DELADDR) {
		const struct ifaddrmsg *a = NLMSG_DATA(n);
		if (n->nlmsg_len < NLMSG_LENGTH(sizeof *a))
			return 0;
		/* A new or removed address changes the routes through it too. */
		return a->ifa_family == AF_INET  ? LS_NETIF_CHG_ADDR4 | LS_NETIF_CHG_ROUTE4 :
		       a->ifa_family == AF_INET6 ? LS_NETIF_CHG_ADDR6 | LS_NETIF_CHG_ROUTE6 : 0;
	}
	if (n->nlmsg_type == RTM_NEWROUTE || n->nlmsg_type == RTM_DELROUTE) {
		const struct rtmsg *r = NLMSG_DATA(n);
		if (n->nlmsg_len < NLMSG_LENGTH(sizeof *r))
			return 0;
		return r->rtm_family == AF_INET ? LS_NETIF_CHG_ROUTE4 :
		       r->rtm_family == AF_INET6 ? LS_NETIF_CHG_ROUTE6 : 0;
	}
	return 0;
}

/* Reads what is queued now (the first read blocks). Returns the kinds seen. */
static unsigned read_batch(void)
{
	static char buf[16384] __attribute__((aligned(8)));
	unsigned kinds = 0;
	int flags = 0;

	for (;;) {
		long r = ls_sys_recvfrom(nl_fd, buf, sizeof buf, flags, NULL, NULL);

		if (r == -EINTR)
			continue;
		if (r == -ENOBUFS) {
			kinds |= LS_NETIF_CHG_ALL;	/* messages were lost: assume everything */
			flags = MSG_DONTWAIT;
			continue;
		}
		if (r <= 0)
			break;	/* -EAGAIN: the batch is over */
		for (struct nlmsghdr *n = (struct nlmsghdr *)buf; NLMSG_OK(n, (unsigned long)r); n = NLMSG_NEXT(n, r))
			kinds |= kind_of(n);
		flags = MSG_DONTWAIT;
	}
	return kinds;
}

static void *watch_main(void *arg)
{
	sigset_t all;

	(void)arg;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);	/* the program's signals go to its own threads */
	for (;;) {
		unsigned kinds = read_batch();
		void (*fn)(unsigned);

		if (!kinds)
			continue;
		for (int i = 0; i < 4; i++)
			if (kinds & (1u << i))
				atomic_fetch_add(&gen[i], 1);
		pthread_mutex_lock(&waiters_lock);
		for (struct ls_netif_waiter *w = waiters; w; w = w->next)
			if (w->kinds & kinds)
				ls_sys_event_add(w->efd, 1);
		pthread_mutex_unlock(&waiters_lock);
		fn = atomic_load(&hook);
		if (fn)
			fn(kinds);
	}
	return NULL;
}

static void start(void)
{
	struct sockaddr_nl sa;
	pthread_t t;
	int fd, err;

	fd = ls_sys_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, 0);
	if (fd < 0) {
		start_err = fd;
		return;
	}
	memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
	err = ls_sys_bind(fd, &sa, sizeof sa);
	if (err < 0) {
		ls_sys_close(fd);
		start_err = err;
		return;
	}
	nl_fd = fd;
	err = ls_pthr_create(&t, 1, 64 * 1024, watch_main, NULL);
	if (err) {
		ls_sys_close(fd);
		nl_fd = -1;
		start_err = -err;
	}
}

int ls_netif_watch_start(void (*fn)(unsigned kinds))
{
	void (*none)(unsigned) = NULL;

	atomic_compare_exchange_strong(&hook, &none, fn);
	pthread_once(&once, start);
	return start_err;
}

uint32_t ls_netif_watch_stamp(unsigned mask)
{
	uint32_t s = 0;

	for (int i = 0; i < 4; i++)
		if (mask & (1u << i))
			s += atomic_load(&gen[i]);
	return s;
}

int ls_netif_waiter_add(struct ls_netif_waiter *w, unsigned kinds)
{
	w->efd = ls_sys_event_fd_nonblock();
	if (w->efd < 0)
		return w->efd;
	w->kinds = kinds;
	pthread_mutex_lock(&waiters_lock);
	w->next = waiters;
	waiters = w;
	pthread_mutex_unlock(&waiters_lock);
	return 0;
}

void ls_netif_waiter_remove(struct ls_netif_waiter *w)
{
	pthread_mutex_lock(&waiters_lock);
	for (struct ls_netif_waiter **pp = &waiters; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	pthread_mutex_unlock(&waiters_lock);
	ls_sys_close(w->efd);
}

int ls_netif_waiter_wait(struct ls_netif_waiter *w, int *sockfd)
{
	struct ls_sys_pollfd p[2] = { { w->efd, POLLIN, 0 }, { *sockfd, 0, 0 } };
	uint64_t v;
	int r = ls_sys_poll(p, *sockfd >= 0 ? 2 : 1, -1);

	if (r < 0)
		return r;
	if (p[0].revents & POLLIN) {
		ls_sys_event_take(w->efd, &v);
		return 1;
	}
	if (p[1].revents)
		*sockfd = -1;	/* HUP or ERR stays: stop watching the socket, the caller looks why */
	return 0;
}
