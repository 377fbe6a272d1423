#----------------------------------------------------------------
# Generated CMake target import file for configuration "RelWithDebInfo".
#----------------------------------------------------------------

# Commands may need to know the format version.
set(CMAKE_IMPORT_FILE_VERSION 1)

# Import target "linsock::ws2_32" for configuration "RelWithDebInfo"
set_property(TARGET linsock::ws2_32 APPEND PROPERTY IMPORTED_CONFIGURATIONS RELWITHDEBINFO)
set_target_properties(linsock::ws2_32 PROPERTIES
  IMPORTED_LOCATION_RELWITHDEBINFO "${_IMPORT_PREFIX}/lib/libws2_32.so.0.1.0"
  IMPORTED_SONAME_RELWITHDEBINFO "libws2_32.so.0"
  )

list(APPEND _cmake_import_check_targets linsock::ws2_32 )
list(APPEND _cmake_import_check_files_for_linsock::ws2_32 "${_IMPORT_PREFIX}/lib/libws2_32.so.0.1.0" )

# Import target "linsock::ws2_32_static" for configuration "RelWithDebInfo"
set_property(TARGET linsock::ws2_32_static APPEND PROPERTY IMPORTED_CONFIGURATIONS RELWITHDEBINFO)
set_target_properties(linsock::ws2_32_static PROPERTIES
  IMPORTED_LINK_INTERFACE_LANGUAGES_RELWITHDEBINFO "C"
  IMPORTED_LOCATION_RELWITHDEBINFO "${_IMPORT_PREFIX}/lib/libws2_32.a"
  )

list(APPEND _cmake_import_check_targets linsock::ws2_32_static )
list(APPEND _cmake_import_check_files_for_linsock::ws2_32_static "${_IMPORT_PREFIX}/lib/libws2_32.a" )

# Commands beyond this point should not need to know the version.
set(CMAKE_IMPORT_FILE_VERSION)
