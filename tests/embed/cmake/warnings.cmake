# The parent's own warnings.cmake (see ../CMakeLists.txt).
include(${CMAKE_CURRENT_LIST_DIR}/only_the_parent.cmake)
function(embedder_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
endfunction()
