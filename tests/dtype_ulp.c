/* Errors of results of any dtype (see dtype_ulp.h). */
#include "dtype_ulp.h"

#include <math.h>

#include "reference.h"

dtype_format format_of(actfast_dtype dt)
{
    static const dtype_format formats[] = {{24, -125, -148, 128}, {53, -1021, -1073, 1024}, {8, -125, -132, 128},
                                           {11, -13, -23, 16}};
    return formats[dt];
}

double rounded(actfast_dtype dt, const mpfr_t v)
{
    if (mpfr_nan_p(v))
        return NAN;
    const dtype_format f = format_of(dt);
    const mpfr_exp_t old_min = mpfr_get_emin(), old_max = mpfr_get_emax();
    mpfr_t t;
    mpfr_init2(t, f.precision);
    mpfr_set_emin(f.emin);
    mpfr_set_emax(f.emax);
    int inexact = mpfr_set(t, v, MPFR_RNDN);
    inexact = mpfr_check_range(t, inexact, MPFR_RNDN);
    mpfr_subnormalize(t, inexact, MPFR_RNDN);
    const double d = mpfr_get_d(t, MPFR_RNDN);
    mpfr_set_emin(old_min);
    mpfr_set_emax(old_max);
    mpfr_clear(t);
    return d;
}

double ulp_error(actfast_dtype dt, const mpfr_t ref, const mpfr_t scale, double got, int zero_sign_matters)
{
    if (mpfr_nan_p(ref))
        return isnan(got) ? 0 : INFINITY;
    if (isnan(got))
        return INFINITY;
    const double expected = rounded(dt, ref);
    if (isinf(expected) || isinf(got))
        return got == expected ? 0 : INFINITY;
    if (mpfr_zero_p(ref))
        return got == 0 && (!zero_sign_matters || !signbit(got) == !mpfr_signbit(ref)) ? 0 : INFINITY;
    const dtype_format f = format_of(dt);
    mpfr_t mag, diff;
    mpfr_inits2(REF_PREC, mag, diff, (mpfr_ptr)0);
    mpfr_abs(mag, ref, MPFR_RNDN);
    if (mpfr_cmpabs(scale, mag) > 0)
        mpfr_abs(mag, scale, MPFR_RNDN);
    const long e = mpfr_get_exp(mag);
    mpfr_set_d(diff, got, MPFR_RNDN);
    mpfr_sub(diff, diff, ref, MPFR_RNDN);
    mpfr_abs(diff, diff, MPFR_RNDN);
    mpfr_mul_2si(diff, diff, f.precision - (e > f.emin_normal ? e : f.emin_normal), MPFR_RNDN);
    const double err = mpfr_get_d(diff, MPFR_RNDU);
    mpfr_clears(mag, diff, (mpfr_ptr)0);
    return err;
}
