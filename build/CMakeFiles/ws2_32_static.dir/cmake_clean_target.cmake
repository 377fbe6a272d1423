file(REMOVE_RECURSE
  "libws2_32.a"
)
