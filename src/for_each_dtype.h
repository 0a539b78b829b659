/* Includes AF_TYPED_FILE once per dtype, with T (the element type), PT (the
 * parameters' type), DT (f32, f64, ...: the suffix of the public names) and
 * DTYPE (the actfast_dtype) defined: how the hand-written entry points are
 * stamped for float and double from one source, and for bf16 and f16 too
 * where AF_TYPED_HALVES is defined. Those compute in float: CT is the type
 * the kernels compute in (and of slopes and terms), CDT its suffix, and
 * AF_ELEM_VALUE(v) an element as a CT, AF_ELEM_ROUND(d) a double rounded to
 * an element. No include guard, by design. */
#define AF_CAT_(a, b) a##b
#define AF_CAT(a, b) AF_CAT_(a, b)

#define AF_ELEM_VALUE(v) (v)
#define AF_ELEM_ROUND(d) ((T)(d))

#define T float
#define PT float
#define CT float
#define CDT f32
#define DT f32
#define DTYPE ACTFAST_F32
#include AF_TYPED_FILE
#undef T
#undef PT
#undef CT
#undef CDT
#undef DT
#undef DTYPE

#define T double
#define PT double
#define CT double
#define CDT f64
#define DT f64
#define DTYPE ACTFAST_F64
#include AF_TYPED_FILE
#undef T
#undef PT
#undef CT
#undef CDT
#undef DT
#undef DTYPE

#undef AF_ELEM_VALUE
#undef AF_ELEM_ROUND

#ifdef AF_TYPED_HALVES
#define CT float
#define CDT f32
#define PT float
#define AF_ELEM_ROUND(d) actfast__double_to_half(d, DTYPE)

#define T actfast_bf16
#define DT bf16
#define DTYPE ACTFAST_BF16
#define AF_ELEM_VALUE(v) af_bf16_to_float(v)
#include AF_TYPED_FILE
#undef T
#undef DT
#undef DTYPE
#undef AF_ELEM_VALUE

#define T actfast_f16
#define DT f16
#define DTYPE ACTFAST_F16
#define AF_ELEM_VALUE(v) af_f16_to_float(v)
#include AF_TYPED_FILE
#undef T
#undef DT
#undef DTYPE
#undef AF_ELEM_VALUE

#undef CT
#undef CDT
#undef PT
#undef AF_ELEM_ROUND
#endif

#undef AF_TYPED_FILE
