/* msvcrt/time: localtime_s, gmtime_s with Microsoft's argument order (destination first; the
 * C11 Annex K functions of the same names take them the other way and glibc has neither).
 * A NULL destination is EINVAL; a NULL or negative time is EINVAL with every field of the
 * destination set to -1, as Microsoft documents. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "linsock_crt.h"
#include "msvcrt.h"
#include "../base/trace.h"

static errno_t convert(struct tm *dst, const time_t *t, int local)
{
	if (!dst) {
		errno = EINVAL;
		return EINVAL;
	}
	if (!t || *t < 0) {
		memset(dst, 0xff, sizeof *dst);	/* every int field -1 */
		errno = EINVAL;
		return EINVAL;
	}
	if (!(local ? localtime_r(t, dst) : gmtime_r(t, dst))) {
		memset(dst, 0xff, sizeof *dst);
		errno = EINVAL;
		return EINVAL;
	}
	return 0;
}

errno_t localtime_s(struct tm *tmDest, const time_t *sourceTime)
{
	LS_TRACE_CALL("%p, %p", (void *)tmDest, (const void *)sourceTime);
	return LS_TRACE_RET_ERRNO(convert(tmDest, sourceTime, 1));
}

errno_t gmtime_s(struct tm *tmDest, const time_t *sourceTime)
{
	LS_TRACE_CALL("%p, %p", (void *)tmDest, (const void *)sourceTime);
	return LS_TRACE_RET_ERRNO(convert(tmDest, sourceTime, 0));
}
