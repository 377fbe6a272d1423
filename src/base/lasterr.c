/* base/lasterr: storage of the thread's last-error slot (see lasterr.h). */
#include "lasterr.h"

__thread uint32_t ls_lasterr_slot;
