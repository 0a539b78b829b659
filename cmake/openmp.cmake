# The OpenMP runner of the parallel entry points (src/parallel_openmp.c,
# actfast_runner_openmp): on when ACTFAST_OPENMP is (the default) and CMake
# finds OpenMP for C; otherwise actfast_runner_openmp() returns NULL and the
# library needs no OpenMP runtime. Included by the top-level CMakeLists.txt
# after add_library(actfast). Sets, for cmake/install.cmake:
#   ACTFAST_CONFIG_OPENMP   the line of actfastConfig.cmake that finds OpenMP
#                           (a static libactfast's users link its runtime)
#   ACTFAST_PC_OPENMP_LIBS  the runtime's -l flags for actfast.pc
option(ACTFAST_OPENMP "Build actfast_runner_openmp (needs OpenMP; without it the function returns NULL)" ON)
set(ACTFAST_CONFIG_OPENMP "")
set(ACTFAST_PC_OPENMP_LIBS "")
if(ACTFAST_OPENMP)
  find_package(OpenMP COMPONENTS C)
  if(OpenMP_C_FOUND)
    message(STATUS "actfast: OpenMP runner on (OpenMP ${OpenMP_C_VERSION})")
    target_link_libraries(actfast PRIVATE OpenMP::OpenMP_C)
    set(ACTFAST_CONFIG_OPENMP "find_dependency(OpenMP COMPONENTS C)")
    foreach(_af_lib IN LISTS OpenMP_C_LIB_NAMES)
      string(APPEND ACTFAST_PC_OPENMP_LIBS " -l${_af_lib}")
    endforeach()
  else()
    message(STATUS "actfast: OpenMP not found, actfast_runner_openmp() returns NULL")
  endif()
endif()
