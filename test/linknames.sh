#!/bin/sh
# Windows makefiles link unchanged: installs linsock into a scratch prefix, then builds and runs a
# Winsock + kernel32 + iphlpapi program with the link names Windows programs use, dynamically and
# statically, and once more with only `pkg-config --cflags --libs linsock`.
# usage: linknames.sh CMAKE BUILD_DIR CC
set -eu
cmake=$1 build=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake" --install "$build" --prefix "$tmp/p" >/dev/null
cat >"$tmp/t.c" <<'PROG'
#include <winsock2.h>
#include <windows.h>
#include <iphlpapi.h>
#include <stdio.h>
int main(void)
{
	WSADATA d;
	ULONG n = 0;
	if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
		return 1;
	if (GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &n) != ERROR_BUFFER_OVERFLOW || n == 0)
		return 2;
	if (if_nametoindex("lo") == 0)
		return 3;
	SetConsoleCtrlHandler(NULL, FALSE);
	WSACleanup();
	printf("ok\n");
	return 0;
}
PROG
libs="-lws2_32 -lmswsock -lkernel32 -luser32 -ladvapi32 -liphlpapi -lwinmm -lwsock32"
fail=0
"$cc" -I"$tmp/p/include" "$tmp/t.c" -o "$tmp/dyn" -L"$tmp/p/lib" $libs
[ "$(LD_LIBRARY_PATH=$tmp/p/lib "$tmp/dyn")" = ok ] || { echo "dynamic link: wrong result"; fail=1; }
# Static: the link names must reach libws2_32.a (no libws2_32.so needed at run time).
"$cc" -I"$tmp/p/include" "$tmp/t.c" -o "$tmp/sta" -L"$tmp/p/lib" -Wl,-Bstatic $libs -Wl,-Bdynamic \
	-pthread -ldl $(pkg-config --libs liburing 2>/dev/null || true)
if ldd "$tmp/sta" | grep -q libws2_32; then echo "static link: still needs libws2_32.so"; fail=1; fi
[ "$("$tmp/sta")" = ok ] || { echo "static link: wrong result"; fail=1; }
if command -v pkg-config >/dev/null; then
	PKG_CONFIG_PATH=$tmp/p/lib/pkgconfig
	export PKG_CONFIG_PATH
	"$cc" "$tmp/t.c" -o "$tmp/pc" $(pkg-config --cflags --libs linsock)
	[ "$(LD_LIBRARY_PATH=$tmp/p/lib "$tmp/pc")" = ok ] || { echo "pkg-config link: wrong result"; fail=1; }
fi
[ $fail -eq 0 ] && echo "linknames: $libs resolve (dynamic, static, pkg-config)"
exit $fail
