/* WS2spi.h - spelling used by some programs; see ws2spi.h. */
#include "ws2spi.h"
