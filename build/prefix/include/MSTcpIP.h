/* MSTcpIP.h - spelling used by some programs; see mstcpip.h. */
#include "mstcpip.h"
