# The test records (tests/record.h), included by the top-level CMakeLists.txt
# for the tests, the bench and the gallery: each op's MPFR references, flat
# regions and extra parameter sets (tests), its textbook loops (bench) and
# its x range (gallery). MPFR is therefore needed by all three.
find_library(MPFR_LIBRARY mpfr)
find_path(MPFR_INCLUDE_DIR mpfr.h)
find_library(GMP_LIBRARY gmp)
if(NOT MPFR_LIBRARY OR NOT MPFR_INCLUDE_DIR OR NOT GMP_LIBRARY) # find_*(REQUIRED) is CMake 3.18
  message(FATAL_ERROR "the tests and the bench need MPFR and GMP (Debian: libmpfr-dev libgmp-dev), "
                      "or -DACTFAST_BUILD_TESTS=OFF -DACTFAST_BUILD_BENCH=OFF")
endif()

# The ops, read from the table that everything else is stamped from (and
# read again whenever it changes).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/ops.def)
file(STRINGS ${PROJECT_SOURCE_DIR}/src/ops.def _op_rows REGEX "^AF_OP\\(")
set(ACTFAST_OPS "")
set(ACTFAST_GATED_OPS "") # the gated units among them (their own test, test_gated)
foreach(_row IN LISTS _op_rows)
  string(REGEX REPLACE "^AF_OP\\(([a-z0-9_]+),.*" "\\1" _op "${_row}")
  list(APPEND ACTFAST_OPS ${_op})
  if(_row MATCHES "^AF_OP\\([a-z0-9_]+, *[A-Z0-9_]+, *GATED,")
    list(APPEND ACTFAST_GATED_OPS ${_op})
  endif()
endforeach()

# ops/<name>.c for every op of the table, what they share (reference.c: MPFR,
# dtype_ulp.c: the errors against it, textbook.c: the textbook loops) and
# their registry (records.c).
list(TRANSFORM ACTFAST_OPS REPLACE "(.+)" "${CMAKE_CURRENT_LIST_DIR}/ops/\\1.c" OUTPUT_VARIABLE _record_files)
add_library(actfast_records STATIC
  ${CMAKE_CURRENT_LIST_DIR}/records.c
  ${CMAKE_CURRENT_LIST_DIR}/reference.c
  ${CMAKE_CURRENT_LIST_DIR}/dtype_ulp.c
  ${CMAKE_CURRENT_LIST_DIR}/textbook.c
  ${_record_files})
# src/: record.h declares the records from ops.def.
target_include_directories(actfast_records PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/src
                                                  ${MPFR_INCLUDE_DIR})
target_link_libraries(actfast_records PUBLIC actfast::actfast ${MPFR_LIBRARY} ${GMP_LIBRARY} m)
actfast_warnings(actfast_records)
# The textbook loops as a user would build them: plain -O2 (after the build
# type's -O3, so it wins), no -ffast-math, no -march.
target_compile_options(actfast_records PRIVATE -O2)
