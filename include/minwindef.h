/*
 * minwindef.h - the smallest Windows base: types (linsock_base.h) plus the
 * few limits and helpers Windows keeps here.
 */
#ifndef _MINWINDEF_
#define _MINWINDEF_

#include "linsock_base.h"

#define MAX_PATH 260

/* min and max are macros in C, as Windows has them (unless NOMINMAX). Not in C++: unlike
 * Microsoft's STL, libstdc++ declares std::min/std::max in ways a function-like macro breaks,
 * so C++ code gets std::min/std::max as if NOMINMAX were defined (docs/design.md M). */
#if !defined(NOMINMAX) && !defined(__cplusplus)
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#endif /* _MINWINDEF_ */
