/* console/ctrl: console control events from Linux signals, run as Windows runs them (console.h).
 *
 * A Linux-side file (signals, pthreads): no Windows header here (docs/design.md S).
 *
 * Why a thread and not the signal handler: Windows calls HandlerRoutine on a new thread that the
 * system creates for the event, so handlers freely take locks, allocate, print and wait; any of
 * those in a signal handler could deadlock. The signal handler here writes one byte to a pipe and
 * nothing else; a dispatcher thread turns each byte into a new detached thread running the
 * handler chain, so a handler that blocks does not hold up the next event (as on Windows). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "../base/pthr.h"

#define CTRL_LOGOFF   5u
#define CTRL_SHUTDOWN 6u

typedef int (*handler_fn)(uint32_t);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static handler_fn *handlers;	/* registration order; called from the end */
static size_t nhandlers, caphandlers;
static int ignore_ctrl_c;	/* SetConsoleCtrlHandler(NULL, TRUE), or SIGINT inherited as SIG_IGN */
static int own_sigint;		/* SIGINT's disposition is ours to set */
static int pipe_fd[2] = { -1, -1 };
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int start_error;

/* The signals taken over and the event each stands for (console.h, docs/design.md C). */
static const struct {
	int sig;
	uint32_t event;
} sigmap[] = {
	{ SIGINT, LS_CONSOLE_CTRL_C },
	{ SIGQUIT, LS_CONSOLE_CTRL_BREAK },
	{ SIGHUP, LS_CONSOLE_CTRL_CLOSE },
	{ SIGTERM, LS_CONSOLE_CTRL_CLOSE },
};

/* Async-signal-safe: one write, errno preserved. A full pipe drops the event, as a burst of
 * identical signals coalesces anyway. */
static void on_signal(int sig)
{
	int saved = errno;
	unsigned char ev = 0xff;

	for (size_t i = 0; i < sizeof sigmap / sizeof sigmap[0]; i++)
		if (sigmap[i].sig == sig)
			ev = (unsigned char)sigmap[i].event;
	if (ev != 0xff && write(pipe_fd[1], &ev, 1) < 0) {
		/* nothing safe to do */
	}
	errno = saved;
}

/* The chain for one event, on its own thread. Windows: handlers most recently added first until
 * one returns TRUE; none does -> the default handler, ExitProcess(STATUS_CONTROL_C_EXIT). Close,
 * logoff and shutdown end the process whatever the handlers return. */
static void *event_thread(void *arg)
{
	uint32_t ev = (uint32_t)(uintptr_t)arg;
	handler_fn *snap = NULL;
	size_t n = 0;
	int handled = 0;

	pthread_mutex_lock(&lock);
	if (ev == LS_CONSOLE_CTRL_C && ignore_ctrl_c) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	if (nhandlers) {
		snap = malloc(nhandlers * sizeof *snap);
		if (snap) {
			memcpy(snap, handlers, nhandlers * sizeof *snap);
			n = nhandlers;
		}
	}
	pthread_mutex_unlock(&lock);
	/* A snapshot: a handler may add or remove handlers without invalidating this walk. */
	while (n > 0 && !handled)
		handled = snap[--n](ev) != 0;
	free(snap);
	if (!handled || ev == LS_CONSOLE_CTRL_CLOSE || ev == CTRL_LOGOFF || ev == CTRL_SHUTDOWN)
		ls_console_exit(LS_CONSOLE_EXIT_CODE);
	return NULL;
}

static void *dispatcher(void *arg)
{
	(void)arg;
	for (;;) {
		unsigned char ev;
		pthread_t t;
		ssize_t r = read(pipe_fd[0], &ev, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r != 1)
			return NULL;
		/* The handlers are the program's code: the default stack, as a Windows thread's.
		 * Out of threads: run the chain here rather than lose the event. */
		if (ls_pthr_create(&t, 1, 0, event_thread, (void *)(uintptr_t)ev) != 0)
			event_thread((void *)(uintptr_t)ev);
	}
}

static void catch_signal(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void start(void)
{
	pthread_t t;
	sigset_t all, old;
	int fl;

	if (pipe2(pipe_fd, O_CLOEXEC) != 0) {
		start_error = -errno;
		return;
	}
	fl = fcntl(pipe_fd[1], F_GETFL);
	fcntl(pipe_fd[1], F_SETFL, fl | O_NONBLOCK);	/* the signal handler must never block */
	/* The dispatcher and the event threads it starts never take these signals themselves. */
	sigemptyset(&all);
	for (size_t i = 0; i < sizeof sigmap / sizeof sigmap[0]; i++)
		sigaddset(&all, sigmap[i].sig);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	/* The dispatcher only reads the pipe and starts threads: a small stack, as the engine's
	 * reaper (base/pthr.h falls back to the default if static TLS needs more). */
	if (ls_pthr_create(&t, 1, 256 * 1024, dispatcher, NULL) != 0)
		start_error = -EAGAIN;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (start_error)
		return;
	for (size_t i = 0; i < sizeof sigmap / sizeof sigmap[0]; i++) {
		struct sigaction prev;

		if (sigaction(sigmap[i].sig, NULL, &prev) != 0)
			continue;
		if (prev.sa_handler == SIG_IGN && sigmap[i].sig == SIGINT) {
			/* Windows' inherited "ignore Ctrl-C" flag: SIG_IGN stays while it is set. */
			ignore_ctrl_c = 1;
			own_sigint = 1;
			continue;
		}
		if (prev.sa_handler != SIG_DFL || (prev.sa_flags & SA_SIGINFO))
			continue;	/* ignored on purpose, or native code's own handler */
		catch_signal(sigmap[i].sig, on_signal);
		own_sigint |= sigmap[i].sig == SIGINT;
	}
}

static int ensure_started(void)
{
	pthread_once(&once, start);
	return start_error;
}

int ls_console_ctrl_add(int (*fn)(uint32_t event))
{
	int err = ensure_started();

	if (err)
		return err;
	pthread_mutex_lock(&lock);
	if (nhandlers == caphandlers) {
		size_t cap = caphandlers ? caphandlers * 2 : 8;
		handler_fn *p = realloc(handlers, cap * sizeof *p);

		if (!p) {
			pthread_mutex_unlock(&lock);
			return -ENOMEM;
		}
		handlers = p;
		caphandlers = cap;
	}
	handlers[nhandlers++] = fn;
	pthread_mutex_unlock(&lock);
	return 0;
}

int ls_console_ctrl_remove(int (*fn)(uint32_t event))
{
	int err = 1;

	pthread_mutex_lock(&lock);
	for (size_t i = nhandlers; i-- > 0;) {
		if (handlers[i] != fn)
			continue;
		memmove(&handlers[i], &handlers[i + 1], (nhandlers - i - 1) * sizeof *handlers);
		nhandlers--;
		err = 0;
		break;
	}
	pthread_mutex_unlock(&lock);
	return err;
}

int ls_console_ctrl_ignore(int on)
{
	int err = ensure_started();

	if (err)
		return err;
	pthread_mutex_lock(&lock);
	ignore_ctrl_c = on != 0;
	/* The flag is inherited on Windows; SIG_IGN is what exec'd children inherit here (and read
	 * back as the flag when they start linsock's machinery). */
	if (own_sigint)
		catch_signal(SIGINT, ignore_ctrl_c ? SIG_IGN : on_signal);
	pthread_mutex_unlock(&lock);
	return 0;
}

int ls_console_ctrl_raise(uint32_t event)
{
	unsigned char ev = (unsigned char)event;
	int err = ensure_started();

	if (err)
		return err;
	for (;;) {
		ssize_t r = write(pipe_fd[1], &ev, 1);

		if (r == 1)
			return 0;
		if (r < 0 && errno != EINTR)
			return -errno;
	}
}

int ls_console_ctrl_send_group(uint32_t event, uint32_t pgid)
{
	int sig = event == LS_CONSOLE_CTRL_C ? SIGINT : SIGQUIT;

	if (pgid == 0 || pgid > (uint32_t)INT32_MAX)
		return -EINVAL;
	return kill(-(pid_t)pgid, sig) == 0 ? 0 : -errno;
}

void ls_console_exit(uint32_t code)
{
	static atomic_int exiting;

	/* exit() is not safe to run twice at once (two events each taking the default action, or
	 * a handler and the main thread both calling ExitProcess). Windows' ExitProcess ends the
	 * other threads; here the later callers wait for the first to finish the process. */
	if (atomic_exchange(&exiting, 1))
		for (;;)
			pause();
	exit((int)(code & 0xffu));
}
