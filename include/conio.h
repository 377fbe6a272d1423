/*
 * conio.h - console keyboard input without Enter (_kbhit, _getch) and
 * character output.  On a terminal the keyboard is read in
 * non-canonical mode without echo for the duration of the call; on
 * anything else (pipe, file) these read standard input as it is.
 */
#ifndef _INC_CONIO
#define _INC_CONIO

#include "linsock_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

LS_CRT_EXPORT int _kbhit(void);
LS_CRT_EXPORT int _getch(void);
LS_CRT_EXPORT int _getche(void);
LS_CRT_EXPORT int _putch(int c);
LS_CRT_EXPORT int _ungetch(int c);

#ifndef _CRT_NO_OLDNAMES
#define kbhit  _kbhit
#define getch  _getch
#define getche _getche
#define putch  _putch
#endif

#ifdef __cplusplus
}
#endif

#endif /* _INC_CONIO */
