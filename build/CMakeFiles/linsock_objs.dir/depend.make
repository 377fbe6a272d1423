# Empty dependencies file for linsock_objs.
# This may be replaced when dependencies are built.
