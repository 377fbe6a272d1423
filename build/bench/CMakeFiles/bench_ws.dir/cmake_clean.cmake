file(REMOVE_RECURSE
  "CMakeFiles/bench_ws.dir/ws_side.c.o"
  "CMakeFiles/bench_ws.dir/ws_side.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_ws.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
