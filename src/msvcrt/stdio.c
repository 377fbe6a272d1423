/* msvcrt/stdio: fopen_s. EINVAL for a NULL pFile, filename or mode (then *pFile = NULL if
 * pFile is valid); a failed open sets *pFile = NULL and returns fopen's errno. Microsoft's
 * extra mode letters are accepted and dropped where glibc has no meaning for them: 't' (text,
 * no translation here), 'c'/'n' (commit flags), 'S'/'R'/'T'/'D' (caching hints). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linsock_crt.h"
#include "msvcrt.h"

errno_t fopen_s(FILE **pFile, const char *filename, const char *mode)
{
	char m[16];
	size_t i, j = 0;

	if (!pFile) {
		errno = EINVAL;
		return EINVAL;
	}
	*pFile = NULL;
	if (!filename || !mode || !mode[0]) {
		errno = EINVAL;
		return EINVAL;
	}
	for (i = 0; mode[i] && j < sizeof m - 1; i++) {
		if (mode[i] == ',')
			break;	/* ",ccs=UTF-8" and the like */
		if (!strchr("tcnSRTD", mode[i]))
			m[j++] = mode[i];
	}
	m[j] = 0;
	*pFile = fopen(filename, m);
	return *pFile ? 0 : errno;
}
