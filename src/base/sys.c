/* base/sys: Linux-side wrappers (docs/design.md S). This file includes glibc's headers and never
 * ours. Calls whose libc name is also a Windows export of ours (socket, bind, send, recv...) go
 * through syscall(2): a plain call would bind to our own export. */
#define _GNU_SOURCE
#include "sys.h"

/* process_vm_writev stores into our own memory behind valgrind's back: tell memcheck the bytes
 * are defined, or every address and result we hand back looks uninitialised under valgrind. */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_MAKE_MEM_DEFINED
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)(p), (void)(n))
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/tcp.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

_Static_assert(sizeof(struct ls_sys_iov) == sizeof(struct iovec), "iovec layout");
_Static_assert(sizeof(struct ls_sys_msg) == sizeof(struct msghdr), "msghdr layout");
_Static_assert(offsetof(struct ls_sys_msg, control) == offsetof(struct msghdr, msg_control), "msghdr");
_Static_assert(offsetof(struct ls_sys_msg, flags) == offsetof(struct msghdr, msg_flags), "msghdr");

/* syscall() reports through errno; fold it into the return value and put errno back. */
static inline long ret(long r, int saved)
{
	if (r < 0) {
		r = -errno;
		errno = saved;
	}
	return r;
}

#define SYS(...) ({ int saved_ = errno; ret(syscall(__VA_ARGS__), saved_); })

int ls_sys_not_zero(int fd)
{
	int nfd;

	if (fd != 0)
		return fd;
	nfd = fcntl(0, F_DUPFD_CLOEXEC, 3);
	if (nfd < 0) {
		nfd = -errno;
	}
	close(0);
	return nfd;
}

int ls_sys_fd_align4(int fd)
{
	int saved = errno, want = (fd + 3) & ~3;

	/* fcntl(F_DUPFD) gives the lowest free number >= want: retry from the next multiple until
	 * one is free. Best effort: fd itself is kept if none is found. */
	for (int tries = 0; fd % 4 != 0 && tries < 64; tries++, want += 4) {
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, want);
		if (nfd < 0)
			break;
		if (nfd % 4 == 0) {
			close(fd);
			fd = nfd;
			break;
		}
		close(nfd);
	}
	errno = saved;
	return fd;
}

int ls_sys_socket(int af, int type, int protocol, int nonblock)
{
	long fd = SYS(SYS_socket, af, type | SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0), protocol);

	return fd < 0 ? (int)fd : ls_sys_not_zero((int)fd);
}

int ls_sys_bind(int fd, const void *sa, unsigned int len)
{
	return (int)SYS(SYS_bind, fd, sa, len);
}

int ls_sys_listen(int fd, int backlog)
{
	return (int)SYS(SYS_listen, fd, backlog);
}

int ls_sys_accept(int fd, void *sa, unsigned int *len, int nonblock)
{
	long r = SYS(SYS_accept4, fd, sa, len, SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0));

	return r < 0 ? (int)r : ls_sys_not_zero((int)r);
}

int ls_sys_connect(int fd, const void *sa, unsigned int len)
{
	return (int)SYS(SYS_connect, fd, sa, len);
}

long ls_sys_sendto(int fd, const void *buf, size_t len, int flags, const void *sa, unsigned int salen)
{
	return SYS(SYS_sendto, fd, buf, len, flags | MSG_NOSIGNAL, sa, salen);
}

long ls_sys_recvfrom(int fd, void *buf, size_t len, int flags, void *sa, unsigned int *salen)
{
	return SYS(SYS_recvfrom, fd, buf, len, flags, sa, salen);
}

long ls_sys_sendmsg(int fd, const struct ls_sys_msg *msg, int flags)
{
	return SYS(SYS_sendmsg, fd, msg, flags | MSG_NOSIGNAL);
}

long ls_sys_recvmsg(int fd, struct ls_sys_msg *msg, int flags)
{
	return SYS(SYS_recvmsg, fd, msg, flags);
}

int ls_sys_shutdown(int fd, int how)
{
	return (int)SYS(SYS_shutdown, fd, how);
}

int ls_sys_getsockname(int fd, void *sa, unsigned int *len)
{
	return (int)SYS(SYS_getsockname, fd, sa, len);
}

int ls_sys_getpeername(int fd, void *sa, unsigned int *len)
{
	return (int)SYS(SYS_getpeername, fd, sa, len);
}

int ls_sys_getsockopt(int fd, int level, int name, void *val, unsigned int *len)
{
	return (int)SYS(SYS_getsockopt, fd, level, name, val, len);
}

int ls_sys_setsockopt(int fd, int level, int name, const void *val, unsigned int len)
{
	return (int)SYS(SYS_setsockopt, fd, level, name, val, len);
}

int ls_sys_close(int fd)
{
	int saved = errno;

	/* Linux frees the descriptor even when close reports EINTR: never retry. libc's close
	 * (no Windows export shares its name) keeps thread sanitizers aware that the number is
	 * free for reuse; a raw syscall would make every reuse look like a race. */
	return (int)ret(close(fd), saved);
}

int ls_sys_set_nonblock(int fd, int on)
{
	int saved = errno, fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return (int)ret(-1, saved);
	fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
	return (int)ret(fcntl(fd, F_SETFL, fl), saved);
}

int ls_sys_get_nonblock(int fd)
{
	int saved = errno, fl = fcntl(fd, F_GETFL);

	errno = saved;
	return fl >= 0 && (fl & O_NONBLOCK) != 0;
}

int ls_sys_set_cloexec(int fd)
{
	int saved = errno;

	return (int)ret(fcntl(fd, F_SETFD, FD_CLOEXEC), saved);
}

int ls_sys_ioctl_int(int fd, unsigned long req, int *arg)
{
	int saved = errno;

	return (int)ret(ioctl(fd, req, arg), saved);
}

int ls_sys_poll1(int fd, short events, short *revents, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int saved = errno;
	long r = ret(poll(&p, 1, timeout_ms), saved);

	if (r >= 0 && revents)
		*revents = p.revents;
	return (int)r;
}

int ls_sys_hostname(char *buf, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) != 0)
		return -EFAULT;
	n = strlen(u.nodename);
	if (n + 1 > len)
		return -ENAMETOOLONG;
	memcpy(buf, u.nodename, n + 1);
	return (int)n;
}

int ls_sys_fd_valid(int fd)
{
	int saved = errno, r = fcntl(fd, F_GETFD);

	errno = saved;
	return r >= 0;
}

int ls_sys_is_socket(int fd)
{
	struct stat st;
	int saved = errno, r = fstat(fd, &st);

	errno = saved;
	return r == 0 && S_ISSOCK(st.st_mode);
}

/* A user pointer below 64 KiB is never valid (Linux's mmap_min_addr is at least 4 KiB; Windows
 * reserves the first 64 KiB), so the common bad pointers (NULL, 1, small ints) fail fast. */
#define LOW_LIMIT 65536u

/* Pages recently proven readable (0) or writable (1) by a probe, per thread: a hot path that
 * passes the same heap structure call after call (a connection's WSABUF, its OVERLAPPED) pays
 * the probe once. A page unmapped since its probe could fool the cache, but only a pointer that
 * is already invalid (freed memory) can point there. */
/* Direct-mapped by page number: a server's per-connection structures spread over many heap
 * pages (64 connections missed an 8-entry cache on every call, two probes per message). */
#define PROBE_SLOTS 256
#define PROBE_SPAN 16		/* pages of one copy that are remembered */
static __thread uintptr_t probed[2][PROBE_SLOTS];

static int probed_ok(int w, uintptr_t a, size_t len)
{
	uintptr_t first = a >> 12, last = (a + len - 1) >> 12;

	for (uintptr_t pg = first; pg <= last; pg++)
		if (probed[w][pg % PROBE_SLOTS] != pg + 1)
			return 0;
	return 1;
}

static void probed_add(int w, uintptr_t a, size_t len)
{
	uintptr_t first = a >> 12, last = (a + len - 1) >> 12;

	for (uintptr_t pg = first; pg <= last && pg < first + PROBE_SPAN; pg++)
		probed[w][pg % PROBE_SLOTS] = pg + 1;
}

int ls_sys_copy_in(void *dst, const void *user_src, size_t len)
{
	struct iovec local = { dst, len }, remote = { (void *)user_src, len };
	long r;

	if (len == 0)
		return 0;
	if ((uintptr_t)user_src < LOW_LIMIT || (uintptr_t)user_src + len < (uintptr_t)user_src)
		return -EFAULT;
	/* Live stack frames and recently probed pages cannot fault: copy directly. The probe
	 * (process_vm_readv) costs microseconds on some machines. */
	if (ls_sys_on_stack(user_src, len) || probed_ok(0, (uintptr_t)user_src, len)) {
		memcpy(dst, user_src, len);
		return 0;
	}
	r = SYS(SYS_process_vm_readv, ls_sys_getpid(), &local, 1UL, &remote, 1UL, 0UL);
	if (r == -ENOSYS || r == -EPERM) {
		memcpy(dst, user_src, len);	/* no probe available: trust the caller */
		return 0;
	}
	if (r != (long)len)
		return -EFAULT;
	probed_add(0, (uintptr_t)user_src, len);
	return 0;
}

int ls_sys_copy_out(void *user_dst, const void *src, size_t len)
{
	struct iovec local = { (void *)src, len }, remote = { user_dst, len };
	long r;

	if (len == 0)
		return 0;
	if ((uintptr_t)user_dst < LOW_LIMIT || (uintptr_t)user_dst + len < (uintptr_t)user_dst)
		return -EFAULT;
	if (ls_sys_on_stack(user_dst, len) || probed_ok(1, (uintptr_t)user_dst, len)) {
		memcpy(user_dst, src, len);
		return 0;
	}
	r = SYS(SYS_process_vm_writev, ls_sys_getpid(), &local, 1UL, &remote, 1UL, 0UL);
	if (r == -ENOSYS || r == -EPERM) {
		memcpy(user_dst, src, len);
		return 0;
	}
	if (r > 0)
		VALGRIND_MAKE_MEM_DEFINED(user_dst, (size_t)r);
	if (r != (long)len)
		return -EFAULT;
	probed_add(1, (uintptr_t)user_dst, len);
	probed_add(0, (uintptr_t)user_dst, len);	/* writable pages are readable */
	return 0;
}

int ls_sys_event_fd(void)
{
	int saved = errno, fd = eventfd(0, EFD_CLOEXEC);

	if (fd < 0)
		return (int)ret(-1, saved);
	return ls_sys_not_zero(fd);
}

int ls_sys_signal_fd(int fd)
{
	uint64_t one = 1;
	int saved = errno;

	return (int)ret(write(fd, &one, sizeof one), saved);
}

int ls_sys_poll_in(const int *fds, int n, int *ready, int timeout_ms)
{
	struct pollfd p[128];
	int saved = errno, r;
	uint64_t deadline = timeout_ms < 0 ? 0 : ls_sys_now_ns() + (uint64_t)timeout_ms * 1000000u;

	if (n < 0 || n > 128)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
		p[i].revents = 0;
	}
	for (;;) {
		r = poll(p, (nfds_t)n, timeout_ms);
		if (r >= 0 || errno != EINTR)
			break;
		/* A signal is not a reason for a Windows wait to end: wait for the rest. */
		if (timeout_ms >= 0) {
			uint64_t now = ls_sys_now_ns();
			timeout_ms = now >= deadline ? 0 : (int)((deadline - now) / 1000000u);
		}
	}
	if (r < 0)
		return (int)ret(-1, saved);
	for (int i = 0; i < n; i++)
		ready[i] = (p[i].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL)) != 0;
	return r;
}

void ls_sys_sleep_ms(uint32_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
	int saved = errno;

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	errno = saved;
}

_Static_assert(sizeof(struct ls_sys_epoll_event) == sizeof(struct epoll_event), "epoll_event layout");
_Static_assert(LS_SYS_EPOLLIN == EPOLLIN && LS_SYS_EPOLLOUT == EPOLLOUT && LS_SYS_EPOLLERR == EPOLLERR &&
	       LS_SYS_EPOLLHUP == EPOLLHUP && LS_SYS_EPOLLRDHUP == EPOLLRDHUP && LS_SYS_EPOLLET == EPOLLET &&
	       LS_SYS_EPOLLPRI == EPOLLPRI, "epoll bits");
_Static_assert(EPOLL_CTL_ADD == 1 && EPOLL_CTL_DEL == 2 && EPOLL_CTL_MOD == 3, "epoll ops");

int ls_sys_epoll_create(void)
{
	int saved = errno, fd = epoll_create1(EPOLL_CLOEXEC);

	if (fd < 0)
		return (int)ret(-1, saved);
	return ls_sys_not_zero(fd);
}

int ls_sys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	int saved = errno;

	return (int)ret(epoll_ctl(epfd, op, fd, &ev), saved);
}

int ls_sys_epoll_wait(int epfd, struct ls_sys_epoll_event *ev, int n, int timeout_ms)
{
	int saved = errno;

	return (int)ret(epoll_wait(epfd, (struct epoll_event *)ev, n, timeout_ms), saved);
}

int ls_sys_futex_wait_ms(int *addr, int val, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };

	return (int)SYS(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, timeout_ms < 0 ? NULL : &ts, NULL, 0);
}

uint64_t ls_sys_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The thread id is asked for on hot paths (every overlapped op records its issuer, ports track
 * their poller): cache it per thread. A fork child's only thread has a new id, so the cache is
 * cleared in the child. */
static __thread int tid_cache;
static int pid_cache;		/* glibc no longer caches getpid: it is a syscall each time */
static pthread_once_t tid_once = PTHREAD_ONCE_INIT;

static void tid_forget(void)
{
	tid_cache = 0;
	__atomic_store_n(&pid_cache, 0, __ATOMIC_RELAXED);
}

static void tid_atfork(void)
{
	pthread_atfork(NULL, NULL, tid_forget);
}

int ls_sys_gettid(void)
{
	if (__builtin_expect(tid_cache == 0, 0)) {
		pthread_once(&tid_once, tid_atfork);
		tid_cache = (int)syscall(SYS_gettid);
	}
	return tid_cache;
}

int ls_sys_getpid(void)
{
	int pid = __atomic_load_n(&pid_cache, __ATOMIC_RELAXED);

	if (__builtin_expect(pid == 0, 0)) {
		pthread_once(&tid_once, tid_atfork);
		pid = (int)getpid();
		__atomic_store_n(&pid_cache, pid, __ATOMIC_RELAXED);
	}
	return pid;
}

/* ---- Files, pipes and descriptors ---- */

int ls_sys_open(const char *path, int flags, unsigned int mode)
{
	int saved = errno, o = O_CLOEXEC | O_NOCTTY, fd;

	if ((flags & (LS_SYS_O_READ | LS_SYS_O_WRITE)) == (LS_SYS_O_READ | LS_SYS_O_WRITE))
		o |= O_RDWR;
	else if (flags & LS_SYS_O_WRITE)
		o |= O_WRONLY;
	else
		o |= O_RDONLY;
	o |= (flags & LS_SYS_O_CREAT ? O_CREAT : 0) | (flags & LS_SYS_O_EXCL ? O_EXCL : 0) |
	     (flags & LS_SYS_O_TRUNC ? O_TRUNC : 0) | (flags & LS_SYS_O_DSYNC ? O_DSYNC : 0);
	fd = open(path, o, (mode_t)mode);
	if (fd < 0)
		return (int)ret(-1, saved);
	return ls_sys_not_zero(fd);
}

static int kind_of(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG: return LS_SYS_FT_REG;
	case S_IFDIR: return LS_SYS_FT_DIR;
	case S_IFCHR: return LS_SYS_FT_CHR;
	case S_IFBLK: return LS_SYS_FT_BLK;
	case S_IFIFO: return LS_SYS_FT_FIFO;
	case S_IFSOCK: return LS_SYS_FT_SOCK;
	}
	return LS_SYS_FT_OTHER;
}

int ls_sys_fstat(int fd, int *kind, int64_t *size)
{
	struct stat st;
	int saved = errno;

	if (fstat(fd, &st) != 0)
		return (int)ret(-1, saved);
	if (kind)
		*kind = kind_of(st.st_mode);
	if (size)
		*size = (int64_t)st.st_size;
	return 0;
}

int ls_sys_stat_kind(const char *path, int *kind)
{
	struct stat st;
	int saved = errno;

	if (stat(path, &st) != 0)
		return (int)ret(-1, saved);
	*kind = kind_of(st.st_mode);
	return 0;
}

long ls_sys_read(int fd, void *buf, size_t len)
{
	int saved = errno;

	return ret(read(fd, buf, len), saved);
}

long ls_sys_pread(int fd, void *buf, size_t len, int64_t off)
{
	int saved = errno;

	return ret(pread(fd, buf, len, (off_t)off), saved);
}

long ls_sys_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	int saved = errno;

	return ret(pwrite(fd, buf, len, (off_t)off), saved);
}

long ls_sys_write(int fd, const void *buf, size_t len)
{
	int saved = errno;

	return ret(write(fd, buf, len), saved);
}

long ls_sys_write_nosigpipe(int fd, const void *buf, size_t len)
{
	sigset_t pipe_set, old, pending;
	int saved = errno, was_pending;
	long r;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE);
	r = write(fd, buf, len);
	if (r < 0) {
		r = -errno;
		/* Only a SIGPIPE this write raised is consumed; one already pending stays. */
		if (r == -EPIPE && !was_pending) {
			static const struct timespec zero = { 0, 0 };
			while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
				;
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return r;
}

long ls_sys_sendfile(int out_fd, int in_fd, int64_t *off, size_t count)
{
	sigset_t pipe_set, old, pending;
	int saved = errno, was_pending;
	off_t o = off ? (off_t)*off : 0;
	long r;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE);
	r = sendfile(out_fd, in_fd, off ? &o : NULL, count);
	if (r < 0) {
		r = -errno;
		if (r == -EPIPE && !was_pending) {
			static const struct timespec zero = { 0, 0 };
			while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
				;
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (off)
		*off = (int64_t)o;
	errno = saved;
	return r;
}

int64_t ls_sys_lseek(int fd, int64_t off, int whence)
{
	int saved = errno;
	off_t r = lseek(fd, (off_t)off, whence);

	return r < 0 ? (int64_t)ret(-1, saved) : (int64_t)r;
}

int ls_sys_fsync(int fd)
{
	int saved = errno;

	return (int)ret(fsync(fd), saved);
}

int ls_sys_dup(int fd)
{
	int saved = errno;

	return (int)ret(fcntl(fd, F_DUPFD_CLOEXEC, 3), saved);
}

int ls_sys_dup3(int oldfd, int newfd)
{
	return (int)SYS(SYS_dup3, oldfd, newfd, O_CLOEXEC);
}

int ls_sys_pipe(int fds[2])
{
	int saved = errno, p[2], a, b;

	if (pipe2(p, O_CLOEXEC) != 0)
		return (int)ret(-1, saved);
	a = ls_sys_not_zero(p[0]);
	b = ls_sys_not_zero(p[1]);
	if (a < 0 || b < 0) {
		if (a >= 0)
			close(a);
		if (b >= 0)
			close(b);
		errno = saved;
		return a < 0 ? a : b;
	}
	fds[0] = a;
	fds[1] = b;
	return 0;
}

int ls_sys_set_pipe_size(int fd, int size)
{
	int saved = errno;

	return (int)ret(fcntl(fd, F_SETPIPE_SZ, size), saved);
}

int ls_sys_unlink(const char *path)
{
	int saved = errno;

	return (int)ret(unlink(path), saved);
}

int ls_sys_event_fd_nonblock(void)
{
	int saved = errno, fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	if (fd < 0)
		return (int)ret(-1, saved);
	return ls_sys_not_zero(fd);
}

int ls_sys_event_add(int fd, uint64_t val)
{
	int saved = errno;
	long r = ret(write(fd, &val, sizeof val), saved);

	return r < 0 ? (int)r : 0;
}

int ls_sys_event_take(int fd, uint64_t *val)
{
	int saved = errno;
	long r = ret(read(fd, val, sizeof *val), saved);

	return r < 0 ? (int)r : 0;
}

int ls_sys_futex_wait(int *addr, int val)
{
	return (int)SYS(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

int ls_sys_futex_wake(int *addr, int n)
{
	return (int)SYS(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void ls_sys_yield(void)
{
	sched_yield();
}

int ls_sys_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (int)n;
}

int ls_sys_cpus_usable(void)
{
	static __thread int cpus, calls;
	cpu_set_t set;

	if (cpus && (++calls & 4095))
		return cpus;
	cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : ls_sys_ncpus();
	if (cpus < 1)
		cpus = 1;
	return cpus;
}

long ls_sys_page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

/* ---- select and WSAPoll ---- */
_Static_assert(sizeof(struct ls_sys_pollfd) == sizeof(struct pollfd), "pollfd layout");
_Static_assert(offsetof(struct ls_sys_pollfd, events) == offsetof(struct pollfd, events), "pollfd");
_Static_assert(offsetof(struct ls_sys_pollfd, revents) == offsetof(struct pollfd, revents), "pollfd");

int ls_sys_poll(struct ls_sys_pollfd *fds, unsigned long n, int timeout_ms)
{
	int saved = errno;

	return (int)ret(poll((struct pollfd *)fds, (nfds_t)n, timeout_ms), saved);
}

/* The calling thread's stack: [lo, hi), learnt once per thread (known 1), or unknown (-1). */
static __thread uintptr_t stack_lo, stack_hi;
static __thread int stack_known;

static void stack_learn(void)
{
	pthread_attr_t at;
	void *addr;
	size_t size;
	int saved = errno;

	stack_known = -1;
	if (pthread_getattr_np(pthread_self(), &at) != 0) {
		errno = saved;
		return;
	}
	if (pthread_attr_getstack(&at, &addr, &size) == 0 && size > 0) {
		stack_lo = (uintptr_t)addr;
		stack_hi = (uintptr_t)addr + size;
		stack_known = 1;
	}
	pthread_attr_destroy(&at);
	errno = saved;
}

int ls_sys_on_stack(const void *p, size_t len)
{
	volatile char here = 0;
	uintptr_t sp = (uintptr_t)&here, a = (uintptr_t)p;

	if (stack_known == 0)
		stack_learn();
	/* The current stack pointer must be on the thread's stack (not a signal or coroutine
	 * stack): then everything from it up to the top is live frames, mapped and writable. */
	return stack_known == 1 && sp >= stack_lo && sp < stack_hi && a > sp && a + len >= a &&
	       a + len <= stack_hi;
}

int ls_sys_tcp_was_established(int fd)
{
	struct tcp_info ti;
	unsigned int len = sizeof ti;
	int r;

	memset(&ti, 0, sizeof ti);
	if ((r = ls_sys_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len)) != 0)
		return r;	/* the raw call: getsockopt here would be the Windows export */
	if (len < offsetof(struct tcp_info, tcpi_rcv_rtt))
		return -ENOSYS;
	/* A handshake leaves an RTT sample on both sides (at least 1 us: the kernel never stores
	 * 0). A refused or timed-out connect leaves none and has received at most the RST; a
	 * socket accepted through a SYN cookie may lack the sample but has received the SYN's
	 * ACK and more before it can fail. */
	return ti.tcpi_rtt != 0 || ti.tcpi_segs_in > 1;
}

int ls_sys_tcp_info(int fd, struct ls_sys_tcp_info *out)
{
	struct tcp_info ti;
	unsigned int len = sizeof ti;
	int r;

	memset(&ti, 0, sizeof ti);
	if ((r = ls_sys_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len)) != 0)
		return r;	/* the raw call: getsockopt here would be the Windows export */
	/* Fields a shorter (older kernel's) structure lacks stay zero. */
	memset(out, 0, sizeof *out);
	out->state = ti.tcpi_state;
	out->options = ti.tcpi_options;
	out->snd_mss = ti.tcpi_snd_mss;
	out->rtt_us = ti.tcpi_rtt;
	out->min_rtt_us = ti.tcpi_min_rtt;
	out->unacked = ti.tcpi_unacked;
	out->snd_cwnd = ti.tcpi_snd_cwnd;
	out->rcv_space = ti.tcpi_rcv_space;
	out->total_retrans = ti.tcpi_total_retrans;
	out->retransmits = ti.tcpi_retransmits;
	out->bytes_received = ti.tcpi_bytes_received;
	out->busy_us = ti.tcpi_busy_time;
	out->rwnd_limited_us = ti.tcpi_rwnd_limited;
	out->sndbuf_limited_us = ti.tcpi_sndbuf_limited;
	out->bytes_sent = ti.tcpi_bytes_sent;
	out->bytes_retrans = ti.tcpi_bytes_retrans;
	out->dsack_dups = ti.tcpi_dsack_dups;
	out->reord_seen = ti.tcpi_reord_seen;
	out->snd_wnd = ti.tcpi_snd_wnd;
	return 0;
}
