/* SysInfoApi.h - spelling used by some programs; see sysinfoapi.h. */
#include "sysinfoapi.h"
