/* Process.h - spelling used by some programs; see process.h. */
#include "process.h"
