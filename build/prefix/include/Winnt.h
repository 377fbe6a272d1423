/* Winnt.h - spelling used by some programs; see winnt.h. */
#include "winnt.h"
