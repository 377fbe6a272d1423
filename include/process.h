/*
 * process.h - C runtime threads (_beginthreadex, _endthreadex) and
 * process ids.  _beginthreadex returns the same waitable thread HANDLE
 * CreateThread does, as a uintptr_t; 0 with errno on failure.
 */
#ifndef _INC_PROCESS
#define _INC_PROCESS

#include <stdint.h>
#include "linsock_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned int (*_beginthreadex_proc_type)(void *);
typedef void (*_beginthread_proc_type)(void *);

LS_CRT_EXPORT uintptr_t _beginthreadex(void *security, unsigned int stack_size,
	_beginthreadex_proc_type start_address, void *arglist, unsigned int initflag,
	unsigned int *thrdaddr);
LS_CRT_EXPORT void _endthreadex(unsigned int retval) __attribute__((noreturn));
LS_CRT_EXPORT uintptr_t _beginthread(_beginthread_proc_type start_address,
	unsigned int stack_size, void *arglist);
LS_CRT_EXPORT void _endthread(void) __attribute__((noreturn));
LS_CRT_EXPORT int _getpid(void);

#ifdef __cplusplus
}
#endif

#endif /* _INC_PROCESS */
