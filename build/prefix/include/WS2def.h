/* WS2def.h - spelling used by some programs; see ws2def.h. */
#include "ws2def.h"
