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
 * (ENOBUFS: the socket's queue overflowed) counts as a change of every kind.
 * Also here: ls_netif_addr_set, the RTM_NEWADDR/RTM_DELADDR request behind iphlpapi's
 * CreateUnicastIpAddressEntry and DeleteUnicastIpAddressEntry. */
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
#include "../base/trace.h"
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

/* Reads what is queued now (the first read blocks). Returns the kinds seen; *dead is set when
 * the blocking read fails for good (the fd was closed under us by the program, say): the watcher
 * then ends rather than spin or read a socket that took the number. */
static unsigned read_batch(int *dead)
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
		if (r < 0 && !flags) {
			*dead = 1;
			break;
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
		int dead = 0;
		unsigned kinds = read_batch(&dead);
		void (*fn)(unsigned);

		if (dead) {
			LS_TRACE("netlink watcher: read failed; no more change notifications");
			break;
		}
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

/* ---- Address requests (CreateUnicastIpAddressEntry, DeleteUnicastIpAddressEntry) ---- */

struct addr_req {
	struct nlmsghdr n;
	struct ifaddrmsg a;
	char attrs[96];
};

static void add_attr(struct addr_req *q, int type, const void *data, size_t len)
{
	struct rtattr *ra = (struct rtattr *)((char *)q + NLMSG_ALIGN(q->n.nlmsg_len));

	ra->rta_type = (unsigned short)type;
	ra->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(ra), data, len);
	q->n.nlmsg_len = NLMSG_ALIGN(q->n.nlmsg_len) + RTA_ALIGN(ra->rta_len);
}

int ls_netif_addr_set(int add, int family, const uint8_t *addr, int prefix, uint32_t index, uint32_t valid,
		      uint32_t preferred)
{
	char buf[1024] __attribute__((aligned(8)));
	struct sockaddr_nl sa;
	struct addr_req q;
	size_t len = family == LS_NETIF_INET ? 4 : 16;
	long r;
	int fd, err = -EIO;

	memset(&q, 0, sizeof q);
	q.n.nlmsg_len = NLMSG_LENGTH(sizeof q.a);
	q.n.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	q.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	q.n.nlmsg_seq = 1;
	q.a.ifa_family = (unsigned char)family;
	q.a.ifa_prefixlen = (unsigned char)prefix;
	q.a.ifa_index = index;
	/* The scope iproute2 gives by default: Linux refuses a loopback address of global scope. */
	if (family == LS_NETIF_INET ? addr[0] == 127 : (addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80))
		q.a.ifa_scope = family == LS_NETIF_INET ? RT_SCOPE_HOST : RT_SCOPE_LINK;
	add_attr(&q, IFA_LOCAL, addr, len);
	add_attr(&q, IFA_ADDRESS, addr, len);
	if (add && (valid != 0xffffffffu || preferred != 0xffffffffu)) {
		struct ifa_cacheinfo ci;
		memset(&ci, 0, sizeof ci);
		ci.ifa_valid = valid;
		ci.ifa_prefered = preferred;
		add_attr(&q, IFA_CACHEINFO, &ci, sizeof ci);
	}
	fd = ls_sys_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, 0);
	if (fd < 0)
		return fd;
	memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	r = ls_sys_sendto(fd, &q, q.n.nlmsg_len, 0, &sa, sizeof sa);
	if (r == (long)q.n.nlmsg_len) {
		do
			r = ls_sys_recvfrom(fd, buf, sizeof buf, 0, NULL, NULL);
		while (r == -EINTR);
		if (r >= (long)NLMSG_LENGTH(sizeof(struct nlmsgerr)) && ((struct nlmsghdr *)buf)->nlmsg_type == NLMSG_ERROR)
			err = ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)buf))->error;
	} else if (r < 0) {
		err = (int)r;
	}
	ls_sys_close(fd);
	return err;
}
