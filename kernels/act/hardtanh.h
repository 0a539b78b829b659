/* hardtanh(x) = min(max(x, lo), hi) (lo <= hi); hardtanh' = 0
 * at both bounds. */

static inline V hardtanh_forward(V x, const VP *k) { return v_min(v_max(x, hardtanh_lo(k)), hardtanh_hi(k)); }
#define hardtanh_forward_streams 1

static inline V hardtanh_grad_times(V x, V m, const VP *k)
{
    V zero = v_set((T)0);
    return af_pass_nan(x, v_sel(v_gt(x, hardtanh_lo(k)), v_sel(v_lt(x, hardtanh_hi(k)), m, zero), zero));
}
#define hardtanh_grad_times_takes_infinite_m 1
#define hardtanh_grad_times_streams 1

/* lo < y < hi exactly where lo < x < hi. */
static inline V hardtanh_grad_y_times(V y, V m, const VP *k) { return hardtanh_grad_times(y, m, k); }
#define hardtanh_grad_y_times_takes_infinite_m 1
#define hardtanh_grad_y_times_streams 1
