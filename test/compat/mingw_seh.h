/* Used only by `scripts/compat.sh --mingw`. MSVC has the __try/__except/__finally/__leave
 * keywords; GCC, and so mingw-w64, has none. This maps the cleanup shape the compat programs
 * use (__try { ... __leave; ... } __finally { ... }, no __leave inside an inner loop) onto plain
 * C, so the rest of each program is still checked as Windows code. Our own text. */
#ifndef COMPAT_MINGW_SEH_H
#define COMPAT_MINGW_SEH_H
#define __try for (int compat_seh_once_ = 1; compat_seh_once_; compat_seh_once_ = 0)
#define __leave break
#define __finally
#endif
