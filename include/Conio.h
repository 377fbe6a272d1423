/* Conio.h - spelling used by some programs; see conio.h. */
#include "conio.h"
