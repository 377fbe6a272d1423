/* handle: the object table (see handle.h for the contract and invariants). */
#include "handle.h"
#include "../base/sys.h"
#include "../err/linux.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BITS 10
#define CHUNK_SIZE (1u << CHUNK_BITS)
#define TOP_SIZE 4096u	/* fds below 4M: far above any RLIMIT_NOFILE in practice */

typedef _Atomic(struct ls_handle *) slot_t;

static _Atomic(slot_t *) top[TOP_SIZE];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ls_handle *free_list;	/* lock held */
static atomic_int live;

int (*ls_handle_engine_abort)(struct ls_handle *h);
void (*ls_handle_engine_free)(struct ls_handle *h);

static slot_t *slot_of(intptr_t fd, int create)
{
	slot_t *chunk;
	uintptr_t i = (uintptr_t)fd >> CHUNK_BITS;

	if (fd < 0 || i >= TOP_SIZE)
		return NULL;
	chunk = atomic_load_explicit(&top[i], memory_order_acquire);
	if (!chunk && create) {
		/* lock held */
		chunk = calloc(CHUNK_SIZE, sizeof *chunk);
		if (!chunk)
			return NULL;
		atomic_store_explicit(&top[i], chunk, memory_order_release);
	}
	return chunk ? &chunk[(uintptr_t)fd & (CHUNK_SIZE - 1)] : NULL;
}

struct ls_handle *ls_handle_new(int fd, int type, unsigned int flags)
{
	struct ls_handle *h;
	slot_t *slot;

	pthread_mutex_lock(&lock);
	slot = slot_of(fd, 1);
	if (!slot) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	h = free_list;
	if (h) {
		free_list = h->next_free;
	} else {
		h = malloc(sizeof *h);
		if (!h) {
			pthread_mutex_unlock(&lock);
			return NULL;
		}
		atomic_init(&h->refs, 0);
		atomic_init(&h->gen, 0);
	}
	/* A new incarnation: peeks of the previous one (ls_handle_peek_socket) stop validating. */
	atomic_fetch_add_explicit(&h->gen, 1, memory_order_relaxed);
	/* refs stays 0 until the record is ready: a racing lookup of a recycled record skips it. */
	h->fd = fd;
	/* Read without a reference by ls_handle_peek_socket (then validated), hence atomic. */
	__atomic_store_n(&h->type, type, __ATOMIC_RELAXED);
	h->destroy = NULL;
	memset(&h->u, 0, sizeof h->u);
	atomic_store_explicit(&h->engine, NULL, memory_order_relaxed);
	h->next_free = NULL;
	atomic_store_explicit(&h->flags, flags & (LS_HF_INHERIT | LS_HF_PROTECT), memory_order_relaxed);
	atomic_store_explicit(&h->refs, 2, memory_order_release);
	atomic_fetch_add_explicit(&live, 1, memory_order_relaxed);
	/* A stale record could only be here if an fd was closed behind our back (native close on a
	 * linsock fd): it loses its slot, keeps its references, and dies with its last put. */
	atomic_store_explicit(slot, h, memory_order_release);
	pthread_mutex_unlock(&lock);
	return h;
}

struct ls_handle *ls_handle_get(intptr_t fd)
{
	slot_t *slot = slot_of(fd, 0);
	struct ls_handle *h;
	int r;

	if (!slot)
		return NULL;
	for (;;) {
		h = atomic_load_explicit(slot, memory_order_acquire);
		if (!h)
			return NULL;
		r = atomic_load_explicit(&h->refs, memory_order_relaxed);
		do {
			if (r == 0)
				goto again;	/* being recycled */
		} while (!atomic_compare_exchange_weak_explicit(&h->refs, &r, r + 1, memory_order_acquire,
							       memory_order_relaxed));
		if (atomic_load_explicit(slot, memory_order_acquire) == h && h->fd == fd)
			return h;
		ls_handle_put(h);
again:
		if (atomic_load_explicit(slot, memory_order_acquire) == h)
			return NULL;	/* record in the slot is dying: fd is closing */
	}
}

struct ls_handle *ls_handle_get_type(intptr_t fd, int type)
{
	struct ls_handle *h = ls_handle_get(fd);

	if (h && h->type != type) {
		ls_handle_put(h);
		return NULL;
	}
	return h;
}

struct ls_handle *ls_handle_peek_socket(uintptr_t s, unsigned int *gen)
{
	slot_t *slot = s > (uintptr_t)INT32_MAX ? NULL : slot_of((intptr_t)s, 0);
	struct ls_handle *h;

	if (!slot)
		return NULL;
	h = atomic_load_explicit(slot, memory_order_acquire);
	if (!h)
		return NULL;
	/* gen first: the slot's acquire makes it at least this incarnation's; a later recycle
	 * changes it, so a type read from another incarnation never validates. */
	*gen = atomic_load_explicit(&h->gen, memory_order_acquire);
	if (__atomic_load_n(&h->type, __ATOMIC_RELAXED) != LS_HANDLE_SOCKET)
		return NULL;
	return h;
}

int ls_handle_peek_valid(const struct ls_handle *h, intptr_t fd, unsigned int gen)
{
	slot_t *slot = slot_of(fd, 0);

	/* The record leaves its slot (detach) before its fd can close, and re-enters one only as
	 * a new incarnation: same slot and same gen mean the same live socket. */
	return slot && atomic_load_explicit(slot, memory_order_acquire) == h &&
	       atomic_load_explicit(&((struct ls_handle *)h)->gen, memory_order_acquire) == gen;
}

struct ls_handle *ls_handle_get_peeked(struct ls_handle *h, intptr_t fd, unsigned int gen)
{
	int r = atomic_load_explicit(&h->refs, memory_order_relaxed);

	do {
		if (r == 0)
			return NULL;	/* being recycled */
	} while (!atomic_compare_exchange_weak_explicit(&h->refs, &r, r + 1, memory_order_acquire,
						       memory_order_relaxed));
	if (ls_handle_peek_valid(h, fd, gen))
		return h;
	ls_handle_put(h);
	return NULL;
}

void ls_handle_put(struct ls_handle *h)
{
	if (atomic_fetch_sub_explicit(&h->refs, 1, memory_order_acq_rel) != 1)
		return;
	if (h->destroy)
		h->destroy(h);
	if (atomic_load_explicit(&h->engine, memory_order_acquire))
		ls_handle_engine_free(h);
	/* The fd closes only now: its number cannot be reused while a call used the record. */
	ls_sys_close(h->fd);
	pthread_mutex_lock(&lock);
	h->next_free = free_list;
	free_list = h;
	pthread_mutex_unlock(&lock);
	atomic_fetch_sub_explicit(&live, 1, memory_order_relaxed);
}

static struct ls_handle *detach(intptr_t fd, int type)
{
	slot_t *slot;
	struct ls_handle *h = NULL;

	pthread_mutex_lock(&lock);
	slot = slot_of(fd, 0);
	if (slot) {
		h = atomic_load_explicit(slot, memory_order_acquire);
		if (h && type && h->type != type)
			h = NULL;
		if (h)
			atomic_store_explicit(slot, NULL, memory_order_release);
	}
	pthread_mutex_unlock(&lock);
	return h;
}

static void close_record(struct ls_handle *h)
{
	int shared = 0;

	atomic_fetch_or_explicit(&h->flags, LS_HF_CLOSING, memory_order_seq_cst);
	/* Pending overlapped I/O completes aborted before anything else (its ops hold references,
	 * so the fd stays open until they are delivered) -- unless a duplicate handle keeps the
	 * socket open: then the engine wakes this handle's blocked callers itself. */
	if (atomic_load_explicit(&h->engine, memory_order_acquire))
		shared = ls_handle_engine_abort(h);
	/* Windows: closing a socket makes calls blocked in it on other threads fail (WSAEINTR).
	 * Linux does not wake a thread blocked on an fd another thread closes; shutdown does, and
	 * the connection is ending anyway. Only needed when someone else holds a reference. */
	if (!shared && h->type == LS_HANDLE_SOCKET && atomic_load_explicit(&h->refs, memory_order_acquire) > 1)
		ls_sys_shutdown(h->fd, LX_SHUT_RDWR);
	ls_handle_put(h);
}

int ls_handle_close(intptr_t fd, int type)
{
	struct ls_handle *h = detach(fd, type);

	if (!h)
		return -1;
	close_record(h);
	return 0;
}

void ls_handle_close_all(int type)
{
	for (uintptr_t i = 0; i < TOP_SIZE; i++) {
		slot_t *chunk = atomic_load_explicit(&top[i], memory_order_acquire);
		if (!chunk)
			continue;
		for (uintptr_t j = 0; j < CHUNK_SIZE; j++) {
			struct ls_handle *h = atomic_load_explicit(&chunk[j], memory_order_acquire);
			if (h && h->type == type)
				ls_handle_close((intptr_t)((i << CHUNK_BITS) | j), type);
		}
	}
}

int ls_handle_count(void)
{
	return atomic_load_explicit(&live, memory_order_relaxed);
}
