#!/bin/sh
# Runs the project's yardstick, ../shared/bench (Winsock programs and their raw-syscall twins),
# against this checkout: the Winsock programs are built unmodified with plain gcc against our
# include/ and build/libws2_32.so, and each workload's ratio to the native baseline of the same
# run is printed (its table.sh).
#   sh bench/yardstick.sh [runs]        (BENCH_QUICK=1 for smoke sizes, BENCH_CPUS=0 to pin)
# The shared folder is read-only, so it is copied to build/yardstick first.
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
shared=${LINSOCK_SHARED:-$repo/../shared}
[ -d "$shared/bench" ] || { echo "yardstick: no $shared/bench" >&2; exit 2; }
[ -f build/libws2_32.so ] || { cmake -S . -B build >/dev/null && cmake --build build -j"$(nproc)" >/dev/null; }
rm -rf build/yardstick
cp -r "$shared/bench" build/yardstick
chmod -R u+w build/yardstick
cd build/yardstick
make -s native >/dev/null
make -s linsock LINSOCK="$repo" >/dev/null || true	# programs that do not build yet show as FAIL rows
IMPLS="native linsock" LINSOCK="$repo" RESULTS="$repo/build/yardstick/results" ./run.sh "$@"
