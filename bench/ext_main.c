/* linsock-bench-ext: the Microsoft extensions against raw Linux, same workloads, same run.
 *
 *   linsock-bench-ext [-a connections] [-P posted] [-f MiB] [-r rounds] [-only 1|2]
 *
 * accept: -a connections (default 20000) taken with accept4 (raw) vs -P (default 16) AcceptEx
 * calls kept posted on a completion port (target ratio >= 0.95). transmit: a -f MiB file
 * (default 1024) sent whole with sendfile (raw) vs one TransmitFile, blocking and overlapped
 * (target >= 0.95). -only 1 runs the accept workload on linsock only, -only 2 on raw only (for
 * profiling one side; no ratio). Each round runs raw and linsock back to back (order alternating); the best
 * round of each counts. ratio = linsock rate / raw rate. Exit status 1 if any run failed.
 * The accept runs also report the process's CPU time (user + system, every thread: the client
 * is the same on both sides), a ratio that depends less on what else the machine runs. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ext_bench.h"

int WSAStartup(unsigned short v, void *data);	/* the export, declared in Linux terms */

static int arg(int argc, char **argv, const char *flag, int def)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], flag) == 0 && i + 1 < argc && atoi(argv[i + 1]) > 0)
			return atoi(argv[i + 1]);
	return def;
}

static double cpu_now(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
	       u.ru_stime.tv_usec / 1e6;
}

static double best(double cur, double t)
{
	return t > 0 && (cur <= 0 || t < cur) ? t : cur;
}

int main(int argc, char **argv)
{
	int conns = arg(argc, argv, "-a", 20000), posted = arg(argc, argv, "-P", 16);
	int mib = arg(argc, argv, "-f", 1024), rounds = arg(argc, argv, "-r", 3), failed = 0;
	int only = arg(argc, argv, "-only", 0);
	long long size = (long long)mib << 20;
	double acc_raw = 0, acc_ws = 0, tf_raw = 0, tf_ws = 0, tf_ov = 0, cpu_raw = 0, cpu_ws = 0, c0;
	char path[] = "/tmp/linsock-bench-ext-XXXXXX";
	static char chunk[1 << 20];
	unsigned char wsadata[512];
	int fd;

	if (WSAStartup(0x0202, wsadata) != 0) {
		printf("FAIL WSAStartup\n");
		return 1;
	}
	if (only) {
		for (int r = 0; r < rounds; r++) {
			double t = only == 1 ? ws_accept(conns, posted) : raw_accept(conns);
			if (t <= 0)
				return 1;
			printf("RESULT accept %s %.0f conn/s\n", only == 1 ? "linsock" : "raw", conns / t);
		}
		return 0;
	}
	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	for (size_t i = 0; i < sizeof chunk; i++)
		chunk[i] = (char)(i % 251);
	for (int i = 0; i < mib; i++)
		if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk) {
			perror("write");
			return 1;
		}
	close(fd);
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 2; k++) {
			if ((r + k) % 2 == 0) {
				c0 = cpu_now();
				acc_raw = best(acc_raw, raw_accept(conns));
				cpu_raw = best(cpu_raw, cpu_now() - c0);
				tf_raw = best(tf_raw, raw_sendfile(path, size));
			} else {
				c0 = cpu_now();
				acc_ws = best(acc_ws, ws_accept(conns, posted));
				cpu_ws = best(cpu_ws, cpu_now() - c0);
				tf_ws = best(tf_ws, ws_transmitfile(path, size, 0));
				tf_ov = best(tf_ov, ws_transmitfile(path, size, 1));
			}
		}
	}
	unlink(path);
	if (acc_raw <= 0 || acc_ws <= 0 || tf_raw <= 0 || tf_ws <= 0 || tf_ov <= 0)
		failed = 1;
	printf("RESULT accept raw accept4 %.0f conn/s\n", acc_raw > 0 ? conns / acc_raw : 0);
	printf("RESULT accept linsock AcceptEx(%d posted) %.0f conn/s\n", posted, acc_ws > 0 ? conns / acc_ws : 0);
	printf("RATIO accept %.3f (target >= 0.95)\n", acc_ws > 0 ? acc_raw / acc_ws : 0);
	printf("RESULT accept cpu raw %.2f us/conn linsock %.2f us/conn, ratio %.3f\n", cpu_raw / conns * 1e6,
	       cpu_ws / conns * 1e6, cpu_ws > 0 ? cpu_raw / cpu_ws : 0);
	printf("RESULT transmit raw sendfile %.0f MiB/s\n", tf_raw > 0 ? mib / tf_raw : 0);
	printf("RESULT transmit linsock TransmitFile %.0f MiB/s\n", tf_ws > 0 ? mib / tf_ws : 0);
	printf("RESULT transmit linsock TransmitFile overlapped %.0f MiB/s\n", tf_ov > 0 ? mib / tf_ov : 0);
	printf("RATIO transmit %.3f overlapped %.3f (target >= 0.95)\n", tf_ws > 0 ? tf_raw / tf_ws : 0,
	       tf_ov > 0 ? tf_raw / tf_ov : 0);
	return failed;
}
