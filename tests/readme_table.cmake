# cmake -DTABLE_TOOL=<accuracy_table> -DREADME=<README.md> -P readme_table.cmake
# Fails when the README's table (between the accuracy-table markers) differs
# from what the library's op table says, and prints the right one.
execute_process(COMMAND ${TABLE_TOOL} OUTPUT_VARIABLE expected RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TABLE_TOOL} failed: ${rc}")
endif()
file(READ ${README} readme)
string(REGEX MATCH "<!-- accuracy-table:begin -->\n(.*)<!-- accuracy-table:end -->" found "${readme}")
if(NOT found)
  message(FATAL_ERROR "${README} has no accuracy-table markers")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL expected)
  message(FATAL_ERROR "README.md's table is out of date; replace it with:\n${expected}")
endif()
message(STATUS "README table matches the op table")
