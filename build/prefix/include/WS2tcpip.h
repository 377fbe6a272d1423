/* WS2tcpip.h - spelling used by some programs; see ws2tcpip.h. */
#include "ws2tcpip.h"
