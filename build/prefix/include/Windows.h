/* Windows.h - spelling used by some programs; see windows.h. */
#include "windows.h"
