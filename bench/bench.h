/* The benchmark's two sides share only this header (basic C types): ws_side.c is written as
 * Windows code against linsock, raw_side.c as the hand-written Linux equivalent. main.c runs
 * both in one process, alternating, and prints the ratios. */
#ifndef LS_BENCH_H
#define LS_BENCH_H

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

#endif
