/* Wsipx.h - spelling used by some programs; see wsipx.h. */
#include "wsipx.h"
