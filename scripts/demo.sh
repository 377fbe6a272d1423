#!/bin/sh
# The demo: builds and installs linsock into build/prefix, builds the Windows echo server and
# client in examples/ against the installed headers through pkg-config alone, and runs them
# against each other over 127.0.0.1.
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
port=$((20000 + $$ % 20000))
./examples/echo_server "$port" 1 &
server=$!
i=0
until ./examples/echo_client 127.0.0.1 "$port" "hello from a Windows program on Linux" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || { kill $server 2>/dev/null; echo "demo: client could not talk to the server"; exit 1; }
	sleep 0.1
done
wait $server
echo "demo: ok"
