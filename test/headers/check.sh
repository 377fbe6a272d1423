#!/bin/sh
# check.sh - compile small programs against include/ in every supported
# include order and configuration, warnings as errors.  Prints each
# variant; exits non-zero if any fails.
#   usage: test/headers/check.sh [CC]     (default: cc)
#   C++ variants use ${CXX:-g++} (skipped if there is none).  With
#   LINSOCK_LIBDIR=<dir holding libws2_32.so> the C++ Winsock program is
#   also linked against the library and run.
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
CRT_HDRS='#include <tchar.h>
#include <strsafe.h>
#include <conio.h>
#include <io.h>
#include <process.h>
#include <malloc.h>
#include <wsipx.h>'
variant "CRT headers first, then winsock2.h and windows.h" "-std=gnu11" "$CRT_HDRS
#include <winsock2.h>
#include <windows.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
$BODY"
variant "CRT headers last, WIN32_LEAN_AND_MEAN, UNICODE" "-std=gnu11 -DWIN32_LEAN_AND_MEAN -DUNICODE -D_UNICODE" \
"#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
$CRT_HDRS
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
	qos.h linsock.h tchar.h conio.h io.h process.h malloc.h strsafe.h wsipx.h sal.h \
	heapapi.h sysinfoapi.h libloaderapi.h processthreadsapi.h stringapiset.h winuser.h \
	linsock_crt.h linsock_wchar.h; do
	variant "$h is self-contained" "-std=gnu11" "#include <$h>
int self_contained(void);
int self_contained(void) { return 0; }"
done


# ---------------------------------------------------- header spellings ----
# Every spelling seen in Windows programs resolves (docs/design.md M). The non-lower-case
# files in include/ are one-line aliases of the lower-case header; spellings of headers
# another branch adds (iphlpapi.h, wincon.h) are checked once that header exists.
SPELLINGS='Windows.h windows.h WINDOWS.H WinSock2.h Winsock2.h winsock2.h WINSOCK2.H
WinSock.h Winsock.h WINSOCK.H WS2tcpip.h Ws2tcpip.h ws2tcpip.h WS2TCPIP.H MSWSock.h MSWsock.h
Mswsock.h mswsock.h MSTcpIP.h Mstcpip.h mstcpip.h WS2spi.h Ws2spi.h WinError.h Winerror.h
WinBase.h Winbase.h WinNT.h Winnt.h WinDef.h Windef.h MinWinDef.h BaseTsd.h GuidDef.h
In6addr.h NTStatus.h Ntstatus.h SPOrder.h Sporder.h AfUnix.h Afunix.h Ws2def.h WS2def.h
Ws2ipdef.h WS2ipdef.h Basetsd.h Guiddef.h Minwindef.h TChar.h Tchar.h TCHAR.H tchar.h StrSafe.h Strsafe.h strsafe.h
Conio.h conio.h IO.h Io.h io.h Process.h process.h Malloc.h malloc.h WSPiApi.h Wspiapi.h
wspiapi.h WSipx.h Wsipx.h wsipx.h WinUser.h Winuser.h winuser.h HeapApi.h SysInfoApi.h
LibLoaderApi.h ProcessThreadsApi.h StringApiSet.h sal.h
IPHlpApi.h Iphlpapi.h IPHLPAPI.h iphlpapi.h WinCon.h Wincon.h wincon.h
ConsoleApi.h consoleapi.h IPTypes.h Iptypes.h iptypes.h'
for sp in $SPELLINGS; do
	total=$((total + 1))
	if [ ! -e "$inc/$sp" ]; then
		echo "not ok $total - spelling <$sp>: no such file in include/"
		fails=$((fails + 1))
		continue
	fi
	target=$(sed -n 's/^#include "\(.*\)"$/\1/p' "$inc/$sp" | head -1)
	case $sp in
	*[A-Z]*)
		if [ "$(wc -l < "$inc/$sp")" -ne 2 ] || [ -z "$target" ]; then
			echo "not ok $total - spelling <$sp>: not a one-line alias"
			fails=$((fails + 1))
			continue
		elif [ ! -e "$inc/$target" ]; then
			echo "not ok $total - spelling <$sp>: alias of a missing $target"
			fails=$((fails + 1))
			continue
		fi ;;
	esac
	printf '#include <%s>\nint spelling_ok(void);\nint spelling_ok(void) { return 0; }\n' "$sp" > "$tmp/t.c"
	if $CC -std=gnu11 -Wall -Wextra -Werror -I"$inc" -c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"; then
		echo "ok $total - spelling <$sp>"
	else
		echo "not ok $total - spelling <$sp>"
		sed 's/^/#   /' "$tmp/err" | head -10
		fails=$((fails + 1))
	fi
done
# Every mixed-case file in include/ is in the list above (a new alias gets a line there).
for f in "$inc"/*[A-Z]*.[hH]; do
	b=$(basename "$f")
	case " $(echo $SPELLINGS) " in
	*" $b "*) ;;
	*) total=$((total + 1)); fails=$((fails + 1))
	   echo "not ok $total - include/$b is not in check.sh's SPELLINGS list" ;;
	esac
done

# ------------------------------------------- dialect and UNICODE programs ----
# build_run NAME COMPILER FLAGS SOURCE [ARGS...]: compiles (-Werror), and with LINSOCK_LIBDIR
# links against libws2_32 and runs; the program's stdout goes to $tmp/out.
build_run() {
	bname=$1; comp=$2; bflags=$3; bsrc=$4; shift 4
	total=$((total + 1))
	# shellcheck disable=SC2086
	if ! $comp $bflags -Wall -Wextra -Werror -I"$inc" -c "$bsrc" -o "$tmp/prog.o" 2> "$tmp/err"; then
		echo "not ok $total - $bname: compile"
		sed 's/^/#   /' "$tmp/err" | head -20
		fails=$((fails + 1))
		return 1
	fi
	if [ -z "${LINSOCK_LIBDIR:-}" ]; then
		echo "ok $total - $bname: compiles # SKIP link and run: LINSOCK_LIBDIR unset"
		return 1
	fi
	if ! $comp "$tmp/prog.o" -L"$LINSOCK_LIBDIR" -Wl,-rpath,"$LINSOCK_LIBDIR" -lws2_32 \
		-o "$tmp/prog" 2> "$tmp/err"; then
		echo "not ok $total - $bname: link"
		sed 's/^/#   /' "$tmp/err" | head -20
		fails=$((fails + 1))
		return 1
	fi
	if ! "$tmp/prog" "$@" > "$tmp/out" 2>&1; then
		echo "not ok $total - $bname: run (status $?)"
		sed 's/^/#   /' "$tmp/out" | head -20
		fails=$((fails + 1))
		return 1
	fi
	return 0
}
for std in gnu11 c99; do
	build_run "dialect.c (C, $std)" "$CC" "-std=$std" "$here/dialect.c" &&
		echo "ok $total - dialect.c (C, $std): compiles, runs"
done
# \u00e9 as UTF-8 in the argument; the program prints it back through _tprintf.
uni_expect='h\303\251llo-42!|h\303\251llo-42!|x|   h\303\251|-7'
for flags in "-std=gnu11 -fshort-wchar" "-std=c11" "-std=gnu11"; do
	if build_run "UNICODE program ($flags)" "$CC" "$flags -DUNICODE -D_UNICODE" \
		"$here/unicode_prog.c" "$(printf 'h\303\251llo')"; then
		if [ "$(cat "$tmp/out")" = "$(printf "$uni_expect")" ]; then
			echo "ok $total - UNICODE program ($flags): _tmain, TCHAR, _tprintf end to end"
		else
			echo "not ok $total - UNICODE program ($flags): output"
			sed 's/^/#   got: /' "$tmp/out" | head -5
			fails=$((fails + 1))
		fi
	fi
done

# ---------------------------------------------------------------- C++ ----
# The same headers from C++ (Microsoft's own samples are .cpp): every
# declaration must have C linkage, and the C-only constructs must stay out.
CXX=${CXX:-g++}
# shellcheck disable=SC2086
set -- $CXX
if ! command -v "$1" >/dev/null 2>&1; then
	echo "# SKIP no C++ compiler ($CXX): C++ variants not run"
else
	# cxx_variant NAME EXTRA_CXXFLAGS SOURCE
	cxx_variant() {
		name=$1; flags=$2; src=$3
		total=$((total + 1))
		printf '%s\n' "$src" > "$tmp/t.cpp"
		if $CXX $flags -Wall -Wextra -Werror -I"$inc" \
			-c "$tmp/t.cpp" -o "$tmp/t.o" 2> "$tmp/err"; then
			echo "ok $total - C++: $name"
		else
			echo "not ok $total - C++: $name"
			sed 's/^/#   /' "$tmp/err" | head -20
			fails=$((fails + 1))
		fi
	}
	# C++-only uses: GUIDs by reference (REFGUID, ==), u"" as LPCWSTR
	# (WCHAR is char16_t in C++ unless -fshort-wchar), nullptr.
	CXX_BODY='int check_cxx(void);
int check_cxx(void)
{
	GUID g = WSAID_ACCEPTEX;
	REFGUID r = g;
	ADDRINFOW *ai = nullptr;
	(void)&GetAddrInfoW;
	static_assert(sizeof(WCHAR) == 2, "WCHAR is 16 bits");
	static_assert(sizeof(fd_set) == 8 + 8 * FD_SETSIZE, "Windows fd_set");
	const WCHAR *w = u"localhost";
	return (IsEqualGUID(g, r) && g == r && !(g != r) ? 0 : 1) + (ai ? 1 : 0) + (int)w[0];
}'
	for std in c++11 c++17; do
		for defs in "" "-DWIN32_LEAN_AND_MEAN" "-DUNICODE -D_UNICODE" \
			"-DWIN32_LEAN_AND_MEAN -DUNICODE -D_UNICODE"; do
			cxx_variant "windows.h first ($std${defs:+ $defs})" "-std=$std $defs" \
"$STD_HDRS
$ALL_WIN
$BODY
$CXX_BODY"
			cxx_variant "winsock2.h first ($std${defs:+ $defs})" "-std=$std $defs" \
"#include <winsock2.h>
#include <windows.h>
$STD_HDRS
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <ws2spi.h>
#include <afunix.h>
#include <sporder.h>
#include <wspiapi.h>
#include <linsock.h>
$BODY
$CXX_BODY"
		done
	done
	cxx_variant "C++ library before and after windows.h (min/max)" "-std=c++17" "#include <iostream>
#include <windows.h>
#include <tchar.h>
#include <vector>
#include <algorithm>
int cxx_minmax(void);
int cxx_minmax(void) { std::vector<int> v{3, 1}; std::sort(v.begin(), v.end());
	return std::min(v[0], 5) + std::max(1, 2); }"
	cxx_variant "CRT headers first (c++17)" "-std=c++17" "$CRT_HDRS
$ALL_WIN
$BODY"
	cxx_variant "c++17 -pedantic-errors" "-std=c++17 -pedantic-errors" "$STD_HDRS
$ALL_WIN
$BODY"
	cxx_variant "C++ standard library after windows.h" "-std=c++17" "$ALL_WIN
#include <iostream>
#include <string>
#include <vector>
#include <thread>
#include <mutex>
#include <chrono>
#include <algorithm>
#include <cstring>
#include <ctime>
$BODY"
	for h in linsock_base.h guiddef.h inaddr.h in6addr.h qos.h ws2def.h ws2ipdef.h \
		afunix.h winnt.h winbase.h windows.h winsock2.h ws2tcpip.h mswsock.h \
		mstcpip.h ws2spi.h sporder.h linsock.h tchar.h strsafe.h conio.h io.h \
		process.h malloc.h wsipx.h linsock_crt.h linsock_wchar.h winuser.h; do
		cxx_variant "$h is self-contained" "-std=c++11" "#include <$h>"
	done

	# Every function declared with C linkage: the symbol names stay unmangled.
	total=$((total + 1))
	printf '%s\n' "$ALL_WIN
void *cxx_refs[] = { (void *)&WSAStartup, (void *)&closesocket, (void *)&GetLastError,
	(void *)&getaddrinfo, (void *)&linsock_socket_fd, (void *)&WSCWriteProviderOrder,
	(void *)&ls_win_select, (void *)&ls_win_gethostname };" > "$tmp/t.cpp"
	if $CXX -std=c++11 -I"$inc" -c "$tmp/t.cpp" -o "$tmp/t.o" 2> "$tmp/err" &&
		nm -u "$tmp/t.o" > "$tmp/nm" &&
		! grep -q '_Z' "$tmp/nm" &&
		grep -q ' WSAStartup$' "$tmp/nm" && grep -q ' linsock_ws2_select@WS2_32$' "$tmp/nm" &&
		grep -q ' linsock_ws2_gethostname@WS2_32$' "$tmp/nm" &&
		grep -q ' linsock_ws2_getaddrinfo@WS2_32$' "$tmp/nm"; then
		echo "ok $total - C++: C linkage, WS2_32 symbol versions, asm labels"
	else
		echo "not ok $total - C++: C linkage, WS2_32 symbol versions, asm labels"
		sed 's/^/#   /' "$tmp/err" "$tmp/nm" 2>/dev/null | head -20
		fails=$((fails + 1))
	fi

	# DEFINE_GUID under INITGUID defines an object with external linkage
	# (a namespace-scope const is internal in C++ unless declared extern).
	total=$((total + 1))
	printf '%s\n' '#define INITGUID
#include <winsock2.h>
DEFINE_GUID(LS_CHECK_GUID, 0x11223344, 0x5566, 0x7788, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00);' \
		> "$tmp/t.cpp"
	if $CXX -std=c++11 -Wall -Wextra -Werror -I"$inc" -c "$tmp/t.cpp" -o "$tmp/t.o" 2> "$tmp/err" &&
		nm "$tmp/t.o" | grep -q ' R LS_CHECK_GUID$'; then
		echo "ok $total - C++: DEFINE_GUID with INITGUID has external C linkage"
	else
		echo "not ok $total - C++: DEFINE_GUID with INITGUID has external C linkage"
		sed 's/^/#   /' "$tmp/err" | head -20
		nm "$tmp/t.o" 2>/dev/null | sed 's/^/#   /' | head -5
		fails=$((fails + 1))
	fi

	# MSVC pragmas in a Windows source must not warn.  linsock_base.h turns
	# -Wunknown-pragmas off, which g++ before 13 does not honour for
	# preprocessor-time warnings (GCC PR 53431): there only that warning is
	# allowed through, and the program below is built without it.
	total=$((total + 1))
	pragma_flag=
	printf '%s\n' '#include <winsock2.h>
#pragma comment(lib, "Ws2_32.lib")
#pragma warning(disable: 4996)' > "$tmp/t.cpp"
	if $CXX -std=c++11 -Wall -Wextra -Werror -I"$inc" -c "$tmp/t.cpp" -o "$tmp/t.o" 2> "$tmp/err"; then
		echo "ok $total - C++: #pragma comment / #pragma warning do not warn"
	elif $CXX -std=c++11 -Wall -Wextra -Werror -Wno-unknown-pragmas -I"$inc" \
		-c "$tmp/t.cpp" -o "$tmp/t.o" 2> /dev/null; then
		pragma_flag=-Wno-unknown-pragmas
		echo "ok $total - C++: #pragma comment / #pragma warning do not warn # SKIP $1 ignores #pragma GCC diagnostic for -Wunknown-pragmas in C++ (GCC PR 53431); building with -Wno-unknown-pragmas"
	else
		echo "not ok $total - C++: #pragma comment / #pragma warning do not warn"
		sed 's/^/#   /' "$tmp/err" | head -20
		fails=$((fails + 1))
	fi

	# The dialect program as C++ (__try is libstdc++'s "try"; __leave throws).
	for std in c++11 c++17; do
		build_run "dialect.c (C++, $std)" "$CXX" "-x c++ -std=$std $pragma_flag" "$here/dialect.c" &&
			echo "ok $total - dialect.c (C++, $std): compiles, runs"
	done
	for flags in "-fshort-wchar" ""; do
		build_run "UNICODE program (C++${flags:+, $flags})" "$CXX" \
			"-x c++ -std=c++17 $flags -DUNICODE -D_UNICODE $pragma_flag" \
			"$here/unicode_prog.c" "$(printf 'h\303\251llo')" || continue
		if [ "$(cat "$tmp/out")" = "$(printf "$uni_expect")" ]; then
			echo "ok $total - UNICODE program (C++${flags:+, $flags}): runs"
		else
			echo "not ok $total - UNICODE program (C++${flags:+, $flags}): output"
			fails=$((fails + 1))
		fi
	done

	# A C++ Winsock program: compiles, links against libws2_32, runs.
	for std in c++11 c++17; do
		total=$((total + 1))
		name="C++ Winsock program cxx_client.cpp ($std)"
		if ! $CXX -std=$std -Wall -Wextra -Werror $pragma_flag -I"$inc" \
			-c "$here/cxx_client.cpp" -o "$tmp/client.o" 2> "$tmp/err"; then
			echo "not ok $total - $name: compile"
			sed 's/^/#   /' "$tmp/err" | head -20
			fails=$((fails + 1))
		elif [ -z "${LINSOCK_LIBDIR:-}" ]; then
			echo "ok $total - $name: compiles # SKIP link and run: LINSOCK_LIBDIR unset"
		elif ! $CXX "$tmp/client.o" -L"$LINSOCK_LIBDIR" -Wl,-rpath,"$LINSOCK_LIBDIR" \
			-lws2_32 -o "$tmp/client" 2> "$tmp/err"; then
			echo "not ok $total - $name: link"
			sed 's/^/#   /' "$tmp/err" | head -20
			fails=$((fails + 1))
		elif ! "$tmp/client" > "$tmp/out" 2>&1; then
			echo "not ok $total - $name: run"
			sed 's/^/#   /' "$tmp/out" | head -20
			fails=$((fails + 1))
		else
			echo "ok $total - $name: compiles, links, runs"
		fi
	done
fi

echo "$((total - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
