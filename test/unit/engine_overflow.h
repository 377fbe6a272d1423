/* engine_overflow.c's Linux-side helper: a child process that holds the parent's fds and
 * exits on request, so closing many sockets happens in one burst. */
#ifndef ENGINE_OVERFLOW_H
#define ENGINE_OVERFLOW_H

struct eo_holder {
	int pid;
	int go;
};

int eo_holder_start(struct eo_holder *h);
int eo_holder_release(struct eo_holder *h);

#endif
