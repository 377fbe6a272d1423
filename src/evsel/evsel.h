/* evsel: WSAEventSelect's network-event record (spec data-transfer.md §12, docs/design.md V).
 *
 * Contract and invariants:
 * - A registration (struct ls_evsel) hangs off the socket's engine state (es->evsel) and is
 *   read and changed only under es->lock: mask, recorded set, error codes, enabled bits and the
 *   event's record (a reference held). One per socket; a new WSAEventSelect replaces it.
 * - An event type is recorded (bit set, event set) only when it is in the mask and enabled;
 *   recording disables it until a re-enabling call (recv..., send after WSAEWOULDBLOCK,
 *   accept...) enables it again. What holds is always read from the level (ls_sys_poll1, 0
 *   timeout): at registration, after each re-enabling call, and on each backend report (which
 *   is an edge and may be stale by the time it is handled).
 * - While a registration exists the fd is watched in an engine context (ls_engine_watch), the
 *   socket is non-blocking, and FIONBIO 0 fails (WSAEINVAL).
 * - Nothing is recorded once the socket is closing (Windows posts no FD_CLOSE after a local
 *   closesocket); the registration and its event reference go with the socket's last reference
 *   (ls_evsel_destroy, from the socket's destroy).
 * - Sockets without a registration pay one pointer test per hook (the inlines below).
 * - FD_ADDRESS_LIST_CHANGE and FD_ROUTING_INTERFACE_CHANGE are not read from the level: their
 *   ioctl arms them per socket (ls_evsel_change_arm, kept across registrations) and the change
 *   watcher (src/netif) records them once (docs/design.md N2). */
#ifndef LS_EVSEL_EVSEL_H
#define LS_EVSEL_EVSEL_H

#include <stdatomic.h>
#include <stdint.h>

#include <windows.h>

#include "../engine/backend.h"
#include "../handle/handle.h"

struct ls_evsel;

/* The registration of h, if any (racy hint: the callee re-checks under es->lock). */
static inline int ls_evsel_active(struct ls_handle *h)
{
	struct ls_engine_sock *es = atomic_load_explicit(&h->engine, memory_order_acquire);

	return es && __atomic_load_n(&es->evsel, __ATOMIC_ACQUIRE) != NULL;
}

/* Registers event (borrowed; the registration takes its own reference) for the FD_* bits of
 * mask on socket h, replacing any previous registration and clearing the record; mask 0
 * cancels (event ignored). Makes the socket non-blocking and records at once what already
 * holds. STATUS_SUCCESS or a failure (nothing changed). */
NTSTATUS ls_evsel_select(struct ls_handle *h, struct ls_handle *event, long mask);
/* WSAEnumNetworkEvents: copies the record into *lNetworkEvents / iErrorCode (only for set
 * bits; out must point to our memory) and clears it, resetting event (borrowed, may be NULL)
 * in the same critical section. */
void ls_evsel_enum(struct ls_handle *h, struct ls_handle *event, int32_t *events, int *errs);
/* Accepted socket n inherits listener h's event and mask (borrowed both). */
void ls_evsel_inherit_slow(struct ls_handle *h, struct ls_handle *n);
/* A re-enabling call on h happened (bits: FD_READ|FD_OOB, FD_WRITE, FD_ACCEPT). */
void ls_evsel_rearm_slow(struct ls_handle *h, uint32_t bits);
/* connect on h: begin before the syscall, end with its status (Windows codes via status). */
void ls_evsel_connect_slow(struct ls_handle *h, int phase, NTSTATUS st);
/* SIO_ADDRESS_LIST_CHANGE / SIO_ROUTING_INTERFACE_CHANGE on a non-blocking socket h (borrowed)
 * failed WSAEWOULDBLOCK: arms bit (FD_ADDRESS_LIST_CHANGE or FD_ROUTING_INTERFACE_CHANGE) with
 * the change stamp of kinds (src/netif) taken at the call, replacing an earlier arming of that
 * bit. The first change after it records bit once, in the registration h has then or gets
 * later (one with bit in its mask); recording disarms, only the ioctl arms again (spec
 * data-transfer.md §12: these two are edges). 0, or -1 out of memory. */
int ls_evsel_change_arm(struct ls_handle *h, uint32_t bit, unsigned kinds, uint32_t stamp);
/* The watcher saw a change (src/netif): records what it completes. */
void ls_evsel_change_seen(void);
/* The socket's last reference: drops the registration. */
void ls_evsel_destroy(struct ls_handle *h);
/* Readiness hook, called by ls_engine_ready with es held. */
void ls_evsel_ready(struct ls_engine_sock *es, uint32_t events);

static inline void ls_evsel_rearm(struct ls_handle *h, uint32_t bits)
{
	if (h->engine && ls_evsel_active(h))
		ls_evsel_rearm_slow(h, bits);
}

static inline void ls_evsel_inherit(struct ls_handle *h, struct ls_handle *n)
{
	if (h->engine && ls_evsel_active(h))
		ls_evsel_inherit_slow(h, n);
}

/* phase 0: before the connect syscall; 1: after it, with its status. */
static inline void ls_evsel_connect(struct ls_handle *h, int phase, NTSTATUS st)
{
	if (h->engine && ls_evsel_active(h))
		ls_evsel_connect_slow(h, phase, st);
}

#endif
