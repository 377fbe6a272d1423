/*
 * minwindef.h - the smallest Windows base: types (linsock_base.h) plus the
 * few limits and helpers Windows keeps here.
 */
#ifndef _MINWINDEF_
#define _MINWINDEF_

#include "linsock_base.h"

#define MAX_PATH 260

#ifndef NOMINMAX
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#endif /* _MINWINDEF_ */
