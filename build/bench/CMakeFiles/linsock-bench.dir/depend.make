# Empty dependencies file for linsock-bench.
# This may be replaced when dependencies are built.
