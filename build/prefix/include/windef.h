/* windef.h - window-system base types; linsock has no windows, only names. */
#ifndef _WINDEF_
#define _WINDEF_
#include "minwindef.h"
#endif
