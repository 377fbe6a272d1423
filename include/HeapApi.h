/* HeapApi.h - spelling used by some programs; see heapapi.h. */
#include "heapapi.h"
