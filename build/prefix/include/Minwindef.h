/* Minwindef.h - spelling used by some programs; see minwindef.h. */
#include "minwindef.h"
