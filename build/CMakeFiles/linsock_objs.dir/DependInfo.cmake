
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/base/lasterr.c" "CMakeFiles/linsock_objs.dir/src/base/lasterr.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/base/lasterr.c.o.d"
  "/work/main/src/base/libc.c" "CMakeFiles/linsock_objs.dir/src/base/libc.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/base/libc.c.o.d"
  "/work/main/src/base/sys.c" "CMakeFiles/linsock_objs.dir/src/base/sys.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/base/sys.c.o.d"
  "/work/main/src/base/trace.c" "CMakeFiles/linsock_objs.dir/src/base/trace.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/base/trace.c.o.d"
  "/work/main/src/base/wstr.c" "CMakeFiles/linsock_objs.dir/src/base/wstr.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/base/wstr.c.o.d"
  "/work/main/src/baseprov/io.c" "CMakeFiles/linsock_objs.dir/src/baseprov/io.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/baseprov/io.c.o.d"
  "/work/main/src/baseprov/opt.c" "CMakeFiles/linsock_objs.dir/src/baseprov/opt.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/baseprov/opt.c.o.d"
  "/work/main/src/baseprov/sock.c" "CMakeFiles/linsock_objs.dir/src/baseprov/sock.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/baseprov/sock.c.o.d"
  "/work/main/src/catalog/catalog.c" "CMakeFiles/linsock_objs.dir/src/catalog/catalog.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/catalog/catalog.c.o.d"
  "/work/main/src/err/err.c" "CMakeFiles/linsock_objs.dir/src/err/err.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/err/err.c.o.d"
  "/work/main/src/err/linux_check.c" "CMakeFiles/linsock_objs.dir/src/err/linux_check.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/err/linux_check.c.o.d"
  "/work/main/src/handle/handle.c" "CMakeFiles/linsock_objs.dir/src/handle/handle.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/handle/handle.c.o.d"
  "/work/main/src/kernel32/handle.c" "CMakeFiles/linsock_objs.dir/src/kernel32/handle.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/handle.c.o.d"
  "/work/main/src/kernel32/lasterror.c" "CMakeFiles/linsock_objs.dir/src/kernel32/lasterror.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/lasterror.c.o.d"
  "/work/main/src/kernel32/memory.c" "CMakeFiles/linsock_objs.dir/src/kernel32/memory.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/memory.c.o.d"
  "/work/main/src/kernel32/message.c" "CMakeFiles/linsock_objs.dir/src/kernel32/message.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/message.c.o.d"
  "/work/main/src/kernel32/thread.c" "CMakeFiles/linsock_objs.dir/src/kernel32/thread.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/thread.c.o.d"
  "/work/main/src/kernel32/time.c" "CMakeFiles/linsock_objs.dir/src/kernel32/time.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/time.c.o.d"
  "/work/main/src/kernel32/wait.c" "CMakeFiles/linsock_objs.dir/src/kernel32/wait.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/kernel32/wait.c.o.d"
  "/work/main/src/ws2_32/addrconv.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/addrconv.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/addrconv.c.o.d"
  "/work/main/src/ws2_32/byteorder.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/byteorder.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/byteorder.c.o.d"
  "/work/main/src/ws2_32/netdb.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/netdb.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/netdb.c.o.d"
  "/work/main/src/ws2_32/send.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/send.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/send.c.o.d"
  "/work/main/src/ws2_32/socklife.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/socklife.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/socklife.c.o.d"
  "/work/main/src/ws2_32/sockopt.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/sockopt.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/sockopt.c.o.d"
  "/work/main/src/ws2_32/startup.c" "CMakeFiles/linsock_objs.dir/src/ws2_32/startup.c.o" "gcc" "CMakeFiles/linsock_objs.dir/src/ws2_32/startup.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
