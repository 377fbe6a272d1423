file(REMOVE_RECURSE
  "CMakeFiles/linsock-bench.dir/main.c.o"
  "CMakeFiles/linsock-bench.dir/main.c.o.d"
  "CMakeFiles/linsock-bench.dir/raw_side.c.o"
  "CMakeFiles/linsock-bench.dir/raw_side.c.o.d"
  "linsock-bench"
  "linsock-bench.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/linsock-bench.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
