/* ws2_32/socklife: socket, WSASocketA/W, closesocket, bind, listen, accept, WSAAccept, connect,
 * WSAConnect, shutdown, getsockname, getpeername. */
#include "ws2.h"
#include "../evsel/evsel.h"
#include "../base/sys.h"
#include "../baseprov/baseprov.h"
#include "../catalog/catalog.h"
#include "../handle/handle.h"

#include <inttypes.h>
#include <string.h>

/* SOCKET results: the socket, or INVALID_SOCKET with the slot set. */
static SOCKET socket_return(NTSTATUS st, struct ls_handle *h)
{
	SOCKET s;

	if (st != STATUS_SUCCESS) {
		ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
		return INVALID_SOCKET;
	}
	s = (SOCKET)h->fd;
	ls_handle_put(h);	/* the table keeps its own reference */
	return s;
}

static SOCKET wsasocket(int af, int type, int protocol, const WSAPROTOCOL_INFOW *info, GROUP g, DWORD flags)
{
	const WSAPROTOCOL_INFOW *entry;
	struct ls_handle *h = NULL;
	NTSTATUS st;
	int wsa = 0;

	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return INVALID_SOCKET;
	}
	/* Socket groups are reserved; Windows' own provider accepts only 0 (no group). */
	if (g != 0 && g != SG_UNCONSTRAINED_GROUP && g != SG_CONSTRAINED_GROUP) {
		ls_lasterr_set(WSAEINVAL);
		return INVALID_SOCKET;
	}
	if (info) {
		/* The structure's dwCatalogEntryId names the provider; that provider takes af, type
		 * and protocol from the arguments, or from the structure's own fields where they
		 * are FROM_PROTOCOL_INFO (af and type also where 0), not from the catalog entry:
		 * Windows makes a datagram socket from a TCP entry whose iSocketType/iProtocol were
		 * rewritten to SOCK_DGRAM/UDP, and explicit arguments override the structure
		 * (Wine's test_WSASocket, run on Windows). */
		if (!ls_catalog_find_id(info->dwCatalogEntryId)) {
			ls_lasterr_set(WSAEINVAL);
			return INVALID_SOCKET;
		}
		if (af == FROM_PROTOCOL_INFO || af == AF_UNSPEC)
			af = info->iAddressFamily;
		if (type == FROM_PROTOCOL_INFO || type == 0)
			type = info->iSocketType;
		if (protocol == FROM_PROTOCOL_INFO)
			protocol = info->iProtocol;
		/* No family from either side: WSAEAFNOSUPPORT (Vista and later; NT 5 matched). */
		if (af == AF_UNSPEC) {
			ls_lasterr_set(WSAEAFNOSUPPORT);
			return INVALID_SOCKET;
		}
		/* All built-in entries belong to the one base provider, which then validates the
		 * combination as socket() does; the socket reports the entry it really matches. */
	} else if (af == AF_UNSPEC && protocol == 0) {
		/* Neither a family nor a protocol to choose an entry by: WSAEINVAL whatever the type
		 * (Wine's test_WSASocket: (0,0,0), (0,SOCK_STREAM,0), (0,-1,0), (0,0xdead,0)). */
		ls_lasterr_set(WSAEINVAL);
		return INVALID_SOCKET;
	}
	entry = ls_catalog_match(af, type, protocol, &wsa);
	if (!entry) {
		ls_lasterr_set((uint32_t)wsa);
		return INVALID_SOCKET;
	}
	/* Two statements: argument evaluation order is unspecified, h must be read after the call. */
	st = ls_baseprov_socket(entry, af, type, protocol, flags, &h);
	return socket_return(st, h);
}

SOCKET WSAAPI socket(int af, int type, int protocol)
{
	LS_TRACE_CALL("%s, %s, %s", ls_trace_af(af), ls_trace_socktype(type), ls_trace_proto(protocol));
	/* socket() sockets are overlapped-capable by default (protocol-info.md §7). */
	return LS_TRACE_RET_SOCKET(wsasocket(af, type, protocol, NULL, 0, WSA_FLAG_OVERLAPPED));
}

SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
			 DWORD dwFlags)
{
	WSAPROTOCOL_INFOW info;

	LS_TRACE_CALL("%s, %s, %s, %p, %lu, %s", ls_trace_af(af), ls_trace_socktype(type), ls_trace_proto(protocol),
		 (const void *)lpProtocolInfo, (unsigned long)g, ls_trace_wsa_flags(dwFlags));
	if (lpProtocolInfo && ls_sys_copy_in(&info, lpProtocolInfo, sizeof info) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	return LS_TRACE_RET_SOCKET(wsasocket(af, type, protocol, lpProtocolInfo ? &info : NULL, g, dwFlags));
}

SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
			 DWORD dwFlags)
{
	WSAPROTOCOL_INFOW info;

	LS_TRACE_CALL("%s, %s, %s, %p, %lu, %s", ls_trace_af(af), ls_trace_socktype(type), ls_trace_proto(protocol),
		 (const void *)lpProtocolInfo, (unsigned long)g, ls_trace_wsa_flags(dwFlags));
	/* A and W differ only in szProtocol, which socket creation does not read. */
	memset(&info, 0, sizeof info);
	if (lpProtocolInfo &&
	    ls_sys_copy_in(&info, lpProtocolInfo, offsetof(WSAPROTOCOL_INFOA, szProtocol)) != 0) {
		ls_lasterr_set(WSAEFAULT);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	return LS_TRACE_RET_SOCKET(wsasocket(af, type, protocol, lpProtocolInfo ? &info : NULL, g, dwFlags));
}

int WSAAPI closesocket(SOCKET s)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s", ls_trace_socket(s));
	if (!ls_ws2_started())
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANOTINITIALISED));
	h = ls_handle_get_socket(s);
	if (!h)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	st = ls_baseprov_close_check(h);
	ls_handle_put(h);
	if (st != STATUS_SUCCESS)
		return LS_TRACE_RET_INT(ls_ws2_return(st));
	/* Another thread may have closed it between the lookup and here: then it is not ours. */
	if (ls_handle_close((intptr_t)s, LS_HANDLE_SOCKET) != 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAENOTSOCK));
	return LS_TRACE_RET_INT(0);
}

int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %ld", ls_trace_socket(s), ls_trace_sockaddr(name, (long)namelen), (long)namelen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = name ? ls_baseprov_bind(h, name, namelen) : STATUS_ACCESS_VIOLATION;
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI listen(SOCKET s, int backlog)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %ld", ls_trace_socket(s), (long)backlog);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_listen(h, backlog);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

/* accept's body, also WSAAccept's without a condition function: called directly, never
 * through the exported name (a sanitizer's interceptor would take `accept@WS2_32`, design S). */
static SOCKET accept_plain(SOCKET s, struct sockaddr *addr, int *addrlen)
{
	struct ls_handle *h, *n = NULL;
	NTSTATUS st;

	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return INVALID_SOCKET;
	}
	h = ls_handle_get_socket(s);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return INVALID_SOCKET;
	}
	st = ls_baseprov_accept(h, addr, addrlen, &n);
	ls_handle_put(h);
	return socket_return(st, n);
}

SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen)
{
	LS_TRACE_CALL("%s, %p, %p", ls_trace_socket(s), (const void *)addr, (const void *)addrlen);
	return LS_TRACE_RET_SOCKET(accept_plain(s, addr, addrlen));
}

/* WSAAccept: the condition function sees the caller and decides (CF_ACCEPT, CF_REJECT,
 * CF_DEFER). Linux has already completed the handshake, so a deferred connection is kept
 * accepted but unanswered on the listening socket and offered again by the next WSAAccept. */
SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition,
			DWORD_PTR dwCallbackData)
{
	struct ls_handle *h, *n = NULL;
	struct sockaddr_storage peer, local;
	int peer_len = sizeof peer, local_len = sizeof local, verdict;
	WSABUF caller, callee;
	GROUP g = 0;
	NTSTATUS st;
	int fd;

	LS_TRACE_CALL("%s, %p, %p, %p, %#lx", ls_trace_socket(s), (const void *)addr, (const void *)addrlen,
		 (void *)(uintptr_t)lpfnCondition, (unsigned long)dwCallbackData);
	if (!lpfnCondition)
		return LS_TRACE_RET_SOCKET(accept_plain(s, addr, addrlen));
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	h = ls_handle_get_socket(s);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	/* Checked before a connection is taken, so a bad buffer loses none (as accept). */
	st = ls_baseprov_check_addr_out(h, addr, addrlen);
	if (st == STATUS_SUCCESS)
		st = ls_baseprov_accept_fd(h, &fd);
	if (st != STATUS_SUCCESS) {
		ls_evsel_rearm(h, FD_ACCEPT);	/* re-enabled by a failed WSAAccept too */
		ls_handle_put(h);
		return LS_TRACE_RET_SOCKET(socket_return(st, NULL));
	}
	memset(&peer, 0, sizeof peer);
	memset(&local, 0, sizeof local);
	ls_baseprov_names(fd, &local, &local_len, &peer, &peer_len);
	caller.buf = (char *)&peer;
	caller.len = (ULONG)peer_len;
	callee.buf = (char *)&local;
	callee.len = (ULONG)local_len;
	verdict = lpfnCondition(&caller, NULL, NULL, NULL, &callee, NULL, &g, dwCallbackData);
	if (verdict == CF_DEFER) {
		ls_baseprov_defer(h, fd);
		ls_handle_put(h);
		ls_lasterr_set(WSATRY_AGAIN);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	/* FD_ACCEPT is re-enabled unless the connection was deferred (spec §12). */
	ls_evsel_rearm(h, FD_ACCEPT);
	if (verdict != CF_ACCEPT) {
		/* Rejected: the peer sees a reset, the caller WSAECONNREFUSED (WSAEINVAL for a
		 * value that is none of CF_*). */
		ls_baseprov_abort_fd(fd);
		ls_handle_put(h);
		ls_lasterr_set(verdict == CF_REJECT ? WSAECONNREFUSED : WSAEINVAL);
		return LS_TRACE_RET_SOCKET(INVALID_SOCKET);
	}
	st = ls_baseprov_adopt_accepted(h, fd, &n);
	ls_handle_put(h);
	if (st == STATUS_SUCCESS && addr && ls_sys_copy_out(addr, &peer, (size_t)peer_len) == 0)
		ls_sys_copy_out(addrlen, &peer_len, sizeof peer_len);
	return LS_TRACE_RET_SOCKET(socket_return(st, n));
}

int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %ld", ls_trace_socket(s), ls_trace_sockaddr(name, (long)namelen), (long)namelen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = name ? ls_baseprov_connect(h, name, namelen) : STATUS_ACCESS_VIOLATION;
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData,
		      LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s, %ld, %p, %p, %p, %p", ls_trace_socket(s), ls_trace_sockaddr(name, (long)namelen),
		 (long)namelen, (const void *)lpCallerData, (const void *)lpCalleeData, (const void *)lpSQOS,
		 (const void *)lpGQOS);
	LS_WS2_SOCKET_PROLOG(h, s);
	/* TCP/IP carries no connect data and the base provider no QoS: data buffers must be
	 * absent or empty (WSAEOPNOTSUPP otherwise, as Windows' TCP); QoS is a hint. */
	(void)lpSQOS;
	(void)lpGQOS;
	if (lpCallerData) {
		WSABUF b;
		if (ls_sys_copy_in(&b, lpCallerData, sizeof b) != 0)
			st = STATUS_ACCESS_VIOLATION;
		else
			st = b.len ? STATUS_NOT_SUPPORTED : STATUS_SUCCESS;
	} else {
		st = STATUS_SUCCESS;
	}
	if (st == STATUS_SUCCESS)
		st = name ? ls_baseprov_connect(h, name, namelen) : STATUS_ACCESS_VIOLATION;
	if (st == STATUS_SUCCESS && lpCalleeData) {
		WSABUF b = { 0, NULL };
		ls_sys_copy_out(&lpCalleeData->len, &b.len, sizeof b.len);
	}
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI shutdown(SOCKET s, int how)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %s", ls_trace_socket(s), ls_trace_how(how));
	LS_WS2_SOCKET_PROLOG(h, s);
	st = how < SD_RECEIVE || how > SD_BOTH ? STATUS_INVALID_PARAMETER : ls_baseprov_shutdown(h, how);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %p, %p", ls_trace_socket(s), (const void *)name, (const void *)namelen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_getsockname(h, name, namelen);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}

int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen)
{
	struct ls_handle *h;
	NTSTATUS st;

	LS_TRACE_CALL("%s, %p, %p", ls_trace_socket(s), (const void *)name, (const void *)namelen);
	LS_WS2_SOCKET_PROLOG(h, s);
	st = ls_baseprov_getpeername(h, name, namelen);
	ls_handle_put(h);
	return LS_TRACE_RET_INT(ls_ws2_return(st));
}
