/* baseprov: the built-in base provider (TCP, UDP, RAW over IPv4/IPv6, AF_UNIX stream), an IFS
 * provider whose sockets are plain Linux sockets (DESIGN §6). Each function performs one
 * Winsock operation with Windows semantics on Linux and returns an NTSTATUS (never touches the
 * last-error slot). Handles are borrowed: the caller holds a reference for the duration.
 * Pointers marked "user" come straight from the application and are accessed safely. */
#ifndef LS_BASEPROV_BASEPROV_H
#define LS_BASEPROV_BASEPROV_H

#include <winsock2.h>
#include <ws2tcpip.h>

#include "../base/sys.h"
#include "../err/err.h"
#include "../handle/handle.h"

struct ls_handle;

/* Creates a socket for a catalog entry; *out is a new reference (the table holds another).
 * af/type/protocol are the values the caller asked for (0 wildcards already resolved by the
 * catalog entry). */
NTSTATUS ls_baseprov_socket(const WSAPROTOCOL_INFOW *entry, int af, int type, int protocol,
			    DWORD wsa_flags, struct ls_handle **out);
NTSTATUS ls_baseprov_bind(struct ls_handle *h, const void *user_sa, int len);
NTSTATUS ls_baseprov_listen(struct ls_handle *h, int backlog);
/* Accepts one connection into a new socket (*out, new reference). user_sa/user_len optional. */
NTSTATUS ls_baseprov_accept(struct ls_handle *h, void *user_sa, int *user_len, struct ls_handle **out);
/* accept without addresses: a raw fd (a connection WSAAccept deferred comes first), for
 * WSAAccept's condition logic. */
NTSTATUS ls_baseprov_accept_fd(struct ls_handle *h, int *fd_out);
/* Keeps an accepted fd on listener h for the next accept (WSAAccept CF_DEFER); consumes fd. */
void ls_baseprov_defer(struct ls_handle *h, int fd);
/* Closes a raw accepted fd abortively (the peer sees a reset). */
void ls_baseprov_abort_fd(int fd);
/* Wraps an fd accepted on listener h into a socket record (*out, new reference). */
NTSTATUS ls_baseprov_adopt_accepted(struct ls_handle *h, int fd, struct ls_handle **out);
/* Wraps a native Linux socket fd into a socket record (*out, new reference); consumes fd only on
 * success. Family/type/protocol are read from the kernel and matched in the catalog. */
NTSTATUS ls_baseprov_adopt(int fd, struct ls_handle **out);
NTSTATUS ls_baseprov_connect(struct ls_handle *h, const void *user_sa, int len);
NTSTATUS ls_baseprov_shutdown(struct ls_handle *h, int how);
/* ConnectEx's start: validates the destination as connect does and starts a non-blocking connect.
 * STATUS_SUCCESS with *phase 1 (in progress), 2 (connected at once) or 3 (the connection failed
 * at once: *failed says why, to be reported through the completion); else the call fails. */
NTSTATUS ls_baseprov_connect_start(struct ls_handle *h, const void *user_sa, int len, int *phase, NTSTATUS *failed);
NTSTATUS ls_baseprov_getsockname(struct ls_handle *h, void *user_sa, int *user_len);
NTSTATUS ls_baseprov_getpeername(struct ls_handle *h, void *user_sa, int *user_len);
/* Close-time checks (linger on a non-blocking socket): STATUS_SUCCESS if the close may go on. */
NTSTATUS ls_baseprov_close_check(struct ls_handle *h);

/* Data transfer. *done gets the byte count. Windows flags (MSG_*). */
NTSTATUS ls_baseprov_send(struct ls_handle *h, const char *buf, int len, int flags,
			  const void *user_to, int tolen, int *done);
NTSTATUS ls_baseprov_recv(struct ls_handle *h, char *buf, int len, int flags,
			  void *user_from, int *user_fromlen, int *done);

/* Scatter/gather forms (WSASend/WSASendTo/WSARecv/WSARecvFrom without overlapped I/O), same
 * semantics; iov is ours (copied from the caller's WSABUFs), the buffers it points to are the
 * caller's. *done gets the byte count (for a truncated datagram, the bytes delivered). */
NTSTATUS ls_baseprov_sendmsg(struct ls_handle *h, struct ls_sys_iov *iov, uint32_t n, int flags,
			     const void *user_to, int tolen, uint32_t *done);
NTSTATUS ls_baseprov_recvmsg(struct ls_handle *h, struct ls_sys_iov *iov, uint32_t n, int flags,
			     void *user_from, int *user_fromlen, uint32_t *done);
/* The checks every send and receive makes before any data moves, shared with the overlapped
 * calls: Windows flags (MSG_*) valid for h, local shutdown, unbound datagram socket (receive),
 * and the Linux flags for the syscall in *lflags (receive: LX_MSG_TRUNC for datagrams).
 * overlapped: the call is overlapped (MSG_WAITALL is then allowed on a non-blocking socket). */
NTSTATUS ls_baseprov_send_prep(struct ls_handle *h, int flags, int *lflags);
NTSTATUS ls_baseprov_recv_prep(struct ls_handle *h, int flags, int overlapped, int *lflags);
/* The destination of a send in Linux form: a->len 0 when none applies (user_to NULL, or a
 * stream socket, which ignores it). Checks family and wildcard addresses as Windows does. */
NTSTATUS ls_baseprov_send_dest(struct ls_handle *h, const void *user_to, int tolen, struct ls_err_lxaddr *a);

NTSTATUS ls_baseprov_getsockopt(struct ls_handle *h, int level, int name, char *user_val, int *user_len);
NTSTATUS ls_baseprov_setsockopt(struct ls_handle *h, int level, int name, const char *user_val, int len);
NTSTATUS ls_baseprov_ioctl(struct ls_handle *h, long cmd, u_long *user_arg);
/* SIO_KEEPALIVE_VALS: SO_KEEPALIVE, and when on, the idle time and probe interval (ms). */
NTSTATUS ls_baseprov_keepalive(struct ls_handle *h, int on, uint32_t time_ms, uint32_t interval_ms);

/* Local and peer addresses of fd as Windows sockaddrs (either may be NULL); *len in/out. */
NTSTATUS ls_baseprov_names(int fd, void *local, int *local_len, void *peer, int *peer_len);

/* Helpers shared by the provider's files. */
/* Checks a caller's address buffer and its length before anything is consumed (Windows fails
 * such calls with WSAEFAULT and loses no connection or datagram): both or neither given, *len
 * readable and at least the socket family's sockaddr size, and the buffer writable for that
 * size. STATUS_SUCCESS or STATUS_ACCESS_VIOLATION. */
NTSTATUS ls_baseprov_check_addr_out(struct ls_handle *h, void *user_sa, int *user_len);
/* Status of a failed call; WSAEINTR's status when another thread is closing the socket. */
NTSTATUS ls_baseprov_status(struct ls_handle *h, int neg_errno);
/* Status of a failed data transfer (r = -errno), where Windows' answer depends on the
 * operation (EPIPE after shutdown, UDP ECONNREFUSED, EAGAIN on a blocking socket...). Shared
 * with the engine's overlapped transfers. */
NTSTATUS ls_baseprov_io_status(struct ls_handle *h, long r, int sending);
/* SIO_UDP_CONNRESET: on (Windows' default, set at creation) a UDP socket's next receive reports
 * an ICMP port unreachable as WSAECONNRESET; off, never. STATUS_INVALID_PARAMETER unless UDP. */
NTSTATUS ls_baseprov_udp_connreset(struct ls_handle *h, int on);
/* A send failed with r: 1 when it was Linux reporting an earlier datagram's ICMP error, which
 * Windows never fails a send for (the report is kept for the next receive): send again. */
int ls_baseprov_send_icmp(struct ls_handle *h, long r);
/* Bound yet? (cached once true; Linux binds implicitly on connect and sendto). */
int ls_baseprov_is_bound(struct ls_handle *h);

#endif
