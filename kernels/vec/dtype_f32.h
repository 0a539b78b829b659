/* Point the generic vocabulary (generic.h) at float. No include guard: it is
 * included once per dtype section of a kernel translation unit. */
#undef AF_VT
#undef AF_MT
#undef AF_T
#undef AF_VP
#undef AF_MP
#undef AF_SUFFIX
#undef AF_LANES
#undef AF_IS_F64
#define AF_VT vf
#define AF_MT mf
#define AF_T float
#define AF_VP vf_
#define AF_MP mf_
#define AF_SUFFIX _f32
#define AF_LANES VF_LANES
#define AF_IS_F64 0
