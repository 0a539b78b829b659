/* Prints the README's function table from the library's own op table
 * (actfast_get_op_info, actfast_ulp_bound): the README cannot drift from the
 * bounds that the tests enforce; tests/readme_table.cmake checks it. */
#include <math.h>
#include <stdio.h>

#include "actfast.h"

static void bound_cell(actfast_op op, actfast_form form)
{
    double f32 = actfast_ulp_bound(op, form, ACTFAST_F32), f64 = actfast_ulp_bound(op, form, ACTFAST_F64);
    if (f32 < 0)
        printf(" — |");
    else if (f32 == f64)
        printf(" %g |", f32);
    else
        printf(" %g / %g |", f32, f64);
}

/* The 16-bit types' bounds, the same for bf16 and f16 (actfast_ulp_bound):
 * every form in one cell. */
static void half_cell(actfast_op op)
{
    for (int form = 0; form < ACTFAST_FORM_COUNT; form++) {
        const double bf16 = actfast_ulp_bound(op, (actfast_form)form, ACTFAST_BF16);
        if (bf16 != actfast_ulp_bound(op, (actfast_form)form, ACTFAST_F16)) {
            printf(" bf16 and f16 differ |"); /* the table would need a column for each */
            return;
        }
        const char *separator = form ? " / " : " ";
        if (bf16 < 0)
            printf("%s—", separator);
        else
            printf("%s%g", separator, bf16);
    }
    printf(" |");
}

int main(void)
{
    printf("| function | parameters [default] | f(x) | f'(x) | dy·f'(x) | dy·f' from y | bf16, f16: the four |\n");
    printf("|---|---|---|---|---|---|---|\n");
    for (int op = 0; op < ACTFAST_OP_COUNT; op++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
        printf("| `%s` |", info->name);
        if (info->rowwise)
            printf(" rows × cols");
        if (info->gated) /* f(x) is y = a act(gate), dy·f'(x) its backward (da and dgate) */
            printf(" a, gate");
        for (int p = 0; p < info->nparams; p++)
            printf("%s%s [%g]", p ? ", " : " ", info->param_names[p], info->param_defaults[p]);
        printf(" |");
        for (int form = 0; form < ACTFAST_FORM_COUNT; form++)
            bound_cell((actfast_op)op, (actfast_form)form);
        half_cell((actfast_op)op);
        printf("\n");
    }
    return 0;
}
