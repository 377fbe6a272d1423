/* The benchmark's two sides share only this header (basic C types): ws_side.c is written as
 * Windows code against linsock, raw_side.c as the hand-written Linux equivalent. main.c runs
 * both in one process, alternating, and prints the ratios. */
#ifndef LS_BENCH_H
#define LS_BENCH_H

#include <stddef.h>

/* Each returns the seconds the measured part took, or a negative value on failure (after
 * printing FAIL). rtt: n one-byte round trips between two threads over 127.0.0.1 TCP with
 * TCP_NODELAY; bulk: mib MiB in 64 KiB calls, every byte checked (byte o is o % 251). */
/* mode 0: send/recv (raw: send/recv with MSG_NOSIGNAL); mode 1: WriteFile/ReadFile on the
 * socket handle with a NULL OVERLAPPED (raw: write/read). */
double ws_rtt(int n, int mode);
double ws_bulk(int mib, int mode);
double raw_rtt(int n, int mode);
double raw_bulk(int mib, int mode);
/* One WriteFile call of mib MiB on a blocking socket (checked on the receiving side). */
double ws_big_write(int mib);

/* Readiness (issue #6): 64 connected loopback TCP pairs; each of n rounds sends one byte on one
 * pair and finds the readable receiver with one call over all 64, then reads it. ws mode 0:
 * WSAPoll, mode 1: select (fd_set copied from a master set each round); raw: poll(2). */
double ws_poll64(int n, int mode);
double raw_poll64(int n);

/* ---- Async workloads (issue #5 item 7; async_main.c) ----
 * Echo servers listen on 127.0.0.1 (port chosen by the system), accept exactly nconns
 * connections, echo every byte back (receive buffer bufsize) until each connection is closed
 * by the peer, then end. start returns the port, -1 on failure, -2 if this build lacks the
 * server; ready waits until every connection is accepted and has its receive (or read interest)
 * pending; wait joins the server: 0, or -1 after printing FAIL. One server at a time per side.
 * ws (Windows code, iocp_side.c): one completion port, `workers` threads in
 * GetQueuedCompletionStatus; mode 0 WSARecv/WSASend, 1 ReadFile/WriteFile on the socket handle,
 * 2 WSARecv/WSASend with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS. */
int ws_echo_start(int mode, int workers, int nconns, int bufsize);
int ws_echo_ready(void);
int ws_echo_wait(void);
/* Bytes of the ws server's per-connection record (OVERLAPPED, socket, state, buffer). */
size_t ws_echo_conn_bytes(int bufsize);
/* raw (raw_echo.c): hand-written epoll or io_uring server; records of conn_bytes each. */
enum { RAW_EPOLL, RAW_URING };
int raw_echo_start(int kind, int workers, int nconns, int bufsize, size_t conn_bytes);
int raw_echo_ready(void);
int raw_echo_wait(void);

/* The client load (raw Linux): nconns connections to 127.0.0.1:port split over `threads`
 * threads; each round sends a msgsize message on each of its connections, then reads every
 * echo back and compares it whole. One warm-up round, then secs of timed rounds. Returns the
 * seconds timed and *msgs the messages echoed, or -1 (FAIL printed). Closes its connections. */
double raw_echo_load(int port, int nconns, int threads, int msgsize, double secs, long long *msgs);
/* A blocking raw connection to 127.0.0.1:port, or -1. */
int raw_connect(int port);

/* n one-byte round trips between two threads: ws with WSASend/WSARecv and completion routines,
 * each thread in SleepEx alertable; raw with liburing (a ring per thread, submit and wait).
 * raw returns -2 when built without liburing. */
double ws_apc_pingpong(int n);
double raw_uring_pingpong(int n);

/* linsock-bench echo|pingpong|conns|async|drive ...: async_main.c. */
int async_main(int argc, char **argv);

#endif
