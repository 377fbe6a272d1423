/* In6addr.h - spelling used by some programs; see in6addr.h. */
#include "in6addr.h"
