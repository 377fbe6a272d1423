/* StringApiSet.h - spelling used by some programs; see stringapiset.h. */
#include "stringapiset.h"
