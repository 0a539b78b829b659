# cmake -DGEN_HEADER=<actfast_gen_header> -DHEADER=<include/actfast.h> -DMODE=check|update -P gen_header.cmake
# Each generated section of the header, the lines between
#   /* BEGIN GENERATED <section> ...
#   /* END GENERATED <section> */
# is the output of `actfast_gen_header <section>`. MODE=update writes it there
# (scripts/run header); MODE=check fails when it is not, and prints what the
# section should be (ctest -R header_generated). One script for both, so that
# what the test checks is what the command writes.
cmake_minimum_required(VERSION 3.16)

if(NOT MODE MATCHES "^(check|update)$")
  message(FATAL_ERROR "MODE must be check or update")
endif()

file(READ "${HEADER}" header)
set(updated "${header}")
set(stale "")
foreach(section elementwise rowwise rows_ex gated op_enum)
  execute_process(COMMAND "${GEN_HEADER}" ${section}
    OUTPUT_VARIABLE generated ERROR_VARIABLE error RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${GEN_HEADER} ${section} failed (${rc}):\n${error}")
  endif()

  set(begin_marker "/* BEGIN GENERATED ${section} ")
  set(end_marker "/* END GENERATED ${section} */")
  string(FIND "${updated}" "${begin_marker}" begin)
  string(FIND "${updated}" "${begin_marker}" last_begin REVERSE)
  if(begin EQUAL -1 OR NOT begin EQUAL last_begin)
    message(FATAL_ERROR "${HEADER} needs exactly one line that starts with '${begin_marker}'")
  endif()
  # The section starts on the line after the begin marker's.
  string(SUBSTRING "${updated}" ${begin} -1 from_begin)
  string(FIND "${from_begin}" "\n" begin_line_length)
  if(begin_line_length EQUAL -1)
    message(FATAL_ERROR "${HEADER}: no '${end_marker}' after '${begin_marker}'")
  endif()
  math(EXPR start "${begin} + ${begin_line_length} + 1")
  string(SUBSTRING "${updated}" ${start} -1 after_begin)
  string(FIND "${after_begin}" "${end_marker}" length)
  if(length EQUAL -1)
    message(FATAL_ERROR "${HEADER}: no '${end_marker}' after '${begin_marker}'")
  endif()

  string(SUBSTRING "${after_begin}" 0 ${length} current)
  if(NOT current STREQUAL generated)
    list(APPEND stale ${section})
    string(SUBSTRING "${updated}" 0 ${start} head)
    string(SUBSTRING "${after_begin}" ${length} -1 tail)
    set(updated "${head}${generated}${tail}")
    if(MODE STREQUAL "check")
      message("${HEADER}: the generated section '${section}' should be:\n${generated}")
    endif()
  endif()
endforeach()

list(JOIN stale ", " stale)
if(NOT stale)
  message(STATUS "${HEADER}: the generated sections match src/ops.def and src/ops_doc.def")
elseif(MODE STREQUAL "check")
  message(FATAL_ERROR "${HEADER}: out of date: ${stale} (printed above as they should be); "
    "run scripts/run header")
else()
  file(WRITE "${HEADER}" "${updated}")
  message(STATUS "${HEADER}: rewrote ${stale}")
endif()
