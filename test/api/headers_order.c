/*
 * headers_order.c - C standard headers first, then windows.h, then the
 * Winsock headers: the order most Windows programs use.  glibc has then
 * already declared its own fd_set, select, struct timeval and u_long
 * (docs/design.md section H); compiling warning-free, with the Windows
 * sizes below, is the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <ws2spi.h>

_Static_assert(sizeof(fd_set) == 8 + 8 * 64, "Windows fd_set");
_Static_assert(sizeof(struct timeval) == 8, "Windows timeval");
_Static_assert(sizeof(u_long) == 4, "Windows u_long");

int headers_order_dummy(void);
int headers_order_dummy(void)
{
	fd_set set;
	struct timeval tv = { 0, 0 };

	FD_ZERO(&set);
	FD_SET((SOCKET)3, &set);
	FD_CLR((SOCKET)3, &set);
	(void)tv;
	return (int)set.fd_count;
}
