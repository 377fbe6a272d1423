/* IPTypes.h - spelling used by some programs; see iptypes.h. */
#include "iptypes.h"
