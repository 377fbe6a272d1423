#!/bin/sh
# The demo: builds and installs linsock into build/prefix, builds the Windows programs in
# examples/ against the installed headers through pkg-config alone, then
#  1. runs the echo client against the echo server (blocking Winsock) over 127.0.0.1;
#  2. runs the I/O completion port echo server (examples/iocp_echo_server.c) under the load of
#     linsock-bench's raw Linux client (64 connections, 64-byte messages, 2 s), then the same
#     load against a hand-written epoll server, and prints both throughputs and their ratio.
# Any failed exchange stops it with "demo: FAILED" and a non-zero exit status.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
prefix=$(pwd)/build/prefix
cmake -S . -B build >/dev/null
cmake --build build -j"$jobs" >/dev/null
cmake --install build --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
make -s -C examples clean all
fail() {
	echo "demo: FAILED: $*"
	exit 1
}

echo "== 1. blocking echo server and client"
port=$((20000 + $$ % 20000))
log=build/demo-echo.log
./examples/echo_server "$port" 1 >"$log" 2>&1 &
server=$!
i=0
until grep -q listening "$log"; do
	i=$((i + 1))
	kill -0 $server 2>/dev/null && [ $i -lt 50 ] || { cat "$log"; kill $server 2>/dev/null; fail "the echo server did not start"; }
	sleep 0.1
done
./examples/echo_client 127.0.0.1 "$port" "hello from a Windows program on Linux" ||
	{ kill $server 2>/dev/null; fail "the echo client could not talk to the echo server"; }
wait $server || { cat "$log"; fail "the echo server failed"; }
cat "$log"

echo "== 2. IOCP echo server (Windows code) vs a raw epoll server, same raw Linux client"
bench=build/bench/linsock-bench
[ -x "$bench" ] || fail "no $bench (configure without -DLINSOCK_BENCH=OFF)"
port=$((port + 1))
log=build/demo-iocp.log
./examples/iocp_echo_server "$port" 64 2 >"$log" 2>&1 &
server=$!
i=0
until grep -q listening "$log"; do
	i=$((i + 1))
	kill -0 $server 2>/dev/null && [ $i -lt 50 ] || { cat "$log"; kill $server 2>/dev/null; fail "the IOCP server did not start"; }
	sleep 0.1
done
dlog=build/demo-drive.log
if ! "$bench" drive "$port" -c 64 -s 64 -d 2 >"$dlog" 2>&1; then
	kill $server 2>/dev/null
	cat "$dlog" "$log"
	fail "the echo exchange with the IOCP server failed"
fi
wait $server || { cat "$dlog" "$log"; fail "the IOCP server reported a failure"; }
cat "$log" "$dlog"
echo "demo: ok: IOCP example vs raw epoll, $(grep '^echo ' "$dlog")"
