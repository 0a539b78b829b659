# cmake -DGEN_HEADER=<actfast_gen_header> -DEMULATOR=<cross emulator> -DCROSSCOMPILING=<bool>
#       -DHEADER=<include/actfast.h> -DREADELF=<readelf> -DSHARED_LIBRARY=<.so>
#       [-DSTATIC_LIBRARY=<.a>] -P exports.cmake
# libactfast's entry points are those that the rows of src/ops.def name
# (actfast_gen_header entry_points) and the hand-written ones below. Fails
# unless the header declares each of them ACTFAST_API and nothing else so, the
# shared library's dynamic symbol table defines exactly them, and so do the
# static library's global symbols of default visibility (the ones a shared
# object linked from it would export). A prototype missing from the header
# leaves its function hidden, without an error anywhere else; an internal
# symbol without hidden visibility leaks into every user's namespace.
# Beyond the exports, the static library defines no global symbol at all,
# hidden or not, outside the actfast_ prefix: a hidden global is still one
# name in the link of every program that uses the archive, so a user's own
# af_overlap would be a duplicate definition (internal functions shared
# between files are actfast__<name>).
# Prints "SKIP: ..." (the test's SKIP_REGULAR_EXPRESSION) when it cannot run.
cmake_minimum_required(VERSION 3.16)

# The entry points that no row names: the library's own functions, and those
# of ops with more than a row's forms.
set(hand_written
  actfast_status_string actfast_version
  actfast_active_isa actfast_force_isa actfast_isa_supported
  actfast_stream_threshold actfast_set_stream_threshold
  actfast_default_params actfast_apply actfast_apply_gated actfast_get_op_info actfast_op_from_name actfast_ulp_bound
  actfast_runner_sequential actfast_runner_openmp actfast_apply_parallel actfast_apply_gated_parallel
  actfast_apply_rows actfast_apply_rows_parallel)
foreach(dt f32 f64 bf16 f16)
  list(APPEND hand_written actfast_swish_backward_beta_${dt} actfast_rrelu_slopes_${dt} actfast_prelu_parallel_${dt}
    actfast_rrelu_parallel_${dt} actfast_swish_backward_beta_parallel_${dt})
endforeach()

if(NOT READELF)
  message("SKIP: CMake found no readelf for this target (CMAKE_READELF)")
  return()
endif()
if(CROSSCOMPILING AND NOT EMULATOR)
  message("SKIP: a cross build without an emulator cannot run ${GEN_HEADER}")
  return()
endif()

execute_process(COMMAND ${EMULATOR} ${GEN_HEADER} entry_points
  OUTPUT_VARIABLE output ERROR_VARIABLE error RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GEN_HEADER} entry_points failed (${rc}):\n${error}")
endif()
string(REGEX MATCHALL "[^\n]+" expected "${output}")
list(APPEND expected ${hand_written})
list(LENGTH expected count)
list(REMOVE_DUPLICATES expected)
list(LENGTH expected distinct)
if(NOT count EQUAL distinct)
  message(FATAL_ERROR "an entry point of the hand-written list is also one that a row of src/ops.def names")
endif()
list(SORT expected)

set(failures "")

# Appends to failures, for each nonempty list, what it means.
function(report_differences what_lacks lacking what_adds adding)
  if(lacking)
    list(JOIN lacking "\n  " lacking)
    string(APPEND failures "${what_lacks}:\n  ${lacking}\n")
  endif()
  if(adding)
    list(JOIN adding "\n  " adding)
    string(APPEND failures "${what_adds}:\n  ${adding}\n")
  endif()
  set(failures "${failures}" PARENT_SCOPE)
endfunction()

# Sets <out>_missing to the entry points absent from names, and <out>_extra
# to the names that are no entry point.
function(compare_with_expected names out)
  set(missing ${expected})
  set(extra ${names})
  if(names)
    list(REMOVE_ITEM missing ${names})
  endif()
  list(REMOVE_ITEM extra ${expected})
  set(${out}_missing ${missing} PARENT_SCOPE)
  set(${out}_extra ${extra} PARENT_SCOPE)
endfunction()

# The names declared ACTFAST_API, each at the start of its line.
file(READ "${HEADER}" header)
string(REGEX MATCHALL "\nACTFAST_API [^;(]*[ *]actfast_[a-z0-9_]+\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX REPLACE ".*[ *](actfast_[a-z0-9_]+)\\($" "\\1" name "${declaration}")
  list(APPEND declared ${name})
endforeach()
compare_with_expected("${declared}" header)
report_differences(
  "${HEADER} does not declare with ACTFAST_API (if the prototype is generated: scripts/run header)" "${header_missing}"
  "${HEADER} declares with ACTFAST_API what no row of src/ops.def names nor tests/exports.cmake lists" "${header_extra}")

# Sets <out> to the symbols that <library> defines for other modules to use:
# global, weak or unique, of default or protected visibility, in a section.
function(exported_symbols library symbol_table out)
  execute_process(COMMAND ${READELF} ${symbol_table} --wide ${library}
    OUTPUT_VARIABLE output ERROR_VARIABLE error RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${READELF} ${symbol_table} ${library} failed (${rc}):\n${error}")
  endif()
  # "Num: Value Size Type Bind Vis [annotations] Ndx Name[@version]"
  string(REGEX MATCHALL
    "\n *[0-9]+: [0-9a-fA-F]+ +[0-9a-fx]+ [A-Z_]+ +(GLOBAL|WEAK|UNIQUE|GNU_UNIQUE) +(DEFAULT|PROTECTED)( \\[[A-Z_]+\\])* +([0-9]+|ABS|COM) [^ @\n]+"
    entries "${output}")
  set(names "")
  foreach(entry IN LISTS entries)
    string(REGEX REPLACE ".* " "" name "${entry}")
    list(APPEND names ${name})
  endforeach()
  list(REMOVE_DUPLICATES names)
  set(${out} ${names} PARENT_SCOPE)
endfunction()

exported_symbols("${SHARED_LIBRARY}" --dyn-syms shared)
compare_with_expected("${shared}" shared)
report_differences(
  "${SHARED_LIBRARY} does not export" "${shared_missing}"
  "${SHARED_LIBRARY} exports what is no entry point (give it hidden visibility)" "${shared_extra}")

if(STATIC_LIBRARY)
  exported_symbols("${STATIC_LIBRARY}" --syms static)
  compare_with_expected("${static}" static)
  report_differences(
    "${STATIC_LIBRARY} has no global symbol of default visibility for" "${static_missing}"
    "${STATIC_LIBRARY} has global symbols of default visibility that are no entry point (give them hidden visibility)"
    "${static_extra}")

  # Every symbol the archive defines for other objects, of any visibility.
  execute_process(COMMAND ${READELF} --syms --wide ${STATIC_LIBRARY}
    OUTPUT_VARIABLE output ERROR_VARIABLE error RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${READELF} --syms ${STATIC_LIBRARY} failed (${rc}):\n${error}")
  endif()
  string(REGEX MATCHALL
    "\n *[0-9]+: [0-9a-fA-F]+ +[0-9a-fx]+ [A-Z_]+ +(GLOBAL|WEAK|UNIQUE|GNU_UNIQUE) +[A-Z]+( \\[[A-Z_]+\\])* +([0-9]+|ABS|COM) [^ @\n]+"
    entries "${output}")
  set(outside "")
  foreach(entry IN LISTS entries)
    string(REGEX REPLACE ".* " "" name "${entry}")
    # AddressSanitizer adds an ODR indicator, __odr_asan.<name>, for each of
    # our global variables: it is the variable's name that counts.
    string(REGEX REPLACE "^__odr_asan[._]" "" owner "${name}")
    if(NOT owner MATCHES "^actfast_")
      list(APPEND outside ${name})
    endif()
  endforeach()
  list(LENGTH entries defined)
  if(defined EQUAL 0)
    string(APPEND failures "${READELF} --syms found no global symbol in ${STATIC_LIBRARY}: the pattern is wrong\n")
  endif()
  list(REMOVE_DUPLICATES outside)
  report_differences("" ""
    "${STATIC_LIBRARY} defines global symbols outside the actfast_ prefix (name them actfast__<name>, or static)"
    "${outside}")
endif()

list(LENGTH expected count)
if(failures)
  message(FATAL_ERROR "of the ${count} entry points:\n${failures}")
endif()
message(STATUS "${count} entry points: declared by ${HEADER}, the only exports of ${SHARED_LIBRARY} ${STATIC_LIBRARY}")
if(STATIC_LIBRARY)
  message(STATUS "${STATIC_LIBRARY}: ${defined} global symbols, all in the actfast_ prefix")
endif()
