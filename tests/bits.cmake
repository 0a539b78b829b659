# The bit-agreement tests (included by tests/CMakeLists.txt): test_bits prints
# a digest of every kernel's output over fixed inputs.
#   bits            every ISA of this build that the CPU runs gives the same
#                   digests (tests/bits/bits.<isa>.txt in the build tree);
#   bits.reference  they equal ACTFAST_BITS_REFERENCE, the digest file of
#                   another build: the aarch64 preset points it at the native
#                   x86-64 build's, so that both architectures give the same bits.
set(ACTFAST_BITS_REFERENCE "" CACHE FILEPATH "test_bits digest of another build to compare with (bits.reference)")

add_executable(test_bits ${CMAKE_CURRENT_LIST_DIR}/test_bits.c)
target_link_libraries(test_bits PRIVATE actfast::actfast m)
actfast_warnings(test_bits)

list(JOIN ACTFAST_PUBLIC_ISAS "," _af_bits_isas)
set(_af_bits_dir ${CMAKE_CURRENT_BINARY_DIR}/bits)
add_test(NAME bits COMMAND ${CMAKE_COMMAND} -DMODE=isas -DTEST_BITS=$<TARGET_FILE:test_bits>
  "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}" -DISAS=${_af_bits_isas} -DOUT_DIR=${_af_bits_dir}
  -P ${CMAKE_CURRENT_LIST_DIR}/compare_bits.cmake)
set_tests_properties(bits PROPERTIES LABELS bits FIXTURES_SETUP bits_digests)
if(ACTFAST_BITS_REFERENCE)
  add_test(NAME bits.reference COMMAND ${CMAKE_COMMAND} -DMODE=reference -DISAS=${_af_bits_isas}
    -DOUT_DIR=${_af_bits_dir} -DREFERENCE=${ACTFAST_BITS_REFERENCE} -P ${CMAKE_CURRENT_LIST_DIR}/compare_bits.cmake)
  set_tests_properties(bits.reference PROPERTIES LABELS bits FIXTURES_REQUIRED bits_digests
    SKIP_REGULAR_EXPRESSION "SKIP: ")
endif()
