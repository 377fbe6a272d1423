/* Linux side of netns.h: unshare, uid/gid maps, and rtnetlink requests (RTM_NEWADDR,
 * RTM_NEWROUTE...) on lo. Only ever run inside the namespace nn_enter made. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netns.h"

/* Raw syscalls: socket, bind, send, recv and close are also Winsock exports in this binary. */
static long nl_socket(void)
{
	return syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -errno;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	syscall(SYS_close, fd);
	return ok ? 0 : -errno;
}

int nn_enter(char *why, int n)
{
	char map[64];
	unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();
	struct ifreq r;
	long fd;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
		snprintf(why, (size_t)n, "network namespaces not permitted here (unshare: %s)", strerror(errno));
		return -1;
	}
	snprintf(map, sizeof map, "0 %u 1\n", uid);
	if (write_file("/proc/self/uid_map", map) != 0 || write_file("/proc/self/setgroups", "deny\n") != 0) {
		snprintf(why, (size_t)n, "cannot map our uid in the new user namespace");
		return -1;
	}
	snprintf(map, sizeof map, "0 %u 1\n", gid);
	if (write_file("/proc/self/gid_map", map) != 0) {
		snprintf(why, (size_t)n, "cannot map our gid in the new user namespace");
		return -1;
	}
	fd = syscall(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, (size_t)n, "no IPv4 socket in the namespace");
		return -1;
	}
	memset(&r, 0, sizeof r);
	strcpy(r.ifr_name, "lo");
	if (ioctl((int)fd, SIOCGIFFLAGS, &r) == 0) {
		r.ifr_flags |= IFF_UP;
		if (ioctl((int)fd, SIOCSIFFLAGS, &r) != 0) {
			syscall(SYS_close, fd);
			snprintf(why, (size_t)n, "cannot bring lo up in the namespace");
			return -1;
		}
	}
	syscall(SYS_close, fd);
	return 0;
}

struct req {
	struct nlmsghdr n;
	union {
		struct ifaddrmsg a;
		struct rtmsg r;
	} u;
	char attrs[64];
};

static void attr(struct req *q, int type, const void *data, int len)
{
	struct rtattr *ra = (struct rtattr *)((char *)q + NLMSG_ALIGN(q->n.nlmsg_len));

	ra->rta_type = (unsigned short)type;
	ra->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(ra), data, (size_t)len);
	q->n.nlmsg_len = NLMSG_ALIGN(q->n.nlmsg_len) + RTA_ALIGN(ra->rta_len);
}

/* Sends q and reads the kernel's acknowledgement: 0 or -errno. */
static int talk(struct req *q)
{
	char buf[4096] __attribute__((aligned(8)));
	struct sockaddr_nl sa;
	long fd = nl_socket(), r;
	int err = -EIO;

	if (fd < 0)
		return -errno;
	memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	q->n.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	q->n.nlmsg_seq = 1;
	r = syscall(SYS_sendto, fd, q, q->n.nlmsg_len, 0, &sa, sizeof sa);
	if (r == (long)q->n.nlmsg_len) {
		r = syscall(SYS_recvfrom, fd, buf, sizeof buf, 0, NULL, NULL);
		if (r >= (long)NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
			struct nlmsghdr *h = (struct nlmsghdr *)buf;
			if (h->nlmsg_type == NLMSG_ERROR)
				err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		}
	}
	syscall(SYS_close, fd);
	return err;
}

int nn_addr(int add, int family, const void *addr, int prefix)
{
	struct req q;
	int len = family == AF_INET ? 4 : 16;

	memset(&q, 0, sizeof q);
	q.n.nlmsg_len = NLMSG_LENGTH(sizeof q.u.a);
	q.n.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	q.n.nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	q.u.a.ifa_family = (unsigned char)family;
	q.u.a.ifa_prefixlen = (unsigned char)prefix;
	q.u.a.ifa_scope = RT_SCOPE_HOST;
	q.u.a.ifa_index = 1;	/* lo is interface 1 in a new namespace */
	attr(&q, IFA_LOCAL, addr, len);
	attr(&q, IFA_ADDRESS, addr, len);
	return talk(&q);
}

int nn_route(int add, const void *dst4, int prefix)
{
	struct req q;
	int oif = 1;	/* lo */

	memset(&q, 0, sizeof q);
	q.n.nlmsg_len = NLMSG_LENGTH(sizeof q.u.r);
	q.n.nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	q.n.nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	q.u.r.rtm_family = AF_INET;
	q.u.r.rtm_dst_len = (unsigned char)prefix;
	q.u.r.rtm_table = RT_TABLE_MAIN;
	q.u.r.rtm_protocol = RTPROT_STATIC;
	q.u.r.rtm_scope = RT_SCOPE_LINK;
	q.u.r.rtm_type = RTN_UNICAST;
	attr(&q, RTA_DST, dst4, 4);
	attr(&q, RTA_OIF, &oif, 4);
	return talk(&q);
}
