/* Winsock2.h - spelling used by some programs; see winsock2.h. */
#include "winsock2.h"
