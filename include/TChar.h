/* TChar.h - spelling used by some programs; see tchar.h. */
#include "tchar.h"
