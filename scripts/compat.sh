#!/bin/sh
# The compatibility suite (docs/compat.md): builds linsock, installs it into build/prefix, builds
# each Windows program of test/compat/ against the installed copy with only
# `pkg-config --cflags --libs linsock` plus the link names a Windows makefile would list, and
# runs each end to end on loopback (servers listen on port 0 and print the port they got).
# One line per program (PASS/FAIL), last line "N passed, N failed".
#   sh scripts/compat.sh            build and run
#   sh scripts/compat.sh --mingw    only compile every program with mingw-w64 (Windows validity)
# CC, CFLAGS and LDFLAGS are honoured as make would. LINSOCK_BUILD_DIR (default build) picks the
# build tree to install from, e.g. build-asan with CFLAGS/LDFLAGS=-fsanitize=address,undefined
# and COMPAT_STATIC=1.
set -u
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
src=$root/test/compat
passed=0 failed=0

# Programs, each with the extra compiler flags and libraries its Windows makefile would have.
# Format: name|cflags|libs
programs='gs_server||
gs_client||
select_server||
eventselect_server||
overlapped_event||
completion_routine||
iocp_server||-lmswsock
iocp_client||-lmswsock
readfile_port||
poll_server||
wnetcat||
unicode_tool|-DUNICODE -D_UNICODE|
udp_echo||
resolver||
ctrlc_server||-lkernel32
connect_timeout||
thread_server||'

result() { # name, status (0 = pass), reason: one line in this backend's results
	if [ "$2" -eq 0 ]; then
		echo "PASS $1" >>"$results"
	else
		echo "FAIL $1 ${3:-failed}" >>"$results"
	fi
}

# ---------------------------------------------------------------- --mingw: compile only
if [ "${1:-}" = --mingw ]; then
	mcc=${MINGW_CC:-x86_64-w64-mingw32-gcc}
	if ! command -v "$mcc" >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
			echo "compat: installing gcc-mingw-w64-x86-64"
			apt-get update -qq >/dev/null 2>&1 || true
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
		else
			echo "compat: $mcc missing; run: sudo apt-get install -y gcc-mingw-w64-x86-64" >&2
			exit 1
		fi
	fi
	out=$root/build/compat-mingw
	rm -rf "$out" && mkdir -p "$out/include"
	# Windows file names are case-insensitive and mingw-w64's headers are lower case: give the
	# spellings the programs use (WinSock2.h...) a one-line alias, as the Windows file system would.
	for h in $(sed -n 's/^#include <\([^>]*\)>.*/\1/p' "$src"/*.c | sort -u); do
		l=$(echo "$h" | tr 'A-Z' 'a-z')
		[ "$h" = "$l" ] || echo "#include <$l>" >"$out/include/$h"
	done
	echo "$programs" | while IFS='|' read -r name cflags libs; do
		extra=""
		# GCC has no __try/__finally keywords (MSVC has): test/compat/mingw_seh.h maps the shape used.
		grep -q '__try' "$src/$name.c" && extra="-include $src/mingw_seh.h"
		case " $cflags " in *" -D_UNICODE "*) extra="$extra -municode" ;; esac
		# shellcheck disable=SC2086
		if "$mcc" -O2 -Wall -Wno-unknown-pragmas -I"$out/include" $cflags $extra "$src/$name.c" \
			-o "$out/$name.exe" -lws2_32 $libs >"$out/$name.log" 2>&1; then
			echo "PASS $name"
		else
			echo "FAIL $name (mingw: $(grep -m1 -E 'error' "$out/$name.log"))"
		fi
	done >"$out/results"
	cat "$out/results"
	passed=$(grep -c '^PASS' "$out/results"); failed=$(grep -c '^FAIL' "$out/results")
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# ---------------------------------------------------------------- build and install linsock
jobs=$(nproc 2>/dev/null || echo 2)
bdir=${LINSOCK_BUILD_DIR:-build}
prefix=$root/$bdir/prefix
out=$root/$bdir/compat
sh scripts/deps.sh >/dev/null
cmake -S . -B "$bdir" >/dev/null || exit 1
cmake --build "$bdir" -j"$jobs" >/dev/null || exit 1
cmake --install "$bdir" --prefix "$prefix" >/dev/null || exit 1
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
rm -rf "$out" && mkdir -p "$out"
cc=${CC:-cc}
pc_cflags=$(pkg-config --cflags linsock)
pc_libs=$(pkg-config --libs linsock)
# COMPAT_STATIC=1 links libws2_32.a instead (both work under -fsanitize=address/thread: the
# headers reference linsock_ws2_* names no sanitizer intercepts, docs/design.md S).
if [ "${COMPAT_STATIC:-0}" = 1 ]; then
	pc_libs="$prefix/lib/libws2_32.a $(pkg-config --static --libs linsock | sed 's/-lws2_32//')"
fi

# Build every program first; a build failure is that program's FAIL.
echo "$programs" | while IFS='|' read -r name cflags libs; do
	# A UNICODE build needs a 16-bit wchar_t for L"..." (docs/porting.md); add it unless
	# pkg-config already does.
	case " $cflags " in *" -D_UNICODE "*)
		case " $pc_cflags " in *" -fshort-wchar "*) ;; *) cflags="$cflags -fshort-wchar" ;; esac ;;
	esac
	# shellcheck disable=SC2086
	$cc ${CFLAGS:--O2 -Wall -Wno-unknown-pragmas} $pc_cflags $cflags "$src/$name.c" -o "$out/$name" \
		${LDFLAGS:-} $pc_libs $libs >"$out/$name.build" 2>&1 || rm -f "$out/$name"
done

T=20	# seconds any one process may take (the whole suite takes a few)

built() { # name...: all built?
	for b in "$@"; do [ -x "$out/$b" ] || return 1; done
}

why_build() { # name: the first compiler or linker error
	if [ -x "$out/$1" ]; then echo "needs a program that did not build"; return; fi
	echo "build: $(grep -m1 -E 'error|undefined reference|cannot find' "$out/$1.build" | sed "s|$root/||g")"
}

start_server() { # log, program, args...: start it, wait for "listening on port N"; sets pid, port
	log=$1; shift
	# --foreground: a signal sent to timeout (the Ctrl-C test's SIGINT) reaches the program
	# once; without it GNU timeout also re-sends it to its whole process group, and a second
	# Ctrl-C after the program removed its handler ends it with STATUS_CONTROL_C_EXIT, as on
	# Windows.
	timeout --foreground $T "$@" >"$log" 2>&1 &
	pid=$!
	port=""
	i=0
	while [ $i -lt 200 ]; do
		port=$(sed -n 's/.*listening on port \([0-9][0-9]*\).*/\1/p' "$log" 2>/dev/null | head -n 1)
		[ -n "$port" ] && return 0
		kill -0 $pid 2>/dev/null || break
		i=$((i + 1)); sleep 0.05
	done
	return 1
}

# An echo server serving $2 concurrent gs_client connections; passes when every echo came back
# and the server exited 0 after the last one.
echo_server_test() { # name, clients
	name=$1 n=$2
	built "$name" gs_client || { result "$name" 1 "$(why_build "$name"; built "$name" && why_build gs_client)"; return; }
	start_server "$out/$name.log" "$out/$name" 0 "$n" || { kill $pid 2>/dev/null; result "$name" 1 "no port: $(tail -n 1 "$out/$name.log")"; return; }
	pids=""
	i=1
	while [ $i -le "$n" ]; do
		timeout $T "$out/gs_client" 127.0.0.1 "$port" "message $i to $name" >"$out/$name.client$i.log" 2>&1 &
		pids="$pids $!"
		i=$((i + 1))
	done
	bad=0
	for p in $pids; do wait "$p" || bad=$((bad + 1)); done
	wait $pid; rc=$?
	if [ $bad -ne 0 ]; then result "$name" 1 "$bad client(s) failed: $(grep -h -m1 -v '^Bytes' "$out/$name".client*.log | head -n 1)"
	elif [ $rc -ne 0 ]; then result "$name" 1 "server exit $rc: $(tail -n 1 "$out/$name.log")"
	else result "$name" 0; fi
}

t_gs_server() {
	built gs_server gs_client || { result gs_server 1 "$(why_build gs_server)"; return; }
	start_server "$out/gs_server.log" "$out/gs_server" 0 || { result gs_server 1 "no port"; return; }
	timeout $T "$out/gs_client" 127.0.0.1 "$port" "hello from the Getting Started client" >"$out/gs_server.client.log" 2>&1
	c=$?; wait $pid; s=$?
	[ $c -eq 0 ] && [ $s -eq 0 ] && grep -q 'Connection closing' "$out/gs_server.log"
	result gs_server $? "client $c, server $s"
}

t_gs_client() { # by name: "localhost" may give ::1 first, which the IPv4 server refuses
	built gs_client gs_server || { result gs_client 1 "$(why_build gs_client)"; return; }
	start_server "$out/gs_client.server.log" "$out/gs_server" 0 || { result gs_client 1 "no port"; return; }
	timeout $T "$out/gs_client" localhost "$port" "this is a test" >"$out/gs_client.log" 2>&1
	c=$?; wait $pid; s=$?
	[ $c -eq 0 ] && [ $s -eq 0 ] && grep -q '^Echoed: this is a test$' "$out/gs_client.log"
	result gs_client $? "client $c, server $s"
}

t_select_server() { echo_server_test select_server 3; }
t_eventselect_server() { echo_server_test eventselect_server 3; }
t_overlapped_event() { echo_server_test overlapped_event 3; }
t_completion_routine() { echo_server_test completion_routine 3; }
t_iocp_server() { echo_server_test iocp_server 4; }
t_readfile_port() { echo_server_test readfile_port 3; }
t_poll_server() { echo_server_test poll_server 3; }
t_thread_server() { echo_server_test thread_server 3; }

t_iocp_client() { # three ConnectEx/DisconnectEx connections in a row to the IOCP server
	built iocp_client iocp_server || { result iocp_client 1 "$(why_build iocp_client)"; return; }
	start_server "$out/iocp_client.server.log" "$out/iocp_server" 0 3 || { result iocp_client 1 "no port"; return; }
	timeout $T "$out/iocp_client" 127.0.0.1 "$port" "sent with ConnectEx" 3 >"$out/iocp_client.log" 2>&1
	c=$?; wait $pid; s=$?
	[ $c -eq 0 ] && [ $s -eq 0 ] && [ "$(grep -c 'echoed: sent with ConnectEx' "$out/iocp_client.log")" -eq 3 ]
	result iocp_client $? "client $c: $(tail -n 1 "$out/iocp_client.log"), server $s"
}

t_wnetcat() { # both directions at once: each side's stdin comes out of the other's stdout
	built wnetcat || { result wnetcat 1 "$(why_build wnetcat)"; return; }
	printf 'from the listener\nline two\n' >"$out/wnetcat.l.in"
	head -c 200000 /dev/urandom | od -An -tx1 >"$out/wnetcat.c.in"	# ~600 KB of text
	timeout $T "$out/wnetcat" -l 0 <"$out/wnetcat.l.in" >"$out/wnetcat.l.out" 2>"$out/wnetcat.l.err" &
	pid=$!
	i=0; port=""
	while [ $i -lt 200 ] && [ -z "$port" ]; do
		port=$(sed -n 's/^listening on port \([0-9]*\).*/\1/p' "$out/wnetcat.l.err" 2>/dev/null); i=$((i + 1)); sleep 0.05
	done
	timeout $T "$out/wnetcat" 127.0.0.1 "$port" <"$out/wnetcat.c.in" >"$out/wnetcat.c.out" 2>"$out/wnetcat.c.err"
	c=$?; wait $pid; l=$?
	[ $c -eq 0 ] && [ $l -eq 0 ] && cmp -s "$out/wnetcat.l.in" "$out/wnetcat.c.out" &&
		cmp -s "$out/wnetcat.c.in" "$out/wnetcat.l.out"
	result wnetcat $? "connector $c, listener $l"
}

t_unicode_tool() {
	built unicode_tool || { result unicode_tool 1 "$(why_build unicode_tool)"; return; }
	ok=0
	for a in 127.0.0.1 ::1; do
		timeout $T "$out/unicode_tool" "$a" >"$out/unicode_tool.$a.log" 2>&1 &&
			grep -q 'round trip ok' "$out/unicode_tool.$a.log" || { ok=1; break; }
	done
	result unicode_tool $ok "$a: $(tail -n 1 "$out/unicode_tool.$a.log")"
}

t_udp_echo() {
	built udp_echo || { result udp_echo 1 "$(why_build udp_echo)"; return; }
	start_server "$out/udp_echo.log" "$out/udp_echo" -s 0 5 || { result udp_echo 1 "no port"; return; }
	timeout $T "$out/udp_echo" -c 127.0.0.1 "$port" "a datagram" 5 >"$out/udp_echo.client.log" 2>&1
	c=$?; wait $pid; s=$?
	[ $c -eq 0 ] && [ $s -eq 0 ] && [ "$(grep -c '^reply [0-9]: a datagram$' "$out/udp_echo.client.log")" -eq 5 ]
	result udp_echo $? "client $c, server $s"
}

t_resolver() { # hosts-file names; the unknown .invalid name may reach DNS: 11001, or 11002 without DNS
	built resolver || { result resolver 1 "$(why_build resolver)"; return; }
	{
		timeout $T "$out/resolver" localhost http && timeout $T "$out/resolver" ::1 443 &&
			timeout $T "$out/resolver" -x 127.0.0.1
		echo "exit $?"
		timeout $T "$out/resolver" no-such-host.invalid
		echo "exit $?"
	} >"$out/resolver.log" 2>&1
	grep -q 'AF_INET .*127\.0\.0\.1 .*port 80 .*(127\.0\.0\.1:80)' "$out/resolver.log" &&
		grep -q 'AF_INET6 .*::1 .*port 443 .*(\[::1\]:443)' "$out/resolver.log" &&
		grep -q '^127\.0\.0\.1 is ' "$out/resolver.log" &&
		grep -q '^exit 0$' "$out/resolver.log" &&
		grep -q 'getaddrinfo failed with error 1100[12]' "$out/resolver.log" &&
		grep -q '^exit 1$' "$out/resolver.log"
	result resolver $? "$(head -n 1 "$out/resolver.log")"
}

t_ctrlc_server() { # serve one client, then SIGINT: the handler stops it cleanly with exit 0
	built ctrlc_server gs_client || { result ctrlc_server 1 "$(why_build ctrlc_server)"; return; }
	start_server "$out/ctrlc_server.log" "$out/ctrlc_server" 0 || { result ctrlc_server 1 "no port"; return; }
	timeout $T "$out/gs_client" 127.0.0.1 "$port" "before Ctrl-C" >"$out/ctrlc_server.client.log" 2>&1
	c=$?
	i=0
	until grep -q 'served client 1' "$out/ctrlc_server.log" || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.05; done
	kill -INT $pid 2>/dev/null
	wait $pid; s=$?
	[ $c -eq 0 ] && [ $s -eq 0 ] && grep -q 'Ctrl-C received (1), shutting down after 1 clients' "$out/ctrlc_server.log"
	result ctrlc_server $? "client $c, server exit $s: $(tail -n 1 "$out/ctrlc_server.log")"
}

t_connect_timeout() { # select and FD_CONNECT: success, then refusal by the same port once closed
	built connect_timeout gs_server || { result connect_timeout 1 "$(why_build connect_timeout)"; return; }
	start_server "$out/connect_timeout.server.log" "$out/gs_server" 0 || { result connect_timeout 1 "no port"; return; }
	{
		timeout $T "$out/connect_timeout" 127.0.0.1 "$port" 5000; echo "exit $?"
		wait $pid; echo "server exit $?"
		timeout $T "$out/connect_timeout" 127.0.0.1 "$port" 5000; echo "exit $?"
		timeout $T "$out/connect_timeout" -e 127.0.0.1 "$port" 5000; echo "exit $?"
	} >"$out/connect_timeout.log" 2>&1
	[ "$(tr '\n' ' ' <"$out/connect_timeout.log")" = "connected exit 0 server exit 0 connect failed: 10061 exit 0 connect failed: 10061 exit 0 " ]
	result connect_timeout $? "$(tr '\n' ' ' <"$out/connect_timeout.log")"
}

# Every program runs under each async backend (LINSOCK_BACKEND; io_uring falls back to epoll
# where the kernel refuses it); it passes only if it passes under all of them.
backends=${LINSOCK_BACKEND:-io_uring epoll}
for backend in $backends; do
	export LINSOCK_BACKEND="$backend"
	results=$out/results.$backend
	: >"$results"
	for name in $(echo "$programs" | cut -d'|' -f1); do
		"t_$name"
	done
	# Keep this pass's logs aside: the next pass must not read a stale "listening on port".
	mkdir -p "$out/logs.$backend"
	for f in "$out"/*.log "$out"/*.in "$out"/*.out "$out"/*.err; do
		[ ! -e "$f" ] || mv "$f" "$out/logs.$backend/"
	done
done
for name in $(echo "$programs" | cut -d'|' -f1); do
	fails="" first="" same=1
	for backend in $backends; do
		f=$(grep "^FAIL $name " "$out/results.$backend" | sed "s/^FAIL $name //")
		[ -n "$f" ] || { same=0; continue; }
		[ -n "$first" ] || first=$f
		[ "$f" = "$first" ] || same=0
		fails="$fails${fails:+; }$backend: $f"
	done
	# The same reason everywhere (a build error, say) is given once.
	[ $same -eq 0 ] || fails=$first
	if [ -z "$fails" ]; then
		echo "PASS $name"; passed=$((passed + 1))
	else
		echo "FAIL $name ($fails)"; failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
