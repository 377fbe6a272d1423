/* ws2_32/poll: what select (select.c) and WSAPoll (poll.c) share: the Windows readiness of one
 * socket, read from what Linux's poll reported for it.
 *
 * Windows' socket driver reports conditions (Wine's AFD_POLL_* names them); select and WSAPoll
 * each project them their own way (spec data-transfer.md §13, §14). Linux reports other bits in
 * other states, so the socket's record decides what they mean:
 * - a stream socket that never connected reports nothing on Windows (Linux: POLLOUT|POLLHUP);
 * - a failed connect (asynchronous or not) is its own condition: select puts the socket in
 *   exceptfds only, WSAPoll reports POLLWRNORM|POLLHUP|POLLERR (Windows 10 2004+). Linux shows
 *   it as POLLERR/POLLHUP like a reset; TCP_INFO tells the two apart without consuming the
 *   socket error, which getsockopt(SO_ERROR) must still report afterwards;
 * - the peer's orderly close is POLLHUP, a reset POLLHUP|POLLERR; end of stream with no data
 *   left is not "normal data" for WSAPoll (Linux's POLLIN is);
 * - urgent data is its own condition unless SO_OOBINLINE (Linux: POLLPRI either way);
 * - a socket closed (closesocket) during the call is POLLNVAL. Holding a reference on its record
 *   makes closesocket shut it down, which wakes the poll (docs/design.md O). */
#ifndef LS_WS2_POLL_H
#define LS_WS2_POLL_H

#include "../base/sys.h"
#include "../err/linux.h"

#include <stddef.h>

struct ls_handle;

#define LS_WS2_READ        0x01u	/* data, or a connection to accept */
#define LS_WS2_OOB         0x02u	/* urgent data, SO_OOBINLINE off */
#define LS_WS2_WRITE       0x04u	/* send would not block */
#define LS_WS2_HUP         0x08u	/* the peer closed its side */
#define LS_WS2_RESET       0x10u	/* the connection was aborted */
#define LS_WS2_CONNECT_ERR 0x20u	/* the connect failed */
#define LS_WS2_CLOSE       0x40u	/* closed by closesocket while we polled */

/* Linux poll events to ask for a socket, given the LS_WS2_* conditions wanted (POLLERR and
 * POLLHUP come unasked: failed connect, reset, close). */
static inline short ls_ws2_poll_events(unsigned int want)
{
	return (short)(((want & LS_WS2_READ) ? LX_POLLIN : 0) | ((want & (LS_WS2_HUP | LS_WS2_RESET)) ? LX_POLLRDHUP : 0) |
		       ((want & LS_WS2_OOB) ? LX_POLLPRI : 0) | ((want & LS_WS2_WRITE) ? LX_POLLOUT : 0));
}

/* The LS_WS2_* conditions of socket h (held by the caller), given Linux's revents for it. May
 * ask the kernel more (FIONREAD, TCP_INFO), only when revents shows an error or a hang-up. */
unsigned int ls_ws2_poll_conditions(struct ls_handle *h, short lx_revents);

/* The sockets of one select/WSAPoll call are first looked up without references
 * (ls_handle_peek_socket; h[i] NULL for an entry that is none, gen[i] its incarnation,
 * held[i] 0) and polled once without waiting (docs/design.md A). After that poll, pin:
 * - takes a counted reference on each entry that poll reported something for (all = 0), or on
 *   every entry (all = 1: the call is about to wait, and a close must find it held), and
 * - checks every other entry is still the socket looked up (then the poll saw that socket),
 * with held[i] set where a reference was taken. 1 on success; 0 if some socket was closed
 * meanwhile: the call drops what it holds (unpin) and looks everything up again, counted.
 * The entry's fd is read from p[i].fd, which must still be the socket's. */
int ls_ws2_pin(struct ls_handle **h, const unsigned int *gen, const struct ls_sys_pollfd *p, unsigned char *held,
	       size_t n, int all);
/* Drops the references pin took (held[i] cleared). */
void ls_ws2_unpin(struct ls_handle **h, unsigned char *held, size_t n);

#endif
