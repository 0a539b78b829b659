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

/* What oneDNN's alpha is for an algorithm. */
typedef enum alpha_source { ALPHA_ZERO, ALPHA_ONE, ALPHA_SLOPE, ALPHA_ELU } alpha_source;

/* The library's ops as oneDNN eltwise algorithms. alg_from_y: the algorithm
 * whose backward takes y = f(x) instead of x (dnnl_alg_kind_undef: none). */
typedef struct eltwise_alg {
    const char *op;
    dnnl_alg_kind_t alg, alg_from_y;
    alpha_source alpha;
} eltwise_alg;

static const eltwise_alg eltwise_algs[] = {
    {"sigmoid", dnnl_eltwise_logistic, dnnl_eltwise_logistic_use_dst_for_bwd, ALPHA_ZERO},
    {"tanh", dnnl_eltwise_tanh, dnnl_eltwise_tanh_use_dst_for_bwd, ALPHA_ZERO},
    {"relu", dnnl_eltwise_relu, dnnl_eltwise_relu_use_dst_for_bwd, ALPHA_ZERO},
    {"leaky_relu", dnnl_eltwise_relu, dnnl_eltwise_relu_use_dst_for_bwd, ALPHA_SLOPE},
    {"elu", dnnl_eltwise_elu, dnnl_eltwise_elu_use_dst_for_bwd, ALPHA_ELU},
    {"gelu", dnnl_eltwise_gelu_erf, dnnl_alg_kind_undef, ALPHA_ZERO},
    {"silu", dnnl_eltwise_swish, dnnl_alg_kind_undef, ALPHA_ONE}, /* swish with beta = 1 */
    {"mish", dnnl_eltwise_mish, dnnl_alg_kind_undef, ALPHA_ZERO},
    {"softplus", dnnl_eltwise_soft_relu, dnnl_alg_kind_undef, ALPHA_ZERO}, /* beta = 1 only in oneDNN 2.x */
};
enum { ELTWISE_ALGS = sizeof eltwise_algs / sizeof eltwise_algs[0] };

/* Row-wise: softmax over rows of BENCH_ROW_LENGTH. */
static const char softmax_op[] = "softmax";

static dnnl_engine_t engine;
static dnnl_stream_t stream;

struct onednn_case {
    dnnl_primitive_t primitive;
    int nargs;
    dnnl_exec_arg_t args[3];
};

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
    if (strcmp(op, softmax_op) == 0)
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

static dnnl_primitive_desc_t forward_pd(const char *op, dnnl_alg_kind_t alg, float alpha,
                                        const dnnl_memory_desc_t *md, dnnl_prop_kind_t prop)
{
    if (strcmp(op, softmax_op) == 0) {
        dnnl_softmax_v2_desc_t d;
        return create_pd(dnnl_softmax_v2_forward_desc_init(&d, prop, dnnl_softmax_accurate, md, md, 1), &d, NULL);
    }
    dnnl_eltwise_desc_t d;
    return create_pd(dnnl_eltwise_forward_desc_init(&d, prop, alg, md, alpha, 0), &d, NULL);
}

static dnnl_primitive_desc_t backward_pd(const char *op, dnnl_alg_kind_t alg, float alpha,
                                         const dnnl_memory_desc_t *md, const_dnnl_primitive_desc_t hint)
{
    if (strcmp(op, softmax_op) == 0) {
        dnnl_softmax_v2_desc_t d;
        return create_pd(dnnl_softmax_v2_backward_desc_init(&d, dnnl_softmax_accurate, md, md, md, 1), &d, hint);
    }
    dnnl_eltwise_desc_t d;
    return create_pd(dnnl_eltwise_backward_desc_init(&d, alg, md, md, alpha, 0), &d, hint);
}

static float alpha_of(alpha_source source, const actfast_params *params)
{
    switch (source) {
    case ALPHA_ONE:
        return 1.0f;
    case ALPHA_SLOPE:
        return (float)params->slope;
    case ALPHA_ELU:
        return (float)params->alpha;
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
static dnnl_primitive_desc_t primitive_desc(const char *op, actfast_form form, dnnl_alg_kind_t alg, float alpha,
                                            const dnnl_memory_desc_t *md)
{
    if (form == ACTFAST_FORWARD)
        return forward_pd(op, alg, alpha, md, dnnl_forward_inference);
    dnnl_primitive_desc_t hint = forward_pd(op, alg, alpha, md, dnnl_forward_training);
    dnnl_primitive_desc_t pd = hint ? backward_pd(op, alg, alpha, md, hint) : NULL;
    dnnl_primitive_desc_destroy(hint);
    return pd;
}

onednn_case *onednn_create(const char *op, actfast_form form, const actfast_params *params, const float *in,
                           const float *dy, float *out, size_t n)
{
    if (!onednn_has(op, form))
        return NULL;
    const int rowwise = strcmp(op, softmax_op) == 0;
    const eltwise_alg *e = find_eltwise(op);
    const dnnl_alg_kind_t alg = rowwise ? dnnl_alg_kind_undef : form == ACTFAST_BACKWARD_FROM_Y ? e->alg_from_y : e->alg;
    const float alpha = rowwise ? 0.0f : alpha_of(e->alpha, params);

    dnnl_memory_desc_t md;
    const dnnl_dims_t dims = {(dnnl_dim_t)(rowwise ? n / BENCH_ROW_LENGTH : n), BENCH_ROW_LENGTH};
    if (dnnl_memory_desc_init_by_tag(&md, rowwise ? 2 : 1, dims, dnnl_f32, rowwise ? dnnl_ab : dnnl_a) !=
        dnnl_success)
        return NULL;
    onednn_case *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    dnnl_primitive_desc_t pd = primitive_desc(op, form, alg, alpha, &md);
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
