/* NTStatus.h - spelling used by some programs; see ntstatus.h. */
#include "ntstatus.h"
