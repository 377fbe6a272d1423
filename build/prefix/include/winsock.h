/* winsock.h - the Winsock 1.1 API, which linsock's winsock2.h contains. */
#include "winsock2.h"
