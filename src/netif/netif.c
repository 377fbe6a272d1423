/* netif: the interface snapshot behind iphlpapi (netif.h). A Linux-side file: glibc headers and
 * never ours (docs/design.md S). getifaddrs gives names, flags, link addresses (AF_PACKET
 * entries) and unicast addresses; /sys/class/net gives MTU, link type and speed; /proc/net gives
 * multicast memberships and default gateways; /etc/resolv.conf the DNS servers. Small files and
 * one netlink dump: this is not a hot path. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../base/sys.h"
#include "netif.h"
#include "../base/libc.h"

/* Everything of one snapshot hangs off the list: interfaces in one array, addresses in a linked
 * pool, freed together. */
struct pool {
	struct pool *next;
	struct ls_netif_addr a;
};

struct list_priv {
	struct ls_netif_list pub;
	struct pool *pool;
};

static struct ls_netif_addr *addr_new(struct list_priv *l)
{
	struct pool *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->next = l->pool;
	l->pool = p;
	return &p->a;
}

/* Appends a to the end of *head's list (kept in discovery order). */
static void append(const struct ls_netif_addr **head, struct ls_netif_addr *a)
{
	while (*head)
		head = (const struct ls_netif_addr **)&(*head)->next;
	*head = a;
}

static struct ls_netif *find(struct ls_netif_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->ifs[i].name, name) == 0)
			return &l->ifs[i];
	return NULL;
}

static unsigned long long sys_value(const char *name, const char *what, unsigned long long dflt)
{
	char path[128], buf[64];
	FILE *f;
	long long v;

	snprintf(path, sizeof path, "/sys/class/net/%s/%s", name, what);
	f = fopen(path, "re");
	if (!f)
		return dflt;
	if (!fgets(buf, sizeof buf, f) || sscanf(buf, "%lld", &v) != 1 || v < 0)
		v = (long long)dflt;
	fclose(f);
	return (unsigned long long)v;
}

static int prefix_len(const uint8_t *mask, size_t n)
{
	int bits = 0;

	for (size_t i = 0; i < n; i++)
		bits += __builtin_popcount(mask[i]);
	return bits;
}

static int hexbytes(const char *s, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* /proc/net/igmp6: "idx name group(32 hex) users flags timer". */
static void read_mcast6(struct list_priv *l)
{
	FILE *f = fopen("/proc/net/igmp6", "re");
	char line[256], name[32], hex[40];
	unsigned idx;

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		struct ls_netif *i;
		struct ls_netif_addr *a;

		if (sscanf(line, "%u %31s %39s", &idx, name, hex) != 3 || strlen(hex) != 32)
			continue;
		i = find(&l->pub, name);
		if (!i || !(a = addr_new(l)))
			continue;
		a->family = LS_NETIF_INET6;
		if (hexbytes(hex, a->addr, 16) != 0)
			continue;
		if ((a->addr[1] & 0x0f) <= 2)	/* interface- and link-local groups carry a zone */
			a->scope_id = i->index;
		append(&i->multicast, a);
	}
	fclose(f);
}

/* /proc/net/igmp: a "idx name : count querier" line per device, then one indented line per group
 * with the group as the hex of the in-memory (network order) 32-bit value. */
static void read_mcast4(struct list_priv *l)
{
	FILE *f = fopen("/proc/net/igmp", "re");
	char line[256], name[32];
	struct ls_netif *cur = NULL;
	unsigned idx, grp;

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		struct ls_netif_addr *a;

		if (line[0] != '\t' && line[0] != ' ') {
			cur = sscanf(line, "%u %31s", &idx, name) == 2 ? find(&l->pub, name) : NULL;
			continue;
		}
		if (!cur || sscanf(line, " %x", &grp) != 1 || !(a = addr_new(l)))
			continue;
		a->family = LS_NETIF_INET;
		memcpy(a->addr, &grp, 4);
		append(&cur->multicast, a);
	}
	fclose(f);
}

/* Default routes: /proc/net/route (destination 0, gateway as in-memory hex) and
 * /proc/net/ipv6_route (::/0 with a next hop). */
static void read_gateways(struct list_priv *l)
{
	char line[512], name[32], dst6[40], hop6[40];
	unsigned dst, gw, flags, plen;
	FILE *f = fopen("/proc/net/route", "re");

	if (f) {
		while (fgets(line, sizeof line, f)) {
			struct ls_netif *i;
			struct ls_netif_addr *a;

			if (sscanf(line, "%31s %x %x %x", name, &dst, &gw, &flags) != 4 || dst != 0 || gw == 0 ||
			    !(flags & 0x2 /* RTF_GATEWAY */))
				continue;
			if (!(i = find(&l->pub, name)) || !(a = addr_new(l)))
				continue;
			a->family = LS_NETIF_INET;
			memcpy(a->addr, &gw, 4);
			append(&i->gateways, a);
		}
		fclose(f);
	}
	f = fopen("/proc/net/ipv6_route", "re");
	if (f) {
		while (fgets(line, sizeof line, f)) {
			struct ls_netif *i;
			struct ls_netif_addr *a;
			char src6[40];
			unsigned sp, metric, ref, use;

			if (sscanf(line, "%39s %x %39s %x %39s %x %x %x %x %31s", dst6, &plen, src6, &sp, hop6, &metric,
				   &ref, &use, &flags, name) != 10 || plen != 0 || !(flags & 0x2) ||
			    strspn(dst6, "0") != 32 || strspn(hop6, "0") == 32)
				continue;
			if (!(i = find(&l->pub, name)) || !(a = addr_new(l)))
				continue;
			a->family = LS_NETIF_INET6;
			if (hexbytes(hop6, a->addr, 16) != 0)
				continue;
			if (a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80)
				a->scope_id = i->index;
			append(&i->gateways, a);
		}
		fclose(f);
	}
}

static void read_resolv(struct list_priv *l)
{
	FILE *f = fopen("/etc/resolv.conf", "re");
	char line[512], word[300];

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		struct ls_netif_addr *a;
		char *pct;

		if (sscanf(line, " nameserver %299s", word) == 1) {
			if (!(a = addr_new(l)))
				continue;
			pct = strchr(word, '%');	/* fe80::1%eth0 */
			if (pct)
				*pct = 0;
			if (ls_libc_inet_pton(AF_INET, word, a->addr) == 1)
				a->family = LS_NETIF_INET;
			else if (ls_libc_inet_pton(AF_INET6, word, a->addr) == 1)
				a->family = LS_NETIF_INET6;
			else
				continue;
			if (pct) {
				const struct ls_netif *i = find(&l->pub, pct + 1);
				a->scope_id = i ? i->index : 0;
			}
			append(&l->pub.dns, a);
		} else if (!l->pub.dns_suffix[0] && (sscanf(line, " search %255s", word) == 1 ||
						      sscanf(line, " domain %255s", word) == 1)) {
			size_t n = strnlen(word, sizeof l->pub.dns_suffix - 1);

			memcpy(l->pub.dns_suffix, word, n);
			l->pub.dns_suffix[n] = 0;
		}
	}
	fclose(f);
}

static int by_index(const void *a, const void *b)
{
	const struct ls_netif *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

int ls_netif_list_new(struct ls_netif_list **out)
{
	struct ifaddrs *ifa, *p;
	struct list_priv *l;
	size_t cap = 0;
	int saved = errno, err = 0;

	if (getifaddrs(&ifa) != 0) {
		err = -errno;
		errno = saved;
		return err;
	}
	l = calloc(1, sizeof *l);
	if (!l)
		goto nomem;
	/* Pass 1: interfaces, from their AF_PACKET entries (index, link address, type). */
	for (p = ifa; p; p = p->ifa_next)
		cap++;
	l->pub.ifs = calloc(cap ? cap : 1, sizeof *l->pub.ifs);
	if (!l->pub.ifs)
		goto nomem;
	for (p = ifa; p; p = p->ifa_next) {
		struct ls_netif *i = find(&l->pub, p->ifa_name);

		if (!i) {
			i = &l->pub.ifs[l->pub.n++];
			snprintf(i->name, sizeof i->name, "%s", p->ifa_name);
			i->flags = ((p->ifa_flags & IFF_UP) ? LS_NETIF_UP : 0) |
				   ((p->ifa_flags & IFF_RUNNING) ? LS_NETIF_RUNNING : 0) |
				   ((p->ifa_flags & IFF_LOOPBACK) ? LS_NETIF_LOOPBACK : 0) |
				   ((p->ifa_flags & IFF_POINTOPOINT) ? LS_NETIF_P2P : 0) |
				   ((p->ifa_flags & IFF_MULTICAST) ? LS_NETIF_MULTICAST : 0) |
				   ((p->ifa_flags & IFF_NOARP) ? LS_NETIF_NOARP : 0) |
				   ((p->ifa_flags & IFF_BROADCAST) ? LS_NETIF_BROADCAST : 0);
			i->mtu = (uint32_t)sys_value(i->name, "mtu", 0);
			i->arphrd = (uint32_t)sys_value(i->name, "type", 0xFFFE);
			/* Mbit/s; -1 (unknown) reads as the default. */
			i->speed_bps = sys_value(i->name, "speed", 0) * 1000000ull;
		}
		if (p->ifa_addr && p->ifa_addr->sa_family == AF_PACKET) {
			const struct sockaddr_ll *ll = (const struct sockaddr_ll *)p->ifa_addr;

			i->index = (uint32_t)ll->sll_ifindex;
			i->arphrd = ll->sll_hatype;
			i->hwlen = ll->sll_halen > 8 ? 8 : ll->sll_halen;
			memcpy(i->hw, ll->sll_addr, i->hwlen);
		}
	}
	for (size_t k = 0; k < l->pub.n; k++)
		if (l->pub.ifs[k].index == 0)	/* no AF_PACKET entry (unusual) */
			l->pub.ifs[k].index = (uint32_t)sys_value(l->pub.ifs[k].name, "ifindex", 0);
	/* Pass 2: unicast addresses. */
	for (p = ifa; p; p = p->ifa_next) {
		struct ls_netif *i = find(&l->pub, p->ifa_name);
		struct ls_netif_addr *a;

		if (!p->ifa_addr || (p->ifa_addr->sa_family != AF_INET && p->ifa_addr->sa_family != AF_INET6))
			continue;
		if (!(a = addr_new(l)))
			goto nomem;
		if (p->ifa_addr->sa_family == AF_INET) {
			a->family = LS_NETIF_INET;
			memcpy(a->addr, &((const struct sockaddr_in *)p->ifa_addr)->sin_addr, 4);
			if (p->ifa_broadaddr && (p->ifa_flags & (IFF_BROADCAST | IFF_POINTOPOINT)) &&
			    p->ifa_broadaddr->sa_family == AF_INET)
				memcpy(a->bcast, &((const struct sockaddr_in *)p->ifa_broadaddr)->sin_addr, 4);
			if (p->ifa_netmask)
				a->prefix = (uint8_t)prefix_len(
					(const uint8_t *)&((const struct sockaddr_in *)p->ifa_netmask)->sin_addr, 4);
			i->has_inet = 1;
		} else {
			const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)p->ifa_addr;

			a->family = LS_NETIF_INET6;
			memcpy(a->addr, &s6->sin6_addr, 16);
			a->scope_id = s6->sin6_scope_id;
			if (p->ifa_broadaddr && (p->ifa_flags & IFF_POINTOPOINT) && p->ifa_broadaddr->sa_family == AF_INET6)
				memcpy(a->bcast, &((const struct sockaddr_in6 *)p->ifa_broadaddr)->sin6_addr, 16);
			if (p->ifa_netmask)
				a->prefix = (uint8_t)prefix_len(
					(const uint8_t *)&((const struct sockaddr_in6 *)p->ifa_netmask)->sin6_addr, 16);
			i->has_inet6 = 1;
		}
		append(&i->unicast, a);
	}
	freeifaddrs(ifa);
	ifa = NULL;
	qsort(l->pub.ifs, l->pub.n, sizeof *l->pub.ifs, by_index);
	read_mcast4(l);
	read_mcast6(l);
	read_gateways(l);
	read_resolv(l);
	*out = &l->pub;
	errno = saved;
	return 0;
nomem:
	if (ifa)
		freeifaddrs(ifa);
	ls_netif_list_free(l ? &l->pub : NULL);
	errno = saved;
	return -ENOMEM;
}

void ls_netif_list_free(struct ls_netif_list *pub)
{
	struct list_priv *l = (struct list_priv *)pub;

	if (!l)
		return;
	while (l->pool) {
		struct pool *next = l->pool->next;
		free(l->pool);
		l->pool = next;
	}
	free(l->pub.ifs);
	free(l);
}

const struct ls_netif *ls_netif_by_index(const struct ls_netif_list *l, uint32_t index)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ifs[i].index == index)
			return &l->ifs[i];
	return NULL;
}

const struct ls_netif *ls_netif_by_name(const struct ls_netif_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->ifs[i].name, name) == 0)
			return &l->ifs[i];
	return NULL;
}

/* A UDP socket's connect chooses the route and the source address and sends nothing. Sockets
 * through base/sys.h: socket() and connect() are also our own exports (docs/design.md S). */
int ls_netif_route_src(const void *dst, unsigned dstlen, void *src, unsigned *srclen)
{
	sa_family_t fam;
	int fd, err;

	if (dstlen < sizeof fam)
		return -EINVAL;
	memcpy(&fam, dst, sizeof fam);
	fd = ls_sys_socket(fam, SOCK_DGRAM, 0, 0);
	if (fd < 0)
		return fd;
	err = ls_sys_connect(fd, dst, dstlen);
	*srclen = sizeof(struct sockaddr_in6);
	if (err == 0)
		err = ls_sys_getsockname(fd, src, srclen);
	ls_sys_close(fd);
	if (err == 0)
		memset((char *)src + 2, 0, 2);	/* sin_port and sin6_port are both at 2 */
	return err;
}

/* The route's source address names the interface: find who owns it. */
int ls_netif_route(int family, const uint8_t *addr, uint32_t *index)
{
	struct sockaddr_storage ss, local;
	socklen_t len;
	unsigned int llen = sizeof local;
	struct ls_netif_list *l;
	int err;

	memset(&ss, 0, sizeof ss);
	if (family == LS_NETIF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&ss;
		s->sin_family = AF_INET;
		s->sin_port = htons(9);
		memcpy(&s->sin_addr, addr, 4);
		len = sizeof *s;
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&ss;
		s->sin6_family = AF_INET6;
		s->sin6_port = htons(9);
		memcpy(&s->sin6_addr, addr, 16);
		len = sizeof *s;
	}
	err = ls_netif_route_src(&ss, len, &local, &llen);
	if (err < 0)
		return err;
	err = ls_netif_list_new(&l);
	if (err < 0)
		return err;
	err = -ENETUNREACH;
	for (size_t i = 0; i < l->n && err; i++)
		for (const struct ls_netif_addr *a = l->ifs[i].unicast; a; a = a->next) {
			const void *want = family == LS_NETIF_INET ?
				(const void *)&((struct sockaddr_in *)&local)->sin_addr :
				(const void *)&((struct sockaddr_in6 *)&local)->sin6_addr;
			if (a->family == family && memcmp(a->addr, want, family == LS_NETIF_INET ? 4 : 16) == 0) {
				*index = l->ifs[i].index;
				err = 0;
				break;
			}
		}
	ls_netif_list_free(l);
	return err;
}

/* One ioctl on a throw-away socket: the cheap road for name <-> index, which tools call per
 * address (scope ids), without a whole snapshot. Any socket family answers these requests. */
static int if_ioctl(unsigned long req, struct ifreq *r)
{
	static const int fams[] = { AF_INET, AF_INET6, AF_UNIX };
	int fd = -1, err;

	for (size_t k = 0; k < sizeof fams / sizeof fams[0] && fd < 0; k++)
		fd = ls_sys_socket(fams[k], SOCK_DGRAM, 0, 0);
	if (fd < 0)
		return fd;
	err = ioctl(fd, req, r) == 0 ? 0 : -errno;
	ls_sys_close(fd);
	return err;
}

int ls_netif_index_of(const char *name, uint32_t *index)
{
	struct ifreq r;
	int saved = errno, err;

	if (strlen(name) >= sizeof r.ifr_name)
		return -ENODEV;
	memset(&r, 0, sizeof r);
	memcpy(r.ifr_name, name, strlen(name));
	err = if_ioctl(SIOCGIFINDEX, &r);
	if (err == 0)
		*index = (uint32_t)r.ifr_ifindex;
	errno = saved;
	return err;
}

int ls_netif_name_of(uint32_t index, char name[16])
{
	struct ifreq r;
	int saved = errno, err;

	if (index == 0 || index > 0x7fffffffu)
		return -ENODEV;
	memset(&r, 0, sizeof r);
	r.ifr_ifindex = (int)index;
	err = if_ioctl(SIOCGIFNAME, &r);
	if (err == 0) {
		memcpy(name, r.ifr_name, 16);
		name[15] = 0;
	}
	errno = saved;
	return err;
}
