# Compares the output digests of test_bits (one line "op form dtype hash" per
# kernel), run by CTest (tests/bits.cmake) in one of two modes:
#   MODE=isas       runs TEST_BITS (through EMULATOR, if any) for each ISA of
#                   ISAS (comma-separated) that this CPU runs, writes
#                   OUT_DIR/bits.<isa>.txt, and requires them all to equal the
#                   first one's; and again with every output streamed
#                   (ACTFAST_TEST_STREAM: non-temporal stores), whose
#                   OUT_DIR/bits.<isa>.stream.txt must equal them too.
#   MODE=reference  requires every OUT_DIR/bits.<isa>.txt to equal REFERENCE,
#                   the digest of another build (another architecture); prints
#                   "SKIP: ..." (the test's SKIP_REGULAR_EXPRESSION) if it does
#                   not exist.
cmake_minimum_required(VERSION 3.16)

# Counts a failure unless the digest files `got` and `want` hold the same
# lines; says which kernels differ.
set(failures 0)
function(compare got want)
  file(STRINGS ${got} got_lines)
  file(STRINGS ${want} want_lines)
  set(differ ${got_lines})
  if(want_lines)
    list(REMOVE_ITEM differ ${want_lines})
  endif()
  list(LENGTH got_lines total)
  list(LENGTH differ count)
  message("${got}: ${count} of ${total} digests differ from ${want}")
  foreach(line IN LISTS differ)
    string(REGEX MATCH "^[^ ]+ [^ ]+ [^ ]+ " kernel "${line}")
    set(other ${want_lines})
    list(FILTER other INCLUDE REGEX "^${kernel}")
    message("  ${line}  vs  ${other}")
  endforeach()
  # A kernel missing from got would not show above.
  list(LENGTH want_lines want_total)
  if(NOT total EQUAL want_total)
    message("${got} has ${total} digests, ${want} ${want_total}")
  endif()
  if(count GREATER 0 OR NOT total EQUAL want_total)
    math(EXPR failures "${failures} + 1")
    set(failures ${failures} PARENT_SCOPE)
  endif()
endfunction()

# Runs TEST_BITS for `isa` with the environment assignments of ARGN (none,
# or ACTFAST_TEST_STREAM=1), its digests into OUT_DIR/bits.<isa><suffix>.txt;
# its exit code (0, or 77: this CPU cannot run the ISA) into rc_var.
function(run_bits isa suffix rc_var)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${ARGN} ${EMULATOR} ${TEST_BITS} ${isa} RESULT_VARIABLE rc
    OUTPUT_FILE ${OUT_DIR}/bits.${isa}${suffix}.txt ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 AND NOT rc EQUAL 77)
    message(FATAL_ERROR "${ARGN} test_bits ${isa} failed (${rc}):\n${err}")
  endif()
  set(${rc_var} ${rc} PARENT_SCOPE)
endfunction()

string(REPLACE "," ";" isas "${ISAS}")
if(MODE STREQUAL "isas")
  file(MAKE_DIRECTORY ${OUT_DIR})
  set(first "")
  foreach(isa IN LISTS isas)
    run_bits(${isa} "" rc)
    if(rc EQUAL 77)
      message("${isa}: this CPU cannot run it")
      file(REMOVE ${OUT_DIR}/bits.${isa}.txt)
      continue()
    endif()
    if(first)
      compare(${OUT_DIR}/bits.${isa}.txt ${OUT_DIR}/bits.${first}.txt)
    else()
      set(first ${isa})
    endif()
    run_bits(${isa} .stream rc ACTFAST_TEST_STREAM=1)
    compare(${OUT_DIR}/bits.${isa}.stream.txt ${OUT_DIR}/bits.${first}.txt)
  endforeach()
elseif(MODE STREQUAL "reference")
  if(NOT EXISTS "${REFERENCE}")
    message("SKIP: no reference digest ${REFERENCE}")
    return()
  endif()
  foreach(isa IN LISTS isas)
    if(EXISTS ${OUT_DIR}/bits.${isa}.txt)
      compare(${OUT_DIR}/bits.${isa}.txt ${REFERENCE})
    endif()
  endforeach()
else()
  message(FATAL_ERROR "MODE must be isas or reference")
endif()
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} digest files differ")
endif()
