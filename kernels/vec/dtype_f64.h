/* Point the generic vocabulary (generic.h) at double. No include guard: it is
 * included once per dtype section of a kernel translation unit. */
#undef AF_VT
#undef AF_MT
#undef AF_T
#undef AF_VP
#undef AF_MP
#undef AF_SUFFIX
#undef AF_LANES
#undef AF_IS_F64
#define AF_VT vd
#define AF_MT md
#define AF_T double
#define AF_VP vd_
#define AF_MP md_
#define AF_SUFFIX _f64
#define AF_LANES VD_LANES
#define AF_IS_F64 1
