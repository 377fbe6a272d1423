/* A Linux-side helper for tests of what an entry point returns when the process cannot open
 * another file descriptor (the snapshot behind iphlpapi needs a netlink socket). */
#ifndef FDLIMIT_H
#define FDLIMIT_H

/* Lowers the soft RLIMIT_NOFILE to the lowest free descriptor: the next open fails with EMFILE.
 * 0, or -1 if the limit cannot be changed. */
int fdlimit_exhaust(void);
/* Restores the limit fdlimit_exhaust found. */
void fdlimit_restore(void);

#endif
