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
 * (getifaddrs), SIO_ROUTING_INTERFACE_QUERY (the source a UDP connect picks), SIO_TCP_INFO
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

/* ---- Interface and route queries ---- */

#define MAX_IFADDRS 256

/* The host's addresses (Linux form), n of them; NULL (with *n 0) if there are none or no memory. */
static struct ls_sys_ifaddr *ifaddrs_get(int *n)
{
	struct ls_sys_ifaddr *a = malloc(MAX_IFADDRS * sizeof *a);
	int r;

	*n = 0;
	if (!a)
		return NULL;
	r = ls_sys_ifaddrs(a, MAX_IFADDRS);
	*n = r < 0 ? 0 : (r > MAX_IFADDRS ? MAX_IFADDRS : r);
	return a;
}

/* A Linux sockaddr (the family's size) as the Windows one; its size, or 0. */
static int win_addr(const unsigned char *lx, int lfamily, void *w, int cap)
{
	struct ls_err_lxaddr a;
	int len = cap;

	memset(&a, 0, sizeof a);
	a.len = lfamily == LX_AF_INET ? 16 : 28;
	memcpy(a.u.bytes, lx, a.len);
	if (lx[0] == 0 && lx[1] == 0)
		return 0;	/* no such address (zeroed by ls_sys_ifaddrs) */
	return ls_err_sockaddr_from_linux(&a, w, &len) == STATUS_SUCCESS ? len : 0;
}

/* SIO_ADDRESS_LIST_QUERY: a SOCKET_ADDRESS_LIST of the socket family's addresses on interfaces
 * that are up, loopback excluded (the addresses a program would bind to reach others), the
 * sockaddrs after the array, in the caller's buffer. Too small: WSAEFAULT with *done the size
 * needed (Windows reports it through lpcbBytesReturned). */
static NTSTATUS address_list(struct ls_handle *h, void *out, DWORD outlen, DWORD *done)
{
	int lfam = h->u.sock.af == AF_INET6 ? LX_AF_INET6 : LX_AF_INET, n = 0, count = 0;
	size_t salen = lfam == LX_AF_INET ? 16 : 28, need, at;
	struct ls_sys_ifaddr *a = ifaddrs_get(&n);
	unsigned char *buf;
	NTSTATUS st = STATUS_SUCCESS;

	if (h->u.sock.af != AF_INET && h->u.sock.af != AF_INET6) {
		free(a);
		return STATUS_NOT_SUPPORTED;
	}
	for (int i = 0; i < n; i++)
		if (a[i].family == lfam && (a[i].flags & LS_SYS_IFF_UP) && !(a[i].flags & LS_SYS_IFF_LOOPBACK))
			count++;
	need = offsetof(SOCKET_ADDRESS_LIST, Address) + (size_t)count * (sizeof(SOCKET_ADDRESS) + salen);
	*done = (DWORD)need;
	if (!out || outlen < need) {
		free(a);
		return STATUS_ACCESS_VIOLATION;
	}
	buf = calloc(1, need);
	if (!buf) {
		free(a);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	((SOCKET_ADDRESS_LIST *)(void *)buf)->iAddressCount = count;
	at = offsetof(SOCKET_ADDRESS_LIST, Address) + (size_t)count * sizeof(SOCKET_ADDRESS);
	for (int i = 0, k = 0; i < n; i++) {
		SOCKET_ADDRESS *sa;
		if (a[i].family != lfam || !(a[i].flags & LS_SYS_IFF_UP) || (a[i].flags & LS_SYS_IFF_LOOPBACK))
			continue;
		sa = &((SOCKET_ADDRESS_LIST *)(void *)buf)->Address[k++];
		sa->iSockaddrLength = win_addr(a[i].addr, lfam, buf + at, (int)salen);
		sa->lpSockaddr = (LPSOCKADDR)(void *)((char *)out + at);
		at += salen;
	}
	if (ls_sys_copy_out(out, buf, need) != 0)
		st = STATUS_ACCESS_VIOLATION;
	free(buf);
	free(a);
	return st;
}

/* SIO_GET_INTERFACE_LIST: an INTERFACE_INFO per address of the socket's family (loopback
 * included, as Windows lists it), IFF_* flags. */
static NTSTATUS interface_list(struct ls_handle *h, void *out, DWORD outlen, DWORD *done)
{
	int lfam = h->u.sock.af == AF_INET6 ? LX_AF_INET6 : LX_AF_INET, n = 0, count = 0;
	struct ls_sys_ifaddr *a = ifaddrs_get(&n);
	INTERFACE_INFO *buf;
	NTSTATUS st = STATUS_SUCCESS;

	if (h->u.sock.af != AF_INET && h->u.sock.af != AF_INET6) {
		free(a);
		return STATUS_NOT_SUPPORTED;
	}
	for (int i = 0; i < n; i++)
		if (a[i].family == lfam)
			count++;
	if (!out || outlen < (size_t)count * sizeof(INTERFACE_INFO)) {
		free(a);
		return STATUS_ACCESS_VIOLATION;
	}
	buf = calloc((size_t)count + 1, sizeof *buf);
	if (!buf) {
		free(a);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	for (int i = 0, k = 0; i < n; i++) {
		INTERFACE_INFO *e;
		if (a[i].family != lfam)
			continue;
		e = &buf[k++];
		e->iiFlags = a[i].flags;	/* LS_SYS_IFF_* are Windows' IFF_* values */
		win_addr(a[i].addr, lfam, &e->iiAddress, (int)sizeof e->iiAddress);
		win_addr(a[i].mask, lfam, &e->iiNetmask, (int)sizeof e->iiNetmask);
		win_addr(a[i].bcast, lfam, &e->iiBroadcastAddress, (int)sizeof e->iiBroadcastAddress);
		if (lfam == LX_AF_INET6) {
			/* sockaddr_in6_old is the first 24 bytes of a sockaddr_in6, family included. */
			e->iiAddress.AddressIn6.sin6_family = AF_INET6;
		}
	}
	*done = (DWORD)((size_t)count * sizeof(INTERFACE_INFO));
	if (count && ls_sys_copy_out(out, buf, *done) != 0)
		st = STATUS_ACCESS_VIOLATION;
	free(buf);
	free(a);
	return st;
}

/* SIO_ROUTING_INTERFACE_QUERY: the local address the kernel would send to the destination
 * from (a UDP socket's connect chooses the route and source, sending nothing). */
static NTSTATUS routing_query(struct ls_handle *h, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *done)
{
	struct ls_err_lxaddr dst, src;
	int fd, r, len;
	NTSTATUS st;

	if (!in || inlen > INT32_MAX)
		return STATUS_ACCESS_VIOLATION;
	st = ls_err_sockaddr_to_linux(in, (int)inlen, &dst);
	if (st != STATUS_SUCCESS)
		return st;
	if ((h->u.sock.af == AF_INET && dst.u.family != LX_AF_INET) ||
	    (h->u.sock.af == AF_INET6 && dst.u.family != LX_AF_INET6))
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	fd = ls_sys_socket(dst.u.family, 2 /* SOCK_DGRAM */, 0, 1);
	if (fd < 0)
		return ls_err_status_from_errno(fd);
	r = ls_sys_connect(fd, dst.u.bytes, dst.len);
	src.len = sizeof src.u.bytes;
	if (r == 0)
		r = ls_sys_getsockname(fd, src.u.bytes, &src.len);
	ls_sys_close(fd);
	if (r < 0)
		return r == -ENETUNREACH ? LS_STATUS_FROM_WSA(WSAENETUNREACH) : ls_err_status_from_errno(r);
	/* The source address only: port 0, as Windows returns it. */
	memset(src.u.bytes + 2, 0, 2);	/* sin_port and sin6_port are both at 2 */
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
