# Runs `CLI ARGS...` (ARGS separated by '|') in WORKDIR and compares the
# command, its stdout, its stderr and its exit code with the golden file
# GOLDEN. With CLEARANCE_UPDATE_GOLDEN=1 in the environment it rewrites the
# golden file instead; a reviewer reads the diff.
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" " " shown "${ARGS}")
execute_process(COMMAND "${CLI}" ${args}
                WORKING_DIRECTORY "${WORKDIR}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
set(actual "$ clearance ${shown}\n${out}")
if(NOT "${err}" STREQUAL "")
  string(APPEND actual "--- stderr\n${err}")
endif()
string(APPEND actual "--- exit ${code}\n")

if("$ENV{CLEARANCE_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${GOLDEN}" "${actual}")
  message(STATUS "rewrote ${GOLDEN}")
  return()
endif()
if(NOT EXISTS "${GOLDEN}")
  message(FATAL_ERROR "no golden file ${GOLDEN}; CLEARANCE_UPDATE_GOLDEN=1 writes it")
endif()
file(READ "${GOLDEN}" expected)
if(NOT "${actual}" STREQUAL "${expected}")
  file(WRITE "${ACTUAL}" "${actual}")
  execute_process(COMMAND diff -u "${GOLDEN}" "${ACTUAL}" OUTPUT_VARIABLE difference)
  message(FATAL_ERROR "the output differs from ${GOLDEN}:\n${difference}\n"
                      "(CLEARANCE_UPDATE_GOLDEN=1 rewrites the golden file)")
endif()
