/* Linux side of sys_fork.h. */
#include <sys/wait.h>
#include <unistd.h>

#include "sys_fork.h"

int sf_fork(void)
{
	return (int)fork();
}

int sf_wait(int pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

void sf_exit(int code)
{
	_exit(code);
}
