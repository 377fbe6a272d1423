# Link names Windows makefiles use (-lmswsock -lkernel32 -luser32 -ladvapi32 -liphlpapi -lwinmm
# -lwsock32): each is a GNU ld script, "INPUT(-lws2_32)", because all of linsock is one library.
# The same text serves libNAME.so and libNAME.a: ld reads a file that is no ELF object or archive
# as a script, and -lws2_32 inside it follows the link's -Bstatic/-Bdynamic mode, so a static link
# gets libws2_32.a and a dynamic one libws2_32.so. Written into the build tree (tests link there)
# and installed beside libws2_32.
set(LINSOCK_LINK_NAMES mswsock kernel32 user32 advapi32 iphlpapi winmm wsock32)
set(LINSOCK_LINK_SCRIPTS "")
foreach(n ${LINSOCK_LINK_NAMES})
  foreach(ext so a)
    set(f ${PROJECT_BINARY_DIR}/lib${n}.${ext})
    file(CONFIGURE OUTPUT ${f}
      CONTENT "/* GNU ld script: -l${n} is linsock's ws2_32 (cmake/linknames.cmake). */\nINPUT(-lws2_32)\n")
    list(APPEND LINSOCK_LINK_SCRIPTS ${f})
  endforeach()
endforeach()
install(FILES ${LINSOCK_LINK_SCRIPTS} DESTINATION ${CMAKE_INSTALL_LIBDIR})
