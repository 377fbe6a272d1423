/* base/lasterr: the thread's last-error slot, shared by GetLastError/SetLastError and
 * WSAGetLastError/WSASetLastError (DESIGN §4, spec errors.md §4). Only entry points write it. */
#ifndef LS_BASE_LASTERR_H
#define LS_BASE_LASTERR_H

#include <stdint.h>

extern __thread uint32_t ls_lasterr_slot;

static inline uint32_t ls_lasterr_get(void)
{
	return ls_lasterr_slot;
}

static inline void ls_lasterr_set(uint32_t code)
{
	ls_lasterr_slot = code;
}

#endif
