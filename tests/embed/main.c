/* The parent's program: its own asserts on (no build type was given, so
 * libactfast must not have turned the parent's build into Release, whose
 * flags define NDEBUG), libactfast linked from the subproject. */
#include <assert.h>
#include <math.h>
#include <stdio.h>

#include <actfast.h>

#ifdef NDEBUG
#error "NDEBUG is defined: the parent's build type was changed by libactfast"
#endif

int main(void)
{
    const float x[3] = {-1.0f, 0.0f, 2.0f};
    float y[3];
    const actfast_status st = actfast_gelu_f32(x, y, 3);
    assert(st == ACTFAST_OK);
    printf("embedded libactfast %s on %s: gelu(2) = %.7g\n", actfast_version(), actfast_active_isa(), y[2]);
    return st == ACTFAST_OK && fabsf(y[2] - 1.9544997f) < 1e-6f ? 0 : 1;
}
