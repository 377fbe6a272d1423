/* base/sys: the library's only road to Linux system calls.
 *
 * Contract: every function returns the syscall's result (>= 0) or -errno, and never leaves errno
 * changed. Prototypes use only C basic types so that Windows-side translation units (which
 * include our Windows headers, whose names clash with glibc's <sys/socket.h>) can call them
 * (docs/design.md S). Addresses are Linux sockaddrs in caller buffers; constants are Linux values
 * (src/err/linux.h spells them LX_*). Implemented in sys.c, a Linux-side file. */
#ifndef LS_BASE_SYS_H
#define LS_BASE_SYS_H

#include <stddef.h>
#include <stdint.h>

struct ls_sys_iov {		/* same layout as struct iovec */
	void *base;
	size_t len;
};

struct ls_sys_msg {		/* same layout as struct msghdr */
	void *name;
	unsigned int namelen;
	struct ls_sys_iov *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	int flags;
};

/* New fd, close-on-exec, never 0 (DESIGN §1); nonblock != 0 sets O_NONBLOCK. */
int ls_sys_socket(int af, int type, int protocol, int nonblock);
int ls_sys_bind(int fd, const void *sa, unsigned int len);
int ls_sys_listen(int fd, int backlog);
/* accept4 with SOCK_CLOEXEC; the new fd is never 0. */
int ls_sys_accept(int fd, void *sa, unsigned int *len, int nonblock);
int ls_sys_connect(int fd, const void *sa, unsigned int len);
long ls_sys_sendto(int fd, const void *buf, size_t len, int flags, const void *sa, unsigned int salen);
long ls_sys_recvfrom(int fd, void *buf, size_t len, int flags, void *sa, unsigned int *salen);
long ls_sys_sendmsg(int fd, const struct ls_sys_msg *msg, int flags);
long ls_sys_recvmsg(int fd, struct ls_sys_msg *msg, int flags);
int ls_sys_shutdown(int fd, int how);
int ls_sys_getsockname(int fd, void *sa, unsigned int *len);
int ls_sys_getpeername(int fd, void *sa, unsigned int *len);
int ls_sys_getsockopt(int fd, int level, int name, void *val, unsigned int *len);
int ls_sys_setsockopt(int fd, int level, int name, const void *val, unsigned int len);
int ls_sys_close(int fd);
/* O_NONBLOCK on or off; ls_sys_get_nonblock: 1 if set, 0 if not (or on error). */
int ls_sys_set_nonblock(int fd, int on);
int ls_sys_get_nonblock(int fd);
/* FD_CLOEXEC on. */
int ls_sys_set_cloexec(int fd);
/* ioctl with an int argument (FIONREAD, SIOCATMARK, SIOCOUTQ...). */
int ls_sys_ioctl_int(int fd, unsigned long req, int *arg);
/* poll on one fd; events/revents are Linux POLL* bits. */
int ls_sys_poll1(int fd, short events, short *revents, int timeout_ms);
/* Copies the kernel's host name (uname nodename). */
int ls_sys_hostname(char *buf, size_t len);
/* Re-homes fd 0 above 2 (DESIGN §1: no object we create is NULL). */
int ls_sys_not_zero(int fd);
/* 1 if the fd is open, 0 if not. */
int ls_sys_fd_valid(int fd);
/* 1 if fd is a socket (fstat S_ISSOCK). */
int ls_sys_is_socket(int fd);
/* Safe copies between our memory and a caller's pointer (Windows validates user pointers and
 * answers WSAEFAULT; we must never crash on them). 0, or -EFAULT if any byte of the caller's
 * range is not readable (copy_in) or writable (copy_out). NULL and the first 64 KiB are refused
 * without a syscall; otherwise one process_vm_readv/writev call. */
int ls_sys_copy_in(void *dst, const void *user_src, size_t len);
int ls_sys_copy_out(void *user_dst, const void *src, size_t len);
/* New eventfd (close-on-exec, never 0), counter 0. */
int ls_sys_event_fd(void);
/* Makes an eventfd readable (adds 1). */
int ls_sys_signal_fd(int fd);
/* poll on n fds for readability (POLLIN); ready[i] set to 1 for each readable one. Returns the
 * number ready, 0 on timeout (timeout_ms -1: forever), or -errno. */
int ls_sys_poll_in(const int *fds, int n, int *ready, int timeout_ms);
/* Sleeps ms milliseconds (not woken by signals). */
void ls_sys_sleep_ms(uint32_t ms);
/* Monotonic clock in nanoseconds. */
uint64_t ls_sys_now_ns(void);
int ls_sys_gettid(void);
int ls_sys_getpid(void);

#endif
