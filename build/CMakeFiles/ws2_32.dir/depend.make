# Empty dependencies file for ws2_32.
# This may be replaced when dependencies are built.
