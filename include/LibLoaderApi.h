/* LibLoaderApi.h - spelling used by some programs; see libloaderapi.h. */
#include "libloaderapi.h"
