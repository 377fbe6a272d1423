/* msvcrt/stdio: fopen_s. EINVAL for a NULL pFile, filename or mode (then *pFile = NULL if
 * pFile is valid); a failed open sets *pFile = NULL and returns fopen's errno. Microsoft's
 * extra mode letters are accepted and dropped where glibc has no meaning for them: 't' (text,
 * no translation here), 'c'/'n' (commit flags), 'S'/'R'/'T'/'D' (caching hints). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linsock_crt.h"
#include "msvcrt.h"
#include "../base/trace.h"

errno_t fopen_s(FILE **pFile, const char *filename, const char *mode)
{
	char m[16];
	size_t i, j = 0;

	LS_TRACE_CALL("%p, %s, %s", (void *)pFile, ls_trace_str(filename), ls_trace_str(mode));
	if (!pFile) {
		errno = EINVAL;
		return LS_TRACE_RET_ERRNO(EINVAL);
	}
	*pFile = NULL;
	if (!filename || !mode || !mode[0]) {
		errno = EINVAL;
		return LS_TRACE_RET_ERRNO(EINVAL);
	}
	for (i = 0; mode[i] && j < sizeof m - 1; i++) {
		if (mode[i] == ',')
			break;	/* ",ccs=UTF-8" and the like */
		if (!strchr("tcnSRTD", mode[i]))
			m[j++] = mode[i];
	}
	m[j] = 0;
	*pFile = fopen(filename, m);
	return LS_TRACE_RET_ERRNO(*pFile ? 0 : errno);
}
