/* The parameter sets (see sweep_params.h). */
#include "harness.h"

#include "sweep_params.h"

/* Besides the defaults: values of the op's parameters 0 and 1, in its row's
 * order. Slopes and scales on both sides of 1, negative ones that the op
 * accepts (SPEC 3: every accepted value keeps the bound; celu's alpha < 0 is
 * refused), the degenerate
 * ends (lambda = 0, lower = upper = 0, lo = hi), PyTorch's softplus
 * threshold, swish's beta = 1.702 of the GELU approximation and a beta so
 * large (1e30) that beta x is not small for subnormal x. A factor
 * that only scales the result (elu's alpha, selu's) is no power of 2, which
 * would give the defaults' errors again. */
static const struct {
    actfast_op op;
    double p0, p1;
} extras[] = {
    {ACTFAST_OP_LEAKY_RELU, 0.2, 0},
    {ACTFAST_OP_LEAKY_RELU, 1.5, 0},
    {ACTFAST_OP_LEAKY_RELU, -0.5, 0},
    {ACTFAST_OP_ELU, 0.3, 0},
    {ACTFAST_OP_ELU, 1.7, 0},
    {ACTFAST_OP_ELU, -1.5, 0},
    {ACTFAST_OP_SOFTPLUS, 0.5, INFINITY},
    {ACTFAST_OP_SOFTPLUS, 2, INFINITY},
    {ACTFAST_OP_SOFTPLUS, -0.3, INFINITY},
    {ACTFAST_OP_SOFTPLUS, 1, 20},
    {ACTFAST_OP_HARDTANH, -2.5, 6},
    {ACTFAST_OP_HARDTANH, 0.25, 0.25},
    {ACTFAST_OP_HARDSHRINK, 0, 0},
    {ACTFAST_OP_HARDSHRINK, 1, 0},
    {ACTFAST_OP_SOFTSHRINK, 0, 0},
    {ACTFAST_OP_SOFTSHRINK, 1, 0},
    {ACTFAST_OP_THRESHOLD, 0.1, 20},
    {ACTFAST_OP_THRESHOLD, -1, -2},
    {ACTFAST_OP_SELU, 1.5, 1.2},
    {ACTFAST_OP_SELU, 0.7, -1.1},
    {ACTFAST_OP_CELU, 0.3, 0},
    {ACTFAST_OP_CELU, 2, 0},
    {ACTFAST_OP_SWISH, 0.5, 0},
    {ACTFAST_OP_SWISH, 2, 0},
    {ACTFAST_OP_SWISH, -1, 0},
    {ACTFAST_OP_SWISH, 1.702, 0},
    {ACTFAST_OP_SWISH, 1e30, 0},
    {ACTFAST_OP_PRELU, -0.3, 0},
    {ACTFAST_OP_PRELU, 0, 0},
    {ACTFAST_OP_PRELU, 1.5, 0},
    {ACTFAST_OP_RRELU, 0.1, 0.7},
    {ACTFAST_OP_RRELU, 0, 0},
    {ACTFAST_OP_RRELU, -0.5, 0.25},
};

/* Non-decreasing in exact arithmetic, at these parameters. */
static int monotone_at(actfast_op op, const actfast_params *p)
{
    if (!actfast_get_op_info(op)->monotone)
        return 0;
    switch (op) {
    case ACTFAST_OP_LEAKY_RELU:
        return p->slope >= 0;
    case ACTFAST_OP_PRELU:
        return p->weight >= 0;
    case ACTFAST_OP_RRELU:
        return p->lower + p->upper >= 0;
    case ACTFAST_OP_ELU:
        return p->alpha >= 0;
    case ACTFAST_OP_SELU:
        return p->alpha >= 0 && p->lambd >= 0;
    case ACTFAST_OP_THRESHOLD:
        return p->value <= p->threshold;
    case ACTFAST_OP_SOFTPLUS:
        /* Where beta x passes t, x replaces log1p(e^(beta x))/beta: a drop of
         * log1p(e^-t)/|beta|, below half a float ulp of t/beta for t >= 20
         * (e^-20/20 = 1e-10 < 2^-25), so that rounded results stay sorted. */
        return p->threshold >= 20;
    default:
        return 1;
    }
}

static void fill(sweep_params *s, actfast_op op, actfast_params p, int is_default)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    int used = 0;
    s->name[0] = '\0';
    for (int i = 0; i < info->nparams; i++) {
        double *field = h_param_field(&p, info, i);
        *field = (float)*field;
        if (!is_default)
            used += snprintf(s->name + used, sizeof s->name - (size_t)used, "%s%s=%g", i ? " " : "",
                             info->param_names[i], *field);
    }
    if (is_default)
        snprintf(s->name, sizeof s->name, "default");
    s->p = p;
    s->is_default = is_default;
    s->monotone = monotone_at(op, &p);
}

int sweep_param_sets(actfast_op op, sweep_params *sets)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    int n = 0;
    fill(&sets[n++], op, actfast_default_params(op), 1);
    for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++) {
        if (extras[i].op != op)
            continue;
        actfast_params p = actfast_default_params(op);
        const double values[2] = {extras[i].p0, extras[i].p1};
        for (int k = 0; k < info->nparams; k++)
            *h_param_field(&p, info, k) = values[k];
        fill(&sets[n++], op, p, 0);
    }
    return n;
}
