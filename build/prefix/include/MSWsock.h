/* MSWsock.h - spelling used by some programs; see mswsock.h. */
#include "mswsock.h"
