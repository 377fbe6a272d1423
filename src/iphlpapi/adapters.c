/* iphlpapi/adapters: GetAdaptersAddresses, GetAdaptersInfo.
 *
 * One src/netif snapshot is laid out twice into the caller's buffer: a measuring pass (no
 * buffer) gives the size, the filling pass writes. Everything - adapters, address entries,
 * sockaddrs, strings - is in the one buffer the caller gave, linked by pointers into it, as on
 * Windows (the caller frees one block). Sizes are Windows' x64 sizes (checked below), so a
 * program's arithmetic on them holds.
 *
 * What Linux does not have, and what we answer (docs/design.md I): no DHCP lease information
 * (Dhcpv4Enabled 0, prefix origin Manual unless well-known or link-layer), no per-address
 * lifetimes (infinite) and no duplicate detection state (Preferred); the DNS servers and suffix
 * of /etc/resolv.conf belong to every running non-loopback adapter that has an address; names,
 * descriptions and friendly names are the Linux interface name; anycast and WINS lists are
 * empty; metrics are fixed (loopback 75, others 25). A snapshot that cannot be taken gives the
 * Win32 code for its cause (ERROR_NOT_ENOUGH_MEMORY only for want of memory). */
#include <ws2tcpip.h>

#include "iphlp.h"
#include "../base/trace.h"
#include "../base/wstr.h"
#include "../err/err.h"
#include "../kernel32/kernel32.h"

#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(IP_ADAPTER_ADDRESSES_LH) == 448, "IP_ADAPTER_ADDRESSES is 448 bytes on x64");
_Static_assert(offsetof(IP_ADAPTER_ADDRESSES_LH, PhysicalAddress) == 80, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_ADDRESSES_LH, ZoneIndices) == 112, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_ADDRESSES_LH, Luid) == 224, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_ADDRESSES_LH, Dhcpv6Server) == 280, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_ADDRESSES_LH, FirstDnsSuffix) == 440, "x64 layout");
_Static_assert(sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH) == 64, "x64 layout");
_Static_assert(sizeof(IP_ADAPTER_MULTICAST_ADDRESS_XP) == 32, "x64 layout");
_Static_assert(sizeof(IP_ADAPTER_PREFIX_XP) == 40, "x64 layout");
_Static_assert(sizeof(IP_ADAPTER_DNS_SUFFIX) == 520, "x64 layout");
_Static_assert(sizeof(IP_ADDR_STRING) == 48, "x64 layout");
_Static_assert(sizeof(IP_ADAPTER_INFO) == 704, "IP_ADAPTER_INFO is 704 bytes on x64");
_Static_assert(offsetof(IP_ADAPTER_INFO, Index) == 416, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_INFO, IpAddressList) == 440, "x64 layout");
_Static_assert(offsetof(IP_ADAPTER_INFO, LeaseObtained) == 688, "x64 layout");

#define LOOPBACK_SPEED 1073741824ull	/* what Windows reports for its loopback interface */

/* A bump allocator over the caller's buffer; with no buffer it only counts. */
struct out {
	char *base;
	size_t used, cap;
};

static void *take(struct out *o, size_t n, size_t align)
{
	size_t at = (o->used + align - 1) & ~(align - 1);

	o->used = at + n;
	if (!o->base || o->used > o->cap)
		return NULL;
	memset(o->base + at, 0, n);
	return o->base + at;
}

/* A WCHAR copy of a UTF-8 string in the buffer (never NULL while filling). */
static PWCHAR wstr(struct out *o, const char *s)
{
	size_t n = ls_wstr_from_utf8(NULL, 0, s);
	PWCHAR w = take(o, n * sizeof(WCHAR), sizeof(WCHAR));

	if (w)
		ls_wstr_from_utf8((uint16_t *)w, n, s);
	return w;
}

/* A Windows sockaddr for a netif address, in the buffer: SOCKET_ADDRESS filled. */
static void sockaddr_of(struct out *o, const struct ls_netif_addr *a, SOCKET_ADDRESS *sa)
{
	if (a->family == LS_NETIF_INET) {
		SOCKADDR_IN *s = take(o, sizeof *s, 8);
		if (s) {
			s->sin_family = AF_INET;
			memcpy(&s->sin_addr, a->addr, 4);
			sa->lpSockaddr = (LPSOCKADDR)s;
			sa->iSockaddrLength = sizeof *s;
		}
	} else {
		SOCKADDR_IN6 *s = take(o, sizeof *s, 8);
		if (s) {
			s->sin6_family = AF_INET6;
			memcpy(&s->sin6_addr, a->addr, 16);
			s->sin6_scope_id = a->scope_id;
			sa->lpSockaddr = (LPSOCKADDR)s;
			sa->iSockaddrLength = sizeof *s;
		}
	}
}

static int family_ok(ULONG family, const struct ls_netif_addr *a)
{
	return family == AF_UNSPEC || (family == AF_INET && a->family == LS_NETIF_INET) ||
	       (family == AF_INET6 && a->family == LS_NETIF_INET6);
}

static int link_local6(const struct ls_netif_addr *a)
{
	return a->family == LS_NETIF_INET6 && a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80;
}

/* Appends one XP-shaped entry (anycast, multicast, DNS, gateway: Length, Flags, Next, Address)
 * of size sz to the list whose tail link is *tail. */
struct xp_entry {
	ULONG Length;
	DWORD Flags;
	struct xp_entry *Next;
	SOCKET_ADDRESS Address;
};

static void xp_append(struct out *o, struct xp_entry ***tail, size_t sz, const struct ls_netif_addr *a)
{
	struct xp_entry *e = take(o, sz, 8);

	if (e) {
		e->Length = (ULONG)sz;
		**tail = e;
		*tail = &e->Next;
	}
	{
		SOCKET_ADDRESS dummy, *sa = e ? &e->Address : &dummy;
		sockaddr_of(o, a, sa);
	}
}

static int wants_dns(const struct ls_netif *i)
{
	return !(i->flags & LS_NETIF_LOOPBACK) && (i->flags & LS_NETIF_RUNNING) && i->unicast;
}

static void adapter(struct out *o, const struct ls_netif_list *l, const struct ls_netif *i, ULONG family,
		    ULONG flags, PIP_ADAPTER_ADDRESSES **tail)
{
	PIP_ADAPTER_ADDRESSES a = take(o, sizeof *a, 8);
	IP_ADAPTER_ADDRESSES dummy;
	int loop = (i->flags & LS_NETIF_LOOPBACK) != 0;
	char *name;

	if (a) {
		**tail = a;
		*tail = &a->Next;
	} else {
		a = &dummy;	/* measuring: links go nowhere */
		memset(a, 0, sizeof *a);
	}
	a->Length = sizeof *a;
	a->IfIndex = i->has_inet || family != AF_INET6 ? i->index : 0;
	name = take(o, strlen(i->name) + 1, 1);
	if (name)
		strcpy(name, i->name);
	a->AdapterName = name;
	if (!(flags & GAA_FLAG_SKIP_UNICAST)) {
		PIP_ADAPTER_UNICAST_ADDRESS *ut = &a->FirstUnicastAddress;
		for (const struct ls_netif_addr *x = i->unicast; x; x = x->next) {
			PIP_ADAPTER_UNICAST_ADDRESS u;
			SOCKET_ADDRESS d;

			if (!family_ok(family, x))
				continue;
			u = take(o, sizeof *u, 8);
			sockaddr_of(o, x, u ? &u->Address : &d);
			if (!u)
				continue;
			u->Length = sizeof *u;
			u->Flags = loop || link_local6(x) ? 0 : IP_ADAPTER_ADDRESS_DNS_ELIGIBLE;
			u->PrefixOrigin = loop || link_local6(x) ? IpPrefixOriginWellKnown : IpPrefixOriginManual;
			u->SuffixOrigin = loop ? IpSuffixOriginWellKnown :
					  link_local6(x) ? IpSuffixOriginLinkLayerAddress : IpSuffixOriginManual;
			u->DadState = IpDadStatePreferred;
			u->ValidLifetime = u->PreferredLifetime = u->LeaseLifetime = 0xFFFFFFFFu;
			u->OnLinkPrefixLength = x->prefix;
			*ut = u;
			ut = &u->Next;
		}
	}
	if (!(flags & GAA_FLAG_SKIP_MULTICAST)) {
		struct xp_entry **mt = (struct xp_entry **)&a->FirstMulticastAddress;
		for (const struct ls_netif_addr *x = i->multicast; x; x = x->next)
			if (family_ok(family, x))
				xp_append(o, &mt, sizeof(IP_ADAPTER_MULTICAST_ADDRESS), x);
	}
	if (!(flags & (GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_DNS_INFO)) && wants_dns(i)) {
		struct xp_entry **dt = (struct xp_entry **)&a->FirstDnsServerAddress;
		for (const struct ls_netif_addr *x = l->dns; x; x = x->next)
			if (family_ok(family, x))
				xp_append(o, &dt, sizeof(IP_ADAPTER_DNS_SERVER_ADDRESS), x);
	}
	if (flags & GAA_FLAG_INCLUDE_GATEWAYS) {
		struct xp_entry **gt = (struct xp_entry **)&a->FirstGatewayAddress;
		for (const struct ls_netif_addr *x = i->gateways; x; x = x->next)
			if (family_ok(family, x))
				xp_append(o, &gt, sizeof(IP_ADAPTER_GATEWAY_ADDRESS), x);
	}
	if (flags & GAA_FLAG_INCLUDE_PREFIX) {
		/* The on-link prefix of each address, once each. */
		PIP_ADAPTER_PREFIX *pt = &a->FirstPrefix;
		for (const struct ls_netif_addr *x = i->unicast; x; x = x->next) {
			struct ls_netif_addr net = *x;
			PIP_ADAPTER_PREFIX p;
			SOCKET_ADDRESS d;
			int dup = 0;

			if (!family_ok(family, x))
				continue;
			for (int b = x->prefix; b < (x->family == LS_NETIF_INET ? 32 : 128); b++)
				net.addr[b / 8] &= (uint8_t) ~(0x80u >> (b % 8));
			for (const struct ls_netif_addr *y = i->unicast; y != x; y = y->next) {
				struct ls_netif_addr n2 = *y;
				if (y->family != x->family || y->prefix != x->prefix)
					continue;
				for (int b = y->prefix; b < (y->family == LS_NETIF_INET ? 32 : 128); b++)
					n2.addr[b / 8] &= (uint8_t) ~(0x80u >> (b % 8));
				dup |= memcmp(n2.addr, net.addr, 16) == 0;
			}
			if (dup)
				continue;
			net.scope_id = link_local6(x) ? x->scope_id : 0;
			p = take(o, sizeof *p, 8);
			sockaddr_of(o, &net, p ? &p->Address : &d);
			if (!p)
				continue;
			p->Length = sizeof *p;
			p->PrefixLength = x->prefix;
			*pt = p;
			pt = &p->Next;
		}
	}
	a->DnsSuffix = wstr(o, (flags & GAA_FLAG_SKIP_DNS_INFO) || !wants_dns(i) ? "" : l->dns_suffix);
	a->Description = wstr(o, i->name);
	a->FriendlyName = wstr(o, (flags & GAA_FLAG_SKIP_FRIENDLY_NAME) ? "" : i->name);
	if (!loop && i->hwlen && i->hwlen <= MAX_ADAPTER_ADDRESS_LENGTH) {
		memcpy(a->PhysicalAddress, i->hw, i->hwlen);
		a->PhysicalAddressLength = i->hwlen;
	}
	a->Flags = (i->has_inet ? IP_ADAPTER_IPV4_ENABLED : 0) | (i->has_inet6 ? IP_ADAPTER_IPV6_ENABLED : 0) |
		   ((i->flags & LS_NETIF_MULTICAST) ? 0 : IP_ADAPTER_NO_MULTICAST);
	a->Mtu = i->mtu;
	a->IfType = ls_iphlpapi_iftype(i);
	a->OperStatus = (i->flags & LS_NETIF_UP) && (i->flags & LS_NETIF_RUNNING) ? IfOperStatusUp : IfOperStatusDown;
	a->Ipv6IfIndex = i->has_inet6 ? i->index : 0;
	/* Interface, link and subnet zones are the interface; wider scopes are zone 1, as on a
	 * Windows host with one site. */
	for (int z = 0; z < 16; z++)
		a->ZoneIndices[z] = z == 0 || z == 15 ? 0 : z <= 3 ? i->index : 1;
	a->TransmitLinkSpeed = a->ReceiveLinkSpeed = i->speed_bps ? i->speed_bps : loop ? LOOPBACK_SPEED : 0;
	a->Ipv4Metric = a->Ipv6Metric = loop ? 75 : 25;
	a->Luid = ls_iphlpapi_luid(i);
	a->CompartmentId = 1;
	a->ConnectionType = NET_IF_CONNECTION_DEDICATED;
	a->TunnelType = a->IfType == IF_TYPE_TUNNEL ? TUNNEL_TYPE_OTHER : TUNNEL_TYPE_NONE;
}

static int listed(const struct ls_netif *i, ULONG family)
{
	return family == AF_UNSPEC || (family == AF_INET && i->has_inet) || (family == AF_INET6 && i->has_inet6);
}

ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved, PIP_ADAPTER_ADDRESSES AdapterAddresses,
				  PULONG SizePointer)
{
	struct ls_netif_list *l;
	int r;
	struct out o = { 0 };
	PIP_ADAPTER_ADDRESSES first = NULL, *tail = &first;
	size_t n = 0;
	ULONG err = NO_ERROR;

	LS_TRACE_CALL("%s, %s, %p, %p, %p", ls_trace_af((int)Family), ls_trace_gaa_flags(Flags), Reserved,
		      (void *)AdapterAddresses, (void *)SizePointer);
	if ((Family != AF_UNSPEC && Family != AF_INET && Family != AF_INET6) || Reserved ||
	    ls_k32_bad_ptr(SizePointer))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if (AdapterAddresses && ls_k32_bad_ptr(AdapterAddresses))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if ((r = ls_netif_list_new(&l)) < 0)
		return LS_TRACE_RET_CODE(ls_err_win32_from_status(ls_err_status_from_errno(r)));
	for (size_t k = 0; k < l->n; k++)
		if (listed(&l->ifs[k], Family)) {
			adapter(&o, l, &l->ifs[k], Family, Flags, &tail);
			n++;
		}
	if (n == 0) {
		err = ERROR_NO_DATA;
	} else if (!AdapterAddresses || o.used > *SizePointer) {
		*SizePointer = (ULONG)o.used;
		err = ERROR_BUFFER_OVERFLOW;
	} else {
		o.base = (char *)AdapterAddresses;
		o.cap = *SizePointer;
		o.used = 0;
		for (size_t k = 0; k < l->n; k++)
			if (listed(&l->ifs[k], Family))
				adapter(&o, l, &l->ifs[k], Family, Flags, &tail);
		*tail = NULL;
	}
	ls_netif_list_free(l);
	return LS_TRACE_RET_CODE(err);
}

/* ---- GetAdaptersInfo ---- */

static void ip_string(char *dst, const uint8_t *a)
{
	snprintf(dst, 16, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void mask_string(char *dst, int prefix)
{
	uint8_t m[4] = { 0 };

	for (int b = 0; b < prefix && b < 32; b++)
		m[b / 8] |= (uint8_t)(0x80u >> (b % 8));
	ip_string(dst, m);
}

/* The MIB_IF_TYPE_* of GetAdaptersInfo: the same numbers where both exist. */
static UINT mib_type(IFTYPE t)
{
	return t == IF_TYPE_ETHERNET_CSMACD || t == IF_TYPE_PPP || t == IF_TYPE_IEEE80211 ? t : MIB_IF_TYPE_OTHER;
}

/* GetAdaptersInfo lists IPv4 adapters without the loopback interface (Windows never lists it
 * there); an adapter with no IPv4 address shows 0.0.0.0, as Windows does. */
static void info_adapter(struct out *o, const struct ls_netif *i, PIP_ADAPTER_INFO a)
{
	PIP_ADDR_STRING *next = &a->IpAddressList.Next;
	int first = 1;
	DWORD ctx = i->index << 8;

	a->ComboIndex = a->Index = i->index;
	snprintf(a->AdapterName, sizeof a->AdapterName, "%s", i->name);
	snprintf(a->Description, sizeof a->Description, "%s", i->name);
	a->AddressLength = i->hwlen <= MAX_ADAPTER_ADDRESS_LENGTH ? i->hwlen : 0;
	memcpy(a->Address, i->hw, a->AddressLength);
	a->Type = mib_type(ls_iphlpapi_iftype(i));
	ip_string(a->IpAddressList.IpAddress.String, (const uint8_t[4]){ 0 });
	ip_string(a->IpAddressList.IpMask.String, (const uint8_t[4]){ 0 });
	for (const struct ls_netif_addr *x = i->unicast; x; x = x->next) {
		PIP_ADDR_STRING s;

		if (x->family != LS_NETIF_INET)
			continue;
		if (first) {
			s = &a->IpAddressList;
			first = 0;
		} else {
			s = take(o, sizeof *s, 8);
			if (!s)
				continue;
			*next = s;
			next = &s->Next;
		}
		ip_string(s->IpAddress.String, x->addr);
		mask_string(s->IpMask.String, x->prefix);
		s->Context = ctx++;
	}
	a->CurrentIpAddress = NULL;
	ip_string(a->GatewayList.IpAddress.String, (const uint8_t[4]){ 0 });
	ip_string(a->GatewayList.IpMask.String, (const uint8_t[4]){ 0 });
	for (const struct ls_netif_addr *x = i->gateways; x; x = x->next)
		if (x->family == LS_NETIF_INET) {
			ip_string(a->GatewayList.IpAddress.String, x->addr);
			ip_string(a->GatewayList.IpMask.String, (const uint8_t[4]){ 255, 255, 255, 255 });
			break;
		}
}

DWORD WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer)
{
	struct ls_netif_list *l;
	int r;
	struct out o = { 0 };
	PIP_ADAPTER_INFO prev = NULL;
	size_t n = 0, extra = 0;
	DWORD err = NO_ERROR;

	LS_TRACE_CALL("%p, %p", (void *)AdapterInfo, (void *)SizePointer);
	if (ls_k32_bad_ptr(SizePointer))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if (AdapterInfo && ls_k32_bad_ptr(AdapterInfo))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if ((r = ls_netif_list_new(&l)) < 0)
		return LS_TRACE_RET_CODE(ls_err_win32_from_status(ls_err_status_from_errno(r)));
	/* Size: one IP_ADAPTER_INFO per adapter, one more IP_ADDR_STRING per further address. */
	for (size_t k = 0; k < l->n; k++) {
		int addrs = 0;

		if (l->ifs[k].flags & LS_NETIF_LOOPBACK)
			continue;
		n++;
		for (const struct ls_netif_addr *x = l->ifs[k].unicast; x; x = x->next)
			addrs += x->family == LS_NETIF_INET;
		if (addrs > 1)
			extra += (size_t)addrs - 1;
	}
	o.used = n * sizeof(IP_ADAPTER_INFO) + extra * sizeof(IP_ADDR_STRING);
	if (n == 0) {
		err = ERROR_NO_DATA;
	} else if (!AdapterInfo || o.used > *SizePointer) {
		*SizePointer = (ULONG)o.used;
		err = ERROR_BUFFER_OVERFLOW;
	} else {
		o.base = (char *)AdapterInfo;
		o.cap = *SizePointer;
		o.used = n * sizeof(IP_ADAPTER_INFO);	/* the adapters first, as an array */
		memset(AdapterInfo, 0, o.used);
		n = 0;
		for (size_t k = 0; k < l->n; k++) {
			if (l->ifs[k].flags & LS_NETIF_LOOPBACK)
				continue;
			info_adapter(&o, &l->ifs[k], &AdapterInfo[n]);
			if (prev)
				prev->Next = &AdapterInfo[n];
			prev = &AdapterInfo[n++];
		}
	}
	ls_netif_list_free(l);
	return LS_TRACE_RET_CODE(err);
}
