# The public API held to the op table (included by tests/CMakeLists.txt):
#   header_generated  include/actfast.h's generated sections are what
#                     tools/gen_header.c makes of src/ops.def and src/ops_doc.def
#   exports           the header declares, and the shared and static libraries
#                     export, exactly the entry points of the table and of the
#                     hand-written API (tests/exports.cmake)
# and, when there is a C++ compiler, the header compiled as C++ in the build.

if(NOT CMAKE_CROSSCOMPILING) # the check runs the generator directly, not through the emulator
  add_test(NAME header_generated
    COMMAND ${CMAKE_COMMAND} -DGEN_HEADER=$<TARGET_FILE:actfast_gen_header>
            -DHEADER=${PROJECT_SOURCE_DIR}/include/actfast.h -DMODE=check
            -P ${PROJECT_SOURCE_DIR}/tools/gen_header.cmake)
endif()

# The shared library's exports. A static build links its whole archive into a
# shared library: the same objects, so the same dynamic symbol table, as a
# BUILD_SHARED_LIBS build, for one link instead of a second build. Without
# readelf the test only says that it skips.
get_target_property(_af_library_type actfast TYPE)
if(NOT CMAKE_READELF)
  set(_af_shared_library "")
  set(_af_static_library "")
elseif(_af_library_type STREQUAL "STATIC_LIBRARY")
  add_library(actfast_whole_shared SHARED ${CMAKE_CURRENT_LIST_DIR}/whole_shared.c)
  target_link_libraries(actfast_whole_shared PRIVATE -Wl,--whole-archive actfast -Wl,--no-whole-archive)
  set(_af_shared_library $<TARGET_FILE:actfast_whole_shared>)
  set(_af_static_library $<TARGET_FILE:actfast>)
else()
  set(_af_shared_library $<TARGET_FILE:actfast>)
  set(_af_static_library "")
endif()
add_test(NAME exports
  COMMAND ${CMAKE_COMMAND} -DGEN_HEADER=$<TARGET_FILE:actfast_gen_header>
          "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}" -DCROSSCOMPILING=${CMAKE_CROSSCOMPILING}
          -DHEADER=${PROJECT_SOURCE_DIR}/include/actfast.h -DREADELF=${CMAKE_READELF}
          -DSHARED_LIBRARY=${_af_shared_library} -DSTATIC_LIBRARY=${_af_static_library}
          -P ${CMAKE_CURRENT_LIST_DIR}/exports.cmake)
set_tests_properties(exports PROPERTIES SKIP_REGULAR_EXPRESSION "SKIP: ")

# The header is C11 and C++; a C++ compile error here fails the build.
include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
  enable_language(CXX)
  add_library(header_cxx OBJECT ${CMAKE_CURRENT_LIST_DIR}/header_cxx.cc)
  target_link_libraries(header_cxx PRIVATE actfast::actfast)
  set_target_properties(header_cxx PROPERTIES CXX_STANDARD 11 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(header_cxx PRIVATE -Wall -Wextra -pedantic-errors)
  endif()
endif()
