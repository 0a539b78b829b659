/* The subnormal-counting build (cmake -DACTFAST_COUNT_SUBNORMALS=ON): the
 * scalar vocabulary checks every operand and result of its arithmetic and
 * counts the subnormal ones, per operation, so that a test can prove on any
 * CPU that the kernels keep subnormals out of their arithmetic. Intel cores
 * take a microcode assist of about 150 cycles for an instruction whose
 * result is subnormal or, for multiplies, FMAs and divisions, whose operand
 * is; Zen 5 takes none, so timing alone cannot show it. The vector ISAs
 * share the kernel text and the bits, so the scalar count covers them.
 *
 * The counters are per thread: a test reads the ones of the calls it made. */
#ifndef ACTFAST_SUBNORMAL_EVENTS_H
#define ACTFAST_SUBNORMAL_EVENTS_H

#include <fenv.h>
#include <math.h>

/* What took or made the subnormal: the result of an addition or subtraction,
 * an operand or the result of a product, FMA or quotient, the result of an
 * ldexp, a conversion between float and double (either side), and an
 * argument or result of SLEEF's log1p. A result that underflowed to 0 (a
 * tiny exact value rounded away: the underflow flag) counts as subnormal:
 * making it takes the same assist. */
#define AF_SUBNORMAL_EVENTS(X) X(add) X(sub) X(mul) X(div) X(fma) X(ldexp) X(convert) X(log1p)

typedef enum af_subnormal_event {
#define AF_SUBNORMAL_EVENT_ENUM(name) AF_EV_##name,
    AF_SUBNORMAL_EVENTS(AF_SUBNORMAL_EVENT_ENUM)
#undef AF_SUBNORMAL_EVENT_ENUM
    AF_EV_COUNT
} af_subnormal_event;

extern _Thread_local unsigned long actfast__subnormal_events[AF_EV_COUNT];

/* The counters of this thread to 0; the name of event e ("mul"). */
void actfast__subnormal_events_reset(void);
const char *actfast__subnormal_event_name(int e);

/* The underflow flag cleared, before the operation that AF_CF counts (the
 * build compiles these units with -frounding-math, so that the operation
 * stays between this and the test of the flag). */
static inline int af_underflow_clear(void) { return feclearexcept(FE_UNDERFLOW); }
static inline int af_underflowed_to_zero(double r) { return r == 0 && fetestexcept(FE_UNDERFLOW); }

/* r, and one event e if r, a, b or c is subnormal, or r underflowed to 0:
 * an instruction is assisted once, however many of its values are. */
static inline float af_counted_f(af_subnormal_event e, float r, float a, float b, float c)
{
    if (fpclassify(r) == FP_SUBNORMAL || fpclassify(a) == FP_SUBNORMAL || fpclassify(b) == FP_SUBNORMAL ||
        fpclassify(c) == FP_SUBNORMAL || af_underflowed_to_zero(r))
        actfast__subnormal_events[e]++;
    return r;
}

static inline double af_counted_d(af_subnormal_event e, double r, double a, double b, double c)
{
    if (fpclassify(r) == FP_SUBNORMAL || fpclassify(a) == FP_SUBNORMAL || fpclassify(b) == FP_SUBNORMAL ||
        fpclassify(c) == FP_SUBNORMAL || af_underflowed_to_zero(r))
        actfast__subnormal_events[e]++;
    return r;
}

#endif
