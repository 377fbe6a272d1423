/* base/libc: glibc's resolver behind neutral types (see libc.h). A Linux-side file: glibc
 * headers only, never ours (docs/design.md S). */
#define _GNU_SOURCE
#include "libc.h"

#include <dlfcn.h>
#include <errno.h>
#include <gnu/lib-names.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

_Static_assert(LS_LIBC_AI_PASSIVE == AI_PASSIVE, "AI_PASSIVE");
_Static_assert(LS_LIBC_AI_CANONNAME == AI_CANONNAME, "AI_CANONNAME");
_Static_assert(LS_LIBC_AI_NUMERICHOST == AI_NUMERICHOST, "AI_NUMERICHOST");
_Static_assert(LS_LIBC_AI_V4MAPPED == AI_V4MAPPED, "AI_V4MAPPED");
_Static_assert(LS_LIBC_AI_ALL == AI_ALL, "AI_ALL");
_Static_assert(LS_LIBC_AI_ADDRCONFIG == AI_ADDRCONFIG, "AI_ADDRCONFIG");
_Static_assert(LS_LIBC_AI_NUMERICSERV == AI_NUMERICSERV, "AI_NUMERICSERV");
_Static_assert(LS_LIBC_NI_NUMERICHOST == NI_NUMERICHOST, "NI_NUMERICHOST");
_Static_assert(LS_LIBC_NI_NUMERICSERV == NI_NUMERICSERV, "NI_NUMERICSERV");
_Static_assert(LS_LIBC_NI_NOFQDN == NI_NOFQDN, "NI_NOFQDN");
_Static_assert(LS_LIBC_NI_NAMEREQD == NI_NAMEREQD, "NI_NAMEREQD");
_Static_assert(LS_LIBC_NI_DGRAM == NI_DGRAM, "NI_DGRAM");
_Static_assert(sizeof(((struct ls_libc_ai *)0)->addr) >= sizeof(struct sockaddr_in6), "ai addr");

typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
typedef void (*fai_fn)(struct addrinfo *);
typedef int (*gni_fn)(const struct sockaddr *, socklen_t, char *, socklen_t, char *, socklen_t, int);
typedef int (*pton_fn)(int, const char *, void *);

static struct {
	gai_fn gai;
	fai_fn fai;
	gni_fn gni;
	pton_fn pton;
	atomic_int state;	/* 0 not tried, 1 ready, -1 unavailable */
} fns;

/* Our own library exports getaddrinfo & co. with Windows semantics; a plain call from here would
 * bind to them. libc's handle is already loaded (RTLD_NOLOAD), and dlsym on it yields glibc's
 * default version. Races only repeat the same idempotent lookup. */
static int load(void)
{
	void *h;
	int st = atomic_load_explicit(&fns.state, memory_order_acquire);

	if (st)
		return st > 0;
	h = dlopen(LIBC_SO, RTLD_NOLOAD | RTLD_LAZY);
	if (h) {
		fns.gai = (gai_fn)dlsym(h, "getaddrinfo");
		fns.fai = (fai_fn)dlsym(h, "freeaddrinfo");
		fns.gni = (gni_fn)dlsym(h, "getnameinfo");
		fns.pton = (pton_fn)dlsym(h, "inet_pton");
		dlclose(h);	/* NOLOAD took a reference; libc itself stays */
	}
	st = (h && fns.gai && fns.fai && fns.gni && fns.pton) ? 1 : -1;
	atomic_store_explicit(&fns.state, st, memory_order_release);
	return st > 0;
}

static int from_eai(int e)
{
	switch (e) {
	case 0:
		return LS_LIBC_OK;
	case EAI_NONAME:
		return LS_LIBC_ENONAME;
#ifdef EAI_NODATA
	case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
	case EAI_ADDRFAMILY:
#endif
		return LS_LIBC_ENODATA;
	case EAI_AGAIN:
		return LS_LIBC_EAGAIN;
	case EAI_FAIL:
		return LS_LIBC_EFAIL;
	case EAI_FAMILY:
		return LS_LIBC_EFAMILY;
	case EAI_SOCKTYPE:
		return LS_LIBC_ESOCKTYPE;
	case EAI_SERVICE:
		return LS_LIBC_ESERVICE;
	case EAI_BADFLAGS:
		return LS_LIBC_EBADFLAGS;
	case EAI_MEMORY:
		return LS_LIBC_EMEMORY;
	case EAI_OVERFLOW:
		return LS_LIBC_EOVERFLOW;
	}
	return LS_LIBC_ESYSTEM;
}

static int from_herr(int h)
{
	switch (h) {
	case HOST_NOT_FOUND:
		return LS_LIBC_ENONAME;
	case NO_DATA:
		return LS_LIBC_ENODATA;
	case TRY_AGAIN:
		return LS_LIBC_EAGAIN;
	case NO_RECOVERY:
		return LS_LIBC_EFAIL;
	}
	return LS_LIBC_ESYSTEM;
}

int ls_libc_getaddrinfo(const char *node, const char *service, const struct ls_libc_hints *hints,
			struct ls_libc_ai **out)
{
	struct addrinfo h, *res = NULL, *p;
	struct ls_libc_ai *head = NULL, **tail = &head;
	int saved = errno, r;

	*out = NULL;
	if (!load())
		return LS_LIBC_EFAIL;
	memset(&h, 0, sizeof h);
	if (hints) {
		h.ai_flags = hints->flags;
		h.ai_family = hints->family;
		h.ai_socktype = hints->socktype;
		h.ai_protocol = hints->protocol;
	}
	r = fns.gai(node, service, hints ? &h : NULL, &res);
	if (r != 0) {
		r = r == EAI_SYSTEM && errno == ENOMEM ? LS_LIBC_EMEMORY : from_eai(r);
		errno = saved;
		return r;
	}
	for (p = res; p; p = p->ai_next) {
		size_t cn = p->ai_canonname ? strlen(p->ai_canonname) + 1 : 0;
		struct ls_libc_ai *n;

		if ((p->ai_family != AF_INET && p->ai_family != AF_INET6) || !p->ai_addr ||
		    p->ai_addrlen > sizeof n->addr)
			continue;
		n = calloc(1, sizeof *n + cn);
		if (!n) {
			fns.fai(res);
			ls_libc_freeaddrinfo(head);
			errno = saved;
			return LS_LIBC_EMEMORY;
		}
		n->family = p->ai_family;
		n->socktype = p->ai_socktype;
		n->protocol = p->ai_protocol;
		n->addrlen = p->ai_addrlen;
		memcpy(n->addr, p->ai_addr, p->ai_addrlen);
		if (cn) {
			n->canonname = (char *)(n + 1);
			memcpy(n->canonname, p->ai_canonname, cn);
		}
		*tail = n;
		tail = &n->next;
	}
	fns.fai(res);
	errno = saved;
	if (!head)
		return LS_LIBC_ENODATA;
	*out = head;
	return LS_LIBC_OK;
}

void ls_libc_freeaddrinfo(struct ls_libc_ai *ai)
{
	while (ai) {
		struct ls_libc_ai *next = ai->next;

		free(ai);
		ai = next;
	}
}

int ls_libc_getnameinfo(const void *sa, unsigned int salen, char *host, size_t hostlen, char *serv,
			size_t servlen, int flags)
{
	int saved = errno, r;

	if (!load())
		return LS_LIBC_EFAIL;
	r = fns.gni(sa, salen, host, (socklen_t)hostlen, serv, (socklen_t)servlen, flags);
	r = from_eai(r);
	errno = saved;
	return r;
}

static void host_out(struct ls_libc_host *out, const struct hostent *he)
{
	out->name = he->h_name;
	out->aliases = he->h_aliases;
	out->addrtype = he->h_addrtype;
	out->length = he->h_length;
	out->addrs = he->h_addr_list;
}

int ls_libc_inet_pton(int af, const char *s, void *dst)
{
	int saved = errno, r;

	if (!load())
		return -1;
	r = fns.pton(af, s, dst);
	errno = saved;
	return r;
}

int ls_libc_gethostbyname(const char *name, int af, struct ls_libc_host *out, char *buf, size_t len)
{
	struct hostent he, *res = NULL;
	int saved = errno, herr = 0, r;

	r = gethostbyname2_r(name, af, &he, buf, len, &res, &herr);
	errno = saved;
	if (r == ERANGE)
		return LS_LIBC_EOVERFLOW;
	if (!res)
		return r ? (herr ? from_herr(herr) : LS_LIBC_ESYSTEM) : from_herr(herr ? herr : HOST_NOT_FOUND);
	host_out(out, res);
	return LS_LIBC_OK;
}

int ls_libc_gethostbyaddr(const void *addr, unsigned int alen, int af, struct ls_libc_host *out,
			  char *buf, size_t len)
{
	struct hostent he, *res = NULL;
	int saved = errno, herr = 0, r;

	r = gethostbyaddr_r(addr, alen, af, &he, buf, len, &res, &herr);
	errno = saved;
	if (r == ERANGE)
		return LS_LIBC_EOVERFLOW;
	if (!res)
		return from_herr(herr ? herr : HOST_NOT_FOUND);
	host_out(out, res);
	return LS_LIBC_OK;
}

static int serv_out(int r, struct servent *res, struct ls_libc_serv *out)
{
	if (r == ERANGE)
		return LS_LIBC_EOVERFLOW;
	if (!res)
		return LS_LIBC_ENONAME;
	out->name = res->s_name;
	out->aliases = res->s_aliases;
	out->port = res->s_port;
	out->proto = res->s_proto;
	return LS_LIBC_OK;
}

int ls_libc_getservbyname(const char *name, const char *proto, struct ls_libc_serv *out, char *buf,
			  size_t len)
{
	struct servent se, *res = NULL;
	int saved = errno, r;

	r = getservbyname_r(name, proto, &se, buf, len, &res);
	errno = saved;
	return serv_out(r, res, out);
}

int ls_libc_getservbyport(int port, const char *proto, struct ls_libc_serv *out, char *buf, size_t len)
{
	struct servent se, *res = NULL;
	int saved = errno, r;

	r = getservbyport_r(port, proto, &se, buf, len, &res);
	errno = saved;
	return serv_out(r, res, out);
}
