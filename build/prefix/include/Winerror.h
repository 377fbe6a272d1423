/* Winerror.h - spelling used by some programs; see winerror.h. */
#include "winerror.h"
