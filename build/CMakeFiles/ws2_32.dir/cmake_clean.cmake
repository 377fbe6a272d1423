file(REMOVE_RECURSE
  "libws2_32.pdb"
  "libws2_32.so"
  "libws2_32.so.0"
  "libws2_32.so.0.1.0"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ws2_32.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
