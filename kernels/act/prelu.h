/* prelu(x) = x > 0 ? x : w x with a single weight w: leaky_relu's bodies.
 * The channel layouts (one weight per channel) run the slopes kernels of
 * kernels/elementwise.h from src/prelu.c; prelu'(0) = w. */

static inline V prelu_forward(V x, const VP *k) { return leaky_relu_forward(x, k); }
#define prelu_forward_streams 1

static inline V prelu_grad_times(V x, V m, const VP *k) { return leaky_relu_grad_times(x, m, k); }
#define prelu_grad_times_takes_infinite_m 1
#define prelu_grad_times_streams 1

/* dy d prelu/dw = dy x for x <= 0; 0 above whatever dy is. */
static inline V prelu_param_grad_times(V x, V m, const VP *k)
{
    (void)k;
    return af_pass_nan(x, v_sel(v_gt(x, v_set((T)0)), v_set((T)0), af_mul_small(m, x)));
}
