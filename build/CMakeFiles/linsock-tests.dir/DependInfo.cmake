
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/test/api/CreateThread.c" "CMakeFiles/linsock-tests.dir/test/api/CreateThread.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/CreateThread.c.o.d"
  "/work/main/test/api/FormatMessage.c" "CMakeFiles/linsock-tests.dir/test/api/FormatMessage.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/FormatMessage.c.o.d"
  "/work/main/test/api/WSAStartup.c" "CMakeFiles/linsock-tests.dir/test/api/WSAStartup.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/WSAStartup.c.o.d"
  "/work/main/test/api/WSAStringToAddress.c" "CMakeFiles/linsock-tests.dir/test/api/WSAStringToAddress.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/WSAStringToAddress.c.o.d"
  "/work/main/test/api/bind.c" "CMakeFiles/linsock-tests.dir/test/api/bind.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/bind.c.o.d"
  "/work/main/test/api/byteorder.c" "CMakeFiles/linsock-tests.dir/test/api/byteorder.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/byteorder.c.o.d"
  "/work/main/test/api/connect.c" "CMakeFiles/linsock-tests.dir/test/api/connect.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/connect.c.o.d"
  "/work/main/test/api/getaddrinfo.c" "CMakeFiles/linsock-tests.dir/test/api/getaddrinfo.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/getaddrinfo.c.o.d"
  "/work/main/test/api/gethostbyname.c" "CMakeFiles/linsock-tests.dir/test/api/gethostbyname.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/gethostbyname.c.o.d"
  "/work/main/test/api/headers.c" "CMakeFiles/linsock-tests.dir/test/api/headers.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/headers.c.o.d"
  "/work/main/test/api/headers_layout.c" "CMakeFiles/linsock-tests.dir/test/api/headers_layout.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/headers_layout.c.o.d"
  "/work/main/test/api/headers_order.c" "CMakeFiles/linsock-tests.dir/test/api/headers_order.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/headers_order.c.o.d"
  "/work/main/test/api/headers_order2.c" "CMakeFiles/linsock-tests.dir/test/api/headers_order2.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/headers_order2.c.o.d"
  "/work/main/test/api/inet_addr.c" "CMakeFiles/linsock-tests.dir/test/api/inet_addr.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/inet_addr.c.o.d"
  "/work/main/test/api/listen_accept.c" "CMakeFiles/linsock-tests.dir/test/api/listen_accept.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/listen_accept.c.o.d"
  "/work/main/test/api/send_recv.c" "CMakeFiles/linsock-tests.dir/test/api/send_recv.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/send_recv.c.o.d"
  "/work/main/test/api/socket.c" "CMakeFiles/linsock-tests.dir/test/api/socket.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/api/socket.c.o.d"
  "/work/main/test/runner/registry.c" "CMakeFiles/linsock-tests.dir/test/runner/registry.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/runner/registry.c.o.d"
  "/work/main/test/runner/runner.c" "CMakeFiles/linsock-tests.dir/test/runner/runner.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/runner/runner.c.o.d"
  "/work/main/test/unit/err_tables.c" "CMakeFiles/linsock-tests.dir/test/unit/err_tables.c.o" "gcc" "CMakeFiles/linsock-tests.dir/test/unit/err_tables.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/CMakeFiles/linsock-testing.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
