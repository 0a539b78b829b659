# cmake --install: the header, the library, a CMake package
# (find_package(actfast) -> actfast::actfast), a pkg-config file and
# docs/contract.md (share/doc/actfast).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS actfast EXPORT actfastTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/actfast.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The contract the header points to, for users of an installed copy.
install(FILES docs/contract.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(ACTFAST_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/actfast)
install(EXPORT actfastTargets NAMESPACE actfast:: DESTINATION ${ACTFAST_CMAKE_DIR})
configure_package_config_file(cmake/actfastConfig.cmake.in
  ${PROJECT_BINARY_DIR}/actfastConfig.cmake INSTALL_DESTINATION ${ACTFAST_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/actfastConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/actfastConfig.cmake
  ${PROJECT_BINARY_DIR}/actfastConfigVersion.cmake
  cmake/FindSLEEF.cmake
  DESTINATION ${ACTFAST_CMAKE_DIR})

# Relative to the .pc file, so that the installed tree can be moved.
file(RELATIVE_PATH ACTFAST_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
# A static libactfast needs SLEEF and libm in every link, not only in
# `pkg-config --static`'s: `pkg-config --libs actfast` is what users type,
# and its flags must link (OpenMP's runtime too, with the OpenMP runner:
# cmake/openmp.cmake). A shared one brings its own dependencies.
get_target_property(_af_library_type actfast TYPE)
if(_af_library_type STREQUAL "STATIC_LIBRARY")
  set(ACTFAST_PC_REQUIRES "Requires: sleef")
  set(ACTFAST_PC_LIBS " -lm${ACTFAST_PC_OPENMP_LIBS}")
  set(ACTFAST_PC_LIBS_PRIVATE "")
else()
  set(ACTFAST_PC_REQUIRES "Requires.private: sleef")
  set(ACTFAST_PC_LIBS "")
  set(ACTFAST_PC_LIBS_PRIVATE "Libs.private: -lm${ACTFAST_PC_OPENMP_LIBS}")
endif()
configure_file(cmake/actfast.pc.in ${PROJECT_BINARY_DIR}/actfast.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/actfast.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
