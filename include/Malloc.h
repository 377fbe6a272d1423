/* Malloc.h - spelling used by some programs; see malloc.h. */
#include "malloc.h"
