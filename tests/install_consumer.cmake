# Installs the built libactfast into a scratch prefix (cmake --install), then
# builds and runs every program of examples/ against it one of the ways a
# user would:
#   MODE=find_package       find_package(actfast) and actfast::actfast
#   MODE=pkg_config         pkg-config --cflags --libs actfast (what users type:
#                           it must link the default static library too)
#   MODE=pkg_config_static  pkg-config --static --cflags --libs actfast
# Run by CTest (safety.cmake) as
#   cmake -DMODE=... -DBUILD_DIR=... -DCONFIG=... -DEXAMPLE_DIR=... -DWORK_DIR=...
#         -DGENERATOR=... -DC_COMPILER=... -DC_FLAGS=... -DLINKER_FLAGS=...
#         -DTOOLCHAIN_FILE=... -DEMULATOR=... -P install_consumer.cmake
# The consumer gets the library's compiler flags, since a sanitizer build
# installs an instrumented library that only links into instrumented code.
# Prints "SKIP: ..." (the test's SKIP_REGULAR_EXPRESSION) when it cannot run.
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

# The programs of examples/ and a line each prints when it worked (each also
# exits nonzero when a value is off).
set(examples example softmax attention prelu apply_loop threads parallel_openmp parallel_pool)
set(example_prints "gelu\\(2\\) = 1\\.9545")
set(softmax_prints "row 1: softmax = 0\\.000000 0\\.500000 0\\.500000 0\\.000000")
set(attention_prints "causal, padded and scaled rows: every row sums to 1")
set(prelu_prints "channel 2: weight 0\\.00, dw = -6")
set(apply_loop_prints "functions, 0 failed")
set(threads_prints "gelu and rrelu match one call's bits")
set(parallel_openmp_prints "gelu, gelu backward and swish match the single-threaded bits")
set(parallel_pool_prints "dx and dw match the single-threaded bits")

# Runs an example (through the emulator of a cross build) and checks that it
# printed its results.
function(run_example name exe)
  run(${EMULATOR} ${exe})
  if(NOT run_output MATCHES "${${name}_prints}")
    message(FATAL_ERROR "${exe} printed:\n${run_output}")
  endif()
  message(STATUS "${exe}:\n${run_output}")
endfunction()

function(consume_with_find_package)
  set(build ${WORK_DIR}/build)
  set(configure -S ${EXAMPLE_DIR} -B ${build} -G ${GENERATOR} -DCMAKE_BUILD_TYPE=${CONFIG}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${C_COMPILER}
    "-DCMAKE_C_FLAGS=${C_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
  if(TOOLCHAIN_FILE)
    list(APPEND configure -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN_FILE})
  endif()
  run(${CMAKE_COMMAND} ${configure})
  run(${CMAKE_COMMAND} --build ${build} --config "${CONFIG}")
  foreach(name IN LISTS examples)
    if(EXISTS ${build}/${CONFIG}/${name}) # multi-config generators
      run_example(${name} ${build}/${CONFIG}/${name})
    else()
      run_example(${name} ${build}/${name})
    endif()
  endforeach()
endfunction()

# static: "--static" or "".
function(consume_with_pkg_config static)
  # Native builds only: a cross build's .pc paths would need a sysroot.
  find_program(PKG_CONFIG NAMES pkg-config pkgconf)
  if(NOT PKG_CONFIG OR TOOLCHAIN_FILE)
    message("SKIP: no pkg-config, or a cross build")
    return()
  endif()
  file(GLOB_RECURSE pc_file ${prefix}/actfast.pc)
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${pc_dir})
  run(${PKG_CONFIG} ${static} --cflags --libs actfast)
  separate_arguments(pc_flags UNIX_COMMAND "${run_output}")
  message(STATUS "pkg-config ${static} --cflags --libs actfast: ${run_output}")
  separate_arguments(c_flags UNIX_COMMAND "${C_FLAGS} ${LINKER_FLAGS}")
  get_filename_component(lib_dir "${pc_dir}" DIRECTORY)
  set(ENV{LD_LIBRARY_PATH} "${lib_dir}:$ENV{LD_LIBRARY_PATH}") # for a shared libactfast
  foreach(name IN LISTS examples)
    run(${C_COMPILER} ${c_flags} -pthread ${EXAMPLE_DIR}/${name}.c -o ${WORK_DIR}/${name} ${pc_flags})
    run_example(${name} ${WORK_DIR}/${name})
  endforeach()
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --config "${CONFIG}" --prefix ${prefix})
  consume_with_find_package()
elseif(MODE STREQUAL "pkg_config")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --config "${CONFIG}" --prefix ${prefix})
  consume_with_pkg_config("")
elseif(MODE STREQUAL "pkg_config_static")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --config "${CONFIG}" --prefix ${prefix})
  consume_with_pkg_config("--static")
else()
  message(FATAL_ERROR "MODE must be find_package, pkg_config or pkg_config_static")
endif()
