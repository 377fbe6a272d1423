/* BaseTsd.h - spelling used by some programs; see basetsd.h. */
#include "basetsd.h"
