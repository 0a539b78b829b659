# The ISAs of this build and their compiler flags. Each ISA compiles
# kernels/table.c once per dtype, with its flags, its AF_ISA_* and an
# AF_DTYPE_* definition, into an OBJECT library; only those translation units
# ever see the flags, so the rest of the library runs on any CPU of the
# architecture. Hidden visibility: the tables are the library's own, never
# exported from a shared libactfast. -ffp-contract=off: a
# fused multiply-add only where a kernel writes one, on every ISA alike, which
# is what lets every ISA return the same bits. GCC's inlining limits: past its
# default growth limits GCC calls some helpers of the bodies (exp, af_exp_tail,
# whole bodies) out of line in this large translation unit, and every such
# call spills the live vectors (all vector registers are caller-saved), which
# cost up to 1.5x; inlining changes no result.
#
# Sets ACTFAST_ISAS (names) and ACTFAST_ISA_OBJECTS ($<TARGET_OBJECTS:...>).

# A test build: the NEON kernels compiled on x86 through SIMDe's NEON
# implementation, registered as ISA "neon", so that they run the whole test
# suite natively (fast) before the qemu run on a cross build.
option(ACTFAST_SIMDE_NEON "x86: also build the NEON kernels through SIMDe, as ISA neon (for testing)" OFF)

set(ACTFAST_ISAS "")
set(ACTFAST_ISA_OBJECTS "")

# actfast_add_isa(name definitions [compile options...]): definitions is a
# list, AF_ISA_<NAME> first.
function(actfast_add_isa name definitions)
  set(objects ${ACTFAST_ISA_OBJECTS})
  foreach(dtype f32 f64)
    set(target actfast_kernels_${name}_${dtype})
    string(TOUPPER ${dtype} upper)
    add_library(${target} OBJECT ${PROJECT_SOURCE_DIR}/kernels/table.c)
    target_compile_definitions(${target} PRIVATE ${definitions} AF_DTYPE_${upper})
    if(ACTFAST_COUNT_SUBNORMALS AND name MATCHES "^scalar")
      target_compile_definitions(${target} PRIVATE AF_COUNT_SUBNORMALS=1)
      target_compile_options(${target} PRIVATE -frounding-math)
    endif()
    target_compile_options(${target} PRIVATE -ffp-contract=off ${ARGN}
      "$<$<C_COMPILER_ID:GNU>:--param=large-function-growth=1000;--param=inline-unit-growth=1000;--param=max-inline-insns-single=1000>")
    target_include_directories(${target} PRIVATE
      ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/kernels)
    target_link_libraries(${target} PRIVATE SLEEF::sleef)
    set_target_properties(${target} PROPERTIES C_VISIBILITY_PRESET hidden)
    actfast_warnings(${target})
    list(APPEND objects $<TARGET_OBJECTS:${target}>)
  endforeach()
  set(ACTFAST_ISAS ${ACTFAST_ISAS} ${name} PARENT_SCOPE)
  set(ACTFAST_ISA_OBJECTS ${objects} PARENT_SCOPE)
endfunction()

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  actfast_add_isa(scalar AF_ISA_SCALAR)
  actfast_add_isa(scalar_fma AF_ISA_SCALAR_FMA -mfma)
  actfast_add_isa(avx2 AF_ISA_AVX2 -mavx2 -mfma -mf16c)
  actfast_add_isa(avx512 AF_ISA_AVX512 -mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma -mf16c)
  # The ISAs the tests and the bench force, one by one.
  set(ACTFAST_PUBLIC_ISAS scalar avx2 avx512)
  if(ACTFAST_SIMDE_NEON)
    find_path(SIMDE_INCLUDE_DIR simde/arm/neon.h) # Debian: libsimde-dev
    mark_as_advanced(SIMDE_INCLUDE_DIR)
    if(NOT SIMDE_INCLUDE_DIR)
      message(FATAL_ERROR "ACTFAST_SIMDE_NEON needs SIMDe's simde/arm/neon.h (Debian: libsimde-dev)")
    endif()
    # -mfma: SLEEF's purecfma functions stand in for its advsimd ones, and
    # SIMDe's vfmaq is fused only with it.
    actfast_add_isa(neon "AF_ISA_NEON;AF_NEON_SIMDE" -mfma)
    foreach(dtype f32 f64)
      target_include_directories(actfast_kernels_neon_${dtype} PRIVATE ${SIMDE_INCLUDE_DIR})
    endforeach()
    # src/dispatch.c lists the extra kernel set.
    set_property(SOURCE ${PROJECT_SOURCE_DIR}/src/dispatch.c APPEND PROPERTY COMPILE_DEFINITIONS AF_NEON_SIMDE)
    list(APPEND ACTFAST_PUBLIC_ISAS neon)
  endif()
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  # Every AArch64 CPU has FMA, hence the purecfma flavour of scalar.
  actfast_add_isa(scalar_fma AF_ISA_SCALAR_FMA)
  actfast_add_isa(neon AF_ISA_NEON)
  # GCC 12 for AArch64 takes af_estrin's array (kernels/act/poly.h) for
  # maybe uninitialized in the NEON double unit, 247 times: a false positive
  # (every element is written before it is read). The x86 units compile the
  # same source with the warning on; an initializer changed their code.
  target_compile_options(actfast_kernels_neon_f64 PRIVATE $<$<C_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  set(ACTFAST_PUBLIC_ISAS scalar neon)
else()
  actfast_add_isa(scalar AF_ISA_SCALAR)
  set(ACTFAST_PUBLIC_ISAS scalar)
endif()
