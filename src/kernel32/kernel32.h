/* kernel32: exported kernel32 functions (threads, waits, time, handles, messages, memory).
 * Private helpers shared by the folder's files. */
#ifndef LS_KERNEL32_KERNEL32_H
#define LS_KERNEL32_KERNEL32_H

#include <windows.h>

/* Sets the last error and returns FALSE (the BOOL-API failure exit). */
static inline BOOL ls_k32_fail(DWORD err)
{
	extern __thread uint32_t ls_lasterr_slot;
	ls_lasterr_slot = err;
	return FALSE;
}

#endif
