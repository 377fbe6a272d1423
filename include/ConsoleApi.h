/* ConsoleApi.h - spelling used by some programs; see consoleapi.h. */
#include "consoleapi.h"
