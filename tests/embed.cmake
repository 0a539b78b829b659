# libactfast built inside another project (add_subdirectory; FetchContent
# does the same), the way tests/embed/ does it: its own cmake/ modules under
# our modules' names, no build type. Run by CTest (safety.cmake) as
#   cmake -DSOURCE_DIR=<libactfast> -DWORK_DIR=... -DGENERATOR=... -DC_COMPILER=...
#         -DC_FLAGS=... -DLINKER_FLAGS=... -DTOOLCHAIN_FILE=... -DEMULATOR=... -P embed.cmake
# Fails unless the parent configures (no module of ours picked by name from
# its CMAKE_MODULE_PATH, none of its picked by us), keeps an empty build type
# (its code keeps its asserts: main.c refuses to compile with NDEBUG),
# builds, runs, and installs its own program but nothing of libactfast's.
cmake_minimum_required(VERSION 3.16)

# Runs a command; a failure fails the test with the command's output.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(build ${WORK_DIR}/build)
set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})

# No CMAKE_BUILD_TYPE, on purpose: the parent has none.
set(configure -S ${SOURCE_DIR}/tests/embed -B ${build} -G ${GENERATOR} -DACTFAST_SOURCE_DIR=${SOURCE_DIR}
  -DCMAKE_C_COMPILER=${C_COMPILER} "-DCMAKE_C_FLAGS=${C_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
if(TOOLCHAIN_FILE)
  list(APPEND configure -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN_FILE})
endif()
run(${CMAKE_COMMAND} ${configure})

# The parent's cache after configuring: libactfast's defaults inside another
# project (no tests, no bench, no install) and the parent's build type as it was.
file(STRINGS ${build}/CMakeCache.txt cache
  REGEX "^(CMAKE_BUILD_TYPE|ACTFAST_BUILD_TESTS|ACTFAST_BUILD_BENCH|ACTFAST_INSTALL|BUILD_SHARED_LIBS):")
set(expected "CMAKE_BUILD_TYPE:STRING=" "ACTFAST_BUILD_TESTS:BOOL=OFF" "ACTFAST_BUILD_BENCH:BOOL=OFF"
  "ACTFAST_INSTALL:BOOL=OFF")
foreach(entry IN LISTS expected)
  if(NOT entry IN_LIST cache)
    message(FATAL_ERROR "the parent's cache should hold ${entry}; it has:\n${cache}")
  endif()
endforeach()
foreach(entry IN LISTS cache)
  if(entry MATCHES "^BUILD_SHARED_LIBS:")
    message(FATAL_ERROR "libactfast put ${entry} into the parent's cache")
  endif()
endforeach()

run(${CMAKE_COMMAND} --build ${build})
set(embedder ${build}/embedder)
run(${EMULATOR} ${embedder})
if(NOT run_output MATCHES "gelu\\(2\\) = 1\\.9545")
  message(FATAL_ERROR "${embedder} printed:\n${run_output}")
endif()
message(STATUS "${run_output}")

run(${CMAKE_COMMAND} --install ${build} --prefix ${prefix})
file(GLOB_RECURSE installed RELATIVE ${prefix} ${prefix}/*)
if(NOT installed STREQUAL "bin/embedder")
  message(FATAL_ERROR "the parent's install should be its program alone; it installed:\n${installed}")
endif()
message(STATUS "the parent configured, built, ran and installed ${installed} alone")
