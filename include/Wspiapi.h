/* Wspiapi.h - spelling used by some programs; see wspiapi.h. */
#include "wspiapi.h"
