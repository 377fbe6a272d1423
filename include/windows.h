/*
 * windows.h - the part of Windows that a Winsock program uses: base types,
 * NT definitions, kernel32's handle/thread/wait/file/IOCP subset, heaps,
 * version and module queries, lstr* and code pages, user32's MessageBox.
 *
 * As on Windows, without WIN32_LEAN_AND_MEAN it also brings in the socket
 * API (winsock.h, which here is winsock2.h), so windows.h and winsock2.h
 * may be included in either order.
 */
#ifndef _WINDOWS_
#define _WINDOWS_
#define _INC_WINDOWS

#include "windef.h"
#include "winnt.h"
#include "winerror.h"
#include "winbase.h"
#include "heapapi.h"
#include "sysinfoapi.h"
#include "libloaderapi.h"
#include "processthreadsapi.h"
#include "stringapiset.h"
#include "winuser.h"

#ifndef WIN32_LEAN_AND_MEAN
#include "winsock.h"
#endif

/* The console (kernel32): outside the lean block, as on Windows. */
#include "wincon.h"

#endif /* _WINDOWS_ */
