# Empty dependencies file for linsock-tests.
# This may be replaced when dependencies are built.
