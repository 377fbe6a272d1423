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
/* Moves fd (consumed) to a number that is a multiple of 4 and returns it (fd itself if no such
 * number is free). Windows handle values are multiples of 4, and OVERLAPPED.hEvent uses the
 * low bit as a flag (event | 1: no completion-port packet), so event handles must be even. */
int ls_sys_fd_align4(int fd);
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
/* poll on n fds (n <= 128) for readability (POLLIN); ready[i] set to 1 for each readable one.
 * Returns the number ready, 0 on timeout (timeout_ms -1: forever), or -errno. */
int ls_sys_poll_in(const int *fds, int n, int *ready, int timeout_ms);
/* Sleeps ms milliseconds (not woken by signals). */
void ls_sys_sleep_ms(uint32_t ms);
/* epoll (the engine's epoll backend). The event struct is laid out as the kernel's: packed on
 * x86-64, naturally aligned elsewhere (checked in sys.c). */
struct ls_sys_epoll_event {
	uint32_t events;
	uint64_t data;
}
#if defined(__x86_64__)
__attribute__((packed))
#endif
;
#define LS_SYS_EPOLLIN 0x001u
#define LS_SYS_EPOLLPRI 0x002u
#define LS_SYS_EPOLLOUT 0x004u
#define LS_SYS_EPOLLERR 0x008u
#define LS_SYS_EPOLLHUP 0x010u
#define LS_SYS_EPOLLRDHUP 0x2000u
#define LS_SYS_EPOLLET (1u << 31)
int ls_sys_epoll_create(void);
/* op: 1 add, 2 del, 3 mod (EPOLL_CTL_*). */
int ls_sys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
int ls_sys_epoll_wait(int epfd, struct ls_sys_epoll_event *ev, int n, int timeout_ms);
/* futex wait with a timeout in ms (-1 forever): 0 woken, -EAGAIN value differed, -ETIMEDOUT. */
int ls_sys_futex_wait_ms(int *addr, int val, int timeout_ms);

/* Monotonic clock in nanoseconds. */
uint64_t ls_sys_now_ns(void);
int ls_sys_gettid(void);
int ls_sys_getpid(void);

/* Waitable objects and critical sections (src/wait, kernel32/critsec.c). */
/* New eventfd, close-on-exec and non-blocking, never 0, counter 0. */
int ls_sys_event_fd_nonblock(void);
/* Adds val to an eventfd's counter (0 or -errno). */
int ls_sys_event_add(int fd, uint64_t val);
/* Reads (and zeroes) an eventfd's counter: 0 with *val set, or -errno (-EAGAIN: it was 0). */
int ls_sys_event_take(int fd, uint64_t *val);
/* futex on a private 32-bit word: wait while *addr == val (0, or -errno: -EAGAIN if it
 * differed), wake up to n waiters (number woken). */
int ls_sys_futex_wait(int *addr, int val);
int ls_sys_futex_wake(int *addr, int n);
void ls_sys_yield(void);
/* Online processors (at least 1) and the page size. */
int ls_sys_ncpus(void);
/* Processors the calling thread may run on (its affinity mask, at least 1). Read again every
 * 4096 calls on a thread, so it costs a syscall only now and then: for spin decisions. */
int ls_sys_cpus_usable(void);
/* One turn of a busy-wait loop: tells the CPU (and a hypervisor) that this thread spins. */
static inline void ls_sys_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}
long ls_sys_page_size(void);

/* ---- Files, pipes and descriptors (kernel32/file.c, kernel32/handleinfo.c) ---- */
/* What an fd refers to (fstat's S_IFMT), spelled here so Windows-side files need no Linux header. */
#define LS_SYS_FT_OTHER 0
#define LS_SYS_FT_REG   1
#define LS_SYS_FT_DIR   2
#define LS_SYS_FT_CHR   3
#define LS_SYS_FT_BLK   4
#define LS_SYS_FT_FIFO  5
#define LS_SYS_FT_SOCK  6
/* Open flags for ls_sys_open, translated to O_* in sys.c. */
#define LS_SYS_O_READ   0x01
#define LS_SYS_O_WRITE  0x02
#define LS_SYS_O_CREAT  0x04
#define LS_SYS_O_EXCL   0x08
#define LS_SYS_O_TRUNC  0x10
#define LS_SYS_O_DSYNC  0x20
/* open(2) with O_CLOEXEC | O_NOCTTY always; the new fd is never 0. mode as for open. */
int ls_sys_open(const char *path, int flags, unsigned int mode);
/* fstat: *kind gets LS_SYS_FT_*, *size st_size (either may be NULL). */
int ls_sys_fstat(int fd, int *kind, int64_t *size);
/* stat of a path (following links): *kind gets LS_SYS_FT_*. */
int ls_sys_stat_kind(const char *path, int *kind);
long ls_sys_read(int fd, void *buf, size_t len);
long ls_sys_write(int fd, const void *buf, size_t len);
/* pread/pwrite at a 64-bit offset (ReadFile/WriteFile with an OVERLAPPED on a file). */
long ls_sys_pread(int fd, void *buf, size_t len, int64_t off);
long ls_sys_pwrite(int fd, const void *buf, size_t len, int64_t off);
/* write(2) to a pipe without SIGPIPE: the signal is blocked in this thread for the call and a
 * SIGPIPE the call raised is consumed, so a closed reader is just -EPIPE (Windows has no
 * signal there). */
long ls_sys_write_nosigpipe(int fd, const void *buf, size_t len);
/* lseek; whence 0/1/2 = SEEK_SET/CUR/END (the values of FILE_BEGIN/CURRENT/END too). */
int64_t ls_sys_lseek(int fd, int64_t off, int whence);
int ls_sys_fsync(int fd);
/* fcntl(F_DUPFD_CLOEXEC, 3): a new fd sharing fd's open file description, never 0, 1 or 2. */
int ls_sys_dup(int fd);
/* dup3(oldfd, newfd, O_CLOEXEC): newfd (closed first if open) now names oldfd's open file
 * description (AcceptEx moves an accepted connection onto the socket the caller made). */
int ls_sys_dup3(int oldfd, int newfd);
/* pipe2(O_CLOEXEC); fds[0] read end, fds[1] write end, neither 0. */
int ls_sys_pipe(int fds[2]);
/* F_SETPIPE_SZ (best effort: the result may be ignored). */
int ls_sys_set_pipe_size(int fd, int size);
int ls_sys_unlink(const char *path);
/* sendfile(2) from in_fd (at *off, advanced; NULL: at and advancing its file position) to the
 * socket out_fd, without SIGPIPE (as ls_sys_write_nosigpipe): a reset peer is just -EPIPE
 * (TransmitFile, TransmitPackets). */
long ls_sys_sendfile(int out_fd, int in_fd, int64_t *off, size_t count);

/* ---- select and WSAPoll (ws2_32/select.c, ws2_32/poll.c) ---- */
struct ls_sys_pollfd {		/* same layout as struct pollfd */
	int fd;
	short events;		/* Linux POLL* bits (LX_POLL* in src/err/linux.h) */
	short revents;
};
/* poll(2) on n fds, timeout_ms -1 forever. Returns the number of entries with revents set, 0 on
 * timeout, or -errno; -EINTR is returned (the caller retries with the time it has left). */
int ls_sys_poll(struct ls_sys_pollfd *fds, unsigned long n, int timeout_ms);
/* 1 if [p, p + len) lies on the calling thread's own stack, above the current stack pointer:
 * memory that is certainly mapped and writable (the live frames of the caller's callers), so it
 * may be read and written directly instead of through ls_sys_copy_in/out. 0 otherwise (another
 * stack, an alternate signal stack, a coroutine's stack, heap, static data), or if the thread's
 * stack bounds are unknown. No system call after the thread's first use. */
int ls_sys_on_stack(const void *p, size_t len);
/* TCP sockets: 1 if the connection completed its handshake at some point (TCP_INFO shows an RTT
 * sample or more than one segment received), 0 if it never did (a connect that failed, or none
 * was made), -errno if fd is no TCP socket. Reads nothing the socket reports later: unlike
 * getsockopt(SO_ERROR), it leaves the pending error in place. */
int ls_sys_tcp_was_established(int fd);

/* ---- WSAIoctl's TCP query (ws2_32/ioctl.c; interfaces are src/netif's) ---- */
/* TCP_INFO in basic types (Linux units: microseconds, segments, bytes). */
struct ls_sys_tcp_info {
	int state;			/* Linux TCP_ESTABLISHED... */
	unsigned int options, snd_mss, rtt_us, min_rtt_us, unacked, snd_cwnd, snd_wnd, rcv_space;
	unsigned int total_retrans, retransmits, reord_seen, dsack_dups;
	uint64_t bytes_sent, bytes_received, bytes_retrans, busy_us, rwnd_limited_us, sndbuf_limited_us;
};
int ls_sys_tcp_info(int fd, struct ls_sys_tcp_info *out);

#endif
