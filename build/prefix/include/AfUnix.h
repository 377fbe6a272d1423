/* AfUnix.h - spelling used by some programs; see afunix.h. */
#include "afunix.h"
