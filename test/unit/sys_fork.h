/* fork for Windows-side unit tests (unistd.h cannot share a file with our headers). */
#ifndef SYS_FORK_H
#define SYS_FORK_H

int sf_fork(void);		/* fork(): child 0, parent the pid, -1 on failure */
int sf_wait(int pid);		/* the child's exit status, -1 if it did not exit normally */
void sf_exit(int code);		/* _exit */

#endif
