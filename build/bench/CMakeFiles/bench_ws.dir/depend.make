# Empty dependencies file for bench_ws.
# This may be replaced when dependencies are built.
