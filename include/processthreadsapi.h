/*
 * processthreadsapi.h - thread priorities (the rest of the thread API is
 * in winbase.h).  Priorities are remembered, not applied: docs/design.md M.
 */
#ifndef _PROCESSTHREADSAPI_H_
#define _PROCESSTHREADSAPI_H_

#include "minwindef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define THREAD_PRIORITY_LOWEST        (-2)
#define THREAD_PRIORITY_BELOW_NORMAL  (-1)
#define THREAD_PRIORITY_NORMAL        0
#define THREAD_PRIORITY_HIGHEST       2
#define THREAD_PRIORITY_ABOVE_NORMAL  1
#define THREAD_PRIORITY_ERROR_RETURN  0x7FFFFFFF
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_IDLE          (-15)
#define THREAD_MODE_BACKGROUND_BEGIN  0x00010000
#define THREAD_MODE_BACKGROUND_END    0x00020000

WINBASEAPI BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority);
WINBASEAPI int  WINAPI GetThreadPriority(HANDLE hThread);

#ifdef __cplusplus
}
#endif

#endif /* _PROCESSTHREADSAPI_H_ */
