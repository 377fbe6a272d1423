/* base/libc: glibc's resolver, reached from Windows-side files (docs/design.md S).
 *
 * Contract: prototypes use only C basic types and the small structs below, so ws2_32/netdb.c can
 * call them next to our Windows headers. Addresses are Linux sockaddrs; families, socket types
 * and flags are Linux values (LS_LIBC_AI_* / LS_LIBC_NI_* below, proved against glibc in
 * libc.c). getaddrinfo/getnameinfo/freeaddrinfo are the names we export ourselves, so libc.c
 * finds glibc's once with dlsym on libc's own handle; the *_r functions have no Windows twin and
 * are called directly. Errors come back as LS_LIBC_E* (never glibc's EAI_* numbers). Nothing here
 * touches the last-error slot. */
#ifndef LS_BASE_LIBC_H
#define LS_BASE_LIBC_H

#include <stddef.h>

/* Linux AI_* and NI_* values (glibc <netdb.h>); libc.c asserts each. */
#define LS_LIBC_AI_PASSIVE     0x0001
#define LS_LIBC_AI_CANONNAME   0x0002
#define LS_LIBC_AI_NUMERICHOST 0x0004
#define LS_LIBC_AI_V4MAPPED    0x0008
#define LS_LIBC_AI_ALL         0x0010
#define LS_LIBC_AI_ADDRCONFIG  0x0020
#define LS_LIBC_AI_NUMERICSERV 0x0400

#define LS_LIBC_NI_NUMERICHOST 0x01
#define LS_LIBC_NI_NUMERICSERV 0x02
#define LS_LIBC_NI_NOFQDN      0x04
#define LS_LIBC_NI_NAMEREQD    0x08
#define LS_LIBC_NI_DGRAM       0x10

/* Resolver outcomes, one per glibc EAI_* / h_errno the callers must tell apart. */
enum ls_libc_err {
	LS_LIBC_OK = 0,
	LS_LIBC_ENONAME,	/* EAI_NONAME, HOST_NOT_FOUND */
	LS_LIBC_ENODATA,	/* EAI_NODATA, EAI_ADDRFAMILY, NO_DATA */
	LS_LIBC_EAGAIN,		/* EAI_AGAIN, TRY_AGAIN */
	LS_LIBC_EFAIL,		/* EAI_FAIL, NO_RECOVERY */
	LS_LIBC_EFAMILY,
	LS_LIBC_ESOCKTYPE,
	LS_LIBC_ESERVICE,
	LS_LIBC_EBADFLAGS,
	LS_LIBC_EMEMORY,
	LS_LIBC_EOVERFLOW,	/* a caller buffer too small */
	LS_LIBC_ESYSTEM,
};

struct ls_libc_hints {
	int flags;		/* LS_LIBC_AI_* */
	int family;		/* Linux AF_* */
	int socktype;		/* Linux SOCK_* */
	int protocol;
};

/* One result: a copy of glibc's node with the address held by value. */
struct ls_libc_ai {
	struct ls_libc_ai *next;
	int family, socktype, protocol;
	unsigned int addrlen;
	unsigned char addr[28];	/* sockaddr_in or sockaddr_in6 (Linux layout) */
	char *canonname;	/* inside the same allocation, or NULL */
};

/* New list in *out (free with ls_libc_freeaddrinfo) or an error and *out NULL. Only AF_INET and
 * AF_INET6 results are kept. */
int ls_libc_getaddrinfo(const char *node, const char *service, const struct ls_libc_hints *hints,
			struct ls_libc_ai **out);
void ls_libc_freeaddrinfo(struct ls_libc_ai *ai);
/* glibc getnameinfo on a Linux sockaddr; flags are LS_LIBC_NI_*. */
int ls_libc_getnameinfo(const void *sa, unsigned int salen, char *host, size_t hostlen, char *serv,
			size_t servlen, int flags);

/* A hostent / servent as glibc's *_r functions fill it, pointing into the caller's buf. */
struct ls_libc_host {
	char *name;
	char **aliases;
	int addrtype;		/* Linux AF_* */
	int length;
	char **addrs;
};

struct ls_libc_serv {
	char *name;
	char **aliases;
	int port;		/* network byte order in the low 16 bits */
	char *proto;
};

/* These fill *out using buf (LS_LIBC_EOVERFLOW: call again with a bigger buf). */
/* glibc's inet_pton (the plain name in linsock is the Windows export): 1, 0 or -1. */
int ls_libc_inet_pton(int af, const char *s, void *dst);
int ls_libc_gethostbyname(const char *name, int af, struct ls_libc_host *out, char *buf, size_t len);
int ls_libc_gethostbyaddr(const void *addr, unsigned int alen, int af, struct ls_libc_host *out,
			  char *buf, size_t len);
/* proto may be NULL (any). LS_LIBC_ENONAME when there is no such service. */
int ls_libc_getservbyname(const char *name, const char *proto, struct ls_libc_serv *out, char *buf,
			  size_t len);
int ls_libc_getservbyport(int port, const char *proto, struct ls_libc_serv *out, char *buf, size_t len);

#endif
