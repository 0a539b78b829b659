/* The source of the exports test's shared library (tests/public_api.cmake),
 * which is libactfast.a linked whole: CMake wants one, and it defines
 * nothing, so that every symbol of that library comes from the archive. */
typedef int actfast_whole_shared_defines_nothing;
