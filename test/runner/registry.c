/* Test registry: TEST() constructors call ls_test_register before main. */
#include "test.h"

#include <stdarg.h>

#include "registry.h"

struct ls_test ls_tests[LS_TEST_MAX];
int ls_test_count;

void ls_test_register(const char *name, void (*fn)(void), const char *file)
{
	if (ls_test_count == LS_TEST_MAX) {
		fprintf(stderr, "too many tests (raise LS_TEST_MAX)\n");
		abort();
	}
	ls_tests[ls_test_count].name = name;
	ls_tests[ls_test_count].fn = fn;
	ls_tests[ls_test_count].file = file;
	ls_test_count++;
}

void ls_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "# %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}
