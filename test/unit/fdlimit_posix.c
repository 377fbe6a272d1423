/* fdlimit.h: a Linux-side file (rlimits), kept apart from the Windows headers. */
#include <sys/resource.h>
#include <unistd.h>

#include "fdlimit.h"

static struct rlimit saved;

int fdlimit_exhaust(void)
{
	struct rlimit low;
	int fd = dup(0);

	if (fd < 0 || getrlimit(RLIMIT_NOFILE, &saved) != 0)
		return -1;
	close(fd);
	low = saved;
	low.rlim_cur = (rlim_t)fd;
	return setrlimit(RLIMIT_NOFILE, &low) == 0 ? 0 : -1;
}

void fdlimit_restore(void)
{
	setrlimit(RLIMIT_NOFILE, &saved);
}
