#!/bin/sh
# Sanitized Windows programs call linsock (docs/design.md S): installs linsock into a scratch
# prefix, then builds a program whose Windows file calls getaddrinfo, inet_ntop and socket and whose
# native file calls glibc's getaddrinfo, with no sanitizer, -fsanitize=address and
# -fsanitize=thread, and -flto (Windows file only), linked to libws2_32.so and to libws2_32.a.
# The sanitizer runtimes define unversioned getaddrinfo, socket... that come first in the lookup
# order; the Windows file must still reach linsock (EAI_NONAME is WSAHOST_NOT_FOUND, 11001) and
# the native file glibc (-2).
# A variant the compiler or the machine cannot build or run is skipped, and said so.
# usage: sanitizer_link.sh CMAKE BUILD_DIR CC
set -eu
cmake=$1 build=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake" --install "$build" --prefix "$tmp/p" >/dev/null
cat >"$tmp/win.c" <<'PROG'
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
int native_lookup(void);
int main(void)
{
	WSADATA d;
	ADDRINFOA h = {0}, *r = NULL, *bad = NULL;
	SOCKET s;
	char text[INET6_ADDRSTRLEN] = "";
	int rc, rcbad;
	if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
		return 1;
	h.ai_family = AF_INET6;
	h.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo("::1", "80", &h, &r);
	rcbad = getaddrinfo("not-a-number", NULL, &h, &bad);
	if (rc == 0)
		inet_ntop(AF_INET6, &((SOCKADDR_IN6 *)r->ai_addr)->sin6_addr, text, sizeof(text));
	s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	printf("%d %s\n", rc, s == INVALID_SOCKET ? "fail" : "ok");
	printf("windows %d %s, native %d\n", rcbad, text, native_lookup());
	if (r)
		freeaddrinfo(r);
	if (s != INVALID_SOCKET)
		closesocket(s);
	WSACleanup();
	return 0;
}
PROG
cat >"$tmp/native.c" <<'PROG'
#include <netdb.h>
#include <string.h>
int native_lookup(void)
{
	struct addrinfo h, *r = NULL;
	int rc;
	memset(&h, 0, sizeof(h));
	h.ai_family = AF_INET6;
	h.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo("not-a-number", NULL, &h, &r);
	if (r)
		freeaddrinfo(r);
	return rc;
}
PROG
want="0 ok
windows 11001 ::1, native -2"
uring=$(pkg-config --libs liburing 2>/dev/null || true)
fail=0 ran=""
for san in none address thread lto; do
	# The native file is built without -flto: LTO merges both files into one object, where the
	# Windows file's .symver directives would rename the native file's calls too (design.md S).
	case $san in
	none) flags="" nflags="" ;;
	lto) flags="-O2 -flto" nflags="-O2" ;;
	*) flags="-fsanitize=$san" nflags=$flags ;;
	esac
	# Can this compiler build, and this machine run, a program with these flags?
	printf 'int main(void) { return 0; }\n' >"$tmp/probe.c"
	if ! "$cc" $flags "$tmp/probe.c" -o "$tmp/probe" 2>/dev/null ||
		! "$tmp/probe" >/dev/null 2>&1; then
		echo "sanitizer_link: $flags unavailable here, skipped"
		continue
	fi
	"$cc" $nflags -c "$tmp/native.c" -o "$tmp/native.o"
	for link in shared static; do
		exe=$tmp/$san-$link
		if [ $link = shared ]; then
			"$cc" $flags -I"$tmp/p/include" "$tmp/win.c" "$tmp/native.o" -o "$exe" -L"$tmp/p/lib" -lws2_32
		else
			"$cc" $flags -I"$tmp/p/include" "$tmp/win.c" "$tmp/native.o" -o "$exe" -L"$tmp/p/lib" \
				-Wl,-Bstatic -lws2_32 -Wl,-Bdynamic -pthread -ldl $uring
		fi
		got=$(LD_LIBRARY_PATH=$tmp/p/lib "$exe" 2>&1) || true
		if [ "$got" != "$want" ]; then
			printf 'sanitizer_link: %s, %s: got\n%s\nwanted\n%s\n' "$san" $link "$got" "$want"
			fail=1
		fi
	done
	ran="$ran $san"
done
[ $fail -eq 0 ] &&
	echo "sanitizer_link: Windows code reaches linsock, native code glibc (shared, static):$ran"
exit $fail
