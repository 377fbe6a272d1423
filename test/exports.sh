#!/bin/sh
# Compares the dynamic symbols libws2_32.so defines with src/exports.map (CONVENTIONS §9): every
# listed Windows name is exported, nothing else is (no ls_* internals leak).
# usage: exports.sh path/to/libws2_32.so path/to/exports.map
set -eu
lib=$1 map=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -e 's|/\*.*\*/||g' "$map" | tr ';' '\n' | sed -n '/^WS2_32 {/,/^local:/p' |
	sed -e 's/[[:space:]]//g' | grep -v -e '^$' -e '^WS2_32{' -e '^global:' -e '^local:' | sort -u >"$tmp/want"
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v -e '^WS2_32$' -e '^$' | sort -u >"$tmp/have"
status=0
if ! comm -23 "$tmp/want" "$tmp/have" | grep -q .; then :; else
	echo "listed in exports.map but not defined by the library:"; comm -23 "$tmp/want" "$tmp/have"; status=1
fi
if comm -13 "$tmp/want" "$tmp/have" | grep -q .; then
	echo "exported but not listed in exports.map:"; comm -13 "$tmp/want" "$tmp/have"; status=1
fi
nm -D --defined-only "$lib" | grep -v ' WS2_32$' | awk '$3 !~ /@@?WS2_32$/ {print "not under version WS2_32: " $3; bad=1} END {exit bad}' || status=1
[ $status -eq 0 ] && echo "exports: $(wc -l <"$tmp/want") names, all exported, nothing else"
exit $status
