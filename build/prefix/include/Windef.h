/* Windef.h - spelling used by some programs; see windef.h. */
#include "windef.h"
