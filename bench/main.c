/* linsock-bench: linsock against raw Linux syscalls, same workloads, same run.
 *
 *   linsock-bench [-n round_trips] [-m MiB] [-r rounds]
 *
 * Each round runs the raw and the Winsock version back to back (order alternating), and the
 * best round of each counts (the least disturbed by the machine). Prints one RESULT line per
 * measurement and a ratio line per workload: ratio = linsock rate / raw rate (1.00 = same
 * speed; the targets of issue #3 are >= 0.97). Exit status 1 if any run failed its checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static int arg(int argc, char **argv, const char *flag, int def)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], flag) == 0)
			return atoi(argv[i + 1]) > 0 ? atoi(argv[i + 1]) : def;
	return def;
}

static double best(double cur, double t)
{
	return t > 0 && (cur <= 0 || t < cur) ? t : cur;
}

int main(int argc, char **argv)
{
	int n = arg(argc, argv, "-n", 20000), mib = arg(argc, argv, "-m", 1024), rounds = arg(argc, argv, "-r", 3);
	double ws_r = 0, raw_r = 0, ws_b = 0, raw_b = 0, t;
	int failed = 0;

	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 2; k++) {
			if ((r + k) % 2 == 0) {
				t = raw_rtt(n), failed |= t < 0, raw_r = best(raw_r, t);
			} else {
				t = ws_rtt(n), failed |= t < 0, ws_r = best(ws_r, t);
			}
		}
		for (int k = 0; k < 2; k++) {
			if ((r + k) % 2 == 0) {
				t = raw_bulk(mib), failed |= t < 0, raw_b = best(raw_b, t);
			} else {
				t = ws_bulk(mib), failed |= t < 0, ws_b = best(ws_b, t);
			}
		}
	}
	if (failed) {
		printf("FAIL: a run failed its checks\n");
		return 1;
	}
	printf("RESULT name=rtt_sendrecv impl=raw ops=%d seconds=%.6f rate=%.1f unit=rtt/s\n", n, raw_r, n / raw_r);
	printf("RESULT name=rtt_sendrecv impl=linsock ops=%d seconds=%.6f rate=%.1f unit=rtt/s\n", n, ws_r, n / ws_r);
	printf("RESULT name=bulk_send impl=raw ops=%d seconds=%.6f rate=%.1f unit=MiB/s\n", mib, raw_b, mib / raw_b);
	printf("RESULT name=bulk_send impl=linsock ops=%d seconds=%.6f rate=%.1f unit=MiB/s\n", mib, ws_b, mib / ws_b);
	printf("rtt_sendrecv: raw %.2f us, linsock %.2f us per round trip, ratio %.3f (target >= 0.97)\n",
	       raw_r / n * 1e6, ws_r / n * 1e6, raw_r / ws_r);
	printf("bulk_send:    raw %.0f MiB/s, linsock %.0f MiB/s, ratio %.3f (target >= 0.97)\n", mib / raw_b,
	       mib / ws_b, raw_b / ws_b);
	return 0;
}
