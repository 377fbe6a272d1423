/* Helpers shared by interop_win.c (Windows side) and interop_native.c (Linux side). */
#ifndef LS_TEST_INTEROP_H
#define LS_TEST_INTEROP_H

#include <stdint.h>
#include <string.h>

int iw_startup(void);
int iw_cleanup(void);
int iw_last_error(void);
int iw_tcp_pair(uintptr_t *a, uintptr_t *b);
int iw_listener(uintptr_t *l, int *port);
uintptr_t iw_accept(uintptr_t l);
int iw_connect_loopback(uintptr_t s, int port);
int iw_send(uintptr_t s, const char *buf, int len);
int iw_recv(uintptr_t s, char *buf, int len);
int iw_peer_port(uintptr_t s);
int iw_socket_type(uintptr_t s);
int iw_close(uintptr_t s);
int iw_wouldblock(void);
int iw_code(const char *name);

#endif
