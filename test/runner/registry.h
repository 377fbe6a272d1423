/* Test registry shared by registry.c and the runner. */
#ifndef LS_TEST_REGISTRY_H
#define LS_TEST_REGISTRY_H

#define LS_TEST_MAX 4096

struct ls_test {
	const char *name;
	void (*fn)(void);
	const char *file;
};

extern struct ls_test ls_tests[LS_TEST_MAX];
extern int ls_test_count;

#endif
