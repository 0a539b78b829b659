/* One head of causal attention's softmax, as a transformer computes it: the
 * scores of a query block lie in a wider buffer (row i at scores + i * ld),
 * scaled by 1/sqrt(d), masked by a padding row shared by every query and by
 * the causal mask; then the backward from the saved probabilities. Exits
 * nonzero if the library refuses or the values are off. */
#include <math.h>
#include <stdio.h>

#include <actfast.h>

enum { QUERIES = 4, KEYS = 4, LD = 8, HEAD_DIM = 64 };

int main(void)
{
    float scores[QUERIES * LD], probs[QUERIES * LD], dprobs[QUERIES * LD], dscores[QUERIES * LD];
    for (int i = 0; i < QUERIES * LD; i++) {
        scores[i] = (float)(i % 5) - 2.0f;
        dprobs[i] = (i % 3 == 0) ? 1.0f : 0.0f;
    }
    /* key 2 is padding for every query: one mask row, ldmask 0 */
    const float padding[KEYS] = {0.0f, 0.0f, -INFINITY, 0.0f};
    actfast_rows_opts o = ACTFAST_ROWS_OPTS_DEFAULT;
    o.scale = 1.0 / sqrt((double)HEAD_DIM);
    o.mask = padding;
    o.ldmask = 0;
    o.causal = 1; /* query i sees keys 0..i */

    actfast_status st = actfast_softmax_ex_f32(scores, LD, probs, LD, QUERIES, KEYS, &o);
    if (st == ACTFAST_OK)
        st = actfast_softmax_backward_ex_f32(probs, LD, dprobs, LD, dscores, LD, QUERIES, KEYS, &o);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    int ok = 1;
    for (int q = 0; q < QUERIES; q++) {
        float sum = 0, dsum = 0;
        printf("query %d: p =", q);
        for (int k = 0; k < KEYS; k++) {
            printf(" %.6f", probs[q * LD + k]);
            sum += probs[q * LD + k];
            dsum += dscores[q * LD + k];
            /* future keys and the padding key get exactly 0, and no gradient */
            if (k > q || k == 2)
                ok &= probs[q * LD + k] == 0.0f && dscores[q * LD + k] == 0.0f;
        }
        printf("   (sum %.6f)\n", sum);
        ok &= fabsf(sum - 1) < 1e-6f && fabsf(dsum) < 1e-6f;
    }
    if (ok)
        printf("causal, padded and scaled rows: every row sums to 1\n");
    return ok ? 0 : 1;
}
