/* StrSafe.h - spelling used by some programs; see strsafe.h. */
#include "strsafe.h"
