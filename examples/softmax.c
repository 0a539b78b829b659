/* softmax over the rows of a batch of logits, then its backward from the
 * saved output, as a classifier's last layer uses them; exits nonzero if the
 * library refuses or the values are off. */
#include <math.h>
#include <stdio.h>

#include <actfast.h>

enum { ROWS = 2, COLS = 4 };

int main(void)
{
    const float logits[ROWS * COLS] = {1.0f, 2.0f, 3.0f, 4.0f, /* row 0 */
                                       -INFINITY, 0.0f, 0.0f, -INFINITY /* row 1: two live entries */};
    /* dL/dy: the gradient of -log(y[label]) would be -1/y[label] there, 0 elsewhere. */
    const float dy[ROWS * COLS] = {0, 0, 0, -1, 0, -2, 0, 0};
    float y[ROWS * COLS], dx[ROWS * COLS];

    actfast_status st = actfast_softmax_f32(logits, y, ROWS, COLS);
    if (st == ACTFAST_OK) /* backward takes the saved output y */
        st = actfast_softmax_backward_f32(y, dy, dx, ROWS, COLS);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    int ok = 1;
    for (int r = 0; r < ROWS; r++) {
        float sum = 0, dsum = 0;
        printf("row %d: softmax =", r);
        for (int c = 0; c < COLS; c++) {
            printf(" %.6f", y[r * COLS + c]);
            sum += y[r * COLS + c];
            dsum += dx[r * COLS + c];
        }
        printf("   (sum %.6f, sum of dx %.2g)\n", sum, dsum);
        /* Each row sums to 1, and its gradient to 0 (softmax is invariant
         * under adding a constant to the row). */
        ok &= fabsf(sum - 1) < 1e-6f && fabsf(dsum) < 1e-6f;
    }
    /* Row 1: the -inf logits get exactly 0, the two zeros 1/2 each. */
    ok &= y[COLS] == 0.0f && y[COLS + 1] == 0.5f && y[COLS + 2] == 0.5f && y[2 * COLS - 1] == 0.0f;
    return ok ? 0 : 1;
}
