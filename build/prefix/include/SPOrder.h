/* SPOrder.h - spelling used by some programs; see sporder.h. */
#include "sporder.h"
