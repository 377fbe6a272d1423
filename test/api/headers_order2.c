/*
 * headers_order2.c - winsock2.h before windows.h and before the C
 * standard headers: the other order Windows programs use.
 */
#include <winsock2.h>
#include <windows.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert(sizeof(fd_set) == 8 + 8 * 64, "Windows fd_set");
_Static_assert(sizeof(struct timeval) == 8, "Windows timeval");
_Static_assert(sizeof(u_long) == 4, "Windows u_long");

int headers_order2_dummy(void);
int headers_order2_dummy(void)
{
	fd_set set;

	FD_ZERO(&set);
	return (int)set.fd_count;
}
