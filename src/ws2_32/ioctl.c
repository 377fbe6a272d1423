/* ws2_32/ioctl: WSAIoctl.
 *
 * Codes (spec constants.md §11): FIONBIO/FIONREAD/SIOCATMARK as ioctlsocket (the base
 * provider's ls_baseprov_ioctl); SIO_GET_EXTENSION_FUNCTION_POINTER for AcceptEx,
 * GetAcceptExSockaddrs, ConnectEx, DisconnectEx, TransmitFile, TransmitPackets, WSARecvMsg,
 * WSASendMsg and WSAPoll (any other GUID is WSAEINVAL, Windows' answer for an unknown GUID);
 * SIO_KEEPALIVE_VALS;
 * SIO_LOOPBACK_FAST_PATH (accepted, nothing to do: loopback is already fast on Linux);
 * SIO_BASE_HANDLE and SIO_BSP_HANDLE(_SELECT/_POLL), which name the socket itself (linsock has
 * no layered providers over its base sockets); SIO_ADDRESS_LIST_QUERY, SIO_GET_INTERFACE_LIST
 * (a src/netif snapshot), SIO_ROUTING_INTERFACE_QUERY (the source a UDP connect picks, src/netif),
 * SIO_ADDRESS_LIST_CHANGE and SIO_ROUTING_INTERFACE_CHANGE (src/netif's watcher: pending,
 * WSAEWOULDBLOCK + FD_*_CHANGE, or blocking; docs/design.md N2), SIO_TCP_INFO
 * (Linux tcp_info as TCP_INFO_v0/v1). SIO_UDP_CONNRESET (UDP only, else WSAEINVAL) turns the
 * WSAECONNRESET a receive reports for an earlier datagram's ICMP port unreachable on or off
 * (data-transfer.md §7; the base provider's IP_RECVERR, src/baseprov/io.c).
 * Any other code: WSAEOPNOTSUPP.
 * An output buffer too small is WSAEFAULT. With an OVERLAPPED on an overlapped socket the call
 * completes at once and its completion is still delivered (port, event or routine), as
 * Windows' immediate completions are (data-transfer.md §4). */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../mswsock/msw.h"
#include "../evsel/evsel.h"
#include "../netif/netif.h"
#include "../wait/wait.h"

#include "../err/linux.h"

#include <mstcpip.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int guid_is(const GUID *g, const GUID *want)
{
	return memcmp(g, want, sizeof *g) == 0;
}

/* The extension function for a GUID, or NULL. */
static void *extension(const GUID *g)
{
	static const GUID acceptex = WSAID_ACCEPTEX, sockaddrs = WSAID_GETACCEPTEXSOCKADDRS,
			  connectex = WSAID_CONNECTEX, disconnectex = WSAID_DISCONNECTEX, poll = WSAID_WSAPOLL,
			  transmitfile = WSAID_TRANSMITFILE, transmitpackets = WSAID_TRANSMITPACKETS,
			  recvmsg = WSAID_WSARECVMSG, sendmsg = WSAID_WSASENDMSG;

	if (guid_is(g, &acceptex))
		return (void *)(LPFN_ACCEPTEX)AcceptEx;
	if (guid_is(g, &sockaddrs))
		return (void *)(LPFN_GETACCEPTEXSOCKADDRS)GetAcceptExSockaddrs;
	if (guid_is(g, &connectex))
		return (void *)(LPFN_CONNECTEX)ls_mswsock_connectex;
	if (guid_is(g, &disconnectex))
		return (void *)(LPFN_DISCONNECTEX)ls_mswsock_disconnectex;
	if (guid_is(g, &transmitfile))
		return (void *)(LPFN_TRANSMITFILE)TransmitFile;
	if (guid_is(g, &transmitpackets))
		return (void *)(LPFN_TRANSMITPACKETS)ls_mswsock_transmitpackets;
	if (guid_is(g, &recvmsg))
		return (void *)(LPFN_WSARECVMSG)ls_mswsock_wsarecvmsg;
	if (guid_is(g, &sendmsg))
		return (void *)(LPFN_WSASENDMSG)WSASendMsg;
	if (guid_is(g, &poll))
		return (void *)(LPFN_WSAPOLL)WSAPoll;
	return NULL;
}

/* Writes an output value of n bytes: WSAEFAULT's status if it does not fit. */
static NTSTATUS put_out(void *out, DWORD outlen, const void *v, DWORD n, DWORD *done)
{
	if (!out || outlen < n || ls_sys_copy_out(out, v, n) != 0)
		return STATUS_ACCESS_VIOLATION;
	*done = n;
	return STATUS_SUCCESS;
}

/* ---- Interface and route queries (src/netif) ---- */

/* An address of a src/netif snapshot as the Windows sockaddr; its size, or 0. */
static int win_addr(int lfamily, const uint8_t *bytes, uint32_t scope, void *w, int cap)
{
	struct ls_err_lxaddr a;
	int len = cap;

	memset(&a, 0, sizeof a);
	a.u.family = (uint16_t)lfamily;
	if (lfamily == LX_AF_INET) {
		a.len = 16;
		memcpy(a.u.bytes + 4, bytes, 4);	/* sin_addr */
	} else {
		a.len = 28;
		memcpy(a.u.bytes + 8, bytes, 16);	/* sin6_addr */
		memcpy(a.u.bytes + 24, &scope, 4);	/* sin6_scope_id */
	}
	return ls_err_sockaddr_from_linux(&a, w, &len) == STATUS_SUCCESS ? len : 0;
}

/* An INTERFACE_INFO address (sockaddr_gen): IPv6 takes the first 24 bytes of a sockaddr_in6
 * (sockaddr_in6_old, family included). */
static void gen_addr(int lfamily, const uint8_t *bytes, uint32_t scope, sockaddr_gen *g)
{
	SOCKADDR_IN6 tmp;

	memset(&tmp, 0, sizeof tmp);
	win_addr(lfamily, bytes, scope, &tmp, (int)sizeof tmp);
	memcpy(g, &tmp, sizeof *g);
}

/* The netmask of a prefix length, as address bytes. */
static void mask_of(int prefix, uint8_t *m, int n)
{
	memset(m, 0, (size_t)n);
	for (int i = 0; i < n * 8 && i < prefix; i++)
		m[i / 8] |= (uint8_t)(0x80 >> (i % 8));
}

/* The socket's family as src/netif names it, or 0 for neither IPv4 nor IPv6. */
static int netif_family(const struct ls_handle *h)
{
	return h->u.sock.af == AF_INET ? LS_NETIF_INET : h->u.sock.af == AF_INET6 ? LS_NETIF_INET6 : 0;
}

/* SIO_ADDRESS_LIST_QUERY: a SOCKET_ADDRESS_LIST of the socket family's addresses on interfaces
 * that are up, loopback excluded (the addresses a program would bind to reach others), the
 * sockaddrs after the array, in the caller's buffer. Too small: WSAEFAULT with *done the size
 * needed (Windows reports it through lpcbBytesReturned). */
static NTSTATUS address_list(struct ls_handle *h, void *out, DWORD outlen, DWORD *done)
{
	int fam = netif_family(h), count = 0, k = 0;
	size_t salen = fam == LS_NETIF_INET ? 16 : 28, need, at;
	struct ls_netif_list *l;
	unsigned char *buf;
	NTSTATUS st = STATUS_SUCCESS;
	int r;

	if (!fam)
		return STATUS_NOT_SUPPORTED;
	r = ls_netif_list_new(&l);
	if (r < 0)
		return ls_err_status_from_errno(r);
	for (size_t i = 0; i < l->n; i++)
		for (const struct ls_netif_addr *a = l->ifs[i].unicast; a; a = a->next)
			if (a->family == fam && (l->ifs[i].flags & LS_NETIF_UP) && !(l->ifs[i].flags & LS_NETIF_LOOPBACK))
				count++;
	need = offsetof(SOCKET_ADDRESS_LIST, Address) + (size_t)count * (sizeof(SOCKET_ADDRESS) + salen);
	*done = (DWORD)need;
	if (!out || outlen < need) {
		ls_netif_list_free(l);
		return STATUS_ACCESS_VIOLATION;
	}
	buf = calloc(1, need);
	if (!buf) {
		ls_netif_list_free(l);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	((SOCKET_ADDRESS_LIST *)(void *)buf)->iAddressCount = count;
	at = offsetof(SOCKET_ADDRESS_LIST, Address) + (size_t)count * sizeof(SOCKET_ADDRESS);
	for (size_t i = 0; i < l->n; i++)
		for (const struct ls_netif_addr *a = l->ifs[i].unicast; a; a = a->next) {
			SOCKET_ADDRESS *sa;
			if (a->family != fam || !(l->ifs[i].flags & LS_NETIF_UP) || (l->ifs[i].flags & LS_NETIF_LOOPBACK))
				continue;
			sa = &((SOCKET_ADDRESS_LIST *)(void *)buf)->Address[k++];
			sa->iSockaddrLength = win_addr(fam, a->addr, a->scope_id, buf + at, (int)salen);
			sa->lpSockaddr = (LPSOCKADDR)(void *)((char *)out + at);
			at += salen;
		}
	if (ls_sys_copy_out(out, buf, need) != 0)
		st = STATUS_ACCESS_VIOLATION;
	free(buf);
	ls_netif_list_free(l);
	return st;
}

/* SIO_GET_INTERFACE_LIST: an INTERFACE_INFO per address of the socket's family (loopback
 * included, as Windows lists it), IFF_* flags. */
static NTSTATUS interface_list(struct ls_handle *h, void *out, DWORD outlen, DWORD *done)
{
	int fam = netif_family(h), n = fam == LS_NETIF_INET ? 4 : 16, count = 0, k = 0, r;
	struct ls_netif_list *l;
	INTERFACE_INFO *buf;
	NTSTATUS st = STATUS_SUCCESS;

	if (!fam)
		return STATUS_NOT_SUPPORTED;
	r = ls_netif_list_new(&l);
	if (r < 0)
		return ls_err_status_from_errno(r);
	for (size_t i = 0; i < l->n; i++)
		for (const struct ls_netif_addr *a = l->ifs[i].unicast; a; a = a->next)
			count += a->family == fam;
	if (!out || outlen < (size_t)count * sizeof(INTERFACE_INFO)) {
		ls_netif_list_free(l);
		return STATUS_ACCESS_VIOLATION;
	}
	buf = calloc((size_t)count + 1, sizeof *buf);
	if (!buf) {
		ls_netif_list_free(l);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct ls_netif *f = &l->ifs[i];
		for (const struct ls_netif_addr *a = f->unicast; a; a = a->next) {
			INTERFACE_INFO *e;
			uint8_t m[16];
			if (a->family != fam)
				continue;
			e = &buf[k++];
			e->iiFlags = ((f->flags & LS_NETIF_UP) ? IFF_UP : 0) | ((f->flags & LS_NETIF_BROADCAST) ? IFF_BROADCAST : 0) |
				     ((f->flags & LS_NETIF_LOOPBACK) ? IFF_LOOPBACK : 0) |
				     ((f->flags & LS_NETIF_P2P) ? IFF_POINTTOPOINT : 0) |
				     ((f->flags & LS_NETIF_MULTICAST) ? IFF_MULTICAST : 0);
			gen_addr(fam, a->addr, a->scope_id, &e->iiAddress);
			mask_of(a->prefix, m, n);
			gen_addr(fam, m, 0, &e->iiNetmask);
			if (f->flags & (LS_NETIF_BROADCAST | LS_NETIF_P2P))
				gen_addr(fam, a->bcast, 0, &e->iiBroadcastAddress);
		}
	}
	*done = (DWORD)((size_t)count * sizeof(INTERFACE_INFO));
	if (count && ls_sys_copy_out(out, buf, *done) != 0)
		st = STATUS_ACCESS_VIOLATION;
	free(buf);
	ls_netif_list_free(l);
	return st;
}

/* The destination of SIO_ROUTING_INTERFACE_QUERY / _CHANGE in Linux form: a sockaddr of the
 * socket's family (WSAEFAULT if missing or short, WSAEAFNOSUPPORT for another family). */
static NTSTATUS route_dest(struct ls_handle *h, void *in, DWORD inlen, struct ls_err_lxaddr *dst)
{
	NTSTATUS st;

	if (!in || inlen > INT32_MAX)
		return STATUS_ACCESS_VIOLATION;
	st = ls_err_sockaddr_to_linux(in, (int)inlen, dst);
	if (st != STATUS_SUCCESS)
		return st;
	if ((h->u.sock.af == AF_INET && dst->u.family != LX_AF_INET) ||
	    (h->u.sock.af == AF_INET6 && dst->u.family != LX_AF_INET6) ||
	    (dst->u.family != LX_AF_INET && dst->u.family != LX_AF_INET6))
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	return STATUS_SUCCESS;
}

/* SIO_ROUTING_INTERFACE_QUERY: the local address the kernel would send to the destination
 * from (src/netif: a UDP socket's connect chooses the route and source, sending nothing). */
static NTSTATUS routing_query(struct ls_handle *h, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *done)
{
	struct ls_err_lxaddr dst, src;
	int r, len;
	NTSTATUS st;

	st = route_dest(h, in, inlen, &dst);
	if (st != STATUS_SUCCESS)
		return st;
	memset(&src, 0, sizeof src);
	r = ls_netif_route_src(dst.u.bytes, dst.len, src.u.bytes, &src.len);
	if (r < 0)
		return r == -ENETUNREACH ? LS_STATUS_FROM_WSA(WSAENETUNREACH) : ls_err_status_from_errno(r);
	/* The source address only: port 0, as Windows returns it. */
	*done = (DWORD)ls_err_sockaddr_size(&src);
	len = outlen > INT32_MAX ? INT32_MAX : (int)outlen;
	if (!out || outlen < *done)
		return STATUS_ACCESS_VIOLATION;
	return ls_err_sockaddr_from_linux(&src, out, &len);
}

/* SIO_TCP_INFO: Linux's tcp_info in Windows' TCP_INFO_v0 / v1. Linux counts segments where
 * Windows counts bytes: Cwnd and BytesInFlight are segments times the MSS. Fields Linux has no
 * counterpart for (ConnectionTimeMs, the per-limit transition counts and limited bytes) are 0;
 * the SndLimTime* fields carry Linux's rwnd-, sndbuf- and busy-limited times (ms). */
static NTSTATUS tcp_info(struct ls_handle *h, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *done)
{
	static const uint8_t state[12] = {
		TCPSTATE_CLOSED, TCPSTATE_ESTABLISHED, TCPSTATE_SYN_SENT, TCPSTATE_SYN_RCVD, TCPSTATE_FIN_WAIT_1,
		TCPSTATE_FIN_WAIT_2, TCPSTATE_TIME_WAIT, TCPSTATE_CLOSED, TCPSTATE_CLOSE_WAIT, TCPSTATE_LAST_ACK,
		TCPSTATE_LISTEN, TCPSTATE_CLOSING,
	};
	struct ls_sys_tcp_info ti;
	TCP_INFO_v1 v;
	DWORD ver, size;
	int r, rcvbuf = 0;
	unsigned int rl = sizeof rcvbuf;

	if (!in || inlen < sizeof ver || ls_sys_copy_in(&ver, in, sizeof ver) != 0)
		return STATUS_ACCESS_VIOLATION;
	if (ver > 1)
		return STATUS_INVALID_PARAMETER;
	if (h->u.sock.type != SOCK_STREAM || (h->u.sock.af != AF_INET && h->u.sock.af != AF_INET6))
		return STATUS_INVALID_PARAMETER;	/* ours (pinned): TCP sockets only */
	size = ver ? sizeof(TCP_INFO_v1) : sizeof(TCP_INFO_v0);
	if (!out || outlen < size)
		return STATUS_ACCESS_VIOLATION;
	r = ls_sys_tcp_info(h->fd, &ti);
	if (r < 0)
		return ls_err_status_from_errno(r);
	ls_sys_getsockopt(h->fd, LX_SOL_SOCKET, LX_SO_RCVBUF, &rcvbuf, &rl);
	memset(&v, 0, sizeof v);
	v.State = (TCPSTATE)(ti.state >= 0 && ti.state < 12 ? state[ti.state] : TCPSTATE_CLOSED);
	v.Mss = ti.snd_mss;
	v.TimestampsEnabled = (ti.options & 1) != 0;	/* TCPI_OPT_TIMESTAMPS */
	v.RttUs = ti.rtt_us;
	v.MinRttUs = ti.min_rtt_us;
	v.BytesInFlight = ti.unacked * ti.snd_mss;
	v.Cwnd = ti.snd_cwnd * ti.snd_mss;
	v.SndWnd = ti.snd_wnd;
	v.RcvWnd = ti.rcv_space;
	v.RcvBuf = (ULONG)rcvbuf;
	v.BytesOut = ti.bytes_sent;
	v.BytesIn = ti.bytes_received;
	v.BytesReordered = ti.reord_seen;
	v.BytesRetrans = (ULONG)ti.bytes_retrans;
	v.FastRetrans = ti.total_retrans;
	v.DupAcksIn = ti.dsack_dups;
	v.TimeoutEpisodes = ti.retransmits;
	v.SynRetrans = (UCHAR)(ti.state == 2 ? ti.retransmits : 0);
	v.SndLimTimeRwin = (ULONG)(ti.rwnd_limited_us / 1000);
	v.SndLimTimeSnd = (ULONG)(ti.sndbuf_limited_us / 1000);
	v.SndLimTimeCwnd = (ULONG)(ti.busy_us / 1000);
	return put_out(out, outlen, &v, size, done);
}

/* ---- SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE (docs/design.md N2) ----
 * The change comes from src/netif's one watcher: each call takes the change stamp of its kinds
 * and completes at the first change after it. Overlapped: an LS_OP_EXT_NOTIFY op in the
 * socket's notification queue (cancelled and aborted as any op); non-blocking: WSAEWOULDBLOCK,
 * arming FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE (src/evsel); blocking: the call
 * waits, interruptible by a close and CancelSynchronousIo as a blocking recv is. */

/* The op's state, in its iovec tail (one iovec's room). */
struct change_state {
	unsigned kinds;
	uint32_t stamp;
};

static int change_attempt(struct ls_op *op)
{
	const struct change_state *c = (const void *)op->iov;

	if (ls_netif_watch_stamp(c->kinds) == c->stamp)
		return 0;
	op->status = STATUS_SUCCESS;
	op->bytes = 0;
	return 1;
}

/* The watcher's hook (its thread): complete what the change completes. */
static void changed(unsigned kinds)
{
	(void)kinds;	/* each waiter compares its own stamp */
	/* Records first, completions second: a program (a test) that sees an op complete knows
	 * the same change has been recorded too. */
	ls_evsel_change_seen();
	ls_engine_notify_all();
}

static NTSTATUS change_wait(struct ls_handle *h, unsigned kinds, uint32_t stamp)
{
	struct ls_wait_syncio *sync;
	struct ls_netif_waiter w;
	int fd = h->fd, r = 0;
	NTSTATUS st = STATUS_SUCCESS;

	if (ls_netif_waiter_add(&w, kinds) < 0)
		return STATUS_INSUFFICIENT_RESOURCES;
	/* The socket is watched for HUP too: a close by another thread shuts it down to wake its
	 * blocked callers (docs/design.md O); a duplicate's close signals (syncio). */
	sync = ls_wait_syncio_begin(h);
	while (ls_netif_watch_stamp(kinds) == stamp) {
		if (ls_wait_syncio_stop(sync, h)) {
			r = -EINTR;
			break;
		}
		r = ls_netif_waiter_wait(&w, &fd);
		if (r < 0 && r != -EINTR)
			break;
		r = 0;
	}
	if (ls_wait_syncio_end(sync) && r < 0)
		st = STATUS_CANCELLED;	/* CancelSynchronousIo: WSA_OPERATION_ABORTED */
	else if (r < 0)
		st = ls_handle_closing(h) ? LS_STATUS_FROM_WSA(WSAEINTR) : ls_err_status_from_errno(r);
	ls_netif_waiter_remove(&w);
	return st;
}

static NTSTATUS change(struct ls_handle *h, DWORD code, void *in, DWORD inlen, LPWSAOVERLAPPED ov,
		       LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, int *invalid_handle)
{
	int fam = netif_family(h), addr = code == SIO_ADDRESS_LIST_CHANGE;
	unsigned kinds;
	uint32_t stamp;
	NTSTATUS st;

	if (!fam)
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP: no IP address family */
	if (!addr) {
		/* The destination must be valid; which route changed is not looked at (any
		 * change of the family's routes or addresses completes it, as the WSAIoctl page
		 * allows a provider to do). */
		struct ls_err_lxaddr dst;
		st = route_dest(h, in, inlen, &dst);
		if (st != STATUS_SUCCESS)
			return st;
	}
	kinds = fam == LS_NETIF_INET ? (addr ? LS_NETIF_CHG_ADDR4 : LS_NETIF_CHG_ROUTE4)
				     : (addr ? LS_NETIF_CHG_ADDR6 : LS_NETIF_CHG_ROUTE6);
	if (ls_netif_watch_start(changed) < 0)
		return LS_STATUS_FROM_WSA(WSAENETDOWN);	/* no netlink: nothing could ever complete it */
	stamp = ls_netif_watch_stamp(kinds);
	if (ov && h->u.sock.overlapped) {
		struct ls_op *op = ls_engine_op_new(1);
		struct change_state *c;

		if (!op)
			return STATUS_INSUFFICIENT_RESOURCES;
		st = ls_engine_op_prepare(op, h, ov, (void *)routine, LS_OP_API_WSA, 0);
		if (st != STATUS_SUCCESS) {
			ls_engine_op_free(op);
			*invalid_handle = st == STATUS_INVALID_HANDLE;
			return st;
		}
		op->kind = LS_OP_EXT_NOTIFY;
		op->ext = change_attempt;
		op->ext_release = NULL;
		c = (void *)op->iov;
		c->kinds = kinds;
		c->stamp = stamp;
		return ls_engine_start(op, NULL, NULL);	/* STATUS_PENDING */
	}
	if (h->u.sock.nonblocking) {
		if (ls_evsel_change_arm(h, addr ? FD_ADDRESS_LIST_CHANGE : FD_ROUTING_INTERFACE_CHANGE, kinds, stamp) != 0)
			return STATUS_INSUFFICIENT_RESOURCES;
		return STATUS_DEVICE_NOT_READY;	/* WSAEWOULDBLOCK */
	}
	return change_wait(h, kinds, stamp);
}

static NTSTATUS ioctl_one(SOCKET s, struct ls_handle *h, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen,
			  DWORD *done)
{
	u_long v;
	NTSTATUS st;

	switch (code) {
	case (DWORD)FIONBIO:
		if (!in || inlen < sizeof v || ls_sys_copy_in(&v, in, sizeof v) != 0)
			return STATUS_ACCESS_VIOLATION;
		return ls_baseprov_ioctl(h, FIONBIO, &v);
	case (DWORD)FIONREAD:
	case (DWORD)SIOCATMARK:
		if (!out || outlen < sizeof v)
			return STATUS_ACCESS_VIOLATION;
		st = ls_baseprov_ioctl(h, (long)code, &v);
		return st != STATUS_SUCCESS ? st : put_out(out, outlen, &v, sizeof v, done);
	case SIO_GET_EXTENSION_FUNCTION_POINTER: {
		GUID g;
		void *fn;
		if (!in || inlen < sizeof g || ls_sys_copy_in(&g, in, sizeof g) != 0)
			return STATUS_ACCESS_VIOLATION;
		fn = extension(&g);
		if (!fn)
			return STATUS_INVALID_PARAMETER;	/* WSAEINVAL: unknown GUID */
		return put_out(out, outlen, &fn, sizeof fn, done);
	}
	case SIO_KEEPALIVE_VALS: {
		struct tcp_keepalive k;
		if (!in || inlen < sizeof k || ls_sys_copy_in(&k, in, sizeof k) != 0)
			return STATUS_ACCESS_VIOLATION;
		return ls_baseprov_keepalive(h, k.onoff != 0, k.keepalivetime, k.keepaliveinterval);
	}
	case SIO_LOOPBACK_FAST_PATH: {
		DWORD on;
		if (!in || inlen < sizeof on || ls_sys_copy_in(&on, in, sizeof on) != 0)
			return STATUS_ACCESS_VIOLATION;
		return STATUS_SUCCESS;
	}
	case SIO_ADDRESS_LIST_QUERY:
		return address_list(h, out, outlen, done);
	case (DWORD)SIO_GET_INTERFACE_LIST:
		return interface_list(h, out, outlen, done);
	case SIO_ROUTING_INTERFACE_QUERY:
		return routing_query(h, in, inlen, out, outlen, done);
	case SIO_TCP_INFO:
		return tcp_info(h, in, inlen, out, outlen, done);
	case SIO_UDP_CONNRESET: {
		/* Whether the next receive reports an ICMP port unreachable (src/baseprov/io.c). */
		BOOL on;
		if (!in || inlen < sizeof on || ls_sys_copy_in(&on, in, sizeof on) != 0)
			return STATUS_ACCESS_VIOLATION;
		return ls_baseprov_udp_connreset(h, on != FALSE);
	}
	case SIO_BASE_HANDLE:
	case SIO_BSP_HANDLE:
	case SIO_BSP_HANDLE_SELECT:
	case SIO_BSP_HANDLE_POLL:
		return put_out(out, outlen, &s, sizeof s, done);
	default:
		return STATUS_NOT_SUPPORTED;	/* WSAEOPNOTSUPP */
	}
}

int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer,
		    DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
		    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
	struct ls_handle *h;
	DWORD done = 0;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %s, %lu, %p, %lu, %p, %p, %p", ls_trace_socket(s),
		 ls_trace_ioctl((unsigned long)dwIoControlCode), ls_trace_ioctl_in(dwIoControlCode, lpvInBuffer, cbInBuffer),
		 (unsigned long)cbInBuffer,
		 (const void *)lpvOutBuffer, (unsigned long)cbOutBuffer, (const void *)lpcbBytesReturned,
		 (const void *)lpOverlapped, (void *)(uintptr_t)lpCompletionRoutine);
	LS_WS2_SOCKET_PROLOG(h, s);
	if (!lpOverlapped && !lpcbBytesReturned) {
		ls_handle_put(h);
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));	/* the count is required for a synchronous call */
	}
	if (dwIoControlCode == SIO_ADDRESS_LIST_CHANGE || dwIoControlCode == SIO_ROUTING_INTERFACE_CHANGE) {
		int invalid_handle = 0;
		st = change(h, dwIoControlCode, lpvInBuffer, cbInBuffer, lpOverlapped, lpCompletionRoutine, &invalid_handle);
		if (lpcbBytesReturned)
			*lpcbBytesReturned = 0;
		ls_handle_put(h);
		if (invalid_handle)
			return LS_TRACE_RET_INT(ls_ws2_fail(WSA_INVALID_HANDLE));
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	}
	st = ioctl_one(s, h, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer, cbOutBuffer, &done);
	if (lpcbBytesReturned)
		*lpcbBytesReturned = done;
	if (lpOverlapped && h->u.sock.overlapped && st == STATUS_SUCCESS) {
		/* Done at once, still delivered (a failure delivers nothing, as a failed start). */
		struct ls_op *op = ls_engine_op_new(0);
		if (!op) {
			st = STATUS_INSUFFICIENT_RESOURCES;
		} else {
			st = ls_engine_op_prepare(op, h, lpOverlapped, (void *)lpCompletionRoutine, LS_OP_API_WSA, 0);
			if (st != STATUS_SUCCESS) {
				ls_engine_op_free(op);
				if (st == STATUS_INVALID_HANDLE) {
					ls_handle_put(h);
					return LS_TRACE_RET_INT(ls_ws2_fail(WSA_INVALID_HANDLE));
				}
			} else {
				st = ls_engine_complete_now(op, STATUS_SUCCESS, done);
			}
		}
	}
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}
