/* ProcessThreadsApi.h - spelling used by some programs; see processthreadsapi.h. */
#include "processthreadsapi.h"
