#!/bin/sh
# Installs what building and testing linsock needs on Debian: apt-get as root, otherwise prints
# the exact command and stops if something is missing.
set -eu
need=""
command -v cmake >/dev/null 2>&1 || need="$need cmake"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
[ -f /usr/include/liburing.h ] || need="$need liburing-dev"
# The test command also runs the suite under valgrind (scripts/test.sh); the demo does not.
if [ "${LINSOCK_DEPS_TEST:-0}" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
fi
if [ -n "$need" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "deps: installing$need"
		apt-get update -qq >/dev/null 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
	else
		echo "deps: missing$need; run: sudo apt-get install -y$need" >&2
		exit 1
	fi
fi
