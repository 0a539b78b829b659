# The exhaustive float sweep (issue 13, SPEC 4): its fast references, checked
# against MPFR.
find_package(Threads REQUIRED)

# The references: fast ones in double, MPFR's (tests/reference.c) where those
# cannot decide, the errors from either, and the parameter sets.
add_library(sweep_references OBJECT fast_reference.c reference.c sweep_params.c ulp_error.c)
target_include_directories(sweep_references PUBLIC ${MPFR_INCLUDE_DIR} PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(sweep_references PUBLIC actfast::actfast ${MPFR_LIBRARY} ${GMP_LIBRARY} m Threads::Threads)
actfast_warnings(sweep_references)

add_executable(test_fast_reference test_fast_reference.c)
target_link_libraries(test_fast_reference PRIVATE sweep_references)
actfast_warnings(test_fast_reference)
add_test(NAME fast_reference COMMAND test_fast_reference)
set_tests_properties(fast_reference PROPERTIES LABELS "exhaustive")
