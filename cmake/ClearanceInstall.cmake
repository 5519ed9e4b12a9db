# Install rules: headers, both libraries, the CLI, the CMake package and
# clearance.pc (README.md "Embedding", "Install").
#
# The CMake package gives clearance::clearance (the shared library; its
# dependencies stay private) and, when yaml-cpp and OpenSSL can be found on
# the consumer's machine, clearance::clearance_static (see
# clearanceConfig.cmake.in). The two are separate export sets so that a
# consumer of the shared library needs none of the static one's dependencies.
include(CMakePackageConfigHelpers)

set(CLEARANCE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/clearance)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/clearance
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT clearance_development)
install(FILES ${PROJECT_BINARY_DIR}/include/clearance/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/clearance
        COMPONENT clearance_development)

install(TARGETS clearance_shared EXPORT clearanceTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          COMPONENT clearance_runtime NAMELINK_COMPONENT clearance_development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT clearance_runtime)
install(TARGETS clearance EXPORT clearanceStaticTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT clearance_development)
install(TARGETS clearance_cli
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT clearance_runtime)

install(EXPORT clearanceTargets NAMESPACE clearance::
        DESTINATION ${CLEARANCE_CMAKE_DIR} COMPONENT clearance_development)
install(EXPORT clearanceStaticTargets NAMESPACE clearance::
        DESTINATION ${CLEARANCE_CMAKE_DIR} COMPONENT clearance_development)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/clearanceConfig.cmake.in
  ${PROJECT_BINARY_DIR}/clearanceConfig.cmake
  INSTALL_DESTINATION ${CLEARANCE_CMAKE_DIR})
# Pre-1.0, a minor version may break compatibility: only 0.1.x satisfies 0.1.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/clearanceConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/clearanceConfig.cmake ${PROJECT_BINARY_DIR}/clearanceConfigVersion.cmake
        DESTINATION ${CLEARANCE_CMAKE_DIR} COMPONENT clearance_development)

# pkg-config: the prefix is found from the .pc file's own place, so that
# `cmake --install --prefix ANY` and a relocated install both work.
function(clearance_pc_dir var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${var} "${dir}" PARENT_SCOPE)
  else()
    set(${var} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CLEARANCE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  # One ".." per component of LIBDIR/pkgconfig leads back to the prefix.
  string(REGEX REPLACE "[^/]+" ".." _clearance_up "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  set(CLEARANCE_PC_PREFIX "\${pcfiledir}/${_clearance_up}")
endif()
clearance_pc_dir(CLEARANCE_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
clearance_pc_dir(CLEARANCE_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/clearance.pc.in ${PROJECT_BINARY_DIR}/clearance.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/clearance.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT clearance_development)
