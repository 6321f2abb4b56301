# Runs the compiler on SOURCE and succeeds only when compiling fails with a diagnostic matching the
# regular expression of the file's first line: "// expect: <regex>".
file(STRINGS ${SOURCE} first_line LIMIT_COUNT 1)
string(REGEX REPLACE "^// expect: " "" expected "${first_line}")
execute_process(
    COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE} ${SOURCE}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} compiled, but it must not")
endif()
if(NOT output MATCHES "${expected}")
    message(FATAL_ERROR "${SOURCE} failed to compile without the expected diagnostic \"${expected}\":\n${output}")
endif()
message(STATUS "refused as expected: ${expected}")
