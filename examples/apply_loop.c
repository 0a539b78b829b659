/* Every function of the library through the generic entries, actfast_apply
 * and (for the gated units, y = a act(gate)) actfast_apply_gated:
 * what a binding or a test harness does to loop over the catalog without
 * naming each function. Prints each one's value and derivative at a few
 * points, with its parameters' defaults and its accuracy bound. Exits nonzero
 * if a call fails. */
#include <stdio.h>

#include <actfast.h>

enum { N = 4 };

int main(void)
{
    const double x[N] = {-2.0, -0.5, 0.5, 2.0}, a[N] = {1.0, 1.0, 1.0, 1.0}, dy[N] = {1.0, 1.0, 1.0, 1.0};
    double y[N], g[N], da[N];
    int failures = 0;
    for (int op = 0; op < ACTFAST_OP_COUNT; op++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
        actfast_params p = actfast_default_params((actfast_op)op);
        if (info->rowwise)
            p.cols = N; /* one row of N */
        actfast_status st;
        if (info->gated) {
            /* a = 1: y = act(gate); the backward's dgate at dy = 1 is act'(gate) */
            st = actfast_apply_gated((actfast_op)op, ACTFAST_FORWARD, ACTFAST_F64, a, x, NULL, y, NULL, N);
            if (st == ACTFAST_OK)
                st = actfast_apply_gated((actfast_op)op, ACTFAST_BACKWARD, ACTFAST_F64, a, x, dy, da, g, N);
        } else {
            st = actfast_apply((actfast_op)op, ACTFAST_FORWARD, ACTFAST_F64, x, NULL, y, N, &p);
            if (st == ACTFAST_OK && info->has_form[ACTFAST_GRAD])
                st = actfast_apply((actfast_op)op, ACTFAST_GRAD, ACTFAST_F64, x, NULL, g, N, &p);
        }
        /* Row-wise functions have no elementwise derivative (only backward). */
        const int has_grad = info->has_form[ACTFAST_GRAD] || info->gated;
        if (st != ACTFAST_OK) {
            fprintf(stderr, "%s: %s\n", info->name, actfast_status_string(st));
            failures++;
            continue;
        }
        printf("%-12s", info->name);
        for (int k = 0; k < info->nparams; k++)
            printf(" %s=%g", info->param_names[k], info->param_defaults[k]);
        printf("  (max %.1f ulp in f32)\n   f:", actfast_ulp_bound((actfast_op)op, ACTFAST_FORWARD, ACTFAST_F32));
        for (int i = 0; i < N; i++)
            printf(" % .6f", y[i]);
        if (has_grad) {
            printf("\n  f':");
            for (int i = 0; i < N; i++)
                printf(" % .6f", g[i]);
        }
        printf("\n");
    }
    printf("%d functions, %d failed\n", (int)ACTFAST_OP_COUNT, failures);
    return failures != 0;
}
