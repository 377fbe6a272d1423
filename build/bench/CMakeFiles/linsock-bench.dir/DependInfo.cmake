
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/bench/main.c" "bench/CMakeFiles/linsock-bench.dir/main.c.o" "gcc" "bench/CMakeFiles/linsock-bench.dir/main.c.o.d"
  "/work/main/bench/raw_side.c" "bench/CMakeFiles/linsock-bench.dir/raw_side.c.o" "gcc" "bench/CMakeFiles/linsock-bench.dir/raw_side.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/CMakeFiles/ws2_32.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
