/* prelu with one learned weight per channel over an NCHW tensor, forward
 * and backward, as a convolutional layer's activation; the backward also
 * returns each channel's weight gradient. Exits nonzero if the library
 * refuses or the values are off. */
#include <stdio.h>

#include <actfast.h>

enum { N = 2, C = 3, H = 2, W = 2, COUNT = N * C * H * W };

int main(void)
{
    const float w[C] = {0.25f, 0.1f, 0.0f}; /* one weight per channel */
    float x[COUNT], y[COUNT], dy[COUNT], dx[COUNT], dw[C];
    for (int i = 0; i < COUNT; i++) {
        x[i] = (float)(i % 5) - 2.0f; /* -2, -1, 0, 1, 2, -2, ... */
        dy[i] = 1.0f;
    }
    /* (outer, channels, inner) = (N, C, H * W): element i has channel (i / (H * W)) % C. */
    actfast_status st = actfast_prelu_f32(x, y, COUNT, w, C, H * W);
    if (st == ACTFAST_OK)
        st = actfast_prelu_backward_f32(x, dy, dx, COUNT, w, C, H * W, dw);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    int ok = 1;
    float dw_expected[C] = {0, 0, 0};
    for (int i = 0; i < COUNT; i++) {
        const int c = i / (H * W) % C;
        const float want = x[i] > 0 ? x[i] : w[c] * x[i];
        ok &= y[i] == want && dx[i] == (x[i] > 0 ? 1.0f : w[c]);
        if (x[i] <= 0)
            dw_expected[c] += dy[i] * x[i];
    }
    for (int c = 0; c < C; c++) {
        printf("channel %d: weight %.2f, dw = %g\n", c, w[c], dw[c]);
        ok &= dw[c] == dw_expected[c];
    }
    printf("prelu: y[0..5] = %g %g %g %g %g\n", y[0], y[1], y[2], y[3], y[4]);
    return ok ? 0 : 1;
}
