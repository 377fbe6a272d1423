/* baseprov/opt: getsockopt/setsockopt/ioctlsocket with Windows levels, names and value formats,
 * translated through err/sockopt.def. */
#include "baseprov.h"
#include <mswsock.h>
#include "../evsel/evsel.h"
#include "../base/sys.h"
#include "../catalog/catalog.h"
#include "../err/err.h"
#include "../err/linux.h"

#include <errno.h>
#include <string.h>

enum kind {
	OPT_BOOL, OPT_BOOLEAN, OPT_BOOL_GET, OPT_INT, OPT_INT_GET, OPT_BUF, OPT_MSEC, OPT_LINGER, OPT_DONTLINGER,
	OPT_ERROR, OPT_REUSEADDR, OPT_EXCLUSIVE, OPT_RAW, OPT_MREQ, OPT_MREQ_SOURCE, OPT_MCAST_IF,
	OPT_IFINDEX_NET, OPT_DONTFRAG, OPT_PMTUD, OPT_MAXMSG, OPT_PROTOINFO_A, OPT_PROTOINFO_W,
	OPT_UPDATE_ACCEPT, OPT_UPDATE_CONNECT,
};

struct opt {
	int wlevel, wname, llevel, lname;
	enum kind kind;
};

static const struct opt opts[] = {
#define X(wl, wn, ll, ln, k) { wl, wn, ll, ln, k },
#include "../err/sockopt.def"
#undef X
};

/* Windows refuses IP_HDRINCL on anything but a raw socket with WSAEINVAL, get and set alike
 * (Wine's test_set_getsockopt, Vista and later); Linux says ENOPROTOOPT. */
static int raw_only_refused(const struct ls_handle *h, const struct opt *o)
{
	return o->wlevel == IPPROTO_IP && o->wname == IP_HDRINCL && h->u.sock.type != SOCK_RAW;
}

static const struct opt *find(int level, int name, NTSTATUS *st)
{
	int level_known = 0;

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		if (opts[i].wlevel != level)
			continue;
		level_known = 1;
		if (opts[i].wname == name)
			return &opts[i];
	}
	/* Windows: an unknown level is WSAEINVAL, an unknown option at a known level
	 * WSAENOPROTOOPT. */
	*st = level_known || level == IPPROTO_UDP ? LS_STATUS_FROM_WSA(WSAENOPROTOOPT) : STATUS_INVALID_PARAMETER;
	return NULL;
}

static NTSTATUS lx_get(struct ls_handle *h, const struct opt *o, void *v, unsigned int *len)
{
	int r = ls_sys_getsockopt(h->fd, o->llevel, o->lname, v, len);

	return r < 0 ? ls_baseprov_status(h, r) : STATUS_SUCCESS;
}

static NTSTATUS lx_set(struct ls_handle *h, int level, int name, const void *v, unsigned int len)
{
	int r = ls_sys_setsockopt(h->fd, level, name, v, len);

	return r < 0 ? ls_baseprov_status(h, r) : STATUS_SUCCESS;
}

/* Windows' Winsock error for a Linux errno, as SO_ERROR reports it. */
static int wsa_from_errno(int e)
{
	if (e == 0)
		return 0;
	if (e == EINPROGRESS)
		return WSAEWOULDBLOCK;
	return ls_err_wsa_from_status(ls_err_status_from_errno(e));
}

static int is_dword_bool(enum kind k)
{
	return k == OPT_BOOL || k == OPT_REUSEADDR || k == OPT_EXCLUSIVE || k == OPT_DONTLINGER || k == OPT_DONTFRAG;
}

NTSTATUS ls_baseprov_getsockopt(struct ls_handle *h, int level, int name, char *user_val, int *user_len)
{
	NTSTATUS st = STATUS_SUCCESS;
	const struct opt *o = find(level, name, &st);
	unsigned char out[sizeof(WSAPROTOCOL_INFOW)];
	int have, size = 4, v = 0;
	unsigned int len;

	if (!o)
		return st;
	if (raw_only_refused(h, o))
		return STATUS_INVALID_PARAMETER;
	if (!user_val || !user_len || ls_sys_copy_in(&have, user_len, sizeof have) != 0)
		return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT */
	if (have < 1)
		return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT: no room at all (Windows, any option) */
	if (o->kind == OPT_UPDATE_ACCEPT || o->kind == OPT_UPDATE_CONNECT)
		return LS_STATUS_FROM_WSA(WSAENOPROTOOPT);	/* set-only (our choice, pinned by test) */
	switch (o->kind) {
	case OPT_BOOL:
	case OPT_BOOLEAN:
	case OPT_BOOL_GET:
	case OPT_INT:
	case OPT_INT_GET:
	case OPT_BUF:
	case OPT_ERROR:
	case OPT_IFINDEX_NET:
	case OPT_PMTUD:
	case OPT_DONTFRAG:
		len = sizeof v;
		st = lx_get(h, o, &v, &len);
		if (st != STATUS_SUCCESS)
			return st;
		if (o->kind == OPT_BOOL || o->kind == OPT_BOOLEAN || o->kind == OPT_BOOL_GET)
			v = v != 0;
		if (o->kind == OPT_BOOLEAN)
			size = 1;	/* one byte written, optlen 1 */
		else if (o->kind == OPT_DONTFRAG)
			v = v == LX_IP_PMTUDISC_DO || v == LX_IP_PMTUDISC_PROBE ||
			    (v == LX_IP_PMTUDISC_WANT && h->u.sock.type == SOCK_STREAM);
		else if (o->kind == OPT_BUF)
			v = (h->u.sock.bufsize_set & (1u << (o->wname == SO_RCVBUF))) ? h->u.sock.bufsize[o->wname == SO_RCVBUF]
				: v / 2;	/* Linux reports twice the effective size */
		else if (o->kind == OPT_ERROR)
			v = wsa_from_errno(v);
		else if (o->kind == OPT_IFINDEX_NET)
			v = (int)__builtin_bswap32((uint32_t)v);
		else if (o->kind == OPT_PMTUD)
			v = v == LX_IP_PMTUDISC_DONT ? IP_PMTUDISC_DONT : v == LX_IP_PMTUDISC_DO ? IP_PMTUDISC_DO
			  : v == LX_IP_PMTUDISC_PROBE ? IP_PMTUDISC_PROBE : IP_PMTUDISC_NOT_SET;
		memcpy(out, &v, 4);
		break;
	case OPT_MSEC: {
		long tv[2];
		len = sizeof tv;
		st = lx_get(h, o, tv, &len);
		if (st != STATUS_SUCCESS)
			return st;
		DWORD ms = (DWORD)(tv[0] * 1000 + tv[1] / 1000);
		/* The value set, unless Linux's differs by more than its rounding to a tick. */
		DWORD set = h->u.sock.timeo[o->wname == SO_RCVTIMEO];
		if (ms == set || (ms > set ? ms - set : set - ms) < 20)
			ms = set;
		memcpy(out, &ms, 4);
		break;
	}
	case OPT_LINGER:
	case OPT_DONTLINGER: {
		int lg[2];
		len = sizeof lg;
		st = lx_get(h, o, lg, &len);
		if (st != STATUS_SUCCESS)
			return st;
		if (o->kind == OPT_DONTLINGER) {
			v = !lg[0];
			memcpy(out, &v, 4);
		} else {
			struct linger wl = { (u_short)(lg[0] != 0), (u_short)lg[1] };
			memcpy(out, &wl, sizeof wl);
		}
		break;
	}
	case OPT_REUSEADDR:
	case OPT_EXCLUSIVE:
		v = o->kind == OPT_REUSEADDR ? h->u.sock.reuseaddr : h->u.sock.exclusive;
		memcpy(out, &v, 4);
		break;
	case OPT_MAXMSG:
		/* Largest datagram: 65535 less the IP and UDP headers; streams have no message
		 * size (Windows answers WSAENOPROTOOPT for them). */
		if (h->u.sock.type == SOCK_STREAM)
			return LS_STATUS_FROM_WSA(WSAENOPROTOOPT);
		v = h->u.sock.af == AF_INET6 ? 65527 : 65507;
		memcpy(out, &v, 4);
		break;
	case OPT_PROTOINFO_W:
	case OPT_PROTOINFO_A: {
		const WSAPROTOCOL_INFOW *e = ls_catalog_find_id(h->u.sock.catalog_id);
		if (!e)
			return STATUS_INVALID_PARAMETER;
		if (o->kind == OPT_PROTOINFO_W) {
			size = sizeof *e;
			memcpy(out, e, sizeof *e);
		} else {
			WSAPROTOCOL_INFOA a;
			ls_catalog_info_to_a(&a, e);	/* as WSAEnumProtocolsA converts it */
			size = sizeof a;
			memcpy(out, &a, sizeof a);
		}
		break;
	}
	case OPT_RAW:
	case OPT_MREQ:
	case OPT_MREQ_SOURCE:
	case OPT_MCAST_IF: {
		unsigned char raw[64];
		len = have > 0 && have < (int)sizeof raw ? (unsigned)have : sizeof raw;
		st = lx_get(h, o, raw, &len);
		if (st != STATUS_SUCCESS)
			return st;
		size = (int)len;
		memcpy(out, raw, len);
		break;
	}
	case OPT_UPDATE_ACCEPT:
	case OPT_UPDATE_CONNECT:
		break;	/* refused above */
	}
	/* A DWORD BOOL fits a shorter buffer: Windows writes what fits and reports optlen 1. */
	if (have < size && size == 4 && is_dword_bool(o->kind)) {
		if (ls_sys_copy_out(user_val, out, (size_t)have) != 0)
			return STATUS_ACCESS_VIOLATION;
		size = 1;
		return ls_sys_copy_out(user_len, &size, sizeof size) != 0 ? STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
	}
	if (have < size)
		return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT: optlen too small */
	if (ls_sys_copy_out(user_val, out, (size_t)size) != 0 || ls_sys_copy_out(user_len, &size, sizeof size) != 0)
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_setsockopt(struct ls_handle *h, int level, int name, const char *user_val, int len)
{
	NTSTATUS st = STATUS_SUCCESS;
	const struct opt *o = find(level, name, &st);
	unsigned char in[64];
	int v = 0;

	if (!o)
		return st;
	if (raw_only_refused(h, o))
		return STATUS_INVALID_PARAMETER;
	if (o->kind == OPT_UPDATE_CONNECT) {
		/* After ConnectEx: the documented call passes no value. The socket already is what
		 * Winsock's context would make it; it must be connected (WSAENOTCONN). */
		struct ls_err_lxaddr peer;
		peer.len = sizeof peer.u.bytes;
		return ls_sys_getpeername(h->fd, peer.u.bytes, &peer.len) == 0 ? STATUS_SUCCESS : STATUS_INVALID_CONNECTION;
	}
	if (len < 0 || !user_val)
		return STATUS_ACCESS_VIOLATION;
	if (len > (int)sizeof in)
		len = sizeof in;
	if (ls_sys_copy_in(in, user_val, (size_t)len) != 0)
		return STATUS_ACCESS_VIOLATION;
	/* BOOL options take any length from 1 to 4 bytes (constants.md §4); the others need a
	 * full DWORD. */
	switch (o->kind) {
	case OPT_BOOL:
	case OPT_REUSEADDR:
	case OPT_EXCLUSIVE:
	case OPT_DONTLINGER:
	case OPT_DONTFRAG:
		if (len < 1)
			return STATUS_ACCESS_VIOLATION;
		for (int i = 0; i < len && i < 4; i++)
			v |= in[i] << (8 * i);
		break;
	case OPT_BOOLEAN:
		/* One byte, whatever optlen says (0x100 in a DWORD is FALSE, as on Windows). */
		if (len < 1)
			return STATUS_ACCESS_VIOLATION;
		v = in[0];
		break;
	case OPT_INT:
	case OPT_BUF:
	case OPT_MSEC:
	case OPT_IFINDEX_NET:
	case OPT_PMTUD:
	case OPT_LINGER:
		if (len < 4)
			return STATUS_ACCESS_VIOLATION;
		memcpy(&v, in, 4);
		break;
	default:
		break;
	}
	switch (o->kind) {
	case OPT_BOOL_GET:
	case OPT_INT_GET:
	case OPT_MAXMSG:
	case OPT_PROTOINFO_A:
	case OPT_PROTOINFO_W:
		return LS_STATUS_FROM_WSA(WSAENOPROTOOPT);	/* read-only options */
	case OPT_ERROR:
		/* Windows accepts setting SO_ERROR (Wine's tests); Linux's is read-only, so the
		 * value is dropped. */
		return STATUS_SUCCESS;
	case OPT_BOOL:
	case OPT_BOOLEAN:
		v = v != 0;
		if (o->wname == SO_OOBINLINE)
			h->u.sock.oobinline = (uint8_t)v;
		return lx_set(h, o->llevel, o->lname, &v, sizeof v);
	case OPT_INT:
		return lx_set(h, o->llevel, o->lname, &v, sizeof v);
	case OPT_BUF: {
		NTSTATUS st2 = lx_set(h, o->llevel, o->lname, &v, sizeof v);
		int i = o->wname == SO_RCVBUF;
		if (st2 == STATUS_SUCCESS) {
			h->u.sock.bufsize[i] = v;
			h->u.sock.bufsize_set |= (uint8_t)(1u << i);
		}
		return st2;
	}
	case OPT_IFINDEX_NET:
		v = (int)__builtin_bswap32((uint32_t)v);	/* host order to Linux's network order */
		return lx_set(h, o->llevel, o->lname, &v, sizeof v);
	case OPT_PMTUD:
		v = v == IP_PMTUDISC_DO ? LX_IP_PMTUDISC_DO : v == IP_PMTUDISC_DONT ? LX_IP_PMTUDISC_DONT
		  : v == IP_PMTUDISC_PROBE ? LX_IP_PMTUDISC_PROBE : v == IP_PMTUDISC_NOT_SET ? LX_IP_PMTUDISC_WANT : -1;
		if (v < 0)
			return STATUS_INVALID_PARAMETER;
		return lx_set(h, o->llevel, o->lname, &v, sizeof v);
	case OPT_DONTFRAG:
		/* Linux TCP sets DF already under its default (WANT), so Windows' FALSE is DONT there;
		 * for datagrams WANT is Windows' default of FALSE. */
		v = v ? LX_IP_PMTUDISC_DO : h->u.sock.type == SOCK_STREAM ? LX_IP_PMTUDISC_DONT : LX_IP_PMTUDISC_WANT;
		return lx_set(h, o->llevel, o->lname, &v, sizeof v);
	case OPT_MSEC: {
		/* DWORD milliseconds; 0 means wait forever on both systems. */
		long tv[2] = { (long)((DWORD)v / 1000), (long)((DWORD)v % 1000) * 1000 };
		NTSTATUS st2 = lx_set(h, o->llevel, o->lname, tv, sizeof tv);
		if (st2 == STATUS_SUCCESS)
			h->u.sock.timeo[o->wname == SO_RCVTIMEO] = (uint32_t)v;
		return st2;
	}
	case OPT_LINGER: {
		struct linger wl;
		memcpy(&wl, in, sizeof wl);
		int lg[2] = { wl.l_onoff != 0, wl.l_linger };
		return lx_set(h, o->llevel, o->lname, lg, sizeof lg);
	}
	case OPT_DONTLINGER: {
		/* SO_DONTLINGER TRUE turns linger off and keeps the timeout; FALSE turns it on. */
		int lg[2];
		unsigned int l = sizeof lg;
		NTSTATUS g = lx_get(h, o, lg, &l);
		if (g != STATUS_SUCCESS)
			return g;
		lg[0] = !v;
		return lx_set(h, o->llevel, o->lname, lg, sizeof lg);
	}
	case OPT_REUSEADDR:
	case OPT_EXCLUSIVE: {
		int on = v != 0;
		/* Windows: the two are mutually exclusive (WSAEINVAL), and either must be set
		 * before bind for SO_EXCLUSIVEADDRUSE. */
		if (on && (o->kind == OPT_REUSEADDR ? h->u.sock.exclusive : h->u.sock.reuseaddr))
			return STATUS_INVALID_PARAMETER;
		if (o->kind == OPT_EXCLUSIVE) {
			if (h->u.sock.bound)
				return STATUS_INVALID_PARAMETER;
			/* Recorded only: live sockets never carry Linux SO_REUSEADDR, and an exclusive
			 * one does not get it at close either (baseprov/sock.c). */
			h->u.sock.exclusive = (uint8_t)on;
			return STATUS_SUCCESS;
		}
		h->u.sock.reuseaddr = (uint8_t)on;
		/* Windows SO_REUSEADDR lets a socket share a port already bound. Linux: datagram
		 * sockets share with SO_REUSEADDR on both; TCP sockets with SO_REUSEPORT. */
		if (h->u.sock.type == SOCK_STREAM)
			return lx_set(h, LX_SOL_SOCKET, LX_SO_REUSEPORT, &on, sizeof on);
		return lx_set(h, LX_SOL_SOCKET, LX_SO_REUSEADDR, &on, sizeof on);
	}
	case OPT_MREQ:
		if (len < 8)
			return STATUS_ACCESS_VIOLATION;
		return lx_set(h, o->llevel, o->lname, in, 8);	/* ip_mreq: same layout */
	case OPT_MREQ_SOURCE: {
		/* Windows: multiaddr, sourceaddr, interface; Linux: multiaddr, interface, sourceaddr. */
		unsigned char m[12];
		if (len < 12)
			return STATUS_ACCESS_VIOLATION;
		memcpy(m, in, 4);
		memcpy(m + 4, in + 8, 4);
		memcpy(m + 8, in + 4, 4);
		return lx_set(h, o->llevel, o->lname, m, sizeof m);
	}
	case OPT_MCAST_IF: {
		uint32_t a;
		if (len < 4)
			return STATUS_ACCESS_VIOLATION;
		memcpy(&a, in, 4);
		/* 0.0.0.x (network order) is an interface index, not an address (constants.md §7). */
		if (a != 0 && (__builtin_bswap32(a) >> 24) == 0) {
			int mreqn[3] = { 0, 0, (int)__builtin_bswap32(a) };
			return lx_set(h, o->llevel, o->lname, mreqn, sizeof mreqn);
		}
		return lx_set(h, o->llevel, o->lname, &a, sizeof a);
	}
	case OPT_RAW:
		return lx_set(h, o->llevel, o->lname, in, (unsigned)len);
	case OPT_UPDATE_ACCEPT: {
		/* After AcceptEx: the value is the listening socket (a SOCKET). AcceptEx already
		 * made the accept socket a connected one (engine.c attempt_accept), so this only
		 * checks, and getsockname/getpeername work either way. */
		SOCKET ls;
		struct ls_handle *l;
		int listening;
		if (len < (int)sizeof ls)
			return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT */
		memcpy(&ls, in, sizeof ls);
		l = ls_handle_get_socket(ls);
		if (!l)
			return STATUS_INVALID_HANDLE;	/* WSAENOTSOCK */
		listening = l->u.sock.listening;
		ls_handle_put(l);
		return listening ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
	}
	default:
		break;
	}
	return STATUS_INVALID_PARAMETER;
}

NTSTATUS ls_baseprov_ioctl(struct ls_handle *h, long cmd, u_long *user_arg)
{
	u_long v;
	int n = 0, r;
	short rev = 0;

	if (!user_arg)
		return STATUS_ACCESS_VIOLATION;
	switch ((DWORD)cmd) {
	case (DWORD)FIONBIO:
		if (ls_sys_copy_in(&v, user_arg, sizeof v) != 0)
			return STATUS_ACCESS_VIOLATION;
		/* Blocking mode is refused while WSAEventSelect is in force (spec §12). */
		if (v == 0 && h->engine && ls_evsel_active(h))
			return STATUS_INVALID_PARAMETER;
		/* A listener's fd stays O_NONBLOCK (baseprov/sock.c ls_baseprov_listen). */
		r = ls_sys_set_nonblock(h->fd, v != 0 || h->u.sock.listening);
		if (r < 0)
			return ls_baseprov_status(h, r);
		h->u.sock.nonblocking = v != 0;
		return STATUS_SUCCESS;
	case (DWORD)FIONREAD:
		r = ls_sys_ioctl_int(h->fd, LX_FIONREAD, &n);
		if (r < 0)
			return ls_baseprov_status(h, r);
		v = (u_long)n;
		break;
	case (DWORD)SIOCATMARK:
		/* Windows answers TRUE when no urgent data waits to be read (the opposite sense of
		 * BSD's "at mark" while urgent data is pending); with SO_OOBINLINE it is BSD's. */
		if (h->u.sock.oobinline) {
			r = ls_sys_ioctl_int(h->fd, LX_SIOCATMARK, &n);
			if (r < 0)
				return ls_baseprov_status(h, r);
			v = n != 0;
		} else {
			r = ls_sys_poll1(h->fd, LX_POLLPRI, &rev, 0);
			if (r < 0)
				return ls_baseprov_status(h, r);
			v = !(rev & LX_POLLPRI);
		}
		break;
	default:
		return STATUS_INVALID_PARAMETER;	/* WSAEINVAL */
	}
	if (ls_sys_copy_out(user_arg, &v, sizeof v) != 0)
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

NTSTATUS ls_baseprov_keepalive(struct ls_handle *h, int on, uint32_t time_ms, uint32_t interval_ms)
{
	/* Windows takes milliseconds, Linux whole seconds (1..32767): round up, so a probe is never
	 * sent earlier than asked. */
	int idle = (int)((time_ms + 999u) / 1000u), intvl = (int)((interval_ms + 999u) / 1000u);
	NTSTATUS st;

	on = on != 0;
	st = lx_set(h, LX_SOL_SOCKET, LX_SO_KEEPALIVE, &on, sizeof on);
	if (st != STATUS_SUCCESS || !on)
		return st;
	idle = idle < 1 ? 1 : idle > 32767 ? 32767 : idle;
	intvl = intvl < 1 ? 1 : intvl > 32767 ? 32767 : intvl;
	st = lx_set(h, LX_SOL_TCP, LX_TCP_KEEPIDLE, &idle, sizeof idle);
	if (st == STATUS_SUCCESS)
		st = lx_set(h, LX_SOL_TCP, LX_TCP_KEEPINTVL, &intvl, sizeof intvl);
	return st;
}
