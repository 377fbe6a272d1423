/* WinUser.h - spelling used by some programs; see winuser.h. */
#include "winuser.h"
