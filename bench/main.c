/* linsock-bench: linsock against raw Linux syscalls, same workloads, same run.
 *
 *   linsock-bench [-n round_trips] [-m MiB] [-r rounds] [--big MiB] [-p poll_rounds]
 *
 * Workloads (issue #3 and #4): 1-byte ping-pong with send/recv and with ReadFile/WriteFile on
 * the socket handle (raw: send/recv and read/write), bulk transfer in 64 KiB calls both ways.
 * Each round runs the raw and the Winsock version back to back (order alternating); the best
 * round of each counts (the least disturbed by the machine). Prints one RESULT line per
 * measurement and a ratio line per workload: ratio = linsock rate / raw rate (targets >= 0.97).
 * --big N also writes N MiB (--big alone: 2048; absent or 0: not run) with a single WriteFile
 * on a blocking socket, which must complete. Subcommands echo, pingpong, conns, async and drive run the completion-port
 * workloads instead (async_main.c, bench/README.md). Readiness (issue #6): 64 loopback TCP pairs, one made readable per round and found
 * with one WSAPoll or one select over all 64 (raw: poll), -p rounds (default 20000); ratio =
 * linsock rate / raw rate (target >= 0.9). Exit status 1 if any run failed its checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* -1 when the flag is absent; its number when one follows (0 included); def when none does. */
static int arg(int argc, char **argv, const char *flag, int def)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], flag) == 0) {
			char *end;
			long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : -1;
			return i + 1 < argc && *argv[i + 1] && !*end && v >= 0 && v <= 1 << 30 ? (int)v : def;
		}
	return -1;
}

static double best(double cur, double t)
{
	return t > 0 && (cur <= 0 || t < cur) ? t : cur;
}

struct workload {
	const char *name, *unit;
	int bulk, mode;
	double raw, ws;
};

static int is_async(const char *cmd)
{
	static const char *const cmds[] = { "echo", "pingpong", "conns", "async", "drive", "conns-child" };

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(cmd, cmds[i]) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && is_async(argv[1]))
		return async_main(argc, argv);
	int n = arg(argc, argv, "-n", 20000), mib = arg(argc, argv, "-m", 1024), rounds = arg(argc, argv, "-r", 3);
	int big = arg(argc, argv, "--big", 2048), failed = 0, prounds = arg(argc, argv, "-p", 20000);
	struct workload w[] = {
		{ "rtt_sendrecv", "rtt/s", 0, 0, 0, 0 },
		{ "rtt_readwrite", "rtt/s", 0, 1, 0, 0 },
		{ "bulk_send", "MiB/s", 1, 0, 0, 0 },
		{ "bulk_send_file", "MiB/s", 1, 1, 0, 0 },
	};

	n = n <= 0 ? 20000 : n;
	mib = mib <= 0 ? 1024 : mib;
	rounds = rounds <= 0 ? 3 : rounds;
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
			for (int k = 0; k < 2; k++) {
				double t;
				if ((r + k) % 2 == 0) {
					t = w[i].bulk ? raw_bulk(mib, w[i].mode) : raw_rtt(n, w[i].mode);
					w[i].raw = best(w[i].raw, t);
				} else {
					t = w[i].bulk ? ws_bulk(mib, w[i].mode) : ws_rtt(n, w[i].mode);
					w[i].ws = best(w[i].ws, t);
				}
				failed |= t < 0;
			}
		}
	}
	/* Readiness over 64 sockets: WSAPoll and select, each against raw poll, same rounds. */
	struct workload pw[] = {
		{ "poll64_wsapoll", "rounds/s", 0, 0, 0, 0 },
		{ "poll64_select", "rounds/s", 0, 1, 0, 0 },
	};
	prounds = prounds <= 0 ? 20000 : prounds;
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++) {
			for (int k = 0; k < 2; k++) {
				double t;
				if ((r + k) % 2 == 0) {
					t = raw_poll64(prounds);
					pw[i].raw = best(pw[i].raw, t);
				} else {
					t = ws_poll64(prounds, pw[i].mode);
					pw[i].ws = best(pw[i].ws, t);
				}
				failed |= t < 0;
			}
		}
	}
	if (failed) {
		printf("FAIL: a run failed its checks\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		double ops = w[i].bulk ? mib : n;
		printf("RESULT name=%s impl=raw ops=%.0f seconds=%.6f rate=%.1f unit=%s\n", w[i].name, ops, w[i].raw,
		       ops / w[i].raw, w[i].unit);
		printf("RESULT name=%s impl=linsock ops=%.0f seconds=%.6f rate=%.1f unit=%s\n", w[i].name, ops, w[i].ws,
		       ops / w[i].ws, w[i].unit);
	}
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		double ops = w[i].bulk ? mib : n;
		if (w[i].bulk)
			printf("%-15s raw %7.0f MiB/s   linsock %7.0f MiB/s   ratio %.3f (target >= 0.97)\n", w[i].name,
			       ops / w[i].raw, ops / w[i].ws, w[i].raw / w[i].ws);
		else
			printf("%-15s raw %7.2f us/rtt  linsock %7.2f us/rtt  ratio %.3f (target >= 0.97)\n", w[i].name,
			       w[i].raw / ops * 1e6, w[i].ws / ops * 1e6, w[i].raw / w[i].ws);
	}
	for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++) {
		printf("RESULT name=%s impl=raw ops=%d seconds=%.6f rate=%.1f unit=%s\n", pw[i].name, prounds, pw[i].raw,
		       prounds / pw[i].raw, pw[i].unit);
		printf("RESULT name=%s impl=linsock ops=%d seconds=%.6f rate=%.1f unit=%s\n", pw[i].name, prounds,
		       pw[i].ws, prounds / pw[i].ws, pw[i].unit);
	}
	for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++)
		printf("%-15s raw %7.2f us/round linsock %7.2f us/round ratio %.3f (target >= 0.9)\n", pw[i].name,
		       pw[i].raw / prounds * 1e6, pw[i].ws / prounds * 1e6, pw[i].raw / pw[i].ws);
	if (big > 0) {
		double t = ws_big_write(big);
		if (t < 0)
			return 1;
		printf("RESULT name=big_writefile impl=linsock ops=%d seconds=%.6f rate=%.1f unit=MiB/s\n", big, t, big / t);
		printf("big_writefile   one WriteFile of %d MiB on a blocking socket completed: %.0f MiB/s\n", big, big / t);
	}
	return 0;
}
