/* GELU forward and backward on a small batch, as a training step would call
 * them; exits nonzero if the library refuses or the values are off. */
#include <math.h>
#include <stdio.h>

#include <actfast.h>

int main(void)
{
    const float x[] = {-3.0f, -1.0f, 0.0f, 0.5f, 2.0f};
    const float dy[] = {1.0f, 1.0f, 1.0f, 1.0f, 1.0f};
    enum { N = sizeof x / sizeof x[0] };
    float y[N], dx[N];

    actfast_status st = actfast_gelu_f32(x, y, N);
    if (st == ACTFAST_OK)
        st = actfast_gelu_backward_f32(x, dy, dx, N);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    printf("libactfast %s on %s\n", actfast_version(), actfast_active_isa());
    for (int i = 0; i < N; i++)
        printf("gelu(%g) = %.7g, gelu'(%g) = %.7g\n", x[i], y[i], x[i], dx[i]);
    /* gelu(2) = 2 * Phi(2) = 1.9544997..., gelu'(0) = 1/2. */
    return fabsf(y[4] - 1.9544997f) < 1e-6f && dx[2] == 0.5f ? 0 : 1;
}
