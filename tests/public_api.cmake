# The public API held to the op table (included by tests/CMakeLists.txt):
#   header_generated  include/actfast.h's generated sections are what
#                     tools/gen_header.c makes of src/ops.def and src/ops_doc.def
# and, when there is a C++ compiler, the header compiled as C++ in the build.

if(NOT CMAKE_CROSSCOMPILING) # the check runs the generator directly, not through the emulator
  add_test(NAME header_generated
    COMMAND ${CMAKE_COMMAND} -DGEN_HEADER=$<TARGET_FILE:actfast_gen_header>
            -DHEADER=${PROJECT_SOURCE_DIR}/include/actfast.h -DMODE=check
            -P ${PROJECT_SOURCE_DIR}/tools/gen_header.cmake)
endif()

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
