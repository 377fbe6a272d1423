/* WS2ipdef.h - spelling used by some programs; see ws2ipdef.h. */
#include "ws2ipdef.h"
