/*
 * linsock.h - linsock-only extensions (none yet).
 *
 * Code that must use both Linux socket headers and Winsock keeps them in
 * separate translation units (docs/design.md H.4); declarations that help
 * such code cross between the two worlds will live here.
 */
#ifndef LINSOCK_H
#define LINSOCK_H

#include "winsock2.h"

#endif /* LINSOCK_H */
