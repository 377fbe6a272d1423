/* ws2_32/netdb: name resolution. getaddrinfo, GetAddrInfoW, freeaddrinfo, FreeAddrInfoW,
 * getnameinfo, GetNameInfoW, gai_strerrorA/W, gethostname, GetHostNameW, gethostbyname,
 * gethostbyaddr, getservbyname, getservbyport, getprotobyname, getprotobynumber.
 *
 * glibc does the resolving (base/libc, reached without binding to our own exports); this file
 * turns Windows arguments into Linux ones by name and the answers into Windows layouts:
 * - getaddrinfo returns a Winsock code and also leaves it in the slot, 0 included (Wine's tests
 *   against Windows seed the slot and expect 0 after a success). Each node of the list is one
 *   allocation holding the node, its sockaddr and its name; freeaddrinfo frees node by node, so
 *   a list is freed by one call whatever its origin.
 * - gethostby*, getservby*, getprotoby* return pointers into a per-thread buffer, one per kind:
 *   a second call on the same thread overwrites the first, other threads are not disturbed, and
 *   the buffer is reused unless it must grow (Windows and Wine's tests). The hostent is laid
 *   out as Windows lays it: struct, alias pointers, address pointers, addresses, strings. */
#include "ws2.h"
#include "addrconv.h"
#include "../base/libc.h"
#include "../base/sys.h"
#include "../base/wstr.h"
#include "../err/linux.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>

/* ---- small helpers ---- */

/* Copies a caller's string (NUL included) into a new malloc'd block; *fault on a bad pointer. */
char *ls_ws2_dup_user(const char *user, int *fault)
{
	size_t cap = 256, n = 0;
	char *buf = malloc(cap);

	*fault = 0;
	if (!buf)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *nb = cap < (1u << 20) ? realloc(buf, cap * 2) : NULL;

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		if (ls_sys_copy_in(&buf[n], user + n, 1) != 0) {
			free(buf);
			*fault = 1;
			return NULL;
		}
		if (!buf[n])
			return buf;
		n++;
	}
}

/* Same for a UTF-16 string, converted to UTF-8. */
static char *dup_user_w(const WCHAR *user, int *fault)
{
	size_t cap = 128, n = 0;
	uint16_t *w = malloc(cap * sizeof *w);
	char *s;

	*fault = 0;
	if (!w)
		return NULL;
	for (;;) {
		if (n == cap) {
			uint16_t *nw = cap < (1u << 19) ? realloc(w, cap * 2 * sizeof *w) : NULL;

			if (!nw) {
				free(w);
				return NULL;
			}
			w = nw;
			cap *= 2;
		}
		if (ls_sys_copy_in(&w[n], user + n, sizeof *w) != 0) {
			free(w);
			*fault = 1;
			return NULL;
		}
		if (!w[n])
			break;
		n++;
	}
	s = ls_wstr_to_utf8_new(w);
	free(w);
	return s;
}

/* The host name Windows reports: the kernel's node name. */
static int host_name(char *buf, size_t len)
{
	return ls_sys_hostname(buf, len) < 0 ? -1 : 0;
}

/* Resolver outcome to the Winsock code the getaddrinfo family reports (errors.md 1c). */
static int wsa_from_libc(int e)
{
	switch (e) {
	case LS_LIBC_OK:
		return 0;
	case LS_LIBC_ENONAME:
		return WSAHOST_NOT_FOUND;
	case LS_LIBC_ENODATA:
		return WSANO_DATA;
	case LS_LIBC_EAGAIN:
		return WSATRY_AGAIN;
	case LS_LIBC_EFAMILY:
		return WSAEAFNOSUPPORT;
	case LS_LIBC_ESOCKTYPE:
		return WSAESOCKTNOSUPPORT;
	case LS_LIBC_ESERVICE:
		return WSATYPE_NOT_FOUND;
	case LS_LIBC_EBADFLAGS:
		return WSAEINVAL;
	case LS_LIBC_EMEMORY:
		return WSA_NOT_ENOUGH_MEMORY;
	case LS_LIBC_EOVERFLOW:
		return WSAEFAULT;
	}
	return WSANO_RECOVERY;
}

/* ---- per-thread result buffers ---- */

enum { TLS_HOST, TLS_SERV, TLS_PROTO, TLS_COUNT };

struct tls_block {
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

static tss_t tls_key[TLS_COUNT];
static once_flag tls_once = ONCE_FLAG_INIT;
static int tls_ok;

static void tls_init(void)
{
	tls_ok = 1;
	for (int i = 0; i < TLS_COUNT; i++)
		if (tss_create(&tls_key[i], free) != thrd_success)
			tls_ok = 0;
}

/* This thread's buffer of the given kind with at least need bytes; its address changes only when
 * it has to grow. Freed when the thread exits. NULL if out of memory. */
static void *tls_buf(int kind, size_t need)
{
	struct tls_block *b;

	call_once(&tls_once, tls_init);
	if (!tls_ok)
		return NULL;
	b = tss_get(tls_key[kind]);
	if (!b || b->cap < need) {
		size_t cap = need < 512 ? 512 : need;
		struct tls_block *nb = malloc(sizeof *nb + cap);

		if (!nb)
			return NULL;
		nb->cap = cap;
		if (tss_set(tls_key[kind], nb) != thrd_success) {
			free(nb);
			return NULL;
		}
		free(b);
		b = nb;
	}
	return b->data;
}

/* ---- getaddrinfo / GetAddrInfoW ---- */

/* Every AI_* flag getaddrinfo knows; anything else is EAI_BADFLAGS (AI_EXTENDED and
 * AI_RESOLUTION_HANDLE belong to GetAddrInfoEx). */
#define AI_KNOWN (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_DNS_ONLY | AI_ALL | \
		  AI_ADDRCONFIG | AI_V4MAPPED | AI_NON_AUTHORITATIVE | AI_SECURE | AI_RETURN_PREFERRED_NAMES | \
		  AI_FQDN | AI_FILESERVER | AI_DISABLE_IDN_ENCODING)

/* Windows AI_* to Linux, flag by flag (the values differ: constants.md 12). Flags Linux has no
 * use for (DNS_ONLY, SECURE, FQDN...) change nothing in what glibc returns and are dropped. */
static int ai_flags_to_linux(int f)
{
	int l = 0;

	if (f & AI_PASSIVE)
		l |= LS_LIBC_AI_PASSIVE;
	if (f & (AI_CANONNAME | AI_FQDN))
		l |= LS_LIBC_AI_CANONNAME;
	if (f & AI_NUMERICHOST)
		l |= LS_LIBC_AI_NUMERICHOST;
	if (f & AI_ALL)
		l |= LS_LIBC_AI_ALL;
	if (f & AI_ADDRCONFIG)
		l |= LS_LIBC_AI_ADDRCONFIG;
	if (f & AI_V4MAPPED)
		l |= LS_LIBC_AI_V4MAPPED;
	return l;
}

static int socktype_to_linux(int t)
{
	switch (t) {
	case SOCK_STREAM:
		return LX_SOCK_STREAM;
	case SOCK_DGRAM:
		return LX_SOCK_DGRAM;
	case SOCK_RAW:
		return LX_SOCK_RAW;
	case SOCK_RDM:
		return LX_SOCK_RDM;
	case SOCK_SEQPACKET:
		return LX_SOCK_SEQPACKET;
	}
	return -1;
}

/* The service as a port (host order). Windows takes "" like NULL: port 0 (Wine's tests). */
static int service_port(const char *service, int flags, int socktype, int protocol, unsigned *port)
{
	struct ls_libc_serv se;
	char buf[1024];
	const char *protos[2];
	int np = 0;
	unsigned long v = 0;
	const char *p;

	*port = 0;
	if (!service || !*service)
		return 0;
	for (p = service; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 0xffff)
			return WSATYPE_NOT_FOUND;
	}
	if (!*p) {
		*port = (unsigned)v;
		return 0;
	}
	if (flags & AI_NUMERICSERV)
		return WSAHOST_NOT_FOUND;	/* glibc's EAI_NONAME for a name with AI_NUMERICSERV */
	/* A named service is looked up for the protocol the socket type implies (else the
	 * protocol), TCP first when neither says. */
	if (socktype == SOCK_DGRAM || (!socktype && protocol == IPPROTO_UDP)) {
		protos[np++] = "udp";
	} else if (socktype == SOCK_STREAM || (!socktype && protocol == IPPROTO_TCP)) {
		protos[np++] = "tcp";
	} else {
		protos[np++] = "tcp";
		protos[np++] = "udp";
	}
	for (int i = 0; i < np; i++) {
		if (ls_libc_getservbyname(service, protos[i], &se, buf, sizeof buf) == LS_LIBC_OK) {
			*port = (unsigned)(((se.port & 0xff) << 8) | ((se.port >> 8) & 0xff));
			return 0;
		}
	}
	return WSATYPE_NOT_FOUND;
}

/* "[v6]" and "[v6]:port" name a numeric IPv6 address on Windows (the port part is ignored:
 * Wine's tests get port 0 from "[beef::cafe]:10239"). Returns the address inside, in place. */
static char *strip_brackets(char *node)
{
	uint8_t a[16];
	const char *end;
	char *close;

	if (node[0] != '[' || !(close = strchr(node, ']')))
		return node;
	*close = 0;
	if (!ls_ws2_addr_parse6(node + 1, a, &end) || (*end && *end != '%')) {
		*close = ']';
		return node;
	}
	return node + 1;
}

struct gai_req {
	int flags, family, socktype, protocol;
};

/* Resolves into a Linux list; 0 or a Winsock code. node and service are UTF-8, our memory. */
static int gai_resolve(char *node, const char *service, const struct gai_req *rq, struct ls_libc_ai **out,
		       unsigned *port)
{
	struct ls_libc_hints lh;
	char self[256];
	int e;

	*out = NULL;
	if (rq->flags & ~AI_KNOWN)
		return WSAEINVAL;
	if ((rq->flags & AI_CANONNAME) && (rq->flags & AI_FQDN))
		return WSAEINVAL;
	if (rq->family != AF_UNSPEC && rq->family != AF_INET && rq->family != AF_INET6)
		return WSAEAFNOSUPPORT;
	if (rq->socktype && socktype_to_linux(rq->socktype) < 0)
		return WSAESOCKTNOSUPPORT;
	if (!node && !service)
		return WSAHOST_NOT_FOUND;
	e = service_port(service, rq->flags, rq->socktype, rq->protocol, port);
	if (e)
		return e;
	/* "" is this host, as its own name is (Wine's tests compare the two answers). */
	if (node && !*node) {
		if (host_name(self, sizeof self) < 0)
			return WSANO_RECOVERY;
		node = self;
	}
	if (node)
		node = strip_brackets(node);
	memset(&lh, 0, sizeof lh);
	lh.flags = ai_flags_to_linux(rq->flags);
	lh.family = ls_err_af_to_linux(rq->family);
	/* One answer per address, as Windows gives: ask glibc for one socket type only and put the
	 * caller's socktype and protocol on each node afterwards. */
	lh.socktype = LX_SOCK_STREAM;
	/* glibc needs a node or a service; the port is applied by us. */
	e = ls_libc_getaddrinfo(node, node ? NULL : "0", &lh, out);
	if (e != LS_LIBC_OK && node == self) {
		/* Windows always resolves its own name; a host whose name is in no database answers
		 * with loopback rather than failing. */
		e = ls_libc_getaddrinfo("localhost", NULL, &lh, out);
	}
	return wsa_from_libc(e);
}

/* Builds one Windows node of the A (wide = 0) or W layout from a Linux result. */
static void *gai_node(const struct ls_libc_ai *l, const struct gai_req *rq, unsigned port, const char *canon,
		      int wide)
{
	size_t hdr = wide ? sizeof(ADDRINFOW) : sizeof(ADDRINFOA);
	size_t salen = l->family == LX_AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
	size_t cn = 0, off_sa = (hdr + 7) & ~(size_t)7, off_cn = off_sa + salen;
	unsigned char *blk;
	uint16_t fam;
	uint8_t pb[2] = { (uint8_t)(port >> 8), (uint8_t)port };

	if (canon)
		cn = wide ? ls_wstr_from_utf8(NULL, 0, canon) * sizeof(uint16_t) : strlen(canon) + 1;
	off_cn = (off_cn + 1) & ~(size_t)1;
	blk = calloc(1, off_cn + cn);
	if (!blk)
		return NULL;
	/* Linux and Windows sockaddr_in/in6 share their layout; only the family value differs. */
	memcpy(blk + off_sa, l->addr, l->addrlen < salen ? l->addrlen : salen);
	fam = (uint16_t)ls_err_af_from_linux(l->family);
	memcpy(blk + off_sa, &fam, sizeof fam);
	memcpy(blk + off_sa + 2, pb, 2);
	if (wide) {
		ADDRINFOW *a = (ADDRINFOW *)blk;

		a->ai_family = fam;
		a->ai_socktype = rq->socktype;
		a->ai_protocol = rq->protocol;
		a->ai_addrlen = salen;
		a->ai_addr = (struct sockaddr *)(blk + off_sa);
		if (canon) {
			a->ai_canonname = (PWSTR)(blk + off_cn);
			ls_wstr_from_utf8((uint16_t *)a->ai_canonname, cn / sizeof(uint16_t), canon);
		}
	} else {
		ADDRINFOA *a = (ADDRINFOA *)blk;

		a->ai_family = fam;
		a->ai_socktype = rq->socktype;
		a->ai_protocol = rq->protocol;
		a->ai_addrlen = salen;
		a->ai_addr = (struct sockaddr *)(blk + off_sa);
		if (canon) {
			a->ai_canonname = (char *)(blk + off_cn);
			memcpy(a->ai_canonname, canon, cn);
		}
	}
	return blk;
}

static void free_list_a(ADDRINFOA *a)
{
	while (a) {
		ADDRINFOA *next = a->ai_next;

		free(a);
		a = next;
	}
}

static void free_list_w(ADDRINFOW *a)
{
	while (a) {
		ADDRINFOW *next = a->ai_next;

		free(a);
		a = next;
	}
}

static int same_addr(const struct ls_libc_ai *a, const struct ls_libc_ai *b)
{
	return a->family == b->family && a->addrlen == b->addrlen && !memcmp(a->addr, b->addr, a->addrlen);
}

/* Converts the Linux list into a Windows one (duplicates dropped); 0 or WSA_NOT_ENOUGH_MEMORY. */
static int gai_build(const struct ls_libc_ai *list, const struct gai_req *rq, unsigned port, int wide, void **out)
{
	void *head = NULL, **tail = &head;
	const char *canon = NULL;

	if ((rq->flags & (AI_CANONNAME | AI_FQDN)) && list->canonname)
		canon = list->canonname;
	for (const struct ls_libc_ai *l = list; l; l = l->next) {
		const struct ls_libc_ai *d;
		void *n;

		for (d = list; d != l && !same_addr(d, l); d = d->next)
			;
		if (d != l)
			continue;
		n = gai_node(l, rq, port, canon, wide);
		if (!n) {
			if (wide)
				free_list_w(head);
			else
				free_list_a(head);
			return WSA_NOT_ENOUGH_MEMORY;
		}
		canon = NULL;	/* the canonical name rides on the first node only */
		*tail = n;
		tail = wide ? (void **)&((ADDRINFOW *)n)->ai_next : (void **)&((ADDRINFOA *)n)->ai_next;
	}
	*out = head;
	return 0;
}

/* The shared body of getaddrinfo and GetAddrInfoW. hints is a caller pointer to either layout
 * (their first four ints are the same fields). */
static int gai_common(const void *node_user, const void *service_user, const void *hints, void *res_user,
		      int wide)
{
	struct gai_req rq = { 0, AF_UNSPEC, 0, 0 };
	struct ls_libc_ai *list = NULL;
	char *node = NULL, *service = NULL;
	void *result = NULL, *null = NULL;
	unsigned port = 0;
	int e = 0, fault = 0;

	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return WSANOTINITIALISED;
	}
	/* Whatever happens next, *ppResult is NULL unless a list is returned (Wine's tests). */
	if (ls_sys_copy_out(res_user, &null, sizeof null) != 0) {
		e = WSAEFAULT;
		goto out;
	}
	if (hints) {
		int h[4];

		if (ls_sys_copy_in(h, hints, sizeof h) != 0) {
			e = WSAEFAULT;
			goto out;
		}
		rq.flags = h[0];
		rq.family = h[1];
		rq.socktype = h[2];
		rq.protocol = h[3];
	}
	if (node_user) {
		node = wide ? dup_user_w(node_user, &fault) : ls_ws2_dup_user(node_user, &fault);
		if (!node) {
			e = fault ? WSAEFAULT : WSA_NOT_ENOUGH_MEMORY;
			goto out;
		}
	}
	if (service_user) {
		service = wide ? dup_user_w(service_user, &fault) : ls_ws2_dup_user(service_user, &fault);
		if (!service) {
			e = fault ? WSAEFAULT : WSA_NOT_ENOUGH_MEMORY;
			goto out_free;
		}
	}
	e = gai_resolve(node, service, &rq, &list, &port);
	if (!e)
		e = gai_build(list, &rq, port, wide, &result);
	ls_libc_freeaddrinfo(list);
	if (!e && ls_sys_copy_out(res_user, &result, sizeof result) != 0) {
		if (wide)
			free_list_w(result);
		else
			free_list_a(result);
		e = WSAEFAULT;
	}
out_free:
	free(node);
	free(service);
out:
	ls_lasterr_set((uint32_t)e);
	return e;
}

INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints, PADDRINFOA *ppResult)
{
	LS_TRACE_CALL("%s, %s, %s, %p", ls_trace_str(pNodeName), ls_trace_str(pServiceName), ls_trace_hints(pHints),
		 (const void *)ppResult);
	return LS_TRACE_RET_CODE(gai_common(pNodeName, pServiceName, pHints, ppResult, 0));
}

INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints, PADDRINFOW *ppResult)
{
	LS_TRACE_CALL("%s, %s, %s, %p", ls_trace_wstr((const uint16_t *)pNodeName),
		 ls_trace_wstr((const uint16_t *)pServiceName), ls_trace_hints(pHints), (const void *)ppResult);
	return LS_TRACE_RET_CODE(gai_common(pNodeName, pServiceName, pHints, ppResult, 1));
}

VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo)
{
	LS_TRACE_CALL("%p", (const void *)pAddrInfo);
	free_list_a(pAddrInfo);
}

VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo)
{
	LS_TRACE_CALL("%p", (const void *)pAddrInfo);
	free_list_w(pAddrInfo);
}

/* ---- getnameinfo / GetNameInfoW ---- */

static int ni_flags_to_linux(int f)
{
	int l = 0;

	if (f & NI_NOFQDN)
		l |= LS_LIBC_NI_NOFQDN;
	if (f & NI_NUMERICHOST)
		l |= LS_LIBC_NI_NUMERICHOST;
	if (f & NI_NAMEREQD)
		l |= LS_LIBC_NI_NAMEREQD;
	if (f & NI_NUMERICSERV)
		l |= LS_LIBC_NI_NUMERICSERV;
	if (f & NI_DGRAM)
		l |= LS_LIBC_NI_DGRAM;
	return l;
}

/* Resolves into host/serv (our buffers, NI_MAXHOST / NI_MAXSERV); 0 or a Winsock code. Checks
 * follow Microsoft's reference page: neither buffer wanted is EAI_NONAME, a wanted buffer of
 * length 0 is EAI_BADFLAGS, a bad or short sockaddr is WSAEFAULT, other families EAI_FAMILY. */
static int gni_resolve(const SOCKADDR *sa, socklen_t salen, int want_host, DWORD hostlen, int want_serv,
		       DWORD servlen, INT flags, char *host, char *serv)
{
	struct ls_err_lxaddr lx;
	NTSTATUS st;
	int e;

	if (flags & ~(NI_NOFQDN | NI_NUMERICHOST | NI_NAMEREQD | NI_NUMERICSERV | NI_DGRAM))
		return WSAEINVAL;
	if (!want_host && !want_serv)
		return WSAHOST_NOT_FOUND;
	if ((want_host && !hostlen) || (want_serv && !servlen))
		return WSAEINVAL;
	if (!sa)
		return WSAEFAULT;
	st = ls_err_sockaddr_to_linux(sa, salen, &lx);
	if (st != STATUS_SUCCESS)
		return ls_err_wsa_from_status(st);
	if (lx.u.family != LX_AF_INET && lx.u.family != LX_AF_INET6)
		return WSAEAFNOSUPPORT;
	e = ls_libc_getnameinfo(lx.u.bytes, lx.len, want_host ? host : NULL, want_host ? NI_MAXHOST : 0,
				want_serv ? serv : NULL, want_serv ? NI_MAXSERV : 0, ni_flags_to_linux(flags));
	return wsa_from_libc(e);
}

INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PCHAR pNodeBuffer, DWORD NodeBufferSize,
		       PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
{
	char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
	int e;

	LS_TRACE_CALL("%s, %lu, %p, %lu, %p, %lu, %ld", ls_trace_sockaddr(pSockaddr, (long)SockaddrLength),
		 (unsigned long)SockaddrLength, (const void *)pNodeBuffer, (unsigned long)NodeBufferSize,
		 (const void *)pServiceBuffer, (unsigned long)ServiceBufferSize, (long)Flags);
	if (!ls_ws2_started())
		return LS_TRACE_RET_CODE((ls_ws2_fail(WSANOTINITIALISED), WSANOTINITIALISED));
	e = gni_resolve(pSockaddr, SockaddrLength, pNodeBuffer != NULL, NodeBufferSize, pServiceBuffer != NULL,
			ServiceBufferSize, Flags, host, serv);
	/* A buffer too short for its answer is WSAEFAULT (glibc's EAI_OVERFLOW). */
	if (!e && pNodeBuffer &&
	    (strlen(host) + 1 > NodeBufferSize || ls_sys_copy_out(pNodeBuffer, host, strlen(host) + 1) != 0))
		e = WSAEFAULT;
	if (!e && pServiceBuffer &&
	    (strlen(serv) + 1 > ServiceBufferSize || ls_sys_copy_out(pServiceBuffer, serv, strlen(serv) + 1) != 0))
		e = WSAEFAULT;
	ls_lasterr_set((uint32_t)e);
	return LS_TRACE_RET_CODE(e);
}

/* Writes UTF-8 s as UTF-16 into a caller buffer of cap units; 0 or WSAEFAULT. */
static int put_wide(WCHAR *user, DWORD cap, const char *s)
{
	uint16_t w[NI_MAXHOST];
	size_t n = ls_wstr_from_utf8(w, sizeof w / sizeof w[0], s);

	if (n > cap || n > sizeof w / sizeof w[0] || ls_sys_copy_out(user, w, n * sizeof w[0]) != 0)
		return WSAEFAULT;
	return 0;
}

INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PWCHAR pNodeBuffer, DWORD NodeBufferSize,
			PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
{
	char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
	int e;

	LS_TRACE_CALL("%s, %lu, %p, %lu, %p, %lu, %ld", ls_trace_sockaddr(pSockaddr, (long)SockaddrLength),
		 (unsigned long)SockaddrLength, (const void *)pNodeBuffer, (unsigned long)NodeBufferSize,
		 (const void *)pServiceBuffer, (unsigned long)ServiceBufferSize, (long)Flags);
	if (!ls_ws2_started())
		return LS_TRACE_RET_CODE((ls_ws2_fail(WSANOTINITIALISED), WSANOTINITIALISED));
	e = gni_resolve(pSockaddr, SockaddrLength, pNodeBuffer != NULL, NodeBufferSize, pServiceBuffer != NULL,
			ServiceBufferSize, Flags, host, serv);
	if (!e && pNodeBuffer)
		e = put_wide(pNodeBuffer, NodeBufferSize, host);
	if (!e && pServiceBuffer)
		e = put_wide(pServiceBuffer, ServiceBufferSize, serv);
	ls_lasterr_set((uint32_t)e);
	return LS_TRACE_RET_CODE(e);
}

/* ---- gai_strerrorA / gai_strerrorW ---- */

/* On Windows these are header-inline functions returning FormatMessage's system text for the
 * code; these are those texts, with an unknown code getting Windows' generic one. */
static const char *gai_text(int code)
{
	switch (code) {
	case 0:
		return "The operation completed successfully.";
	case WSATRY_AGAIN:
		return "This is usually a temporary error during hostname resolution and means that the local "
		       "server did not receive a response from an authoritative server.";
	case WSAEINVAL:
		return "An invalid argument was supplied.";
	case WSANO_RECOVERY:
		return "A non-recoverable error occurred during a database lookup.";
	case WSAEAFNOSUPPORT:
		return "An address incompatible with the requested protocol was used.";
	case WSA_NOT_ENOUGH_MEMORY:
		return "Not enough memory resources are available to process this command.";
	case WSAHOST_NOT_FOUND:
		return "No such host is known.";
	case WSATYPE_NOT_FOUND:
		return "The specified class was not found.";
	case WSAESOCKTNOSUPPORT:
		return "The support for the specified socket type does not exist in this address family.";
	case WSANO_DATA:
		return "The requested name is valid, but no data of the requested type was found.";
	case WSAEFAULT:
		return "The system detected an invalid pointer address in attempting to use a pointer argument "
		       "in a call.";
	}
	return "Unknown error";
}

char *WSAAPI gai_strerrorA(int ecode)
{
	LS_TRACE_CALL("%ld", (long)ecode);
	/* The SDK's inline version formats into a static buffer; ours is per thread. */
	static __thread char buf[256];

	strncpy(buf, gai_text(ecode), sizeof buf - 1);
	return LS_TRACE_RET_PTR((char *)buf);
}

WCHAR *WSAAPI gai_strerrorW(int ecode)
{
	static __thread uint16_t buf[256];

	LS_TRACE_CALL("%ld", (long)ecode);
	ls_wstr_from_utf8(buf, sizeof buf / sizeof buf[0], gai_text(ecode));
	return LS_TRACE_RET_PTR((WCHAR *)buf);
}

/* ---- gethostname / GetHostNameW ---- */

/* The name, or a Winsock code: WSANOTINITIALISED before WSAStartup, WSAEFAULT for a NULL buffer
 * or one too short for the name and its terminator (the buffer is then left untouched). */
static int hostname_check(const void *name, int namelen, size_t need)
{
	if (!ls_ws2_started())
		return WSANOTINITIALISED;
	if (!name || namelen < 0 || (size_t)namelen < need)
		return WSAEFAULT;
	return 0;
}

int WSAAPI gethostname(char *name, int namelen)
{
	char hn[256];
	int e;

	LS_TRACE_CALL("%p, %ld", (const void *)name, (long)namelen);
	if (host_name(hn, sizeof hn) < 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANO_RECOVERY));
	e = hostname_check(name, namelen, strlen(hn) + 1);
	if (e)
		return LS_TRACE_RET_INT(ls_ws2_fail(e));
	if (ls_sys_copy_out(name, hn, strlen(hn) + 1) != 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));
	return LS_TRACE_RET_INT(0);
}

int WSAAPI GetHostNameW(PWSTR name, int namelen)
{
	char hn[256];
	uint16_t w[256];
	size_t n;
	int e;

	LS_TRACE_CALL("%p, %ld", (const void *)name, (long)namelen);
	if (host_name(hn, sizeof hn) < 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSANO_RECOVERY));
	n = ls_wstr_from_utf8(w, sizeof w / sizeof w[0], hn);
	e = hostname_check(name, namelen, n);
	if (e)
		return LS_TRACE_RET_INT(ls_ws2_fail(e));
	if (ls_sys_copy_out(name, w, n * sizeof w[0]) != 0)
		return LS_TRACE_RET_INT(ls_ws2_fail(WSAEFAULT));
	return LS_TRACE_RET_INT(0);
}

/* ---- gethostbyname / gethostbyaddr ---- */

/* Lays a hostent out in this thread's buffer as Windows does: struct, alias pointers, address
 * pointers, addresses, then the strings. */
static struct hostent *host_build(const char *name, char *const *aliases, int af, int alen, char *const *addrs)
{
	size_t na = 0, nd = 0, size, slen = strlen(name) + 1;
	struct hostent *he;
	char **ap, *p;

	for (; aliases && aliases[na]; na++)
		slen += strlen(aliases[na]) + 1;
	while (addrs[nd])
		nd++;
	size = sizeof *he + (na + 1 + nd + 1) * sizeof(char *) + nd * (size_t)alen + slen;
	he = tls_buf(TLS_HOST, size);
	if (!he)
		return NULL;
	ap = (char **)(he + 1);
	he->h_aliases = ap;
	he->h_addr_list = ap + na + 1;
	p = (char *)(he->h_addr_list + nd + 1);
	for (size_t i = 0; i < nd; i++, p += alen) {
		memcpy(p, addrs[i], (size_t)alen);
		he->h_addr_list[i] = p;
	}
	he->h_addr_list[nd] = NULL;
	he->h_name = p;
	p = stpcpy(p, name) + 1;
	for (size_t i = 0; i < na; i++) {
		he->h_aliases[i] = p;
		p = stpcpy(p, aliases[i]) + 1;
	}
	he->h_aliases[na] = NULL;
	he->h_addrtype = (short)af;
	he->h_length = (short)alen;
	return he;
}

/* h_errno-style failures as Windows reports them in the slot. */
static int wsa_from_host_err(int e)
{
	switch (e) {
	case LS_LIBC_ENONAME:
		return WSAHOST_NOT_FOUND;
	case LS_LIBC_ENODATA:
		return WSANO_DATA;
	case LS_LIBC_EAGAIN:
		return WSATRY_AGAIN;
	case LS_LIBC_EMEMORY:
		return WSAENOBUFS;
	}
	return WSANO_RECOVERY;
}

/* Runs a glibc *_r lookup with a scratch buffer that grows until the answer fits. */
#define WITH_SCRATCH(call, r) \
	do { \
		size_t cap_ = 2048; \
		for (;;) { \
			scratch = malloc(cap_); \
			if (!scratch) { \
				(r) = LS_LIBC_EMEMORY; \
				break; \
			} \
			(r) = (call); \
			if ((r) != LS_LIBC_EOVERFLOW || cap_ >= (1u << 20)) \
				break; \
			free(scratch); \
			scratch = NULL; \
			cap_ *= 4; \
		} \
	} while (0)

static struct hostent *host_from_libc(const struct ls_libc_host *h)
{
	return host_build(h->name, h->aliases, ls_err_af_from_linux(h->addrtype), h->length, h->addrs);
}

struct hostent *WSAAPI gethostbyname(const char *name)
{
	struct ls_libc_host h;
	struct hostent *he = NULL;
	char hn[256], *buf = NULL, *scratch = NULL;
	const char *q, *end;
	uint8_t a[4];
	int fault = 0, r;

	LS_TRACE_CALL("%s", ls_trace_str(name));
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	if (name) {
		buf = ls_ws2_dup_user(name, &fault);
		if (!buf) {
			ls_ws2_fail(fault ? WSAEFAULT : WSAENOBUFS);
			return LS_TRACE_RET_PTR(NULL);
		}
	}
	/* NULL and "" mean this host (Microsoft's reference page). */
	q = buf && *buf ? buf : NULL;
	if (!q) {
		if (host_name(hn, sizeof hn) < 0) {
			ls_ws2_fail(WSANO_RECOVERY);
			goto out;
		}
		q = hn;
	}
	/* A dotted IPv4 string comes back as itself, without a lookup. */
	if (ls_ws2_addr_parse4_loose(q, a, &end) && !*end) {
		char *addrs[2] = { (char *)a, NULL };

		he = host_build(q, NULL, AF_INET, 4, addrs);
		if (!he)
			ls_ws2_fail(WSAENOBUFS);
		goto out;
	}
	WITH_SCRATCH(ls_libc_gethostbyname(q, LX_AF_INET, &h, scratch, cap_), r);
	if (r != LS_LIBC_OK && q == hn) {
		/* This host always resolves on Windows, even when no database lists its name. */
		static const uint8_t lo[4] = { 127, 0, 0, 1 };
		char *addrs[2] = { (char *)lo, NULL };

		he = host_build(hn, NULL, AF_INET, 4, addrs);
		if (!he)
			ls_ws2_fail(WSAENOBUFS);
		goto out;
	}
	if (r != LS_LIBC_OK) {
		ls_ws2_fail(wsa_from_host_err(r));
		goto out;
	}
	he = host_from_libc(&h);
	if (!he)
		ls_ws2_fail(WSAENOBUFS);
out:
	free(scratch);
	free(buf);
	return LS_TRACE_RET_PTR(he);
}

struct hostent *WSAAPI gethostbyaddr(const char *addr, int len, int type)
{
	struct ls_libc_host h;
	struct hostent *he;
	char *scratch = NULL;
	uint8_t a[16];
	int need, r;

	LS_TRACE_CALL("%p, %ld, %s", (const void *)addr, (long)len, ls_trace_af(type));
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	if (type == AF_INET)
		need = 4;
	else if (type == AF_INET6)
		need = 16;
	else
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSAEAFNOSUPPORT), NULL));
	if (len != need || !addr || ls_sys_copy_in(a, addr, (size_t)need) != 0)
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSAEFAULT), NULL));
	WITH_SCRATCH(ls_libc_gethostbyaddr(a, (unsigned)need, ls_err_af_to_linux(type), &h, scratch, cap_), r);
	if (r != LS_LIBC_OK) {
		free(scratch);
		return LS_TRACE_RET_PTR((ls_ws2_fail(wsa_from_host_err(r)), NULL));
	}
	he = host_from_libc(&h);
	free(scratch);
	if (!he)
		ls_ws2_fail(WSAENOBUFS);
	return LS_TRACE_RET_PTR(he);
}

/* ---- getservbyname / getservbyport ---- */

/* x64 servent in this thread's buffer: struct, alias pointers, strings. */
static struct servent *serv_build(const struct ls_libc_serv *s)
{
	size_t na = 0, slen = strlen(s->name) + 1 + strlen(s->proto) + 1;
	struct servent *se;
	char **ap, *p;

	for (; s->aliases && s->aliases[na]; na++)
		slen += strlen(s->aliases[na]) + 1;
	se = tls_buf(TLS_SERV, sizeof *se + (na + 1) * sizeof(char *) + slen);
	if (!se)
		return NULL;
	ap = (char **)(se + 1);
	p = (char *)(ap + na + 1);
	se->s_aliases = ap;
	se->s_name = p;
	p = stpcpy(p, s->name) + 1;
	for (size_t i = 0; i < na; i++) {
		ap[i] = p;
		p = stpcpy(p, s->aliases[i]) + 1;
	}
	ap[na] = NULL;
	se->s_proto = p;
	stpcpy(p, s->proto);
	se->s_port = (short)s->port;	/* already network order */
	return se;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Both lookups fail with WSANO_DATA (valid name, no such entry) and need WSAStartup (ReactOS'
 * nostartup test). Windows matches service names without regard to case. */
struct servent *WSAAPI getservbyname(const char *name, const char *proto)
{
	struct ls_libc_serv s;
	struct servent *se = NULL;
	char *n = NULL, *pr = NULL, *scratch = NULL;
	int fault = 0, r;

	LS_TRACE_CALL("%s, %s", ls_trace_str(name), ls_trace_str(proto));
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	if (!name)
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANO_DATA), NULL));
	n = ls_ws2_dup_user(name, &fault);
	if (n && proto)
		pr = ls_ws2_dup_user(proto, &fault);
	if (!n || (proto && !pr)) {
		ls_ws2_fail(fault ? WSAEFAULT : WSAENOBUFS);
		goto out;
	}
	WITH_SCRATCH(ls_libc_getservbyname(n, pr, &s, scratch, cap_), r);
	if (r == LS_LIBC_ENONAME) {
		lower(n);
		if (pr)
			lower(pr);
		free(scratch);
		scratch = NULL;
		WITH_SCRATCH(ls_libc_getservbyname(n, pr, &s, scratch, cap_), r);
	}
	if (r != LS_LIBC_OK) {
		ls_ws2_fail(r == LS_LIBC_EMEMORY ? WSAENOBUFS : WSANO_DATA);
		goto out;
	}
	se = serv_build(&s);
	if (!se)
		ls_ws2_fail(WSAENOBUFS);
out:
	free(scratch);
	free(pr);
	free(n);
	return LS_TRACE_RET_PTR(se);
}

struct servent *WSAAPI getservbyport(int port, const char *proto)
{
	struct ls_libc_serv s;
	struct servent *se = NULL;
	char *pr = NULL, *scratch = NULL;
	int fault = 0, r;

	LS_TRACE_CALL("%ld, %s", (long)port, ls_trace_str(proto));
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	if (proto) {
		pr = ls_ws2_dup_user(proto, &fault);
		if (!pr)
			return LS_TRACE_RET_PTR((ls_ws2_fail(fault ? WSAEFAULT : WSAENOBUFS), NULL));
		lower(pr);
	}
	/* port is in network order in its low 16 bits, as glibc also takes it. */
	WITH_SCRATCH(ls_libc_getservbyport(port & 0xffff, pr, &s, scratch, cap_), r);
	if (r != LS_LIBC_OK)
		ls_ws2_fail(r == LS_LIBC_EMEMORY ? WSAENOBUFS : WSANO_DATA);
	else if (!(se = serv_build(&s)))
		ls_ws2_fail(WSAENOBUFS);
	free(scratch);
	free(pr);
	return LS_TRACE_RET_PTR(se);
}

/* ---- getprotobyname / getprotobynumber ---- */

/* Windows answers from its own protocol table (%SystemRoot%\system32\drivers\etc\protocol), not
 * the host's: these entries, lower-case name and one capitalised alias each, and nothing else
 * (Wine's tests: sctp, 132, is unknown on Windows although Linux lists it). */
static const struct {
	short num;
	const char *name, *alias;
} protocols[] = {
	{ 0, "ip", "IP" },
	{ 1, "icmp", "ICMP" },
	{ 3, "ggp", "GGP" },
	{ 6, "tcp", "TCP" },
	{ 8, "egp", "EGP" },
	{ 12, "pup", "PUP" },
	{ 17, "udp", "UDP" },
	{ 20, "hmp", "HMP" },
	{ 22, "xns-idp", "XNS-IDP" },
	{ 27, "rdp", "RDP" },
	{ 41, "ipv6", "IPv6" },
	{ 43, "ipv6-route", "IPv6-Route" },
	{ 44, "ipv6-frag", "IPv6-Frag" },
	{ 50, "esp", "ESP" },
	{ 51, "ah", "AH" },
	{ 58, "ipv6-icmp", "IPv6-ICMP" },
	{ 59, "ipv6-nonxt", "IPv6-NoNxt" },
	{ 60, "ipv6-opts", "IPv6-Opts" },
	{ 66, "rvd", "RVD" },
};

struct proto_buf {
	struct protoent pe;
	char *aliases[2];
	char name[16], alias[16];
};

static struct protoent *proto_build(int i)
{
	struct proto_buf *b = tls_buf(TLS_PROTO, sizeof *b);

	if (!b)
		return ls_ws2_fail(WSAENOBUFS), NULL;
	strcpy(b->name, protocols[i].name);
	strcpy(b->alias, protocols[i].alias);
	b->aliases[0] = b->alias;
	b->aliases[1] = NULL;
	b->pe.p_name = b->name;
	b->pe.p_aliases = b->aliases;
	b->pe.p_proto = protocols[i].num;
	return &b->pe;
}

struct protoent *WSAAPI getprotobyname(const char *name)
{
	char buf[64];
	size_t n = 0;

	LS_TRACE_CALL("%s", ls_trace_str(name));
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	if (!name)
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANO_DATA), NULL));
	for (;; n++) {
		if (n == sizeof buf)
			return LS_TRACE_RET_PTR((ls_ws2_fail(WSANO_DATA), NULL));
		if (ls_sys_copy_in(&buf[n], name + n, 1) != 0)
			return LS_TRACE_RET_PTR((ls_ws2_fail(WSAEFAULT), NULL));
		if (!buf[n])
			break;
	}
	/* Names and aliases match without regard to case ("TCP", "Tcp"). */
	for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
		if (!strcasecmp(buf, protocols[i].name) || !strcasecmp(buf, protocols[i].alias))
			return LS_TRACE_RET_PTR(proto_build((int)i));
	return LS_TRACE_RET_PTR((ls_ws2_fail(WSANO_DATA), NULL));
}

struct protoent *WSAAPI getprotobynumber(int number)
{
	LS_TRACE_CALL("%ld", (long)number);
	if (!ls_ws2_started())
		return LS_TRACE_RET_PTR((ls_ws2_fail(WSANOTINITIALISED), NULL));
	for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
		if (protocols[i].num == number)
			return LS_TRACE_RET_PTR(proto_build((int)i));
	return LS_TRACE_RET_PTR((ls_ws2_fail(WSANO_DATA), NULL));
}
