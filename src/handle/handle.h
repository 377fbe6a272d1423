/* handle: the object table (DESIGN §1-2).
 *
 * Every object linsock creates is a Linux fd, and its SOCKET/HANDLE value is that fd. The table
 * maps an fd to its record. Invariants:
 * - Lookups (ls_handle_get) are lock-free: an atomic load in a two-level array, a reference
 *   taken with a compare-and-swap, then a re-check that the slot still holds the record. Records
 *   are type-stable (recycled, never returned to the allocator), so a racing lookup may touch a
 *   recycled record but never freed memory.
 * - Creation and removal take one mutex (they are not hot).
 * - The table holds one reference. ls_handle_close removes the record from its slot (new lookups
 *   fail at once), marks it closing, wakes threads blocked in a call on it, and drops the table's
 *   reference. The fd is closed only when the last reference goes, so the fd number cannot be
 *   reused while any call still uses the record: a record never outlives its fd and an fd never
 *   gets a stale record.
 * - No record ever has fd 0 (base/sys moves a 0 away). */
#ifndef LS_HANDLE_HANDLE_H
#define LS_HANDLE_HANDLE_H

#include <stdatomic.h>
#include <stdint.h>

enum ls_handle_type {
	LS_HANDLE_SOCKET = 1,
	LS_HANDLE_THREAD,
	LS_HANDLE_EVENT,
	LS_HANDLE_FILE,
	LS_HANDLE_PORT,			/* I/O completion port (src/iocp) */
	LS_HANDLE_SEMAPHORE,
	LS_HANDLE_MUTEX,
};

/* Record flags (atomic). */
#define LS_HF_INHERIT   0x1u	/* HANDLE_FLAG_INHERIT: Windows' inheritance flag */
#define LS_HF_PROTECT   0x2u	/* HANDLE_FLAG_PROTECT_FROM_CLOSE */
#define LS_HF_CLOSING   0x4u	/* removed from the table; calls in flight fail with WSAEINTR */

/* Socket state kept beside the kernel's, for what Linux does not track the Windows way. */
struct ls_handle_sock {
	int af, type, protocol;		/* Windows values */
	unsigned int catalog_id;	/* WSAPROTOCOL_INFOW.dwCatalogEntryId of its entry */
	uint8_t nonblocking;		/* FIONBIO state (Windows: blocking by default) */
	uint8_t overlapped;		/* WSA_FLAG_OVERLAPPED */
	uint8_t shut_rd, shut_wr;	/* local shutdown() done: Windows answers WSAESHUTDOWN */
	uint8_t connecting;		/* non-blocking connect started, not yet seen done */
	uint8_t connected;		/* a connection was made or attempted (accepted, connect called) */
	uint8_t bound, listening;
	uint8_t reuseaddr, exclusive;	/* SO_REUSEADDR / SO_EXCLUSIVEADDRUSE as set */
	uint8_t oobinline;
	uint8_t bufsize_set;		/* bit 0: SO_SNDBUF set, bit 1: SO_RCVBUF set */
	/* UDP and ICMP (src/baseprov/io.c): udp_noreset is SIO_UDP_CONNRESET FALSE (Windows'
	 * default is TRUE); icmp_pending counts port-unreachable reports a send consumed on Linux,
	 * owed to the next receives (read and written with __atomic builtins). */
	uint8_t udp_noreset, icmp_pending;
	uint8_t reused;			/* TF_REUSE_SOCKET: unbound, yet ConnectEx may take it */
	/* Linux SO_REUSEADDR already on the kernel socket, so closesocket need not set it (design
	 * D, A2): 1 a listener (set at listen) or a connection it accepted (the kernel copies the
	 * listener's flag); 2 an AcceptEx target: 1 once a connection lands on it (connected). */
	uint8_t lx_reuse;
	uint8_t multipoint;		/* WSA_FLAG_MULTIPOINT_* bits given to WSASocket (WSAJoinLeaf) */
	int bufsize[2];			/* SO_SNDBUF, SO_RCVBUF as set: Windows reports the value set */
	uint32_t timeo[2];		/* SO_SNDTIMEO, SO_RCVTIMEO in ms as set (Linux rounds to a tick) */
	int deferred_fd;		/* WSAAccept CF_DEFER: accepted fd + 1, offered again; 0 none */
	/* A listener bound to one IPv4/IPv6 address (not the wildcard): that address in Linux form,
	 * cached at listen, which is the local address of every connection it accepts (AcceptEx's
	 * local slot without a getsockname). lname_len 0: not cached (wildcard, other families). */
	uint8_t lname_len;
	unsigned char lname[28];
};

struct ls_wait_obj;

/* Waitable objects (events, semaphores, mutexes, threads): the state src/wait keeps beside the
 * fd, which is readable while the object is signalled (docs/design.md W). Freed by destroy. */
struct ls_handle_wait {
	struct ls_wait_obj *obj;	/* owned: ls_wait_obj_free in destroy */
	void *thread;			/* thread records: owned by kernel32/thread.c */
};

/* Files, pipes and standard handles (kernel32/file.c). */
struct ls_handle_file {
	int kind;			/* LS_SYS_FT_*: what the fd is, fixed for its life */
	uint8_t overlapped;		/* FILE_FLAG_OVERLAPPED, for the async engine */
};

struct ls_engine_sock;
struct ls_iocp;

struct ls_handle {
	atomic_int refs;
	int fd;
	int type;			/* enum ls_handle_type */
	atomic_uint flags;		/* LS_HF_* */
	atomic_uint gen;		/* incarnation: bumped each time the record is (re)used */
	/* Called once with the last reference, before the fd is closed (may be NULL). */
	void (*destroy)(struct ls_handle *h);
	union {
		struct ls_handle_sock sock;
		struct ls_handle_wait wait;
		struct ls_handle_file file;
		struct ls_iocp *port;	/* LS_HANDLE_PORT: owned reference (src/iocp) */
	} u;
	/* Overlapped I/O state (src/engine), created on the first overlapped call. */
	_Atomic(struct ls_engine_sock *) engine;
	struct ls_handle *next_free;	/* free-list link, table lock held */
};

/* Set by the engine (it sits above this module): called at close for a record with engine
 * state (abort its pending I/O, DESIGN §2; returns 1 when a duplicate handle keeps the socket
 * open, so it must not be shut down) and with its last reference (free that state). */
extern int (*ls_handle_engine_abort)(struct ls_handle *h);
extern void (*ls_handle_engine_free)(struct ls_handle *h);

/* New record of the given type for fd, entered in the table with one reference for the table
 * plus one returned to the caller (pair with ls_handle_put). NULL if out of memory or fd is out
 * of range: the caller still owns fd then. flags: LS_HF_INHERIT/LS_HF_PROTECT. */
struct ls_handle *ls_handle_new(int fd, int type, unsigned int flags);

/* New reference to fd's record, or NULL if fd holds no linsock object. Lock-free, safe against a
 * concurrent close. Pair with ls_handle_put. */
struct ls_handle *ls_handle_get(intptr_t fd);
/* As ls_handle_get, NULL unless the record is of the given type. */
struct ls_handle *ls_handle_get_type(intptr_t fd, int type);
static inline struct ls_handle *ls_handle_get_socket(uintptr_t s)
{
	return s > (uintptr_t)INT32_MAX ? (struct ls_handle *)0 : ls_handle_get_type((intptr_t)s, LS_HANDLE_SOCKET);
}

/* Unreferenced look-up for calls that touch many sockets once each (select, WSAPoll): fd's
 * socket record, or NULL if fd holds no linsock socket, with its incarnation in *gen. No
 * reference is taken, so the record may be closed and recycled at any moment: it stays memory
 * (type-stable) but its fields may belong to another socket. Use it only through:
 * - ls_handle_peek_valid: 1 while it is still fd's live record (not detached by a close, not
 *   recycled). A check that passes after a syscall on fd proves fd named this socket
 *   throughout that syscall: the fd closes only after the record left its slot.
 * - ls_handle_get_peeked: a new reference to it if still valid (pair with ls_handle_put). */
struct ls_handle *ls_handle_peek_socket(uintptr_t s, unsigned int *gen);
int ls_handle_peek_valid(const struct ls_handle *h, intptr_t fd, unsigned int gen);
struct ls_handle *ls_handle_get_peeked(struct ls_handle *h, intptr_t fd, unsigned int gen);

/* Drops a reference; the last one runs destroy, closes the fd and recycles the record. */
void ls_handle_put(struct ls_handle *h);

/* Removes fd's record from the table (consumes the table's reference) if it is of the given type
 * (0: any). Threads blocked in a call on the socket are woken (their call fails). Returns 0, or
 * -1 if there was no such record. */
int ls_handle_close(intptr_t fd, int type);

/* Closes every record of the given type (WSACleanup closes all sockets). */
void ls_handle_close_all(int type);

/* Number of live records (referenced or in the table). Tests assert 0 after each body. */
int ls_handle_count(void);

/* One more reference to a record the caller already holds a reference to (pair with
 * ls_handle_put): a mutex's owner keeps it alive this way until it releases or abandons it. */
static inline void ls_handle_hold(struct ls_handle *h)
{
	atomic_fetch_add_explicit(&h->refs, 1, memory_order_relaxed);
}

static inline int ls_handle_closing(const struct ls_handle *h)
{
	return (atomic_load_explicit(&((struct ls_handle *)h)->flags, memory_order_acquire) & LS_HF_CLOSING) != 0;
}

#endif
