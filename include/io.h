/*
 * io.h - low-level I/O on C runtime file descriptors.  A linsock HANDLE
 * is the Linux fd itself, so _get_osfhandle and _open_osfhandle return
 * their argument once they have checked it (docs/design.md M).  There
 * is no text-mode translation: _setmode remembers the mode and returns
 * the previous one, and data always passes unchanged.
 */
#ifndef _INC_IO
#define _INC_IO

#include <stdint.h>
#include "linsock_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

#define _O_RDONLY     0x0000
#define _O_WRONLY     0x0001
#define _O_RDWR       0x0002
#define _O_APPEND     0x0008
#define _O_CREAT      0x0100
#define _O_TRUNC      0x0200
#define _O_EXCL       0x0400
#define _O_TEXT       0x4000
#define _O_BINARY     0x8000
#define _O_WTEXT      0x10000
#define _O_U16TEXT    0x20000
#define _O_U8TEXT     0x40000
#define _O_NOINHERIT  0x0080
#define _O_RAW        _O_BINARY
#ifndef _CRT_NO_OLDNAMES
#define O_TEXT        _O_TEXT
#define O_BINARY      _O_BINARY
#define O_RAW         _O_BINARY
#endif

LS_CRT_EXPORT int      _isatty(int fd);
LS_CRT_EXPORT int      _setmode(int fd, int mode);
LS_CRT_EXPORT intptr_t _get_osfhandle(int fd);
LS_CRT_EXPORT int      _open_osfhandle(intptr_t osfhandle, int flags);
LS_CRT_EXPORT int      _close(int fd);
LS_CRT_EXPORT int      _read(int fd, void *buffer, unsigned int count);
LS_CRT_EXPORT int      _write(int fd, const void *buffer, unsigned int count);
LS_CRT_EXPORT int      _dup(int fd);
LS_CRT_EXPORT int      _dup2(int fd1, int fd2);
#define _fileno fileno

#ifdef __cplusplus
}
#endif

#endif /* _INC_IO */
