# The parent's own FindSLEEF.cmake (see ../CMakeLists.txt).
include(${CMAKE_CURRENT_LIST_DIR}/only_the_parent.cmake)
