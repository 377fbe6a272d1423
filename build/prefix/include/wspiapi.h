/* wspiapi.h - getaddrinfo for pre-XP targets; linsock always has it. */
#include "ws2tcpip.h"
