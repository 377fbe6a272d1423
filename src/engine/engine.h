/* engine: overlapped I/O, the completion model of DESIGN §5 (docs/design.md E).
 *
 * An operation (struct ls_op, one block: the record, its iovecs at the tail) is prepared by the
 * caller (the API layer fills the buffers, flags and delivery fields), then started with
 * ls_engine_start, which owns it from then on. Contract:
 * - Start tries the transfer at once, non-blocking. Done (success or failure): the op completes
 *   immediately and is delivered by Windows' rules for immediate completion (the completion is
 *   still posted to the port unless FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, the event is still
 *   set, the routine still queued). Would block: the op joins its handle's queue for its
 *   direction (receive or send) and start returns STATUS_PENDING.
 * - Per handle and direction, operations complete in the order they were started (Windows fills
 *   posted receive buffers in call order). Queues are per handle under a per-handle lock: no
 *   global lock on the data path.
 * - On the io_uring backend, the waiting head of a port-bound socket's receive queue (plain
 *   stream receive) waits inside the kernel instead (engine.c, docs/design.md P2): same rules.
 * - Waiting ops are driven by a context (struct ls_engine_ctx: one backend instance): the
 *   completion port the handle is bound to (its GetQueuedCompletionStatus callers drive it, or
 *   the port's keeper thread while there are none), else the process's reaper context, whose
 *   thread starts on first need.
 * - Closing one of several DuplicateHandle'd handles cancels nothing; the last close cancels
 *   the ops of all (ls_engine_dup_link). A thread that ends cancels its ops on handles bound
 *   to no port (ls_engine_thread_exit).
 * - Completion writes OVERLAPPED.Internal (NTSTATUS) and InternalHigh (bytes) -- for a port, when
 *   the packet is dequeued, as Windows' I/O manager does (earlier if a GetOverlappedResult
 *   waits: ls_iocp_publish_ov); for a routine, at completion, before
 *   the routine runs -- then delivers exactly one of: a port packet; the completion routine as
 *   an APC to the issuing thread; the event. Winsock ops (LS_OP_API_WSA) also get their receive
 *   flags in Offset; file ops leave Offset alone (a file's position).
 * - A stream receive with LX_MSG_WAITALL in lflags completes only when its buffers are full, at
 *   end of stream, or on error or cancel (the engine accumulates; the syscall never sees it). Then the op's
 *   references (handle, event, thread) are dropped and the record recycled.
 * - Closing a handle completes each of its pending ops exactly once with STATUS_CANCELLED
 *   (WSA_OPERATION_ABORTED / ERROR_OPERATION_ABORTED) before the fd can be reused (the ops hold
 *   the handle record, which holds the fd).
 * - No allocation in steady state: op records come from a per-thread cache. */
#ifndef LS_ENGINE_ENGINE_H
#define LS_ENGINE_ENGINE_H

#include <stdint.h>
#include <windows.h>

#include "../base/sys.h"
#include "../err/err.h"

struct ls_handle;
struct ls_iocp;
struct ls_wait_thread;
struct ls_engine_ctx;

enum ls_op_kind {
	LS_OP_RECV = 1,		/* recvmsg on a socket (WSARecv, WSARecvFrom, ReadFile) */
	LS_OP_SEND,		/* sendmsg on a socket (WSASend, WSASendTo, WriteFile) */
	/* AcceptEx: waits in the listener's receive queue (op->h, direction 0) for a connection,
	 * which becomes the accept socket (op->target: its fd number is kept, the connection is
	 * dup3'd onto it); with a data buffer (iov[0]) it then waits in the accept socket's receive
	 * queue for the first bytes (or end of stream). The address slots follow the data buffer
	 * (layout in mswsock/acceptex.c). */
	LS_OP_ACCEPT,
	/* ConnectEx: a non-blocking connect started by the first attempt, done when the socket is
	 * writable (SO_ERROR decides), then the optional send buffer (iov) sent whole. Direction 1. */
	LS_OP_CONNECT,
	/* Ops whose transfer lives outside the engine (src/mswsock: TransmitFile, TransmitPackets):
	 * op->ext makes each non-blocking attempt, with attempt()'s contract (1 finished, status and
	 * bytes set; 0 wait for readiness), called with the handle's queue lock held. They queue
	 * in the receive (EXT_RECV) or send (EXT_SEND) direction. */
	LS_OP_EXT_RECV,
	LS_OP_EXT_SEND,
	/* Ops that wait for an outside source, not for the socket (SIO_ADDRESS_LIST_CHANGE,
	 * SIO_ROUTING_INTERFACE_CHANGE): op->ext as above, tried at start and then only by
	 * ls_engine_notify_all. Their own queue, so they hold up no receive or send; cancelled and
	 * aborted on close like every other op. */
	LS_OP_EXT_NOTIFY,
};

/* Which error space a completion routine receives. */
enum ls_op_api {
	LS_OP_API_WSA = 0,	/* LPWSAOVERLAPPED_COMPLETION_ROUTINE: WSAE* codes, 4 arguments */
	LS_OP_API_FILE,		/* LPOVERLAPPED_COMPLETION_ROUTINE: ERROR_* codes, 3 arguments */
};

struct ls_op {
	struct ls_op *next;		/* handle queue / cache / port queue link */
	void *home;			/* the thread cache it returns to (engine.c) */
	struct ls_handle *h;		/* reference held while the op lives */
	LPOVERLAPPED ov;		/* the caller's; never freed by us */
	uint8_t kind;			/* enum ls_op_kind */
	uint8_t api;			/* enum ls_op_api */
	uint8_t stream;			/* stream socket: a 0-byte receive is end of stream */
	uint8_t cancelled;		/* in_kernel: a cancel was asked for (the kernel answers) */
	uint8_t in_kernel;		/* queued into the kernel (io_uring recv): its CQE completes it */
	uint8_t published;		/* port: status block written early (a GetOverlappedResult waiter);
				 * dequeue must not write it again over a reused OVERLAPPED */
	uint8_t no_try;			/* ReadFileEx: an immediate completion is not observable, so the
				 * io_uring backend may skip the try at start (docs/design.md P3) */
	int issuer_tid;			/* the starting thread (CancelIo cancels only its own) */
	struct ls_engine_ctx *kctx;	/* in_kernel: the ring that holds it (a cancel goes there, even
					 * after the handle left that context: TF_REUSE_SOCKET) */
	int lflags;			/* Linux MSG_* for the syscall */
	NTSTATUS status;		/* result */
	uint32_t bytes;
	uint32_t flags_out;		/* Windows receive flags (MSG_PARTIAL...) */
	/* Delivery: exactly one applies (port if the handle is bound and the event's low bit is
	 * clear; else the routine; the event is set in every case where given). */
	struct ls_iocp *port;		/* reference held */
	uintptr_t key;
	struct ls_handle *event;	/* hEvent's record, reference held; NULL if none */
	void *routine;			/* completion routine, or NULL */
	struct ls_wait_thread *thread;	/* issuing thread (reference) when routine != NULL */
	/* Addresses: destination (send) or source (receive) in Linux form; the caller's from and
	 * fromlen pointers are written at completion (they must outlive the op, as on Windows). */
	struct ls_err_lxaddr addr;
	void *user_from;
	int *user_fromlen;
	struct ls_sys_msg msg;
	/* LS_OP_ACCEPT / LS_OP_CONNECT. */
	struct ls_handle *target;	/* AcceptEx: the accept socket (reference held) */
	uint32_t local_len, remote_len;	/* AcceptEx: address slot sizes after the data buffer */
	uint8_t phase;			/* accept: 0 connection, 1 first data; connect: 0 start, 1 wait, 2 send */
	int (*ext)(struct ls_op *op);	/* LS_OP_EXT_*: the attempt (its state may use iov[]) */
	void (*ext_release)(struct ls_op *op);	/* LS_OP_EXT_*: drops what the state holds, or NULL */
	uint32_t niov;
	struct ls_sys_iov iov[];
};

/* New op with room for niov iovecs (per-thread cache; malloc only when empty). Fields zeroed.
 * NULL if out of memory. */
struct ls_op *ls_engine_op_new(uint32_t niov);
/* Returns an op that was never started (a validation failure after op_new). Drops nothing:
 * the caller still owns the references it took. */
void ls_engine_op_free(struct ls_op *op);

/* Starts op (consumes it, with every reference in it). Returns the immediate status, with
 * *bytes / *flags_out filled (either may be NULL) if the op completed at once (its completion is
 * still delivered), STATUS_PENDING if it will complete later. A failure to start (STATUS_* other
 * than those) delivers nothing, as Windows. */
NTSTATUS ls_engine_start(struct ls_op *op, uint32_t *bytes, uint32_t *flags_out);

/* Tries every waiting LS_OP_EXT_NOTIFY op of every handle once (the outside source changed)
 * and delivers those that finished. Not for a data path: it walks every engine record. */
void ls_engine_notify_all(void);

/* Makes sure h's fd is watched in a context (its port's, else the reaper's) without starting an
 * op, so readiness reaches ls_engine_ready (WSAEventSelect, src/evsel). 0, or -1 out of memory. */
int ls_engine_watch(struct ls_handle *h);

/* ---- API-side helpers (overlapped.c) ---- */

/* Fills op's delivery from the caller's OVERLAPPED (ov, read directly: the caller checked it) and
 * completion routine (NULL if none), for handle h (borrowed; op gets its own reference):
 * - routine given: hEvent is the application's and ignored; the routine runs on the calling
 *   thread, unless h is bound to a port: then the port wins (Winsock; unsupported on Windows)
 *   or, with routine_only (ReadFileEx/WriteFileEx), STATUS_INVALID_PARAMETER.
 * - no routine: hEvent, if not NULL, must be an event (else STATUS_INVALID_HANDLE); it is reset
 *   now and set at completion; its low bit keeps the completion off h's port.
 * api: enum ls_op_api. STATUS_SUCCESS (op ready for ls_engine_start), or a failure with op
 * unchanged except ov/api (free it with ls_engine_op_free). */
NTSTATUS ls_engine_op_prepare(struct ls_op *op, struct ls_handle *h, LPOVERLAPPED ov, void *routine, int api,
			      int routine_only);
/* Drops a prepared op that will not be started (a later validation failed). */
void ls_engine_op_unprepare(struct ls_op *op);
/* GetOverlappedResult(Ex)'s wait: until ov leaves STATUS_PENDING, on ov->hEvent when it has one
 * (low bit ignored), else on the OVERLAPPED. ms: timeout (0xFFFFFFFF forever); alertable: APCs
 * run and end the wait (with no event, only APCs queued before the wait: a known gap).
 * Returns 0 (done), 0x102 (timeout), 0xC0 (APCs ran), or 0xFFFFFFFF with *err an ERROR_*
 * (hEvent is no waitable object). */
uint32_t ls_engine_wait_result(LPOVERLAPPED ov, uint32_t ms, int alertable, uint32_t *err);

/* Completes op at once with a result the caller obtained itself (file I/O done synchronously at
 * the OVERLAPPED's offset): consumes op, like ls_engine_start. A success or warning
 * (STATUS_BUFFER_OVERFLOW) is delivered by the rules for immediate completion (port unless
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, routine, event); a failure delivers nothing, as a failed
 * start. Returns status. op->kind is not used. */
NTSTATUS ls_engine_complete_now(struct ls_op *op, NTSTATUS status, uint32_t bytes);

/* AcceptEx's bookkeeping on the accept socket a (borrowed): marks it as the target of an
 * AcceptEx on listener fd lfd. 0, or -1 if an AcceptEx into a is already pending (WSAEINVAL)
 * or out of memory. Cleared when that op is delivered or released (ls_engine_accept_unmark). */
int ls_engine_accept_mark(struct ls_handle *a, int lfd);
void ls_engine_accept_unmark(struct ls_handle *a);

/* h's fd is about to name another open file (TF_REUSE_SOCKET dup3s a fresh socket over it):
 * drops its registration in its context so the next wait registers the new file (the port
 * binding stays). locked: called from an op's ext attempt, which holds h's queue lock. */
void ls_engine_fd_replaced(struct ls_handle *h, int locked);

/* Cancels pending ops on h: the one started with ov (ov != NULL), else all; with tid != 0 only
 * those issued by that thread (CancelIo). Each completes with STATUS_CANCELLED. Returns the
 * number cancelled. */
int ls_engine_cancel(struct ls_handle *h, LPOVERLAPPED ov, int tid);

/* GetOverlappedResult's wait for an op with no event: sleeps until ov->Internal leaves
 * STATUS_PENDING (0), or timeout_ms passes (1; -1 waits forever). */
int ls_engine_wait_overlapped(LPOVERLAPPED ov, int timeout_ms);

/* The calling thread is ending (after its wait state ended, so no completion routine of it can
 * be queued): its pending ops on handles bound to no port complete with STATUS_CANCELLED, as
 * Windows cancels a thread's I/O when it exits. Idempotent. */
void ls_engine_thread_exit(void);

/* DuplicateHandle made dst (borrowed) from src (borrowed): they share one socket/file, so a
 * close cancels their pending ops only when it is the last of the group. 0, or -1 out of
 * memory. */
int ls_engine_dup_link(struct ls_handle *src, struct ls_handle *dst);

/* Whether some thread waits in ls_engine_wait_overlapped (the port publishes early then). */
int ls_engine_ov_waiting(void);

/* Op-cache misses so far (tests: a warm loop must not add any). */
/* Tests: 1 if the receive at the head of handle value v's queue is in the kernel (io_uring,
 * docs/design.md P2/P3), 0 if not or no such handle. */
int ls_engine_recv_in_kernel(intptr_t v);
long ls_engine_cache_misses(void);

/* CreateIoCompletionPort's association: h's completions go to port with key, and its waits are
 * driven by the port's context. Takes a reference on port. 0, or -1 if h is already bound (or
 * has I/O waiting elsewhere). */
int ls_engine_bind(struct ls_handle *h, struct ls_iocp *port, uintptr_t key);
/* New reference to the port h is bound to (and its key), or NULL. */
struct ls_iocp *ls_engine_port_of(struct ls_handle *h, uintptr_t *key);
/* SetFileCompletionNotificationModes: flags accumulate (they cannot be turned off). */
int ls_engine_set_modes(struct ls_handle *h, unsigned int flags);

/* ---- Contexts (one backend instance each) ---- */

/* New context (for a completion port); NULL on failure. */
struct ls_engine_ctx *ls_engine_ctx_new(void);
/* A completion port's context: epoll by default, io_uring when LINSOCK_BACKEND or
 * LINSOCK_PORT_BACKEND says io_uring (docs/design.md P5). */
struct ls_engine_ctx *ls_engine_port_ctx_new(void);
void ls_engine_ctx_free(struct ls_engine_ctx *ctx);
/* Waits up to timeout_ms (-1: forever) for readiness in ctx and completes what became possible
 * (delivering each completion). Returns the number of handles processed, 0 on timeout or wake,
 * -1 on error. Only one thread at a time may poll a context (ports elect a poller). */
int ls_engine_ctx_poll(struct ls_engine_ctx *ctx, int timeout_ms);
/* Makes a thread blocked in ls_engine_ctx_poll on ctx return. Safe from any thread. */
void ls_engine_ctx_wake(struct ls_engine_ctx *ctx);

/* Name of the backend in use ("epoll" or "io_uring"), chosen once (LINSOCK_BACKEND). */
const char *ls_engine_backend_name(void);

/* ---- Completion delivery helpers for the port (iocp) ---- */

/* Writes the op's result into the caller's OVERLAPPED (Internal, InternalHigh, receive flags in
 * Offset) and wakes GetOverlappedResult waiters on it. */
void ls_engine_op_publish(struct ls_op *op);
/* Drops the op's references and recycles it (after delivery). */
void ls_engine_op_release(struct ls_op *op);

#endif
