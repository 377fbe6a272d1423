/* Wincon.h - spelling used by some programs; see wincon.h. */
#include "wincon.h"
