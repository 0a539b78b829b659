# The parent's own install.cmake (see ../CMakeLists.txt).
include(${CMAKE_CURRENT_LIST_DIR}/only_the_parent.cmake)
