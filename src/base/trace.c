/* base/trace: see trace.h. The environment is read once, from a constructor, before main. */
#include "trace.h"
#include "sys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ls_trace_on;
static FILE *trace_file;

__attribute__((constructor)) static void trace_init(void)
{
	const char *v = getenv("LINSOCK_TRACE");

	if (!v || !*v || strcmp(v, "0") == 0)
		return;
	trace_file = stderr;
	if (v[0] == '/') {
		FILE *f = fopen(v, "ae");
		if (f)
			trace_file = f;
	}
	ls_trace_on = 1;
}

void ls_trace_write(const char *fn, const char *fmt, ...)
{
	char line[1024];
	int n;
	va_list ap;

	n = snprintf(line, sizeof line, "linsock[%d:%d] %s: ", ls_sys_getpid(), ls_sys_gettid(), fn);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	/* One fputs per line keeps lines of concurrent threads whole (stdio locks the stream). */
	fprintf(trace_file, "%s\n", line);
	fflush(trace_file);
}
