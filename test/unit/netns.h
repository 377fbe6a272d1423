/* netns_posix.c: a private network namespace for tests that change addresses and routes
 * (addrchg.c). Linux-side helper: <unistd.h> and the netlink headers cannot share a file with
 * our Windows headers. Never touches the host's network: everything happens after unshare. */
#ifndef NETNS_H
#define NETNS_H

/* Moves the calling process (single-threaded: call it before anything starts a thread) into
 * new user and network namespaces, uid and gid 0 mapped to ours, and brings lo up. 0, or -1
 * with a reason in why (namespaces not permitted: the caller skips). */
int nn_enter(char *why, int n);
/* Adds (add 1) or removes an address on lo: family 2 (IPv4, 4 bytes) or 10 (IPv6, 16 bytes).
 * 0 or -errno. */
int nn_addr(int add, int family, const void *addr, int prefix);
/* Adds or removes a route to dst/prefix through lo (IPv4 only). 0 or -errno. */
int nn_route(int add, const void *dst4, int prefix);

#endif
