/* mswsock/transmit: TransmitFile and TransmitPackets, one machine for both.
 *
 * Either call becomes a list of elements -- memory buffers and file ranges -- sent in order
 * (TransmitFile: head, file, tail). On a stream socket memory goes out with sendmsg and files
 * with sendfile(2): the file's pages go to the socket without a copy through user space, as
 * Windows' cache-manager path does. On a datagram socket (TransmitPackets only) the elements
 * up to one marked TP_ELEMENT_EOP, or the last, form one datagram (Windows: EOP says "do not
 * combine with the next element"), file bytes read into a bounce buffer.
 *
 * Overlapped calls run in the engine as LS_OP_EXT_SEND (send queue, so they keep their place
 * among WSASends): each attempt sends until the socket would block. Linux has no per-call
 * "don't wait" for sendfile, so a socket in blocking mode is made non-blocking for the length
 * of one attempt (as AcceptEx does with its listener; a blocking send another thread starts in
 * that window may see WSAEWOULDBLOCK: a known gap of mixing both on one socket). A call with
 * no OVERLAPPED blocks in the caller until done.
 *
 * Completion is file-style (LS_OP_API_FILE): the OVERLAPPED's Offset/OffsetHigh are the caller's
 * file offset and are left as they are. The byte count covers head, file and tail. When all
 * is sent: TF_DISCONNECT shuts the connection down for sending; TF_REUSE_SOCKET (only with
 * TF_DISCONNECT, as Windows requires) then makes the socket reusable (reuse.c).
 *
 * File position: an overlapped TransmitFile starts at Offset/OffsetHigh; one without an
 * OVERLAPPED, and a TransmitPackets file element with nFileOffset -1, start at the file's
 * current position and leave the position after the bytes sent (as a read would).
 * A file handle must name a regular file (sendfile's source); the handle is held until the
 * call completes. */
#include "msw.h"
#include "../ws2_32/ws2.h"
#include "../baseprov/baseprov.h"
#include "../engine/engine.h"
#include "../err/linux.h"
#include "../handle/handle.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define LX_MSG_MORE 0x8000
#define MAX_BYTES 0x7FFFFFFEu	/* Windows' limit for one call: 2,147,483,646 bytes */
#define FLAGS_OK (TF_DISCONNECT | TF_REUSE_SOCKET | TF_WRITE_BEHIND | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC)
#define CHUNK 0x7FFFF000u	/* sendfile's largest transfer */
#define DGRAM_MAX 65536u

struct tx_el {
	uint8_t mem, eop, cur;		/* memory element; end of packet; file at the current position */
	struct ls_handle *file;		/* file element: reference held */
	char *buf;			/* memory element: the caller's, advanced as sent */
	int64_t off;			/* file element: next offset */
	uint64_t left;			/* bytes still to send (UINT64_MAX: to end of file) */
};

struct tx {
	uint32_t n, i;
	uint32_t per_send;		/* largest sendfile chunk (0: as large as Linux allows) */
	uint32_t flags;
	uint8_t dgram;
	uint8_t sync;			/* no OVERLAPPED: runs in the caller, blocking */
	uint64_t total;
	struct tx_el el[];
};

static struct tx *tx_of(struct ls_op *op)
{
	return (struct tx *)(void *)op->iov;
}

static uint32_t iov_slots(uint32_t n)
{
	size_t sz = sizeof(struct tx) + (size_t)n * sizeof(struct tx_el);

	return (uint32_t)((sz + sizeof(struct ls_sys_iov) - 1) / sizeof(struct ls_sys_iov));
}

static void tx_release(struct ls_op *op)
{
	struct tx *t = tx_of(op);

	for (uint32_t i = 0; i < t->n; i++)
		if (t->el[i].file) {
			ls_handle_put(t->el[i].file);
			t->el[i].file = NULL;
		}
}

/* An element is finished: a file read at the current position leaves the position after it. */
static void el_done(struct tx_el *e)
{
	if (!e->mem && e->cur)
		ls_sys_lseek(e->file->fd, e->off, 0);
	e->left = 0;
}

/* Stream: send what is left of element e. 1 finished, 0 would block, -1 failed (status set). */
static int send_stream(struct ls_op *op, struct tx *t, struct tx_el *e, int more)
{
	struct ls_handle *h = op->h;
	long r;

	while (e->left) {
		if (e->mem) {
			struct ls_sys_iov v = { e->buf, (size_t)e->left };
			struct ls_sys_msg m = { 0 };
			m.iov = &v;
			m.iovlen = 1;
			r = ls_sys_sendmsg(h->fd, &m, (t->sync ? 0 : LX_MSG_DONTWAIT) | (more ? LX_MSG_MORE : 0));
		} else {
			uint64_t n = e->left < CHUNK ? e->left : CHUNK;
			if (t->per_send && n > t->per_send)
				n = t->per_send;
			r = ls_sys_sendfile(h->fd, e->file->fd, &e->off, (size_t)n);
			if (r == 0) {
				el_done(e);	/* end of file before the count: Windows sends what there is */
				return 1;
			}
		}
		if (r == -EINTR)
			continue;
		if (r == -EAGAIN)
			return 0;
		if (r < 0) {
			op->status = ls_baseprov_io_status(h, r, 1);
			return -1;
		}
		t->total += (uint64_t)r;
		if (e->mem)
			e->buf += r;
		if (e->left != UINT64_MAX)
			e->left -= (uint64_t)r;
	}
	el_done(e);
	return 1;
}

/* Datagram: elements i.. up to the first with EOP (or the last) as one datagram. */
static int send_dgram(struct ls_op *op, struct tx *t)
{
	struct ls_handle *h = op->h;
	char *bounce = NULL;
	size_t used = 0;
	uint32_t j;
	long r;

	for (j = t->i; j < t->n; j++)
		if (t->el[j].eop)
			break;
	if (j == t->n)
		j = t->n - 1;
	bounce = malloc(DGRAM_MAX);
	if (!bounce) {
		op->status = STATUS_INSUFFICIENT_RESOURCES;
		return -1;
	}
	for (uint32_t k = t->i; k <= j; k++) {
		struct tx_el *e = &t->el[k];
		uint64_t want = e->left;
		if (want > DGRAM_MAX - used)
			want = DGRAM_MAX - used;
		if (e->mem) {
			memcpy(bounce + used, e->buf, (size_t)want);
			used += (size_t)want;
		} else {
			r = ls_sys_pread(e->file->fd, bounce + used, (size_t)want, e->off);
			if (r < 0) {
				free(bounce);
				op->status = ls_err_status_from_errno((int)r);
				return -1;
			}
			used += (size_t)r;
		}
	}
	for (;;) {
		struct ls_sys_iov v = { bounce, used };
		struct ls_sys_msg m = { 0 };
		m.iov = &v;
		m.iovlen = 1;
		r = ls_sys_sendmsg(h->fd, &m, t->sync ? 0 : LX_MSG_DONTWAIT);
		if (r != -EINTR)
			break;
	}
	free(bounce);
	if (r == -EAGAIN)
		return 0;
	if (r < 0) {
		op->status = ls_baseprov_io_status(h, r, 1);
		return -1;
	}
	t->total += (uint64_t)r;
	for (uint32_t k = t->i; k <= j; k++) {
		struct tx_el *e = &t->el[k];
		if (!e->mem && e->cur) {
			/* What the datagram took of the file. */
			uint64_t n = e->left < DGRAM_MAX ? e->left : DGRAM_MAX;
			int64_t size = 0;
			ls_sys_fstat(e->file->fd, NULL, &size);
			e->off = e->off + (int64_t)n < size ? e->off + (int64_t)n : (size > e->off ? size : e->off);
		}
		el_done(e);
	}
	t->i = j + 1;
	return 1;
}

/* Everything sent: the disconnect and reuse the flags ask for. */
static void finish(struct ls_op *op, struct tx *t, int locked)
{
	NTSTATUS st = STATUS_SUCCESS;

	if (t->flags & TF_DISCONNECT) {
		st = ls_baseprov_shutdown(op->h, SD_SEND);
		if (st == STATUS_SUCCESS && (t->flags & TF_REUSE_SOCKET))
			st = ls_mswsock_reuse(op->h, locked);
	}
	op->status = st;
	op->bytes = (uint32_t)t->total;
}

/* One pass: as far as the socket takes without blocking (sync: blocking as the socket is).
 * 1 finished (op->status set), 0 must wait for the socket to be writable. */
static int step(struct ls_op *op, int locked)
{
	struct tx *t = tx_of(op);
	struct ls_handle *h = op->h;
	int r = 1, toggled = 0;

	if (!t->sync && !t->dgram && !h->u.sock.nonblocking) {
		ls_sys_set_nonblock(h->fd, 1);
		toggled = 1;
	}
	while (t->i < t->n) {
		if (t->dgram) {
			r = send_dgram(op, t);
		} else {
			r = send_stream(op, t, &t->el[t->i], t->i + 1 < t->n);
			if (r == 1)
				t->i++;
		}
		if (r != 1)
			break;
	}
	if (toggled)
		ls_sys_set_nonblock(h->fd, 0);
	if (r == 0) {
		if (t->sync && !h->u.sock.nonblocking) {
			/* A blocking socket said EAGAIN: its SO_SNDTIMEO ran out. */
			op->status = ls_baseprov_io_status(h, -EAGAIN, 1);
			op->bytes = (uint32_t)t->total;
			return 1;
		}
		return 0;
	}
	if (r < 0) {
		op->bytes = (uint32_t)t->total;
		return 1;
	}
	finish(op, t, locked);
	return 1;
}

static int tx_attempt(struct ls_op *op)
{
	return step(op, 1);
}

/* Looks up a file element's handle: a new reference, NULL if hf names no regular file. */
static struct ls_handle *file_get(HANDLE hf, int *code)
{
	struct ls_handle *f = ls_handle_get((intptr_t)hf);
	int kind = 0;

	if (!f || f->type != LS_HANDLE_FILE) {
		*code = WSA_INVALID_HANDLE;
		if (f)
			ls_handle_put(f);
		return NULL;
	}
	if (ls_sys_fstat(f->fd, &kind, NULL) != 0 || kind != LS_SYS_FT_REG) {
		*code = WSAEOPNOTSUPP;	/* sendfile needs a regular file as its source */
		ls_handle_put(f);
		return NULL;
	}
	return f;
}

/* Sets up a file element: offset (or the current position when cur), length (0: to end). */
static void file_el(struct tx_el *e, struct ls_handle *f, int cur, int64_t off, uint32_t len)
{
	e->mem = 0;
	e->file = f;
	e->cur = (uint8_t)cur;
	e->off = cur ? ls_sys_lseek(f->fd, 0, 1) : off;
	if (e->off < 0)
		e->off = 0;
	e->left = len ? len : UINT64_MAX;
}

/* Runs a prepared transfer: through the engine with an OVERLAPPED, else here. Consumes op.
 * Returns the Windows result of the call (TRUE, or FALSE with the last error set). */
static BOOL run(struct ls_op *op, struct ls_handle *h, LPOVERLAPPED ov)
{
	struct tx *t = tx_of(op);
	NTSTATUS st;
	int code;

	if (!ov) {
		t->sync = 1;
		op->h = h;
		while (!step(op, 0)) {
			short rev = 0;
			ls_sys_poll1(h->fd, LX_POLLOUT, &rev, -1);
		}
		st = op->status;
		op->h = NULL;
		tx_release(op);
		ls_engine_op_free(op);
		if (st == STATUS_SUCCESS)
			return TRUE;
		ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));
		return FALSE;
	}
	st = ls_engine_op_prepare(op, h, ov, NULL, LS_OP_API_FILE, 0);
	if (st != STATUS_SUCCESS) {
		tx_release(op);
		ls_engine_op_free(op);
		code = st == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : ls_err_wsa_from_status(st);
		ls_lasterr_set((uint32_t)code);
		return FALSE;
	}
	op->ext = tx_attempt;
	op->ext_release = tx_release;
	st = ls_engine_start(op, NULL, NULL);
	if (st == STATUS_SUCCESS)
		return TRUE;
	ls_lasterr_set((uint32_t)ls_err_wsa_from_status(st));	/* STATUS_PENDING: WSA_IO_PENDING */
	return FALSE;
}

/* The checks both calls make on the socket and flags. 0, or a WSAE* code. */
static int check_socket(struct ls_handle *h, DWORD flags, int stream_only)
{
	if (flags & ~(DWORD)FLAGS_OK)
		return WSAEINVAL;
	if ((flags & TF_REUSE_SOCKET) && !(flags & TF_DISCONNECT))
		return WSAEINVAL;	/* Windows: TF_REUSE_SOCKET is valid only with TF_DISCONNECT */
	if (stream_only && h->u.sock.type != SOCK_STREAM)
		return WSAEOPNOTSUPP;
	if (ls_baseprov_getpeername(h, NULL, NULL) == STATUS_INVALID_CONNECTION)
		return WSAENOTCONN;
	return 0;
}

WINSOCK_API_LINKAGE BOOL PASCAL TransmitFile(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
					     DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
					     LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers, DWORD dwReserved)
{
	TRANSMIT_FILE_BUFFERS b;
	struct ls_handle *h, *f = NULL;
	struct ls_op *op;
	struct tx *t;
	int code;
	BOOL ok;

	LS_TRACE_CALL("%s, %s, %lu, %lu, %p, %p, %s", ls_trace_socket(hSocket), ls_trace_handle(hFile),
		      (unsigned long)nNumberOfBytesToWrite, (unsigned long)nNumberOfBytesPerSend, (void *)lpOverlapped,
		      (void *)lpTransmitBuffers, ls_trace_tf_flags(dwReserved));
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	h = ls_handle_get_socket(hSocket);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	code = check_socket(h, dwReserved, 1);
	if (code)
		goto out;
	if (nNumberOfBytesToWrite > MAX_BYTES || nNumberOfBytesPerSend > MAX_BYTES) {
		code = WSAEINVAL;
		goto out;
	}
	memset(&b, 0, sizeof b);
	if (lpTransmitBuffers &&
	    (ls_sys_copy_in(&b, lpTransmitBuffers, sizeof b) != 0 || (b.HeadLength && !b.Head) ||
	     (b.TailLength && !b.Tail))) {
		code = WSAEFAULT;
		goto out;
	}
	if ((uint64_t)b.HeadLength + b.TailLength + nNumberOfBytesToWrite > MAX_BYTES) {
		code = WSAEINVAL;
		goto out;
	}
	if (hFile && !(f = file_get(hFile, &code)))
		goto out;
	op = ls_engine_op_new(iov_slots(3));
	if (!op) {
		if (f)
			ls_handle_put(f);
		code = WSAENOBUFS;
		goto out;
	}
	op->kind = LS_OP_EXT_SEND;
	op->stream = 1;
	t = tx_of(op);
	memset(t, 0, sizeof *t + 3 * sizeof t->el[0]);
	t->flags = dwReserved;
	t->per_send = nNumberOfBytesPerSend;
	if (b.HeadLength) {
		t->el[t->n].mem = 1;
		t->el[t->n].buf = b.Head;
		t->el[t->n++].left = b.HeadLength;
	}
	if (f) {
		int64_t off = lpOverlapped ? (int64_t)(((uint64_t)lpOverlapped->OffsetHigh << 32) | lpOverlapped->Offset) : 0;
		file_el(&t->el[t->n++], f, !lpOverlapped, off, nNumberOfBytesToWrite);
	}
	if (b.TailLength) {
		t->el[t->n].mem = 1;
		t->el[t->n].buf = b.Tail;
		t->el[t->n++].left = b.TailLength;
	}
	ok = run(op, h, lpOverlapped);
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(ok);
out:
	ls_handle_put(h);
	ls_lasterr_set((uint32_t)code);
	return LS_TRACE_RET_BOOL(FALSE);
}

BOOL PASCAL ls_mswsock_transmitpackets(SOCKET hSocket, LPTRANSMIT_PACKETS_ELEMENT lpPacketArray, DWORD nElementCount,
				       DWORD nSendSize, LPOVERLAPPED lpOverlapped, DWORD dwFlags)
{
	TRANSMIT_PACKETS_ELEMENT pe;
	struct ls_handle *h;
	struct ls_op *op = NULL;
	struct tx *t = NULL;
	uint64_t sum = 0;
	int code;

	LS_TRACE_CALL("%s, %p, %lu, %lu, %p, %s", ls_trace_socket(hSocket), (void *)lpPacketArray,
		      (unsigned long)nElementCount, (unsigned long)nSendSize, (void *)lpOverlapped, ls_trace_tf_flags(dwFlags));
	if (!ls_ws2_started()) {
		ls_lasterr_set(WSANOTINITIALISED);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	h = ls_handle_get_socket(hSocket);
	if (!h) {
		ls_lasterr_set(WSAENOTSOCK);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	code = check_socket(h, dwFlags, 0);
	if (code)
		goto out;
	if (h->u.sock.type != SOCK_STREAM && (dwFlags & (TF_DISCONNECT | TF_REUSE_SOCKET))) {
		code = WSAEINVAL;	/* a datagram socket has no connection to end */
		goto out;
	}
	if (nElementCount && !lpPacketArray) {
		code = WSAEFAULT;
		goto out;
	}
	if (nElementCount > 0x100000u) {
		code = WSAEINVAL;
		goto out;
	}
	op = ls_engine_op_new(iov_slots(nElementCount));
	if (!op) {
		code = WSAENOBUFS;
		goto out;
	}
	op->kind = LS_OP_EXT_SEND;
	op->stream = h->u.sock.type == SOCK_STREAM;
	t = tx_of(op);
	memset(t, 0, sizeof *t + nElementCount * sizeof t->el[0]);
	t->flags = dwFlags;
	t->dgram = !op->stream;
	t->per_send = nSendSize;
	for (uint32_t i = 0; i < nElementCount; i++) {
		struct tx_el *e = &t->el[t->n];
		ULONG kind;
		if (ls_sys_copy_in(&pe, &lpPacketArray[i], sizeof pe) != 0) {
			code = WSAEFAULT;
			goto fail;
		}
		kind = pe.dwElFlags & (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE);
		if ((pe.dwElFlags & ~(ULONG)(TP_ELEMENT_MEMORY | TP_ELEMENT_FILE | TP_ELEMENT_EOP)) ||
		    kind == (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE)) {
			code = WSAEINVAL;
			goto fail;
		}
		if (kind == TP_ELEMENT_MEMORY) {
			if (pe.cLength && !pe.pBuffer) {
				code = WSAEFAULT;
				goto fail;
			}
			e->mem = 1;
			e->buf = pe.pBuffer;
			e->left = pe.cLength;
		} else {
			/* TP_ELEMENT_FILE is the default when neither is given. */
			struct ls_handle *f = file_get(pe.hFile, &code);
			if (!f)
				goto fail;
			file_el(e, f, pe.nFileOffset.QuadPart == -1, pe.nFileOffset.QuadPart, pe.cLength);
			if (e->off < 0) {
				code = WSAEINVAL;
				t->n++;
				goto fail;
			}
		}
		e->eop = (pe.dwElFlags & TP_ELEMENT_EOP) != 0;
		sum += pe.cLength;
		t->n++;
	}
	if (sum > MAX_BYTES) {
		code = WSAEINVAL;
		goto fail;
	}
	if (t->n == 0 && !(dwFlags & TF_DISCONNECT) && lpOverlapped == NULL) {
		ls_engine_op_free(op);
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(TRUE);
	}
	{
		BOOL ok = run(op, h, lpOverlapped);
		ls_handle_put(h);
		return LS_TRACE_RET_BOOL(ok);
	}
fail:
	tx_release(op);
	ls_engine_op_free(op);
out:
	ls_handle_put(h);
	ls_lasterr_set((uint32_t)code);
	return LS_TRACE_RET_BOOL(FALSE);
}
