/* ws2_32/multipoint: WSAJoinLeaf, as Windows' TCP/IP provider does it.
 *
 * Windows' catalog gives XP1_SUPPORT_MULTIPOINT to the UDP (and RAW) entries only, without
 * XP1_MULTIPOINT_CONTROL_PLANE or _DATA_PLANE: non-rooted control and data planes, i.e. IP
 * multicast (protocol-info.md §5; our catalog's XP1_UDP, which the RAW entries share, is the
 * same 0x20609). So the multipoint sockets there are UDP and raw sockets made by WSASocket with
 * WSA_FLAG_MULTIPOINT_C_LEAF and/or _D_LEAF; WSAJoinLeaf on any other socket is WSAEINVAL, the
 * code the page gives for "a UDP socket that was opened without" those flags. On a c_leaf
 * "the returned socket descriptor is the same as the input socket descriptor".
 *
 * For IP multicast the name is the group: joining it is IP_ADD_MEMBERSHIP (IPV6_ADD_MEMBERSHIP)
 * on the default interface, unless the socket only sends (JL_SENDER_ONLY), which needs no
 * membership. A socket still unbound is bound to the wildcard address first ("unique values are
 * assigned to the local association by the system, and the socket is marked as bound").
 * Joining a group the socket is already in is WSAEISCONN ("already a member of the multipoint
 * session"); a name that is no multicast group is WSAEADDRNOTAVAIL ("not a valid address").
 * Connect data is not carried (WSAEPROTONOSUPPORT, the page's code for lpCallerData), and an
 * lpCalleeData gets length 0, as WSAConnect. The join completes at once, so a non-blocking
 * socket also gets its answer from the call; FD_CONNECT is not signalled for it. */
#include "ws2.h"
#include "../baseprov/baseprov.h"
#include "../base/sys.h"
#include "../catalog/catalog.h"
#include "../err/linux.h"
#include "../handle/handle.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define LEAF_FLAGS (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

static int is_multipoint(struct ls_handle *h)
{
	const WSAPROTOCOL_INFOW *e = ls_catalog_find_id(h->u.sock.catalog_id);

	return e && (e->dwServiceFlags1 & XP1_SUPPORT_MULTIPOINT) && h->u.sock.type != SOCK_STREAM &&
	       (h->u.sock.multipoint & LEAF_FLAGS);
}

/* Binds h to its family's wildcard address, port 0, unless it is bound already. */
static NTSTATUS bind_wildcard(struct ls_handle *h)
{
	unsigned char lx[28];
	unsigned int len;
	int r;

	if (ls_baseprov_is_bound(h))
		return STATUS_SUCCESS;
	memset(lx, 0, sizeof lx);
	if (h->u.sock.af == AF_INET) {
		uint16_t fam = LX_AF_INET;
		memcpy(lx, &fam, 2);
		len = 16;
	} else {
		uint16_t fam = LX_AF_INET6;
		memcpy(lx, &fam, 2);
		len = 28;
	}
	r = ls_sys_bind(h->fd, lx, len);
	if (r < 0)
		return ls_baseprov_status(h, r);
	h->u.sock.bound = 1;
	return STATUS_SUCCESS;
}

/* Adds the membership of group a (Linux form, the socket's family) on the default interface. */
static NTSTATUS join(struct ls_handle *h, const struct ls_err_lxaddr *a)
{
	unsigned char mreq[20];
	int r;

	memset(mreq, 0, sizeof mreq);
	if (a->u.family == LX_AF_INET) {
		if ((a->u.bytes[4] & 0xf0) != 0xe0)
			return STATUS_INVALID_ADDRESS_COMPONENT;	/* not 224.0.0.0/4 */
		memcpy(mreq, a->u.bytes + 4, 4);	/* imr_multiaddr; imr_interface INADDR_ANY */
		r = ls_sys_setsockopt(h->fd, LX_SOL_IP, LX_IP_ADD_MEMBERSHIP, mreq, 8);
	} else {
		if (a->u.bytes[8] != 0xff)
			return STATUS_INVALID_ADDRESS_COMPONENT;	/* not ff00::/8 */
		memcpy(mreq, a->u.bytes + 8, 16);	/* ipv6mr_multiaddr; interface 0 */
		r = ls_sys_setsockopt(h->fd, LX_SOL_IPV6, LX_IPV6_ADD_MEMBERSHIP, mreq, 20);
	}
	if (r == -EADDRINUSE)
		return STATUS_CONNECTION_ACTIVE;	/* WSAEISCONN: a member already */
	if (r == -ENODEV)
		return STATUS_NETWORK_UNREACHABLE;	/* no interface routes the group: WSAENETUNREACH */
	return r < 0 ? ls_baseprov_status(h, r) : STATUS_SUCCESS;
}

static NTSTATUS join_leaf(struct ls_handle *h, const struct sockaddr *name, int namelen, const WSABUF *caller,
			  WSABUF *callee, DWORD flags)
{
	struct ls_err_lxaddr a;
	NTSTATUS st;

	if (!is_multipoint(h))
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	if (flags != JL_SENDER_ONLY && flags != JL_RECEIVER_ONLY && flags != JL_BOTH)
		return STATUS_INVALID_PARAMETER;
	st = ls_err_sockaddr_to_linux(name, namelen, &a);	/* WSAEFAULT, WSAEAFNOSUPPORT */
	if (st != STATUS_SUCCESS)
		return st;
	if (ls_err_af_from_linux(a.u.family) != h->u.sock.af)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	if (caller) {
		WSABUF b;
		if (ls_sys_copy_in(&b, caller, sizeof b) != 0)
			return STATUS_ACCESS_VIOLATION;
		if (b.len)
			return LS_STATUS_FROM_WSA(WSAEPROTONOSUPPORT);
	}
	if (callee) {
		WSABUF b;
		if (ls_sys_copy_in(&b, callee, sizeof b) != 0)
			return STATUS_ACCESS_VIOLATION;
	}
	st = bind_wildcard(h);
	if (st != STATUS_SUCCESS)
		return st;
	if (flags != JL_SENDER_ONLY) {
		st = join(h, &a);
	} else if (a.u.family == LX_AF_INET ? (a.u.bytes[4] & 0xf0) != 0xe0 : a.u.bytes[8] != 0xff) {
		st = STATUS_INVALID_ADDRESS_COMPONENT;	/* a sender needs a group all the same */
	}
	if (st == STATUS_SUCCESS && callee) {
		ULONG zero = 0;
		ls_sys_copy_out(&callee->len, &zero, sizeof zero);
	}
	return st;
}

SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData,
			  LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS, DWORD dwFlags)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %ld, %p, %p, %p, %p, %s", ls_trace_socket(s), ls_trace_sockaddr(name, (long)namelen),
		 (long)namelen, (const void *)lpCallerData, (const void *)lpCalleeData, (const void *)lpSQOS,
		 (const void *)lpGQOS, ls_trace_jl_flags(dwFlags));
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	h = ls_handle_get_socket(s);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	/* The QoS structures are hints the base provider does not act on (as WSAConnect). */
	(void)lpSQOS;
	(void)lpGQOS;
	st = join_leaf(h, name, namelen, lpCallerData, lpCalleeData, dwFlags);
	ls_handle_put(h);
	if (st != STATUS_SUCCESS) {
		ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	return LS_TRACE_RET_SOCKET(s);	/* a c_leaf socket joins itself */
}
