/* Linux side of engine_overflow.c (fork and pipes cannot share a file with our headers). */
#include <sys/wait.h>
#include <unistd.h>

#include "engine_overflow.h"

int eo_holder_start(struct eo_holder *h)
{
	int go[2];

	if (pipe(go) != 0)
		return -1;
	h->pid = fork();
	if (h->pid < 0)
		return -1;
	if (h->pid == 0) {	/* holds every fd the parent had until told to exit */
		char x;
		close(go[1]);
		(void)!read(go[0], &x, 1);
		_exit(0);
	}
	close(go[0]);
	h->go = go[1];
	return 0;
}

int eo_holder_release(struct eo_holder *h)
{
	close(h->go);
	return waitpid(h->pid, NULL, 0) == h->pid ? 0 : -1;
}
