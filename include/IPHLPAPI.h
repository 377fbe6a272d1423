/* IPHLPAPI.h - spelling used by some programs; see iphlpapi.h. */
#include "iphlpapi.h"
