file(REMOVE_RECURSE
  "libws2_32.a"
  "libws2_32.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ws2_32_static.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
