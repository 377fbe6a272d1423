/* iocp: I/O completion ports (spec data-transfer.md §11).
 *
 * A port is a FIFO of packets (completed ops, or posted ones), the threads waiting in
 * GetQueuedCompletionStatus (released LIFO, at most `concurrency` running at once), and an
 * engine context that the waiting threads drive themselves: one of them at a time polls the
 * context for readiness of the handles bound to the port, completes their I/O and queues the
 * packets; the others sleep on a per-waiter futex. No thread of ours is on that path (DESIGN §5):
 * the keeper thread only polls while no thread waits on the port (ls_iocp_keep).
 * Invariants: packets are appended under the port lock and leave it only through a dequeue
 * (or the port's destruction, which recycles them); the op's OVERLAPPED is written at dequeue,
 * as Windows' I/O manager does; a port lives while its handle, a bound handle or a queued op
 * holds a reference. A thread about to sleep may first spin on the queue (more than one usable CPU):
 * it counts as the newest waiter. Wake-ups decided under the lock are made once it is released. */
#ifndef LS_IOCP_IOCP_H
#define LS_IOCP_IOCP_H

#include <stdint.h>
#include <windows.h>

struct ls_iocp;
struct ls_op;
struct ls_handle;
struct ls_engine_ctx;

/* New port, one reference (the handle record's). NULL if out of resources. */
struct ls_iocp *ls_iocp_new(uint32_t concurrency);
void ls_iocp_get(struct ls_iocp *p);
void ls_iocp_put(struct ls_iocp *p);
/* Borrowed: the port of a port handle record, or NULL. */
struct ls_iocp *ls_iocp_from_handle(struct ls_handle *h);
/* Borrowed (valid while p is): the port's engine context. */
struct ls_engine_ctx *ls_iocp_ctx(struct ls_iocp *p);

/* Queues a completed op as a packet (consumes op and its references). */
void ls_iocp_deliver(struct ls_iocp *p, struct ls_op *op);
/* PostQueuedCompletionStatus: 0, or -1 if out of memory. */
int ls_iocp_post(struct ls_iocp *p, uint32_t bytes, uintptr_t key, LPOVERLAPPED ov);

/* One dequeued packet. */
struct ls_iocp_entry {
	uintptr_t key;
	LPOVERLAPPED ov;
	NTSTATUS status;
	uint32_t bytes;
};
/* Dequeues up to n packets, waiting up to ms (INFINITE). Returns the count (>= 1), 0 on timeout,
 * -1 if the port was closed while waiting (ERROR_ABANDONED_WAIT_0), -2 if an APC ran
 * (alertable only; WAIT_IO_COMPLETION). */
int ls_iocp_dequeue(struct ls_iocp *p, struct ls_iocp_entry *e, int n, uint32_t ms, int alertable);
/* A handle was bound to p: from now on p has a keeper thread that drives p's context while no
 * thread is in GetQueuedCompletionStatus (iocp.c). */
void ls_iocp_keep(struct ls_iocp *p);
/* GetOverlappedResult waits for ov: a packet for it already queued on some port gets its status
 * block written now (it is written again at dequeue, with the same values). Packets queued
 * while a GetOverlappedResult waits are published as they are queued. */
void ls_iocp_publish_ov(LPOVERLAPPED ov);
/* The port's handle was closed: waiters return ERROR_ABANDONED_WAIT_0. */
void ls_iocp_close(struct ls_iocp *p);

/* A snapshot of p's waiting threads, for tests (test/unit/iocp_spin.c). */
struct ls_iocp_state {
	uint32_t waiters;	/* asleep on the LIFO stack */
	uint32_t spinning;	/* watching the queue before they sleep */
	uint32_t spin_hits;	/* spins so far that saw a packet */
	uint32_t active;	/* threads released and not back yet (the concurrency count) */
	int polling;		/* a thread polls the port's context */
};
void ls_iocp_peek(struct ls_iocp *p, struct ls_iocp_state *st);

#endif
