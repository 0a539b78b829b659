/* reglu(a, g) = a relu(g): one product, rounded once (an FMA with -0, the
 * same bits, as it may be subnormal); a = inf with g <= 0 is inf * 0 = NaN,
 * the IEEE value. The float arrays' formula is the same. */
#if AF_IS_F64
static inline V reglu_gated_forward(V a, V g, const VP *k) { return af_mul_small(a, relu_forward(g, k)); }
#define reglu_gate_grad_times relu_grad_times
AF_GATED_COMPOSED_BACKWARD(reglu)
#define reglu_float_gated_forward reglu_gated_forward
#define reglu_float_gated_backward reglu_gated_backward
#define reglu_float_gated_interleaves 1
#endif
