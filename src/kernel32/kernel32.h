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

/* A caller's pointer the cheap way (as baseprov/io.c does for buffers): NULL and the first 64 KiB
 * are never valid, so the common bad pointers are caught without a syscall on the hot path. */
static inline int ls_k32_bad_ptr(const void *p)
{
	return (uintptr_t)p < 65536u;
}

/* LS_HANDLE_FILE records (CreateFile, CreatePipe, GetStdHandle): what the fd is and
 * FILE_FLAG_OVERLAPPED, in the record's file member (handle.h). */
#define LS_K32_FILE_KIND(h)       ((h)->u.file.kind)
#define LS_K32_FILE_OVERLAPPED(h) ((h)->u.file.overlapped)

/* kernel32/event.c, shared with sync.c: HANDLE_FLAG_INHERIT from security attributes (LS_HF_*),
 * and whether a Create* name is a real name (non-empty: unsupported, docs/design.md W). */
unsigned int ls_k32_sa_flags(const SECURITY_ATTRIBUTES *sa);
int ls_k32_named(const void *name, int wide);

#endif
