/* msvcrt/thread: _beginthreadex, _endthreadex, _beginthread, _endthread, _getpid.
 *
 * A C runtime thread is a kernel32 thread (kernel32/thread.c): _beginthreadex returns the same
 * waitable HANDLE CreateThread does (the caller closes it), and the thread's return value is
 * its exit code. The start routine's type (unsigned (__stdcall *)(void *)) is CreateThread's
 * on x86-64, where __stdcall means nothing. Failures return 0 with errno (EINVAL for a NULL
 * routine, EAGAIN when no thread could be made) and the last error CreateThread set.
 * _beginthread's handle closes itself when the thread ends (Microsoft's rule), so it is only
 * good for identifying the thread while it runs; it returns -1 on failure. */
#include <windows.h>

#include <errno.h>
#include <stdlib.h>

#include <process.h>
#include "msvcrt.h"
#include "../base/trace.h"

uintptr_t _beginthreadex(void *security, unsigned int stack_size,
			 _beginthreadex_proc_type start_address, void *arglist, unsigned int initflag,
			 unsigned int *thrdaddr)
{
	HANDLE h;
	DWORD tid = 0;

	LS_TRACE_CALL("%p, %u, %p, %p, %#x, %p", security, stack_size, (void *)(uintptr_t)start_address, arglist,
		      initflag, (void *)thrdaddr);
	if (!start_address) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT_PTR(0);
	}
	h = CreateThread((LPSECURITY_ATTRIBUTES)security, stack_size,
			 (LPTHREAD_START_ROUTINE)(void (*)(void))start_address, arglist, initflag,
			 thrdaddr ? &tid : NULL);
	if (!h) {
		errno = GetLastError() == ERROR_INVALID_PARAMETER ? EINVAL : EAGAIN;
		return LS_TRACE_RET_CRT_PTR(0);
	}
	if (thrdaddr)
		*thrdaddr = tid;
	return LS_TRACE_RET_CRT_PTR((uintptr_t)h);
}

void _endthreadex(unsigned int retval)
{
	LS_TRACE_CALL("%u", retval);
	ExitThread(retval);
}

struct plain {
	_beginthread_proc_type fn;
	void *arg;
	HANDLE self;
};

/* _beginthread's thread: runs the routine, then closes its own handle. */
static DWORD WINAPI plain_main(LPVOID p)
{
	struct plain s = *(struct plain *)p;

	free(p);
	s.fn(s.arg);
	return 0;
}

uintptr_t _beginthread(_beginthread_proc_type start_address, unsigned int stack_size, void *arglist)
{
	struct plain *p;
	HANDLE h;

	LS_TRACE_CALL("%p, %u, %p", (void *)(uintptr_t)start_address, stack_size, arglist);
	if (!start_address) {
		errno = EINVAL;
		return LS_TRACE_RET_CRT((uintptr_t)-1);
	}
	p = malloc(sizeof *p);
	if (!p) {
		errno = EAGAIN;
		return LS_TRACE_RET_CRT((uintptr_t)-1);
	}
	p->fn = start_address;
	p->arg = arglist;
	h = CreateThread(NULL, stack_size, plain_main, p, 0, NULL);
	if (!h) {
		free(p);
		errno = EAGAIN;
		return LS_TRACE_RET_CRT((uintptr_t)-1);
	}
	/* The thread holds its own reference to its record (kernel32/thread.c), so the handle
	 * can be closed now; Microsoft closes it when the thread ends. */
	CloseHandle(h);
	return LS_TRACE_RET_CRT((uintptr_t)h);
}

void _endthread(void)
{
	LS_TRACE_CALL0();
	ExitThread(0);
}

int _getpid(void)
{
	LS_TRACE_CALL0();
	return LS_TRACE_RET_SINT((int)GetCurrentProcessId());
}
