/* netif: a snapshot of the host's network interfaces for iphlpapi (src/iphlpapi).
 *
 * Contract: ls_netif_list_new takes one consistent-enough snapshot (getifaddrs, plus /sys, /proc
 * and /etc/resolv.conf for what getifaddrs does not carry) into one block the caller frees with
 * ls_netif_list_free. Interfaces come in index order. Addresses are raw bytes in network order
 * with a family of LS_NETIF_INET or LS_NETIF_INET6 (Linux's values, which are also the Windows
 * AF_INET; Windows' AF_INET6 is 23 and is converted by the caller). A Linux-side file: C basic
 * types only here (docs/design.md S); results 0 or -errno. */
#ifndef LS_NETIF_NETIF_H
#define LS_NETIF_NETIF_H

#include <stddef.h>
#include <stdint.h>

#define LS_NETIF_INET  2
#define LS_NETIF_INET6 10

/* Interface flags (Linux IFF_* meanings). */
#define LS_NETIF_UP        0x1u
#define LS_NETIF_RUNNING   0x2u	/* operationally up (IFF_RUNNING) */
#define LS_NETIF_LOOPBACK  0x4u
#define LS_NETIF_P2P       0x8u
#define LS_NETIF_MULTICAST 0x10u
#define LS_NETIF_NOARP     0x20u
#define LS_NETIF_BROADCAST 0x40u

struct ls_netif_addr {
	int family;		/* LS_NETIF_INET or LS_NETIF_INET6 */
	uint8_t addr[16];
	uint8_t prefix;		/* prefix length (unicast), 0 otherwise */
	uint32_t scope_id;	/* IPv6 scope (link-local: the interface index) */
	uint8_t bcast[16];	/* unicast: broadcast (LS_NETIF_BROADCAST) or peer (LS_NETIF_P2P)
				 * address, zero if none */
	const struct ls_netif_addr *next;
};

struct ls_netif {
	uint32_t index;
	char name[16];
	uint32_t flags;		/* LS_NETIF_* */
	uint32_t arphrd;	/* link type (ARPHRD_*: 1 ether, 772 loopback, 65534 none...) */
	uint8_t hw[8];
	uint32_t hwlen;
	uint32_t mtu;
	uint64_t speed_bps;	/* 0 when the driver does not say */
	const struct ls_netif_addr *unicast, *multicast, *gateways;
	int has_inet, has_inet6;
};

struct ls_netif_list {
	size_t n;
	struct ls_netif *ifs;
	const struct ls_netif_addr *dns;	/* /etc/resolv.conf nameservers */
	char dns_suffix[256];			/* first "search" or "domain" entry, or "" */
};

/* New snapshot in *out (free with ls_netif_list_free). 0 or -errno. */
int ls_netif_list_new(struct ls_netif_list **out);
void ls_netif_list_free(struct ls_netif_list *l);
/* Borrowed from l: the interface with that index or name, or NULL. */
const struct ls_netif *ls_netif_by_index(const struct ls_netif_list *l, uint32_t index);
const struct ls_netif *ls_netif_by_name(const struct ls_netif_list *l, const char *name);
/* Name <-> index with one ioctl, no snapshot (if_nametoindex, if_indextoname). 0 or -errno
 * (-ENODEV: no such interface). */
int ls_netif_index_of(const char *name, uint32_t *index);
int ls_netif_name_of(uint32_t index, char name[16]);
/* The index of the interface the kernel would route to addr (family LS_NETIF_*, bytes in network
 * order) out of, via a connected UDP socket's source address. 0 or -errno (-ENETUNREACH). */
int ls_netif_route(int family, const uint8_t *addr, uint32_t *index);
/* The source address the kernel would send to dst (a Linux sockaddr_in/_in6 of dstlen bytes)
 * from, as a Linux sockaddr with port 0 in src (room for 28 bytes), *srclen its size. 0 or
 * -errno (-ENETUNREACH). */
int ls_netif_route_src(const void *dst, unsigned dstlen, void *src, unsigned *srclen);

/* Adds (add 1) or removes a unicast address on interface index through rtnetlink (notify.c):
 * family LS_NETIF_*, addr bytes, prefix length; valid/preferred lifetimes in seconds
 * (0xffffffff infinite; used when adding). 0 or -errno: -EEXIST (already there), -ENODEV (no
 * such interface), -EADDRNOTAVAIL (removing an address that is not there), -EPERM. */
int ls_netif_addr_set(int add, int family, const uint8_t *addr, int prefix, uint32_t index, uint32_t valid,
		      uint32_t preferred);

/* ---- Change notifications (notify.c, docs/design.md N2) ----
 * One NETLINK_ROUTE watcher for the process, started on first use. Kinds of change: */
#define LS_NETIF_CHG_ADDR4  0x1u	/* the IPv4 address list */
#define LS_NETIF_CHG_ADDR6  0x2u	/* the IPv6 address list */
#define LS_NETIF_CHG_ROUTE4 0x4u	/* an IPv4 route (or address: it changes routes too) */
#define LS_NETIF_CHG_ROUTE6 0x8u
#define LS_NETIF_CHG_ALL    0xfu

/* Starts the watcher once (later calls return the first result): 0 or -errno. Every change
 * after it returns is seen. fn (the first non-NULL one given is kept) runs on the watcher's
 * thread after each batch of changes, with the kinds seen. */
int ls_netif_watch_start(void (*fn)(unsigned kinds));
/* A stamp of the kinds in mask: differs from an earlier stamp of the same mask once a change of
 * one of those kinds has been seen since (counters only grow). */
uint32_t ls_netif_watch_stamp(unsigned mask);

/* A thread blocked until a change (the caller's storage, between add and remove). */
struct ls_netif_waiter {
	struct ls_netif_waiter *next;
	unsigned kinds;
	int efd;	/* made readable by the watcher */
};
/* 0 or -errno. From then on changes of those kinds wake w. */
int ls_netif_waiter_add(struct ls_netif_waiter *w, unsigned kinds);
void ls_netif_waiter_remove(struct ls_netif_waiter *w);
/* Waits for w's wake-up or for *sockfd (if >= 0; watched for HUP/ERR only) to report: 1 woken
 * by a change, 0 the socket reported (then *sockfd is set to -1: it is not watched again),
 * -EINTR (a signal: CancelSynchronousIo or a close, src/wait/syncio.c). */
int ls_netif_waiter_wait(struct ls_netif_waiter *w, int *sockfd);

#endif
