#!/bin/sh
# check.sh - compile small programs against include/ in every supported
# include order and configuration, warnings as errors.  Prints each
# variant; exits non-zero if any fails.
#   usage: test/headers/check.sh [CC]     (default: cc)
set -u
CC=${1:-${CC:-cc}}
here=$(cd "$(dirname "$0")" && pwd)
inc="$here/../../include"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
total=0

STD_HDRS='#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>'
ALL_WIN='#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <ws2spi.h>
#include <afunix.h>
#include <sporder.h>
#include <wspiapi.h>
#include <linsock.h>'
# A body that uses the renamed names, so a clash would show.
BODY='int check_body(void);
int check_body(void)
{
	fd_set s;
	struct timeval tv = { 1, 0 };
	u_long nb = 1;
	WSADATA wd;
	SOCKADDR_IN a4;
	FD_ZERO(&s);
	FD_SET((SOCKET)5, &s);
	if (WSAStartup(MAKEWORD(2, 2), &wd) != 0)
		return 1;
	a4.sin_port = htons(80);
	(void)ioctlsocket(INVALID_SOCKET, FIONBIO, &nb);
	return select(0, &s, NULL, NULL, &tv) + FD_ISSET((SOCKET)5, &s)
		+ (int)a4.sin_port + (int)sizeof(wd);
}'

# variant NAME EXTRA_CFLAGS SOURCE
variant() {
	name=$1; flags=$2; src=$3
	total=$((total + 1))
	printf '%s\n' "$src" > "$tmp/t.c"
	if $CC $flags -Wall -Wextra -Wstrict-prototypes -Werror -I"$inc" \
		-c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"; then
		echo "ok $total - $name"
	else
		echo "not ok $total - $name"
		sed 's/^/#   /' "$tmp/err" | head -20
		fails=$((fails + 1))
	fi
}

for std in gnu11 c11 gnu99; do
	variant "std first, windows.h then winsock ($std)" "-std=$std" \
"$STD_HDRS
$ALL_WIN
$BODY"
	variant "winsock2.h first, then windows.h ($std)" "-std=$std" \
"#include <winsock2.h>
#include <windows.h>
$STD_HDRS
#include <ws2tcpip.h>
$BODY"
done
variant "UNICODE" "-std=gnu11 -DUNICODE -D_UNICODE" "$STD_HDRS
$ALL_WIN
$BODY
int check_v6(void);
int check_v6(void) { SOCKADDR_IN6 a6; a6.sin6_scope_id = 0; return (int)a6.sin6_scope_id; }
int check_w(void);
int check_w(void) { WSAPROTOCOL_INFO pi; ADDRINFOT *ai = 0; (void)ai; return (int)sizeof(pi) == 628 ? 0 : 1; }"
variant "WIN32_LEAN_AND_MEAN" "-std=gnu11 -DWIN32_LEAN_AND_MEAN" "$STD_HDRS
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
$BODY"
variant "lean windows.h alone" "-std=gnu11 -DWIN32_LEAN_AND_MEAN" "#include <windows.h>
int f(void);
int f(void) { CRITICAL_SECTION cs; InitializeCriticalSection(&cs); return (int)GetLastError(); }"
variant "windows.h alone brings sockets" "-std=gnu11" "#include <windows.h>
$BODY"
# Not covered: FD_SETSIZE defined before <stdlib.h>.  glibc's <sys/select.h>
# (reached from <stdlib.h>) silently replaces the program's value with its
# own, so winsock2.h sees glibc's and uses 64 (docs/design.md H.2).
variant "FD_SETSIZE 1024 before stdio.h/string.h/time.h and winsock2.h" "-std=gnu11" "#define FD_SETSIZE 1024
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <winsock2.h>
_Static_assert(sizeof(fd_set) == 8 + 8 * 1024, \"FD_SETSIZE honoured\");
$BODY"
variant "FD_SETSIZE 1024 before anything else, winsock2.h first" "-std=gnu11" "#define FD_SETSIZE 1024
#include <winsock2.h>
#include <stdlib.h>
_Static_assert(sizeof(fd_set) == 8 + 8 * 1024, \"FD_SETSIZE honoured\");
$BODY"
variant "FD_SETSIZE 100 before winsock2.h" "-std=gnu11" "#define FD_SETSIZE 100
#include <winsock2.h>
_Static_assert(sizeof(fd_set) == 8 + 8 * 100, \"FD_SETSIZE honoured\");
$BODY"
variant "default FD_SETSIZE after stdlib.h" "-std=gnu11" "#include <stdlib.h>
#include <winsock2.h>
_Static_assert(sizeof(fd_set) == 8 + 8 * 64, \"FD_SETSIZE 64\");
$BODY"
variant "c99 -pedantic-errors" "-std=c99 -pedantic-errors" "$STD_HDRS
$ALL_WIN
$BODY"
variant "c11 -pedantic-errors, UNICODE" "-std=c11 -pedantic-errors -DUNICODE" "$STD_HDRS
$ALL_WIN
$BODY"
variant "ntstatus.h with WIN32_NO_STATUS" "-std=gnu11" "#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winsock2.h>
$BODY"
variant "case-variant spellings" "-std=gnu11" "#include <WinSock2.h>
#include <Windows.h>
#include <WS2tcpip.h>
#include <Ws2tcpip.h>
#include <MSWSock.h>
#include <Mswsock.h>
#include <MSTcpIP.h>
#include <Mstcpip.h>
#include <WinError.h>
#include <WS2spi.h>
#include <Ws2spi.h>
#include <Winsock.h>
#include <WinSock.h>
#include <Ws2def.h>
#include <In6addr.h>
#include <WinBase.h>
#include <WinNT.h>
#include <WinDef.h>
$BODY"
for h in linsock_base.h winerror.h ntstatus.h guiddef.h basetsd.h minwindef.h windef.h \
	winnt.h winbase.h windows.h winsock.h winsock2.h ws2def.h inaddr.h in6addr.h \
	ws2ipdef.h ws2tcpip.h wspiapi.h mswsock.h mstcpip.h ws2spi.h sporder.h afunix.h \
	qos.h linsock.h; do
	variant "$h is self-contained" "-std=gnu11" "#include <$h>
int self_contained(void);
int self_contained(void) { return 0; }"
done

echo "$((total - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
