#!/bin/sh
# Builds linsock and runs every test: the suite under each async backend and the default mix
# (LINSOCK_BACKEND=io_uring and =epoll), the export-list and header checks (ctest), the suite
# again under ASan+UBSan, TSan and valgrind, the demo and the compatibility suite
# (scripts/compat.sh). Last line: "N passed, N failed"; the exit status is 0 only if nothing
# failed.
#
# Under 10 minutes on 2 CPUs (docs/design.md T has the reasoning):
#  - the suites run two tests at a time (linsock-tests --jobs): most tests wait on sockets,
#    threads and timeouts, not on the CPU; results still print in list order, one tally each;
#  - valgrind starts once for the whole suite (linsock-tests --fork: each test is a fork of the
#    runner, errors still fail the test through --error-exitcode) instead of once per test;
#  - the ASan and TSan trees build, then run their suites, in the background from the start,
#    beside the main build and the foreground stages (most of which wait more than they
#    compute); their output is printed, in the usual order, once they are done.
# Each section header names the stage and ends with its wall time. TEST_JOBS (default 2) sets
# the tests run at once; TEST_JOBS=1 gives the one-at-a-time runs of old.
set -eu
cd "$(dirname "$0")/.."
LINSOCK_DEPS_TEST=1 sh scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
tj=${TEST_JOBS:-2}
start=$(date +%s)
mark=$start
lap() { # $took: "(N s)" since the last call
	now=$(date +%s)
	took="($((now - mark)) s)"
	mark=$now
}
# The sanitizer trees: each builds and runs its suite in the background, from the start, and
# writes build-X/suite.log and build-X/stage.txt (its header line, with its times).
sanitizer() { # dir, cmake value, section title, extra environment for the run
	dir=$1 san=$2 title=$3
	shift 3
	t0=$(date +%s)
	mkdir -p "$dir"
	# Niced: the main build, which everything in the foreground waits for, goes first.
	if cmake -S . -B "$dir" -DLINSOCK_SANITIZE="$san" -DLINSOCK_BENCH=OFF >"$dir/cmake.log" 2>&1 &&
		nice -n 10 cmake --build "$dir" -j"$jobs" >>"$dir/cmake.log" 2>&1; then
		t1=$(date +%s)
		env "$@" "./$dir/linsock-tests" --jobs "$tj" >"$dir/suite.log" 2>&1 || true
	else
		t1=$(date +%s)
		{ cat "$dir/cmake.log"; echo "0 passed, 1 failed"; } >"$dir/suite.log"
	fi
	echo "== suite under $title (build $((t1 - t0)) s, suite $(($(date +%s) - t1)) s)" >"$dir/stage.txt"
}
rm -f build-asan/stage.txt build-tsan/stage.txt
sanitizer build-asan address,undefined ASan+UBSan ASAN_OPTIONS=detect_leaks=1 >/dev/null 2>&1 &
asan=$!
sanitizer build-tsan thread TSan >/dev/null 2>&1 &
tsan=$!
# A run that stops early (a failed build, Ctrl-C: an asynchronous list ignores SIGINT in a
# non-interactive shell) stops the background ones after their current step.
trap 'st=$?; kill "$asan" "$tsan" 2>/dev/null || true; exit $st' EXIT
trap 'exit 130' INT TERM

cmake -S . -B build -DLINSOCK_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
lap
echo "== build $took"

passed=0 failed=0
tally() { # last line of a runner output: "N passed, N failed"
	line=$(tail -n 1 "$1")
	case $line in
	*" passed, "*" failed") ;;
	*) failed=$((failed + 1)); echo "$1: no tally line (crashed?)"; return ;;
	esac
	p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
	passed=$((passed + p)); failed=$((failed + f))
}
# io_uring and epoll everywhere, then the default: threads' contexts on io_uring, completion
# ports on epoll (docs/design.md P5), a mix neither forced run covers.
for backend in io_uring epoll default; do
	if [ "$backend" = default ]; then
		env -u LINSOCK_BACKEND ./build/linsock-tests --jobs "$tj" >build/suite-$backend.log 2>&1 || true
	else
		LINSOCK_BACKEND=$backend ./build/linsock-tests --jobs "$tj" >build/suite-$backend.log 2>&1 || true
	fi
	lap
	echo "== suite, LINSOCK_BACKEND=$backend $took"
	grep -E '^(not ok|# )' build/suite-$backend.log | grep -v '^# [0-9]* skipped' || true
	tail -n 1 build/suite-$backend.log
	tally build/suite-$backend.log
done
ok=0
(cd build && ctest --output-on-failure -E '^suite$' >ctest.log 2>&1) || ok=1
lap
echo "== exports and headers (ctest) $took"
if [ $ok -eq 0 ]; then
	n=$(grep -c 'Passed' build/ctest.log || true); passed=$((passed + n))
	echo "ctest: $n passed"
else
	cat build/ctest.log; failed=$((failed + 1))
fi
# valgrind cannot see what the kernel writes through an io_uring: the epoll backend. --fork keeps
# the children under the one valgrind (and reporting: --child-silent-after-fork=no); role
# helpers the tests exec are followed by --trace-children.
LINSOCK_BACKEND=epoll LINSOCK_TEST_TIMEOUT=180 valgrind -q --trace-children=yes --child-silent-after-fork=no \
	--error-exitcode=99 ./build/linsock-tests --fork --jobs "$tj" >build/suite-valgrind.log 2>&1 || true
lap
echo "== suite under valgrind (epoll backend) $took"
grep -E '^(not ok|==[0-9]+== [A-Z])' build/suite-valgrind.log || true
tail -n 1 build/suite-valgrind.log
tally build/suite-valgrind.log
# The demo and compat install into build/prefix: one after the other.
ok=0
sh scripts/demo.sh >build/demo.log 2>&1 || ok=1
lap
echo "== demo $took"
if [ $ok -eq 0 ]; then
	tail -n 3 build/demo.log; passed=$((passed + 1))
else
	cat build/demo.log; failed=$((failed + 1))
fi
# The compatibility suite (docs/compat.md): each program PASS adds 1 passed, each FAIL 1 failed.
sh scripts/compat.sh >build/compat.log 2>&1 || true
lap
echo "== compat (test/compat programs against the installed linsock) $took"
grep '^FAIL' build/compat.log || true
if tail -n 1 build/compat.log | grep -q '^[0-9]* passed, [0-9]* failed$'; then
	tail -n 1 build/compat.log; tally build/compat.log
else
	cat build/compat.log; failed=$((failed + 1))
fi
wait "$asan" "$tsan" || true
lap
echo "(waited $took more for the sanitizer runs)"
for dir in build-asan build-tsan; do
	if [ -f "$dir/stage.txt" ]; then
		cat "$dir/stage.txt"
		grep -E '^not ok' "$dir/suite.log" || true
		tail -n 1 "$dir/suite.log"
		tally "$dir/suite.log"
	else
		echo "== $dir: did not run"; failed=$((failed + 1))
	fi
done
echo "total $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
