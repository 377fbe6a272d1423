/* WinBase.h - spelling used by some programs; see winbase.h. */
#include "winbase.h"
