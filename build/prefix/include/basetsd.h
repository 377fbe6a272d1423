/* basetsd.h - sized integer types; all live in linsock_base.h. */
#ifndef _BASETSD_H_
#define _BASETSD_H_
#include "linsock_base.h"
#endif
