file(REMOVE_RECURSE
  "liblinsock-testing.a"
  "liblinsock-testing.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/linsock-testing.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
