/* engine: private declarations for engine.c and the Windows-side backend epoll.c. The Linux-side
 * backend uring.c includes only backend.h (this file pulls in <windows.h> through engine.h). */
#ifndef LS_ENGINE_ENGINE_INT_H
#define LS_ENGINE_ENGINE_INT_H

#include "engine.h"

/* The per-handle state, the backend table and ls_engine_ready are in backend.h (basic C types
 * only, shared with Linux-side backends). */
#include "backend.h"

#endif
