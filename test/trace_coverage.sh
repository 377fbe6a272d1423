#!/bin/sh
# LINSOCK_TRACE coverage (docs/design.md T): every function src/exports.map names must open
# with LS_TRACE_CALL and, unless it returns void, hand every return value through an
# LS_TRACE_RET_* macro. Usage: trace_coverage.sh [source-dir]. Prints each miss; exit 1 if any.
# Plain awk over the sources, so it runs wherever the build does; it relies on the layout every
# export follows (CONVENTIONS §5): the definition's first line starts in column 0, the body
# opens with "{" and closes with "}" in column 0.
top=${1:-$(dirname "$0")/..}
map=$top/src/exports.map
[ -f "$map" ] || { echo "trace_coverage: no $map" >&2; exit 2; }

# Export names: between "global:" and "local:", comments dropped; data exports (in6addr_*) have
# no body to trace, and linsock_ws2_* are assembler aliases of traced exports (docs/design.md S).
names=$(sed -e 's|/\*.*\*/||g' "$map" | awk '/global:/{on=1; next} /local:/{on=0} on' |
	tr ';' '\n' | tr -d ' \t' | grep -v '^$' | grep -v '^in6addr_' | grep -v '^linsock_ws2_')

awk -v names="$names" '
BEGIN {
	n = split(names, list, "\n")
	for (i = 1; i <= n; i++)
		want[list[i]] = 1
	state = 0
}
# Looking for a definition: column-0 line, not static, not a declaration.
state == 0 && /^[A-Za-z_]/ && !/^static/ && !/^#/ {
	if (match($0, /[A-Za-z_][A-Za-z_0-9]*\(/)) {
		# the function name is the last identifier before the first "(" on the line
		pre = substr($0, 1, RSTART + RLENGTH - 2)
		fn = pre
		sub(/.*[^A-Za-z_0-9]/, "", fn)
		if (fn in want && $0 !~ /;[ \t]*$/) {
			rtype = substr(pre, 1, length(pre) - length(fn))
			isvoid = (rtype ~ /(^|[^A-Za-z_])(void|VOID)([^A-Za-z_]|$)/ && rtype !~ /\*/)
			cur = fn; state = 1; where = FILENAME ":" FNR
			entry = 0; bad = 0; good = 0
		}
	}
	next
}
state == 1 {
	if ($0 ~ /;[ \t]*$/ && $0 !~ /^\{/) { state = 0; next }	# a prototype after all
	if ($0 ~ /^\{/) state = 2
	next
}
state == 2 {
	line = $0
	gsub(/\/\*.*\*\//, "", line)
	if (line ~ /^[ \t]*(\*|\/\*)/)
		next
	if (line ~ /LS_TRACE_CALL/)
		entry = 1
	if (line ~ /(^|[^A-Za-z_0-9])return([^A-Za-z_0-9]|$)/) {
		if (line ~ /return LS_TRACE_RET_/)
			good++
		else if (!(isvoid && line ~ /return[ \t]*;/))
			bad++
	}
	if ($0 ~ /^\}/) {
		state = 0
		found[cur] = 1
		if (!entry) { print where ": " cur ": no LS_TRACE_CALL"; fails++ }
		if (!isvoid && bad) { print where ": " cur ": " bad " return(s) without LS_TRACE_RET_*"; fails++ }
		if (!isvoid && !good && !bad) { print where ": " cur ": no return"; fails++ }
	}
}
END {
	for (i = 1; i <= n; i++)
		if (!(list[i] in found)) { print "exports.map: " list[i] ": no definition found"; fails++ }
	if (fails) { print fails " trace coverage problem(s)"; exit 1 }
	print n " exports traced"
}
' "$top"/src/*/*.c
