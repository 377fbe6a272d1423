/* Guiddef.h - spelling used by some programs; see guiddef.h. */
#include "guiddef.h"
