/* kernel32/thread: CreateThread, ExitThread, GetExitCodeThread, GetCurrentThread,
 * GetCurrentThreadId, GetCurrentProcessId. A thread handle is an fd (DESIGN §1): an eventfd that
 * becomes readable when the thread ends (a manual-reset src/wait object), so waits are one poll.
 * The handle's object also carries the thread's wait state, the target of QueueUserAPC. */
#include <windows.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "../base/pthr.h"
#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../engine/engine.h"
#include "../handle/handle.h"
#include "../wait/wait.h"
#include "kernel32.h"

/* The running thread holds a reference to its handle record, so the handle's fd stays open (and
 * its number unused by anything else) until the thread has signalled it, even if the program
 * closed the handle long before. The record's destroy frees this struct. */
struct thread {
	struct ls_handle *h;	/* the thread's reference */
	LPTHREAD_START_ROUTINE fn;
	LPVOID arg;
	atomic_uint exit_code;	/* STILL_ACTIVE until the thread ends */
	int done_fd;		/* the handle's fd; written once when the thread ends */
	atomic_int tid;		/* Linux tid, published by the thread as it starts */
	struct ls_wait_obj *done;	/* the handle's object: set when the thread ends */
	struct ls_wait_thread *wt;	/* the thread's wait state, handed to it as it starts */
};

static __thread struct thread *self;

static void handle_destroy(struct ls_handle *h)
{
	ls_wait_obj_free(h->u.wait.obj);
	free(h->u.wait.thread);
}

static void thread_end(struct thread *t, DWORD code)
{
	atomic_store(&t->exit_code, code);
	/* Windows abandons the thread's mutexes before its handle is signalled. */
	ls_wait_thread_exit();
	/* Its I/O is cancelled before its handle is signalled: a waiter on the thread sees it. */
	ls_engine_thread_exit();
	ls_wait_event_set(t->done);
	ls_handle_put(t->h);	/* may free t */
}

static void *thread_main(void *p)
{
	struct thread *t = p;

	self = t;
	ls_wait_thread_attach(t->wt);
	atomic_store(&t->tid, ls_sys_gettid());
	thread_end(t, t->fn(t->arg));
	return NULL;
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
			   LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter, DWORD dwCreationFlags,
			   LPDWORD lpThreadId)
{
	struct thread *t;
	struct ls_handle *h;
	pthread_t tid;
	int fd;

	LS_TRACE_CALL("%p, %zu, %p, %p, %lu, %p", (const void *)lpThreadAttributes, (size_t)dwStackSize,
		 (void *)(uintptr_t)lpStartAddress, (const void *)lpParameter, (unsigned long)dwCreationFlags,
		 (const void *)lpThreadId);
	(void)lpThreadAttributes;
	if (!lpStartAddress) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	t = calloc(1, sizeof *t);
	if (!t) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	fd = ls_sys_event_fd_nonblock();
	if (fd < 0) {
		free(t);
		ls_lasterr_set(ERROR_TOO_MANY_OPEN_FILES);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	t->fn = lpStartAddress;
	t->arg = lpParameter;
	t->done_fd = fd;
	atomic_init(&t->exit_code, STILL_ACTIVE);
	/* The wait state exists before the thread runs: an APC may be queued to it at once. One
	 * reference goes to the handle's object, one to the thread. */
	t->wt = ls_wait_thread_new();
	t->done = ls_wait_obj_new(LS_WAIT_EVENT_MANUAL, fd, 0, 0);
	h = t->wt && t->done ? ls_handle_new(fd, LS_HANDLE_THREAD, 0) : NULL;
	if (!h) {
		if (t->wt)
			ls_wait_thread_put(t->wt);
		ls_wait_obj_free(t->done);
		ls_sys_close(fd);
		free(t);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	ls_wait_thread_get(t->wt);
	ls_wait_obj_set_thread(t->done, t->wt);
	h->u.wait.obj = t->done;
	h->u.wait.thread = t;
	h->destroy = handle_destroy;
	t->h = h;	/* the reference ls_handle_new returned now belongs to the thread */
	if (ls_pthr_create(&tid, 1, dwStackSize ? (dwStackSize < 65536 ? 65536 : dwStackSize) : 0, thread_main, t) != 0) {
		ls_wait_thread_put(t->wt);	/* the reference the thread would have taken */
		ls_handle_close(fd, LS_HANDLE_THREAD);
		ls_handle_put(h);	/* the thread's reference: frees t and closes fd */
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_HANDLE(NULL);
	}
	if (lpThreadId) {
		/* The id is the Linux tid (what GetCurrentThreadId returns in the thread); it is known
		 * once the thread runs, which takes microseconds. */
		while (atomic_load(&t->tid) == 0)
			sched_yield();
		*lpThreadId = (DWORD)atomic_load(&t->tid);
	}
	return LS_TRACE_RET_HANDLE((HANDLE)(intptr_t)fd);
}

void WINAPI ExitThread(DWORD dwExitCode)
{
	LS_TRACE_CALL("%lu", (unsigned long)dwExitCode);
	if (self) {
		struct thread *t = self;
		self = NULL;
		thread_end(t, dwExitCode);
	} else {
		ls_wait_thread_exit();	/* a thread CreateThread did not start: abandon its mutexes */
		ls_engine_thread_exit();
	}
	pthread_exit(NULL);
}

/* Windows' pseudo-handle for the calling thread: valid in this thread's calls (QueueUserAPC,
 * waits, where it is never signalled), not a real handle. */
HANDLE WINAPI GetCurrentThread(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_HEX((HANDLE)(LONG_PTR)-2);
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
	struct ls_handle *h = ls_handle_get_type((intptr_t)hThread, LS_HANDLE_THREAD);
	struct thread *t;

	LS_TRACE_CALL("%s, %p", ls_trace_handle(hThread), (const void *)lpExitCode);
	if (!h) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	t = h->u.wait.thread;
	if (!lpExitCode || ls_sys_copy_out(lpExitCode, &(DWORD){ atomic_load(&t->exit_code) }, sizeof(DWORD)) != 0) {
		ls_handle_put(h);
		ls_lasterr_set(ERROR_NOACCESS);
		return LS_TRACE_RET_BOOL(FALSE);
	}
	ls_handle_put(h);
	return LS_TRACE_RET_BOOL(TRUE);
}

DWORD WINAPI GetCurrentThreadId(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_UINT((DWORD)ls_sys_gettid());
}

DWORD WINAPI GetCurrentProcessId(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_UINT((DWORD)ls_sys_getpid());
}

/* CancelSynchronousIo (spec data-transfer.md §11 table): the thread's blocking call on a socket
 * (recv, send, accept, connect and their WSA and ReadFile/WriteFile forms) fails with
 * ERROR_OPERATION_ABORTED (WSA_OPERATION_ABORTED, the same value, from Winsock: STATUS_CANCELLED
 * as Wine and ReactOS map it); ERROR_NOT_FOUND when the thread is in no such call. The wait
 * functions are not synchronous I/O and are not cancelled (Windows alike). */
BOOL WINAPI CancelSynchronousIo(HANDLE hThread)
{
	struct ls_handle *h;
	struct thread *t;
	int tid;

	LS_TRACE_CALL("%s", ls_trace_handle(hThread));
	if (hThread == GetCurrentThread())
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_FOUND));	/* the caller is not blocked */
	h = ls_handle_get_type((intptr_t)hThread, LS_HANDLE_THREAD);
	if (!h)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_INVALID_HANDLE));
	t = h->u.wait.thread;
	tid = atomic_load(&t->tid);
	/* An ended thread's id may belong to a new thread by now. */
	if (atomic_load(&t->exit_code) != STILL_ACTIVE)
		tid = 0;
	ls_handle_put(h);
	if (tid == 0 || tid == ls_sys_gettid() || ls_wait_syncio_cancel(tid) != 0)
		return LS_TRACE_RET_BOOL(ls_k32_fail(ERROR_NOT_FOUND));
	return LS_TRACE_RET_BOOL(TRUE);
}
