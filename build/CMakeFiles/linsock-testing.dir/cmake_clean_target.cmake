file(REMOVE_RECURSE
  "liblinsock-testing.a"
)
