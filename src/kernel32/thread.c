/* kernel32/thread: CreateThread, ExitThread, GetExitCodeThread, GetCurrentThreadId,
 * GetCurrentProcessId. A thread handle is an fd (DESIGN §1): an eventfd that becomes readable
 * when the thread ends, so waits are one poll. The full set of waitable objects comes with the
 * async engine; this is the part the socket API's tests and benchmarks need now. */
#include <windows.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "../base/lasterr.h"
#include "../base/sys.h"
#include "../base/trace.h"
#include "../handle/handle.h"
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
};

static __thread struct thread *self;

static void handle_destroy(struct ls_handle *h)
{
	free(h->u.thread.thread);
}

static void thread_end(struct thread *t, DWORD code)
{
	atomic_store(&t->exit_code, code);
	ls_sys_signal_fd(t->done_fd);
	ls_handle_put(t->h);	/* may free t */
}

static void *thread_main(void *p)
{
	struct thread *t = p;

	self = t;
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
	pthread_attr_t attr;
	pthread_t tid;
	int fd;

	LS_TRACE("start=%p param=%p flags=0x%x", (void *)(uintptr_t)lpStartAddress, lpParameter,
		 (unsigned)dwCreationFlags);
	(void)lpThreadAttributes;
	if (!lpStartAddress) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	t = calloc(1, sizeof *t);
	if (!t) {
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	fd = ls_sys_event_fd();
	if (fd < 0) {
		free(t);
		ls_lasterr_set(ERROR_TOO_MANY_OPEN_FILES);
		return NULL;
	}
	t->fn = lpStartAddress;
	t->arg = lpParameter;
	t->done_fd = fd;
	atomic_init(&t->exit_code, STILL_ACTIVE);
	h = ls_handle_new(fd, LS_HANDLE_THREAD, 0);
	if (!h) {
		ls_sys_close(fd);
		free(t);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	h->u.thread.thread = t;
	h->destroy = handle_destroy;
	t->h = h;	/* the reference ls_handle_new returned now belongs to the thread */
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (dwStackSize)
		pthread_attr_setstacksize(&attr, dwStackSize < 65536 ? 65536 : dwStackSize);
	if (pthread_create(&tid, &attr, thread_main, t) != 0) {
		pthread_attr_destroy(&attr);
		ls_handle_close(fd, LS_HANDLE_THREAD);
		ls_handle_put(h);	/* the thread's reference: frees t and closes fd */
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	pthread_attr_destroy(&attr);
	if (lpThreadId) {
		/* The id is the Linux tid (what GetCurrentThreadId returns in the thread); it is known
		 * once the thread runs, which takes microseconds. */
		while (atomic_load(&t->tid) == 0)
			sched_yield();
		*lpThreadId = (DWORD)atomic_load(&t->tid);
	}
	return (HANDLE)(intptr_t)fd;
}

void WINAPI ExitThread(DWORD dwExitCode)
{
	LS_TRACE("code=%u", (unsigned)dwExitCode);
	if (self) {
		struct thread *t = self;
		self = NULL;
		thread_end(t, dwExitCode);
	}
	pthread_exit(NULL);
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
	struct ls_handle *h = ls_handle_get_type((intptr_t)hThread, LS_HANDLE_THREAD);
	struct thread *t;

	if (!h) {
		ls_lasterr_set(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	t = h->u.thread.thread;
	if (!lpExitCode || ls_sys_copy_out(lpExitCode, &(DWORD){ atomic_load(&t->exit_code) }, sizeof(DWORD)) != 0) {
		ls_handle_put(h);
		ls_lasterr_set(ERROR_NOACCESS);
		return FALSE;
	}
	ls_handle_put(h);
	return TRUE;
}

DWORD WINAPI GetCurrentThreadId(void)
{
	return (DWORD)ls_sys_gettid();
}

DWORD WINAPI GetCurrentProcessId(void)
{
	return (DWORD)ls_sys_getpid();
}
