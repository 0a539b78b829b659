# The parallel entry points (included by tests/CMakeLists.txt): the bits of
# the serial calls for any thread count, block and task order, and the
# failures of bad runners. Per ISA, as the other safety tests; under
# ThreadSanitizer too (CMakePresets.json: tsan).
find_package(Threads REQUIRED)
add_executable(test_parallel ${CMAKE_CURRENT_LIST_DIR}/test_parallel.c)
target_link_libraries(test_parallel PRIVATE actfast::actfast Threads::Threads m)
actfast_warnings(test_parallel)
foreach(isa IN LISTS ACTFAST_PUBLIC_ISAS)
  add_test(NAME parallel.${isa} COMMAND test_parallel ${isa})
  set_tests_properties(parallel.${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "safety;parallel;${isa}")
endforeach()
