# Empty compiler generated dependencies file for ws2_32_static.
# This may be replaced when dependencies are built.
