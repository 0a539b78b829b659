# The exhaustive float sweep (issue 13, SPEC 4) and the check of its fast
# references against MPFR. scripts/run exhaustive runs the sweep; CI runs a
# strided sample of it (exhaustive.sample).
find_package(Threads REQUIRED)

# The references: fast ones in double, MPFR's (tests/reference.c) where those
# cannot decide, the errors from either, and the parameter sets.
add_library(sweep_references OBJECT fast_reference.c sweep_params.c ulp_error.c)
target_include_directories(sweep_references PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(sweep_references PUBLIC actfast_records Threads::Threads)
actfast_warnings(sweep_references)

add_executable(test_fast_reference test_fast_reference.c)
target_link_libraries(test_fast_reference PRIVATE sweep_references)
actfast_warnings(test_fast_reference)
add_test(NAME fast_reference COMMAND test_fast_reference)
# A few minutes natively. The aarch64 preset leaves it out: MPFR under qemu
# takes ten minutes to check references that are plain double code.
set_tests_properties(fast_reference PROPERTIES LABELS "exhaustive" TIMEOUT 3000)

add_executable(exhaustive exhaustive.c)
target_link_libraries(exhaustive PRIVATE sweep_references)
actfast_warnings(exhaustive)

# Every op, parameter set and form on the ISAs this CPU runs, over every
# 4096th float (a million each): fails on an error over the bound, a
# decrease, a result out of range or bits that differ from scalar's, beyond
# the known defects listed in exhaustive.c.
add_test(NAME exhaustive.sample
  COMMAND exhaustive --stride 4096 --tsv ${CMAKE_CURRENT_BINARY_DIR}/exhaustive.sample.tsv)
set_tests_properties(exhaustive.sample PROPERTIES LABELS "exhaustive" TIMEOUT 1200)
