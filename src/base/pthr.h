/* base/pthr: starting linsock's own threads (the engine's reaper, a port's keeper, CreateThread).
 * A stack size we ask for is a wish: glibc carves the program's static TLS out of the thread's
 * stack, so a program with large thread-locals makes a small stack fail with EINVAL. Then the
 * thread starts with glibc's default size instead (address space only; pages are touched on use). */
#ifndef LS_BASE_PTHR_H
#define LS_BASE_PTHR_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>

/* 0 or an errno value, as pthread_create. stack 0: the default size. */
static inline int ls_pthr_create(pthread_t *t, int detached, size_t stack, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	int err;

	pthread_attr_init(&attr);
	if (detached)
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (stack && pthread_attr_setstacksize(&attr, stack) != 0)
		stack = 0;
	err = pthread_create(t, &attr, fn, arg);
	if (err == EINVAL && stack) {
		pthread_attr_destroy(&attr);
		pthread_attr_init(&attr);
		if (detached)
			pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		err = pthread_create(t, &attr, fn, arg);
	}
	pthread_attr_destroy(&attr);
	return err;
}

#endif
