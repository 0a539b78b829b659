# Cross build for AArch64 Linux on a Debian x86-64 host; CTest runs the tests
# under qemu's user-mode emulator. Debian packages (scripts/run aarch64
# installs them): gcc-aarch64-linux-gnu, qemu-user, and after
# `dpkg --add-architecture arm64` the multiarch libsleef-dev:arm64,
# libmpfr-dev:arm64 and libgmp-dev:arm64, whose headers and libraries sit in
# /usr/include/aarch64-linux-gnu and /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# find_path and find_library look in the multiarch directories first...
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# ...and pkg-config must not hand out the host's (x86-64) library paths.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

# The arm64 libc6 that libsleef3:arm64 pulls in puts the dynamic loader at
# /lib/ld-linux-aarch64.so.1 and the libraries in /lib/aarch64-linux-gnu, where
# qemu finds them as they are: no -L prefix (binfmt_misc is not needed either).
# A prefix of /usr/aarch64-linux-gnu would pair the cross toolchain's loader
# with the multiarch libc, which need not be the same glibc build.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
