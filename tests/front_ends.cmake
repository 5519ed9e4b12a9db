# Fails when a front end (src/cli, src/capi, src/serve, python/) includes a
# header from the library's internals: a front end sees include/clearance/,
# its own folder and the serve front end (which the CLI runs as a verb) only. Run by ctest: cmake -DROOT=<source dir> -P front_ends.cmake
file(GLOB_RECURSE sources
     ${ROOT}/src/cli/*.cpp ${ROOT}/src/cli/*.hpp
     ${ROOT}/src/capi/*.cpp ${ROOT}/src/capi/*.hpp
     ${ROOT}/src/serve/*.cpp ${ROOT}/src/serve/*.hpp
     ${ROOT}/python/*.cpp ${ROOT}/python/*.hpp)
set(bad "")
foreach(source IN LISTS sources)
  get_filename_component(dir "${source}" DIRECTORY)
  get_filename_component(folder "${dir}" NAME)
  file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*$" "\\1" path "${line}")
    if(path MATCHES "^clearance/" OR path MATCHES "^${folder}/" OR path MATCHES "^serve/" OR NOT path MATCHES "/")
      continue()
    endif()
    file(RELATIVE_PATH shown "${ROOT}" "${source}")
    string(APPEND bad "  ${shown}: #include \"${path}\"\n")
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "front ends must include only clearance/ public headers:\n${bad}")
endif()
message(STATUS "front ends include only public headers (${CMAKE_CURRENT_LIST_FILE})")
