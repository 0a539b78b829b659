// include/actfast.h promises C++ users the same API as C: this translation
// unit is built (not run) with -pedantic-errors, so that a C-only construct in
// the header, generated or hand-written, fails the build.
#include <actfast.h>
