/* The oneDNN baseline (Debian's libdnnl-dev, oneDNN 2.x C API): its eltwise
 * forward and backward primitives and its softmax, f32, on the same arrays
 * as the library. Built only when CMake finds oneDNN (bench/CMakeLists.txt).
 *
 * oneDNN runs its primitives on OpenMP threads; libactfast is single-threaded,
 * so oneDNN gets one thread too and the two are compared core for core. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dnnl.h>
#include <dnnl_debug.h>

#include "baselines.h"

/* Where oneDNN's alpha and beta of an algorithm come from. */
typedef enum param_source {
    PARAM_ZERO,
    PARAM_ONE,
    PARAM_SIX,
    PARAM_SLOPE,
    PARAM_ALPHA,
    PARAM_BETA,
    PARAM_LO,
    PARAM_HI,
    PARAM_WEIGHT,
    PARAM_RRELU_EVAL
} param_source;

/* The library's ops as oneDNN eltwise algorithms. alg_from_y: the algorithm
 * whose backward takes y = f(x) instead of x (dnnl_alg_kind_undef: none).
 * oneDNN 2.6 has no hardsigmoid, hardshrink, softshrink, threshold, softsign,
 * selu, celu or tanhshrink. */
typedef struct eltwise_alg {
    const char *op;
    dnnl_alg_kind_t alg, alg_from_y;
    param_source alpha, beta;
} eltwise_alg;

static const eltwise_alg eltwise_algs[] = {
    {"sigmoid", dnnl_eltwise_logistic, dnnl_eltwise_logistic_use_dst_for_bwd, PARAM_ZERO, PARAM_ZERO},
    {"tanh", dnnl_eltwise_tanh, dnnl_eltwise_tanh_use_dst_for_bwd, PARAM_ZERO, PARAM_ZERO},
    {"relu", dnnl_eltwise_relu, dnnl_eltwise_relu_use_dst_for_bwd, PARAM_ZERO, PARAM_ZERO},
    {"leaky_relu", dnnl_eltwise_relu, dnnl_eltwise_relu_use_dst_for_bwd, PARAM_SLOPE, PARAM_ZERO},
    {"elu", dnnl_eltwise_elu, dnnl_eltwise_elu_use_dst_for_bwd, PARAM_ALPHA, PARAM_ZERO},
    {"gelu", dnnl_eltwise_gelu_erf, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO},
    {"silu", dnnl_eltwise_swish, dnnl_alg_kind_undef, PARAM_ONE, PARAM_ZERO}, /* swish with beta = 1 */
    {"mish", dnnl_eltwise_mish, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO},
    {"softplus", dnnl_eltwise_soft_relu, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO}, /* beta = 1 only in oneDNN 2.x */
    {"relu6", dnnl_eltwise_clip_v2, dnnl_eltwise_clip_v2_use_dst_for_bwd, PARAM_ZERO, PARAM_SIX},
    {"hardtanh", dnnl_eltwise_clip_v2, dnnl_eltwise_clip_v2_use_dst_for_bwd, PARAM_LO, PARAM_HI},
    {"hardswish", dnnl_eltwise_hardswish, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO},
    {"logsigmoid", dnnl_eltwise_logsigmoid, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO},
    {"swish", dnnl_eltwise_swish, dnnl_alg_kind_undef, PARAM_BETA, PARAM_ZERO},
    {"gelu_tanh", dnnl_eltwise_gelu_tanh, dnnl_alg_kind_undef, PARAM_ZERO, PARAM_ZERO},
    /* one weight for every element, and rrelu's eval mode: relu with a slope */
    {"prelu", dnnl_eltwise_relu, dnnl_alg_kind_undef, PARAM_WEIGHT, PARAM_ZERO},
    {"rrelu", dnnl_eltwise_relu, dnnl_alg_kind_undef, PARAM_RRELU_EVAL, PARAM_ZERO},
};
enum { ELTWISE_ALGS = sizeof eltwise_algs / sizeof eltwise_algs[0] };

/* Row-wise: softmax and log_softmax over rows of BENCH_ROW_LENGTH (oneDNN has
 * no softmin). */
typedef struct softmax_alg {
    const char *op;
    dnnl_alg_kind_t alg;
} softmax_alg;

static const softmax_alg softmax_algs[] = {
    {"softmax", dnnl_softmax_accurate},
    {"log_softmax", dnnl_softmax_log},
};
enum { SOFTMAX_ALGS = sizeof softmax_algs / sizeof softmax_algs[0] };

static dnnl_engine_t engine;
static dnnl_stream_t stream;

struct onednn_case {
    dnnl_primitive_t primitive;
    int nargs;
    dnnl_exec_arg_t args[3];
};

static const softmax_alg *find_softmax(const char *op)
{
    for (int i = 0; i < SOFTMAX_ALGS; i++)
        if (strcmp(softmax_algs[i].op, op) == 0)
            return &softmax_algs[i];
    return NULL;
}

static const eltwise_alg *find_eltwise(const char *op)
{
    for (int i = 0; i < ELTWISE_ALGS; i++)
        if (strcmp(eltwise_algs[i].op, op) == 0)
            return &eltwise_algs[i];
    return NULL;
}

const char *onednn_init(void)
{
    static char description[96];
    omp_set_num_threads(1);
    if (dnnl_engine_create(&engine, dnnl_cpu, 0) != dnnl_success ||
        dnnl_stream_create(&stream, engine, dnnl_stream_default_flags) != dnnl_success)
        return "oneDNN: no CPU engine";
    const dnnl_version_t *v = dnnl_version();
    snprintf(description, sizeof description, "%d.%d.%d %s", v->major, v->minor, v->patch,
             dnnl_cpu_isa2str(dnnl_get_effective_cpu_isa()));
    return description;
}

void onednn_shutdown(void)
{
    dnnl_stream_destroy(stream);
    dnnl_engine_destroy(engine);
}

int onednn_has(const char *op, actfast_form form)
{
    if (find_softmax(op))
        return form == ACTFAST_FORWARD || form == ACTFAST_BACKWARD_FROM_Y;
    const eltwise_alg *e = find_eltwise(op);
    if (!e)
        return 0;
    switch (form) {
    case ACTFAST_FORWARD:
    case ACTFAST_BACKWARD:
        return 1;
    case ACTFAST_BACKWARD_FROM_Y:
        return e->alg_from_y != dnnl_alg_kind_undef;
    default:
        return 0; /* oneDNN has no f'(x) on its own */
    }
}

/* The primitive descriptor of an initialized op descriptor, or NULL. */
static dnnl_primitive_desc_t create_pd(dnnl_status_t init, const void *op_desc, const_dnnl_primitive_desc_t hint)
{
    dnnl_primitive_desc_t pd = NULL;
    if (init != dnnl_success || dnnl_primitive_desc_create(&pd, op_desc, NULL, engine, hint) != dnnl_success)
        return NULL;
    return pd;
}

/* An algorithm with its alpha and beta (row-wise: the softmax algorithm). */
typedef struct alg_call {
    dnnl_alg_kind_t alg;
    float alpha, beta;
    int rowwise;
} alg_call;

static dnnl_primitive_desc_t forward_pd(const alg_call *a, const dnnl_memory_desc_t *md, dnnl_prop_kind_t prop)
{
    if (a->rowwise) {
        dnnl_softmax_v2_desc_t d;
        return create_pd(dnnl_softmax_v2_forward_desc_init(&d, prop, a->alg, md, md, 1), &d, NULL);
    }
    dnnl_eltwise_desc_t d;
    return create_pd(dnnl_eltwise_forward_desc_init(&d, prop, a->alg, md, a->alpha, a->beta), &d, NULL);
}

static dnnl_primitive_desc_t backward_pd(const alg_call *a, const dnnl_memory_desc_t *md,
                                         const_dnnl_primitive_desc_t hint)
{
    if (a->rowwise) {
        dnnl_softmax_v2_desc_t d;
        return create_pd(dnnl_softmax_v2_backward_desc_init(&d, a->alg, md, md, md, 1), &d, hint);
    }
    dnnl_eltwise_desc_t d;
    return create_pd(dnnl_eltwise_backward_desc_init(&d, a->alg, md, md, a->alpha, a->beta), &d, hint);
}

static float param_of(param_source source, const actfast_params *params)
{
    switch (source) {
    case PARAM_ONE:
        return 1.0f;
    case PARAM_SIX:
        return 6.0f;
    case PARAM_SLOPE:
        return (float)params->slope;
    case PARAM_ALPHA:
        return (float)params->alpha;
    case PARAM_BETA:
        return (float)params->beta;
    case PARAM_LO:
        return (float)params->lo;
    case PARAM_HI:
        return (float)params->hi;
    case PARAM_WEIGHT:
        return (float)params->weight;
    case PARAM_RRELU_EVAL:
        return (float)((params->lower + params->upper) / 2);
    default:
        return 0.0f;
    }
}

/* Adds an argument over the caller's array; 0 if oneDNN refuses it. */
static int bind(onednn_case *c, int arg, const dnnl_memory_desc_t *md, const float *data)
{
    dnnl_memory_t memory = NULL;
    /* One handle type for inputs and outputs; oneDNN does not write its inputs. */
    if (dnnl_memory_create(&memory, md, engine, (void *)data) != dnnl_success)
        return 0;
    c->args[c->nargs].arg = arg;
    c->args[c->nargs].memory = memory;
    c->nargs++;
    return 1;
}

/* The primitive descriptor of this form: inference for forward, else backward
 * with the training forward as its hint. */
static dnnl_primitive_desc_t primitive_desc(actfast_form form, const alg_call *a, const dnnl_memory_desc_t *md)
{
    if (form == ACTFAST_FORWARD)
        return forward_pd(a, md, dnnl_forward_inference);
    dnnl_primitive_desc_t hint = forward_pd(a, md, dnnl_forward_training);
    dnnl_primitive_desc_t pd = hint ? backward_pd(a, md, hint) : NULL;
    dnnl_primitive_desc_destroy(hint);
    return pd;
}

onednn_case *onednn_create(const char *op, actfast_form form, const actfast_params *params, const float *in,
                           const float *dy, float *out, size_t n)
{
    if (!onednn_has(op, form))
        return NULL;
    const softmax_alg *rows = find_softmax(op);
    const eltwise_alg *e = find_eltwise(op);
    const int rowwise = rows != NULL;
    alg_call a = {dnnl_alg_kind_undef, 0.0f, 0.0f, rowwise};
    if (rowwise)
        a.alg = rows->alg;
    else {
        a.alg = form == ACTFAST_BACKWARD_FROM_Y ? e->alg_from_y : e->alg;
        a.alpha = param_of(e->alpha, params);
        a.beta = param_of(e->beta, params);
    }

    dnnl_memory_desc_t md;
    const dnnl_dims_t dims = {(dnnl_dim_t)(rowwise ? n / BENCH_ROW_LENGTH : n), BENCH_ROW_LENGTH};
    if (dnnl_memory_desc_init_by_tag(&md, rowwise ? 2 : 1, dims, dnnl_f32, rowwise ? dnnl_ab : dnnl_a) !=
        dnnl_success)
        return NULL;
    onednn_case *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    dnnl_primitive_desc_t pd = primitive_desc(form, &a, &md);
    int ok = pd && dnnl_primitive_create(&c->primitive, pd) == dnnl_success;
    dnnl_primitive_desc_destroy(pd);
    if (form == ACTFAST_FORWARD)
        ok = ok && bind(c, DNNL_ARG_SRC, &md, in) && bind(c, DNNL_ARG_DST, &md, out);
    else
        ok = ok && bind(c, form == ACTFAST_BACKWARD_FROM_Y ? DNNL_ARG_DST : DNNL_ARG_SRC, &md, in) &&
             bind(c, DNNL_ARG_DIFF_DST, &md, dy) && bind(c, DNNL_ARG_DIFF_SRC, &md, out);
    if (!ok) {
        onednn_destroy(c);
        return NULL;
    }
    return c;
}

int onednn_execute(onednn_case *c)
{
    if (dnnl_primitive_execute(c->primitive, stream, c->nargs, c->args) != dnnl_success)
        return -1;
    return dnnl_stream_wait(stream) == dnnl_success ? 0 : -1;
}

void onednn_destroy(onednn_case *c)
{
    for (int i = 0; i < c->nargs; i++)
        dnnl_memory_destroy(c->args[i].memory);
    dnnl_primitive_destroy(c->primitive);
    free(c);
}
