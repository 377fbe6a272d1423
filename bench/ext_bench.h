/* linsock-bench-ext (issue #6): the Microsoft extensions against the Linux calls they stand for.
 * ext_ws.c is Windows code (our headers), ext_raw.c and ext_main.c Linux code; they share this
 * header (basic C types only). Each measurement returns seconds, or < 0 after printing FAIL. */
#ifndef LS_BENCH_EXT_H
#define LS_BENCH_EXT_H

/* Accept rate: one client thread makes n loopback TCP connections (at most 256 ahead of the
 * server, each closed with a reset so no TIME_WAIT piles up); the server takes them with an
 * accept4 loop (raw) or with `posted` AcceptEx calls kept pending on a completion port, each
 * completion closing its socket and posting a new AcceptEx into a fresh socket (ws). */
double raw_accept(int n);
double ws_accept(int n, int posted);

/* File transfer: a receiver thread reads size bytes from a loopback TCP connection; the sender
 * transmits the file at path whole: sendfile(2) loop (raw), or one TransmitFile call, blocking
 * (overlapped 0) or overlapped with an event (1). Seconds until the receiver has every byte. */
double raw_sendfile(const char *path, long long size);
double ws_transmitfile(const char *path, long long size, int overlapped);

/* ---- Linux-side helpers for ext_ws.c ---- */
double ext_now(void);
/* The client of the accept benchmark, connecting to 127.0.0.1:port (host order); *accepted is
 * the server's count (the client stays at most 256 ahead of it). */
void *ext_client_start(int port, int n, volatile int *accepted);
int ext_client_join(void *c);
/* The receiver of the transfer benchmark: connects to 127.0.0.1:port and reads size bytes. */
void *ext_sink_start(int port, long long size);
/* Bytes the sink received (it has returned then). */
long long ext_sink_join(void *s);

#endif
