#!/bin/sh
# Builds linsock and runs every test: the suite under each async backend
# (LINSOCK_BACKEND=io_uring and =epoll), the export-list and header checks (ctest), the suite
# again under ASan+UBSan, TSan and valgrind, the demo and the compatibility suite
# (scripts/compat.sh). Last line: "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
LINSOCK_DEPS_TEST=1 sh scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DLINSOCK_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
passed=0 failed=0
tally() { # last line of a runner output: "N passed, N failed"
	line=$(tail -n 1 "$1")
	p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
	passed=$((passed + p)); failed=$((failed + f))
}
for backend in io_uring epoll; do
	echo "== suite, LINSOCK_BACKEND=$backend"
	LINSOCK_BACKEND=$backend ./build/linsock-tests >build/suite-$backend.log 2>&1 || true
	grep -E '^(not ok|# )' build/suite-$backend.log | grep -v '^# [0-9]* skipped' || true
	tail -n 1 build/suite-$backend.log
	tally build/suite-$backend.log
done
echo "== exports and headers (ctest)"
if (cd build && ctest --output-on-failure -E '^suite$' >ctest.log 2>&1); then
	n=$(grep -c 'Passed' build/ctest.log || true); passed=$((passed + n))
	echo "ctest: $n passed"
else
	cat build/ctest.log; failed=$((failed + 1))
fi
echo "== suite under ASan+UBSan"
cmake -S . -B build-asan -DLINSOCK_SANITIZE=address,undefined -DLINSOCK_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1 ./build-asan/linsock-tests >build-asan/suite.log 2>&1 || true
grep -E '^not ok' build-asan/suite.log || true
tail -n 1 build-asan/suite.log
tally build-asan/suite.log
echo "== suite under TSan"
cmake -S . -B build-tsan -DLINSOCK_SANITIZE=thread -DLINSOCK_BENCH=OFF >/dev/null
cmake --build build-tsan -j"$jobs" >/dev/null
./build-tsan/linsock-tests >build-tsan/suite.log 2>&1 || true
grep -E '^not ok' build-tsan/suite.log || true
tail -n 1 build-tsan/suite.log
tally build-tsan/suite.log
echo "== suite under valgrind (epoll backend: valgrind cannot see what the kernel writes through an io_uring)"
LINSOCK_BACKEND=epoll LINSOCK_TEST_TIMEOUT=180 valgrind -q --trace-children=yes --child-silent-after-fork=yes \
	--error-exitcode=99 ./build/linsock-tests >build/suite-valgrind.log 2>&1 || true
grep -E '^not ok' build/suite-valgrind.log || true
tail -n 1 build/suite-valgrind.log
tally build/suite-valgrind.log
echo "== demo"
if sh scripts/demo.sh >build/demo.log 2>&1; then
	tail -n 3 build/demo.log; passed=$((passed + 1))
else
	cat build/demo.log; failed=$((failed + 1))
fi
# The compatibility suite (docs/compat.md): each program PASS adds 1 passed, each FAIL 1 failed.
echo "== compat (test/compat programs against the installed linsock)"
sh scripts/compat.sh >build/compat.log 2>&1 || true
grep '^FAIL' build/compat.log || true
if tail -n 1 build/compat.log | grep -q '^[0-9]* passed, [0-9]* failed$'; then
	tail -n 1 build/compat.log; tally build/compat.log
else
	cat build/compat.log; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
