# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[suite]=] "/work/main/build/linsock-tests")
set_tests_properties([=[suite]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;101;add_test;/work/main/CMakeLists.txt;0;")
add_test([=[exports]=] "/work/main/test/exports.sh" "/work/main/build/libws2_32.so.0.1.0" "/work/main/src/exports.map")
set_tests_properties([=[exports]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;102;add_test;/work/main/CMakeLists.txt;0;")
add_test([=[headers]=] "/work/main/test/headers/check.sh" "/work/main/include")
set_tests_properties([=[headers]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;104;add_test;/work/main/CMakeLists.txt;0;")
subdirs("bench")
