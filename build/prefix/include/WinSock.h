/* WinSock.h - spelling used by some programs; see winsock.h. */
#include "winsock.h"
