# Empty compiler generated dependencies file for linsock-testing.
# This may be replaced when dependencies are built.
