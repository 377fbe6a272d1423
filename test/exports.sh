#!/bin/sh
# Compares the dynamic symbols libws2_32.so defines with src/exports.map (CONVENTIONS §9): every
# listed Windows name is exported, nothing else is (no ls_* internals leak). With the include
# folder, also that each LS_WS2_SYMVER name of the headers is exported twice under the non-default
# version, as `socket@WS2_32` and as `linsock_ws2_socket@WS2_32` (docs/design.md S).
# usage: exports.sh path/to/libws2_32.so path/to/exports.map [path/to/include]
set -eu
lib=$1 map=$2 inc=${3:-}
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
if [ -n "$inc" ]; then
	nm -D --defined-only "$lib" | awk '{print $3}' | sort -u >"$tmp/dyn"
	sed -n 's/^LS_WS2_SYMVER(\([A-Za-z0-9_]*\)).*/\1/p' "$inc"/*.h | sort -u >"$tmp/symver"
	[ -s "$tmp/symver" ] || { echo "no LS_WS2_SYMVER lines in $inc"; status=1; }
	for n in $(cat "$tmp/symver"); do
		for v in "$n@WS2_32" "linsock_ws2_$n@WS2_32"; do
			grep -qx "$v" "$tmp/dyn" || { echo "LS_WS2_SYMVER($n): $v not exported"; status=1; }
		done
	done
	extra=$(grep '^linsock_ws2_' "$tmp/have" | sed 's/^linsock_ws2_//' | comm -23 - "$tmp/symver")
	[ -z "$extra" ] || { echo "linsock_ws2_ names without an LS_WS2_SYMVER line:" $extra; status=1; }
fi
# A call from inside the library to a name it exports under the non-default version (socket,
# getsockopt, inet_pton, accept...) binds at run time to the Windows function, or to a sanitizer's
# interceptor, never to glibc's: internal code must use ls_sys_*/ls_libc_* or a static helper.
if command -v objdump >/dev/null 2>&1; then
	inner=$(objdump -R "$lib" | awk '$3 ~ /[^@]@WS2_32$/ {print $3}' | sort -u)
	[ -z "$inner" ] || { echo "the library calls its own non-default-version exports (design S):" $inner; status=1; }
fi
[ $status -eq 0 ] && echo "exports: $(wc -l <"$tmp/want") names, all exported, nothing else${inc:+; $(wc -l <"$tmp/symver") LS_WS2_SYMVER names twice}"
exit $status
