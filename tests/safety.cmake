# The memory-safety, bad-input, threading, FP-environment and packaging tests
# (included by tests/CMakeLists.txt). The per-ISA tests take the ISA as
# argv[1] and are named <test>.<isa>, so that `ctest -R avx2` runs one ISA;
# on a CPU that cannot run the ISA they print why and return 77 (skipped).

find_package(Threads REQUIRED)

foreach(name guard bad_input threads fpenv)
  add_executable(test_${name} ${CMAKE_CURRENT_LIST_DIR}/test_${name}.c)
  target_link_libraries(test_${name} PRIVATE actfast::actfast m)
  actfast_warnings(test_${name})
endforeach()
target_link_libraries(test_threads PRIVATE Threads::Threads)

# prelu's layouts and dw, rrelu's draws, swish's dbeta (MPFR for the exact sums).
add_executable(test_stateful ${CMAKE_CURRENT_LIST_DIR}/test_stateful.c)
target_include_directories(test_stateful PRIVATE ${MPFR_INCLUDE_DIR})
target_link_libraries(test_stateful PRIVATE actfast::actfast ${MPFR_LIBRARY} ${GMP_LIBRARY} m)
actfast_warnings(test_stateful)

foreach(isa IN LISTS ACTFAST_PUBLIC_ISAS)
  foreach(name guard bad_input fpenv stateful)
    add_test(NAME ${name}.${isa} COMMAND test_${name} ${isa})
    set_tests_properties(${name}.${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "safety;${isa}")
  endforeach()
  # Every output that may be streamed is (non-temporal stores, whose loops
  # start with a partial vector up to out's first vector boundary): no byte
  # outside the arrays, and the bits of the plain stores in place.
  add_test(NAME guard.${isa}.stream COMMAND test_guard ${isa})
  set_tests_properties(guard.${isa}.stream PROPERTIES SKIP_RETURN_CODE 77 LABELS "safety;${isa}"
    ENVIRONMENT ACTFAST_TEST_STREAM=1)
endforeach()

# Forces every ISA itself, from several threads.
add_test(NAME threads COMMAND test_threads)
set_tests_properties(threads PROPERTIES LABELS safety)

# ACTFAST_ISA acts as a first actfast_force_isa, and a bad one is an error on
# every call, not a silent fallback. The unsupported case needs an ISA that
# the library knows but this build lacks (another architecture's); an x86
# build with the SIMDe NEON kernels has every ISA, and no such case.
add_test(NAME isa_env.unknown COMMAND test_bad_input env unknown)
set_tests_properties(isa_env.unknown PROPERTIES ENVIRONMENT ACTFAST_ISA=sse9 LABELS safety)
add_test(NAME isa_env.valid COMMAND test_bad_input env valid)
set_tests_properties(isa_env.valid PROPERTIES ENVIRONMENT ACTFAST_ISA=scalar LABELS safety)
set(_af_foreign_isas avx512 avx2 neon)
list(REMOVE_ITEM _af_foreign_isas ${ACTFAST_PUBLIC_ISAS})
if(_af_foreign_isas)
  list(GET _af_foreign_isas 0 _af_foreign_isa)
  add_test(NAME isa_env.unsupported COMMAND test_bad_input env unsupported)
  set_tests_properties(isa_env.unsupported PROPERTIES ENVIRONMENT ACTFAST_ISA=${_af_foreign_isa} LABELS safety)
endif()

# cmake --install into a scratch prefix, then build and run examples/ against
# it through find_package(actfast) and through pkg-config, with and without
# --static (a build whose install is off has nothing to consume).
if(ACTFAST_INSTALL)
  foreach(mode find_package pkg_config pkg_config_static)
    add_test(NAME install_consumer.${mode} COMMAND ${CMAKE_COMMAND}
      -DMODE=${mode}
      -DBUILD_DIR=${PROJECT_BINARY_DIR}
      -DCONFIG=$<CONFIG>
      -DEXAMPLE_DIR=${PROJECT_SOURCE_DIR}/examples
      -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/install_consumer.${mode}
      -DGENERATOR=${CMAKE_GENERATOR}
      -DC_COMPILER=${CMAKE_C_COMPILER}
      "-DC_FLAGS=${CMAKE_C_FLAGS}"
      "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
      -DTOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
      "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}"
      -P ${CMAKE_CURRENT_LIST_DIR}/install_consumer.cmake)
    # cmake --install writes the build tree's install_manifest.txt: one at a time.
    set_tests_properties(install_consumer.${mode} PROPERTIES LABELS safety SKIP_REGULAR_EXPRESSION "SKIP: "
      RESOURCE_LOCK actfast_install_manifest)
  endforeach()
endif()

# libactfast inside another project's build (add_subdirectory), one with its
# own cmake/warnings.cmake and no build type (tests/embed.cmake, tests/embed/).
add_test(NAME embed COMMAND ${CMAKE_COMMAND}
  -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
  -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/embed
  -DGENERATOR=${CMAKE_GENERATOR}
  -DC_COMPILER=${CMAKE_C_COMPILER}
  "-DC_FLAGS=${CMAKE_C_FLAGS}"
  "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
  -DTOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
  "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}"
  -P ${CMAKE_CURRENT_LIST_DIR}/embed.cmake)
set_tests_properties(embed PROPERTIES LABELS safety)
