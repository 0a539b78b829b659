/* Includes AF_TYPED_FILE twice, once per dtype, with T (the element type),
 * DT (f32, f64: the suffix of the public names) and DTYPE (the
 * actfast_dtype) defined: how the hand-written entry points are stamped for
 * float and double from one source. No include guard, by design. */
#define AF_CAT_(a, b) a##b
#define AF_CAT(a, b) AF_CAT_(a, b)

#define T float
#define DT f32
#define DTYPE ACTFAST_F32
#include AF_TYPED_FILE
#undef T
#undef DT
#undef DTYPE

#define T double
#define DT f64
#define DTYPE ACTFAST_F64
#include AF_TYPED_FILE
#undef T
#undef DT
#undef DTYPE

#undef AF_TYPED_FILE
