/* IO.h - spelling used by some programs; see io.h. */
#include "io.h"
