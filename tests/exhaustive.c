/* The exhaustive float sweep (issue 13; SPEC 4): every one of the 2^32 floats,
 * or every S-th of them for a sample, through the forward function and f' of
 * every elementwise op of src/ops.def, at its default parameters and at the
 * others of tests/sweep_params.c, on every ISA this CPU runs.
 *
 *   exhaustive [--op NAME[,NAME...]] [--form forward|grad] [--isa ISA[,ISA...]]
 *              [--params default|extra|all] [--stride S] [--shard K/N] [--threads T]
 *              [--tsv FILE | --dir DIR]
 *   exhaustive --merge FILE... [--tsv FILE | --dir DIR]
 *
 * Per op, form, parameter set and ISA it reports the maximum error in ULPs and
 * where it occurs; the inputs whose error exceeds the bound
 * (actfast_ulp_bound); for monotone functions (forward), each neighbouring
 * pair of floats where f decreases; at the default parameters (forward), the
 * results outside the op's range; and the results whose bits differ from the
 * scalar ISA's (which always runs, as that baseline). It prints a table and
 * writes it as TSV (default DIR/exhaustive.tsv, or exhaustive-K-of-N.tsv for a
 * shard), which --merge combines once every shard of a sweep has run.
 *
 * The reference is tests/fast_reference.c, in double; where it cannot decide
 * an error (too close to the bound, to 0, to float's overflow), MPFR does
 * (tests/reference.c), so that the verdicts are exact and every error follows
 * test_ulp.c's conventions (tests/ulp_error.c); the maximum reported is MPFR's.
 *
 * The sample (--stride S, a power of 2): in each block of 16 S consecutive
 * bit patterns, a run of 16 consecutive floats at a pseudo-random offset, so
 * that decreases between neighbours stay visible and every low mantissa
 * pattern occurs. The run is cut into chunks checked in parallel and merged
 * in input order: the output does not depend on the number of threads.
 * ACTFAST_TEST_SCALE below 1 (sanitizers, qemu) multiplies the stride by its
 * inverse, rounded up to a power of 2.
 *
 * Row-wise ops (softmax, log_softmax, softmin) are out of scope: their inputs
 * are rows, not single floats. Exit status: 0 when every finding is a known
 * defect of the list below, 1 otherwise, 2 on a usage error. */
#include "harness.h"

#include <errno.h>
#include <time.h>

#include "fast_reference.h"
#include "parallel.h"
#include "reference.h"
#include "sweep_params.h"
#include "ulp_error.h"

/* ---- known defects ------------------------------------------------------- */

typedef enum defect_kind { DEFECT_MONOTONE, DEFECT_ULP } defect_kind;

/* Known defects, issue 13: findings that are real and reported, but do not
 * fail the run while the kernel owner fixes them. Each names a witness that
 * still shows the defect (MONOTONE: f(next float above x) < f(x); ULP: an
 * error above the bound at x), checked on every run that covers the entry:
 * when the witness stops showing it, the run fails and says to remove the
 * entry. Fixing the kernel must remove its entry; never add one to make a
 * run pass without reporting the defect. */
typedef struct known_defect {
    const char *op, *params;
    actfast_form form;
    defect_kind kind;
    float witness;
} known_defect;

static const known_defect known_defects[] = {
    /* None now: issue 13's float softplus and logsigmoid run their double
     * bodies (kernels/wide.h), monotone and within 0.5 ulp, and celu refuses
     * alpha < 0. The last entry, without an op, only ends the list (C has no
     * empty arrays). */
    {NULL, NULL, ACTFAST_FORWARD, DEFECT_ULP, 0},
};
enum { KNOWN_DEFECTS = sizeof known_defects / sizeof known_defects[0] - 1 };

/* ---- what is found ------------------------------------------------------- */

enum { RUN = 16, EXAMPLES = 5 };

/* An input of a finding, by its bit pattern (the sweep's order), and up to
 * four numbers that show what is wrong. */
typedef struct example {
    uint32_t key;
    double v[4];
} example;

/* One kind of violation: how many, and the first few in sweep order. */
typedef struct finding {
    uint64_t count;
    int n;
    example ex[EXAMPLES];
} finding;

typedef struct stats {
    uint64_t points, fallbacks; /* inputs; those whose error MPFR decided */
    int has_max;
    double max_ulp;
    uint32_t max_key; /* where the maximum is: its first input in sweep order */
    float max_got;
    finding over, mono, range, diff;
} stats;

static float from_bits(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

static uint32_t to_bits(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

static void finding_add(finding *f, uint32_t key, double a, double b, double c, double d)
{
    if (f->n < EXAMPLES)
        f->ex[f->n++] = (example){key, {a, b, c, d}};
    f->count++;
}

/* Both in sweep order: the first EXAMPLES of the two, into `into`. */
static void finding_merge(finding *into, const finding *from)
{
    example merged[EXAMPLES];
    int n = 0, i = 0, j = 0;
    while (n < EXAMPLES && (i < into->n || j < from->n))
        merged[n++] =
            j >= from->n || (i < into->n && into->ex[i].key <= from->ex[j].key) ? into->ex[i++] : from->ex[j++];
    memcpy(into->ex, merged, sizeof merged);
    into->n = n;
    into->count += from->count;
}

static void stats_merge(stats *into, const stats *from)
{
    into->points += from->points;
    into->fallbacks += from->fallbacks;
    if (from->has_max && (!into->has_max || from->max_ulp > into->max_ulp ||
                          (from->max_ulp == into->max_ulp && from->max_key < into->max_key))) {
        into->has_max = 1;
        into->max_ulp = from->max_ulp;
        into->max_key = from->max_key;
        into->max_got = from->max_got;
    }
    finding_merge(&into->over, &from->over);
    finding_merge(&into->mono, &from->mono);
    finding_merge(&into->range, &from->range);
    finding_merge(&into->diff, &from->diff);
}

/* ---- the run ------------------------------------------------------------- */

#define MAX_STRIDE ((uint64_t)1 << 24)
/* Points per batch (each ISA's results held at once) and per chunk (the unit
 * of work of a thread, and of merging). */
#define BATCH_POINTS ((size_t)1 << 22)
#define CHUNK_POINTS ((size_t)1 << 16)
#define MAX_SHARDS ((uint64_t)1 << 20)

typedef struct config {
    uint64_t stride, shard, shards;
    int threads;
    int params_from, params_all; /* the sets [params_from, all or 1): defaults 0, extras 1 */
    int want_op[ACTFAST_OP_COUNT], want_form[2];
    int nisas;
    const char *isas[H_ISA_COUNT]; /* "scalar" first: the baseline of the bit comparison */
} config;

/* One op, form and parameter set over the whole (sampled) input space. */
typedef struct task {
    actfast_op op;
    actfast_form form;
    sweep_params ps;
    double bound;
    int mono, range; /* the checks that apply */
    stats st[H_ISA_COUNT];
    double seconds, cpu_seconds; /* wall clock (what a shared machine gives us), and CPU of every thread */
} task;

static double clock_seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double now(void) { return clock_seconds(CLOCK_MONOTONIC); }

static uint64_t blocks(uint64_t stride) { return ((uint64_t)1 << 32) / (stride * RUN); }

/* The first bit pattern of block j's run. */
static uint32_t run_start(uint64_t j, uint64_t stride)
{
    uint64_t h = (j + 1) * 0x9E3779B97F4A7C15u;
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9u;
    h ^= h >> 29;
    return (uint32_t)(j * stride * RUN + RUN * (h & (stride - 1)));
}

/* A batch of consecutive blocks: the inputs, each ISA's results, and where
 * the neighbours of its last input and of the negative half's first input
 * are (x[next], x[cross]: evaluated here, checked by this batch). */
typedef struct batch {
    const config *cfg;
    const task *t;
    size_t n, total; /* inputs of the batch; with the two neighbours */
    long next, cross, cross_from;
    float *x, *y[H_ISA_COUNT];
    size_t chunks;
    stats *chunk; /* chunks x ISAs */
    atomic_size_t next_chunk;
    int isa; /* of the kernel phase */
} batch;

static void kernel_slice(void *arg, int thread)
{
    batch *b = arg;
    const size_t lo = b->total * (size_t)thread / (size_t)b->cfg->threads,
                 hi = b->total * (size_t)(thread + 1) / (size_t)b->cfg->threads;
    const actfast_status st =
        actfast_apply(b->t->op, b->t->form, ACTFAST_F32, b->x + lo, NULL, b->y[b->isa] + lo, hi - lo, &b->t->ps.p);
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast_apply(%s, %s): %s\n", actfast_get_op_info(b->t->op)->name, b->t->ps.name,
                actfast_status_string(st));
        exit(2);
    }
}

/* MPFR's reference of an input, computed once for all ISAs. */
typedef struct mpfr_ref {
    mpfr_t ref, scale;
    int have;
} mpfr_ref;

static void mpfr_reference(const task *t, float x, mpfr_t ref, mpfr_t scale)
{
    if (t->form == ACTFAST_FORWARD) {
        ref_forward(t->op, &t->ps.p, x, ref);
        mpfr_set_zero(scale, 1);
    } else {
        ref_grad(t->op, &t->ps.p, x, ref, scale);
    }
}

/* The error of got at x: from the fast reference r (fast: 1) when it decides,
 * else from MPFR, counted in *fallbacks. +-0 and +-inf, which the fast
 * references do not take, go to MPFR too; NaN needs no reference (ref_* give
 * NaN for NaN x, which only a NaN matches). */
static double error_at(const task *t, float x, const fr_result *r, int fast, float got, mpfr_ref *m,
                       uint64_t *fallbacks)
{
    const int forward = t->form == ACTFAST_FORWARD;
    double err;
    if (isnan(x))
        return isnan(got) ? 0 : INFINITY;
    if (fast && ulp_error_fast(r, got, forward, t->bound, &err))
        return err;
    if (!m->have) {
        mpfr_reference(t, x, m->ref, m->scale);
        m->have = 1;
    }
    ++*fallbacks;
    return ulp_error_mpfr(m->ref, m->scale, got, forward);
}

/* A pair of neighbours in the sample, in either order: f must not decrease. */
static void check_pair(finding *f, uint32_t key, float xa, float ya, float xb, float yb)
{
    if (isnan(xa) || isnan(xb) || isnan(ya) || isnan(yb))
        return;
    if (xa > xb) {
        const float tx = xa, ty = ya;
        xa = xb, ya = yb, xb = tx, yb = ty;
    }
    if (yb < ya)
        finding_add(f, key, xa, xb, ya, yb);
}

static void check_chunk(batch *b, size_t c, mpfr_ref *m)
{
    const task *t = b->t;
    const int nisas = b->cfg->nisas;
    const actfast_op_info *info = actfast_get_op_info(t->op);
    const fr_op *fr = &fr_table[t->op];
    stats *s = b->chunk + c * (size_t)nisas;
    const size_t end = (c + 1) * CHUNK_POINTS < b->n ? (c + 1) * CHUNK_POINTS : b->n;
    for (size_t i = c * CHUNK_POINTS; i < end; i++) {
        const float x = b->x[i];
        const uint32_t key = to_bits(x);
        const int fast = isfinite(x) && x != 0;
        const fr_result r = fast ? (t->form == ACTFAST_FORWARD ? fr->forward : fr->grad)(x, &t->ps.p) : (fr_result){0};
        /* the neighbour above in bit order: the next float of the same sign */
        const long above = i + 1 < b->n ? (long)i + 1 : b->next;
        double scalar_err = 0;
        m->have = 0;
        for (int k = 0; k < nisas; k++) {
            stats *sk = &s[k];
            const float got = b->y[k][i];
            const int as_scalar = k > 0 && h_same(ACTFAST_F32, b->y[k], b->y[0], i);
            const double err = as_scalar ? scalar_err : error_at(t, x, &r, fast, got, m, &sk->fallbacks);
            if (k == 0)
                scalar_err = err;
            sk->points++;
            if (!sk->has_max || err > sk->max_ulp) {
                sk->has_max = 1;
                sk->max_ulp = err;
                sk->max_key = key;
                sk->max_got = got;
            }
            if (err > t->bound)
                finding_add(&sk->over, key, x, got, err, 0);
            if (k > 0 && !as_scalar)
                finding_add(&sk->diff, key, x, got, b->y[0][i], 0);
            if (t->range && !isnan(got) && (got < info->range_lo || got > info->range_hi))
                finding_add(&sk->range, key, x, got, 0, 0);
            if (t->mono && above >= 0 && (to_bits(b->x[above]) >> 31) == key >> 31)
                check_pair(&sk->mono, key, x, got, b->x[above], b->y[k][above]);
            if (t->mono && (long)i == b->cross_from && b->cross >= 0)
                check_pair(&sk->mono, key, x, got, b->x[b->cross], b->y[k][b->cross]);
        }
    }
}

static void check_chunks(void *arg, int thread)
{
    (void)thread;
    batch *b = arg;
    mpfr_ref m;
    ref_init(); /* MPFR's exponent range is per thread */
    mpfr_inits2(REF_PREC, m.ref, m.scale, (mpfr_ptr)0);
    for (size_t c; (c = atomic_fetch_add(&b->next_chunk, 1)) < b->chunks;)
        check_chunk(b, c, &m);
    mpfr_clears(m.ref, m.scale, (mpfr_ptr)0);
    mpfr_free_cache();
}

/* Blocks [first, end) into b->x, with the two neighbours. */
static void fill_batch(batch *b, uint64_t first, uint64_t end)
{
    const uint64_t stride = b->cfg->stride, all = blocks(stride), negative = all / 2;
    b->n = 0;
    for (uint64_t j = first; j < end; j++)
        for (uint32_t k = 0, start = run_start(j, stride); k < RUN; k++)
            b->x[b->n++] = from_bits(start + k);
    b->total = b->n;
    b->next = b->cross = b->cross_from = -1;
    if (end < all) {
        b->next = (long)b->total;
        b->x[b->total++] = from_bits(run_start(end, stride));
    }
    if (first <= negative && negative < end) { /* the smallest samples of the two halves are neighbours too */
        b->cross_from = (long)((negative - first) * RUN);
        b->cross = (long)b->total;
        b->x[b->total++] = from_bits(run_start(0, stride));
    }
    b->chunks = (b->n + CHUNK_POINTS - 1) / CHUNK_POINTS;
    memset(b->chunk, 0, b->chunks * (size_t)b->cfg->nisas * sizeof *b->chunk);
    atomic_store(&b->next_chunk, 0);
}

/* MPFR's error at each ISA's maximum: the fast one is an upper bound within ULP_TOL. */
static void exact_maxima(task *t, int nisas)
{
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);
    for (int k = 0; k < nisas; k++) {
        stats *s = &t->st[k];
        if (!s->has_max)
            continue;
        mpfr_reference(t, from_bits(s->max_key), ref, scale);
        s->max_ulp = ulp_error_mpfr(ref, scale, s->max_got, t->form == ACTFAST_FORWARD);
    }
    mpfr_clears(ref, scale, (mpfr_ptr)0);
}

static void run_task(const config *cfg, task *t)
{
    const double start = now(), cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    double said = start;
    const uint64_t all = blocks(cfg->stride), first = all * cfg->shard / cfg->shards,
                   end = all * (cfg->shard + 1) / cfg->shards, per_batch = BATCH_POINTS / RUN;
    batch b = {.cfg = cfg, .t = t};
    const size_t cap = ((end - first) * RUN < BATCH_POINTS ? (end - first) * RUN : BATCH_POINTS) + 2;
    b.x = malloc(cap * sizeof(float));
    for (int k = 0; k < cfg->nisas; k++)
        b.y[k] = malloc(cap * sizeof(float));
    b.chunk = malloc((cap / CHUNK_POINTS + 1) * (size_t)cfg->nisas * sizeof *b.chunk);
    if (!b.x || !b.y[cfg->nisas - 1] || !b.chunk) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memset(t->st, 0, sizeof t->st);
    for (uint64_t j = first; j < end; j += per_batch) {
        fill_batch(&b, j, end - j < per_batch ? end : j + per_batch);
        /* actfast_force_isa holds for every thread: one ISA at a time */
        for (b.isa = 0; b.isa < cfg->nisas; b.isa++) {
            actfast_force_isa(cfg->isas[b.isa]);
            parallel_run(cfg->threads, kernel_slice, &b);
        }
        parallel_run(cfg->threads, check_chunks, &b);
        for (size_t c = 0; c < b.chunks; c++)
            for (int k = 0; k < cfg->nisas; k++)
                stats_merge(&t->st[k], &b.chunk[c * (size_t)cfg->nisas + (size_t)k]);
        if (now() - said > 60) {
            said = now();
            fprintf(stderr, "  ... %s %s %s: %.0f%% after %.0f s\n", actfast_get_op_info(t->op)->name,
                    h_form_names[t->form], t->ps.name, 100.0 * (double)(j + per_batch - first) / (double)(end - first),
                    said - start);
        }
    }
    exact_maxima(t, cfg->nisas);
    t->seconds = now() - start;
    t->cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    free(b.x);
    for (int k = 0; k < cfg->nisas; k++)
        free(b.y[k]);
    free(b.chunk);
}

/* ---- rows: one per task and ISA, from a run or from shards' TSV ---------- */

typedef struct row {
    actfast_op op;
    actfast_form form;
    sweep_params ps;
    char isa[16];
    double bound, seconds, cpu_seconds;
    int mono, range;
    uint64_t stride, shard, shards;
    unsigned char *seen; /* merging: which shards are in */
    stats st;
} row;

typedef struct rows {
    row *r;
    size_t n, cap;
} rows;

static row *rows_add(rows *rs)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 64;
        rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
    }
    row *r = &rs->r[rs->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static const char *count_cell(char *buf, size_t size, int applies, uint64_t count)
{
    if (!applies)
        return "-";
    snprintf(buf, size, "%llu", (unsigned long long)count);
    return buf;
}

static void print_header(void)
{
    printf("%-11s %-22s %-7s %-6s %10s  %-16s %5s %8s %8s %6s %8s %8s %7s %6s\n", "op", "params", "form", "isa",
           "max ulp", "at x", "bound", ">bound", "mono", "range", "!=scalar", "mpfr", "Mpts/s", "ns/pt");
}

static void print_row(const row *r)
{
    char mono[24], range[24], diff[24];
    char at[32] = "-"; /* where the maximum is, if it is not 0 */
    if (r->st.max_ulp > 0)
        snprintf(at, sizeof at, "%a", (double)from_bits(r->st.max_key));
    printf("%-11s %-22s %-7s %-6s %10.4g  %-16s %5g %8llu %8s %6s %8s %8llu %7.2f %6.1f\n",
           actfast_get_op_info(r->op)->name, r->ps.name, h_form_names[r->form], r->isa, r->st.max_ulp, at, r->bound,
           (unsigned long long)r->st.over.count, count_cell(mono, sizeof mono, r->mono, r->st.mono.count),
           count_cell(range, sizeof range, r->range, r->st.range.count),
           count_cell(diff, sizeof diff, strcmp(r->isa, "scalar") != 0, r->st.diff.count),
           (unsigned long long)r->st.fallbacks, r->seconds > 0 ? 1e-6 * (double)r->st.points / r->seconds : 0.0,
           r->st.points ? 1e9 * r->cpu_seconds / (double)r->st.points : 0.0);
    fflush(stdout);
}

/* ---- TSV ------------------------------------------------------------------ */

static const char tsv_header[] =
    "op\tparams\tform\tisa\tbound\tstride\tshard\tshards\tpoints\tmax_ulp\tmax_x\tmax_got\t"
    "over\tover_examples\tmono_checked\tmono\tmono_examples\trange_checked\trange\t"
    "range_examples\tdiff\tdiff_examples\tmpfr_decided\tseconds\tcpu_seconds";
enum { TSV_FIELDS = 25 };

/* key:v0,v1,v2,v3;... (hex floats), or - */
static void write_examples(FILE *f, const finding *fd)
{
    if (fd->n == 0)
        fputs("-", f);
    for (int i = 0; i < fd->n; i++)
        fprintf(f, "%s%08x:%a,%a,%a,%a", i ? ";" : "", fd->ex[i].key, fd->ex[i].v[0], fd->ex[i].v[1], fd->ex[i].v[2],
                fd->ex[i].v[3]);
}

static int read_examples(const char *s, finding *fd, uint64_t count)
{
    fd->count = count;
    fd->n = 0;
    if (strcmp(s, "-") == 0)
        return 1;
    for (char *end; *s; s = end + (*end == ';')) {
        example *e = &fd->ex[fd->n];
        unsigned long key = strtoul(s, &end, 16);
        if (fd->n == EXAMPLES || *end != ':')
            return 0;
        e->key = (uint32_t)key;
        for (int k = 0; k < 4; k++) {
            e->v[k] = strtod(end + 1, &end);
            if (k < 3 ? *end != ',' : *end != ';' && *end != '\0')
                return 0;
        }
        fd->n++;
    }
    return 1;
}

static void write_tsv(const char *path, const rows *rs)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        exit(2);
    }
    fprintf(f, "%s\n", tsv_header);
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->r[i];
        const stats *s = &r->st;
        fprintf(f, "%s\t%s\t%s\t%s\t%g\t%llu\t%llu\t%llu\t%llu\t%a\t%a\t%a\t%llu\t", actfast_get_op_info(r->op)->name,
                r->ps.name, h_form_names[r->form], r->isa, r->bound, (unsigned long long)r->stride,
                (unsigned long long)r->shard, (unsigned long long)r->shards, (unsigned long long)s->points, s->max_ulp,
                (double)from_bits(s->max_key), (double)s->max_got, (unsigned long long)s->over.count);
        write_examples(f, &s->over);
        fprintf(f, "\t%d\t%llu\t", r->mono, (unsigned long long)s->mono.count);
        write_examples(f, &s->mono);
        fprintf(f, "\t%d\t%llu\t", r->range, (unsigned long long)s->range.count);
        write_examples(f, &s->range);
        fprintf(f, "\t%llu\t", (unsigned long long)s->diff.count);
        write_examples(f, &s->diff);
        fprintf(f, "\t%llu\t%.3f\t%.3f\n", (unsigned long long)s->fallbacks, r->seconds, r->cpu_seconds);
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        exit(2);
    }
}

/* The parameter set of op called name, as this build defines them. */
static int find_params(actfast_op op, const char *name, sweep_params *out)
{
    sweep_params sets[SWEEP_MAX_SETS];
    for (int i = 0, n = sweep_param_sets(op, sets); i < n; i++) {
        if (strcmp(sets[i].name, name) == 0) {
            *out = sets[i];
            return 1;
        }
    }
    return 0;
}

/* One TSV line into r; 0 if it is not one of ours. */
static int parse_row(char *line, row *r)
{
    char *f[TSV_FIELDS];
    int n = 0;
    for (char *p = line; n < TSV_FIELDS; p++) {
        f[n++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p = '\0';
    }
    if (n != TSV_FIELDS)
        return 0;
    f[TSV_FIELDS - 1][strcspn(f[TSV_FIELDS - 1], "\n")] = '\0';
    r->op = actfast_op_from_name(f[0]);
    r->form = strcmp(f[2], "forward") == 0 ? ACTFAST_FORWARD
              : strcmp(f[2], "grad") == 0  ? ACTFAST_GRAD
                                           : ACTFAST_FORM_COUNT;
    if (r->op == ACTFAST_OP_COUNT || r->form == ACTFAST_FORM_COUNT || !find_params(r->op, f[1], &r->ps) ||
        strlen(f[3]) >= sizeof r->isa)
        return 0;
    stats *s = &r->st;
    snprintf(r->isa, sizeof r->isa, "%s", f[3]);
    r->bound = strtod(f[4], NULL);
    r->stride = strtoull(f[5], NULL, 10);
    r->shard = strtoull(f[6], NULL, 10);
    r->shards = strtoull(f[7], NULL, 10);
    s->points = strtoull(f[8], NULL, 10);
    s->has_max = s->points > 0;
    s->max_ulp = strtod(f[9], NULL);
    s->max_key = to_bits((float)strtod(f[10], NULL));
    s->max_got = (float)strtod(f[11], NULL);
    r->mono = atoi(f[14]);
    r->range = atoi(f[17]);
    s->fallbacks = strtoull(f[22], NULL, 10);
    r->seconds = strtod(f[23], NULL);
    r->cpu_seconds = strtod(f[24], NULL);
    return read_examples(f[13], &s->over, strtoull(f[12], NULL, 10)) &&
           read_examples(f[16], &s->mono, strtoull(f[15], NULL, 10)) &&
           read_examples(f[19], &s->range, strtoull(f[18], NULL, 10)) &&
           read_examples(f[21], &s->diff, strtoull(f[20], NULL, 10));
}

static int same_key(const row *a, const row *b)
{
    return a->op == b->op && a->form == b->form && strcmp(a->ps.name, b->ps.name) == 0 && strcmp(a->isa, b->isa) == 0;
}

/* The shards' rows into one per op, form, parameter set and ISA; every shard
 * of a sweep must be there exactly once, all with one stride. */
static rows merge_files(int nfiles, char **files)
{
    rows rs = {0};
    for (int i = 0; i < nfiles; i++) {
        FILE *f = fopen(files[i], "r");
        char line[8192];
        if (!f || !fgets(line, sizeof line, f) || strncmp(line, tsv_header, strlen(tsv_header)) != 0) {
            fprintf(stderr, "%s: not a TSV of this sweep\n", files[i]);
            exit(2);
        }
        for (int lineno = 2; fgets(line, sizeof line, f); lineno++) {
            row in;
            memset(&in, 0, sizeof in);
            if (!parse_row(line, &in) || in.shards == 0 || in.shards > MAX_SHARDS) {
                fprintf(stderr, "%s:%d: not a row of this sweep (or a parameter set this build lacks)\n", files[i],
                        lineno);
                exit(2);
            }
            row *r = NULL;
            for (size_t k = 0; k < rs.n && !r; k++)
                r = same_key(&rs.r[k], &in) ? &rs.r[k] : NULL;
            if (!r) {
                r = rows_add(&rs);
                *r = in;
                memset(&r->st, 0, sizeof r->st);
                r->seconds = r->cpu_seconds = 0;
                r->seen = calloc(in.shards, 1);
            }
            if (in.stride != r->stride || in.shards != r->shards || in.shard >= in.shards || r->seen[in.shard]) {
                fprintf(stderr,
                        "%s:%d: stride %llu shard %llu/%llu does not fit the other files' (stride %llu, %llu shards), "
                        "or is there twice\n",
                        files[i], lineno, (unsigned long long)in.stride, (unsigned long long)in.shard,
                        (unsigned long long)in.shards, (unsigned long long)r->stride, (unsigned long long)r->shards);
                exit(2);
            }
            r->seen[in.shard] = 1;
            stats_merge(&r->st, &in.st);
            r->seconds += in.seconds;
            r->cpu_seconds += in.cpu_seconds;
        }
        fclose(f);
    }
    for (size_t k = 0; k < rs.n; k++) {
        row *r = &rs.r[k];
        for (uint64_t s = 0; s < r->shards; s++) {
            if (!r->seen[s]) {
                fprintf(stderr, "%s %s %s %s: shard %llu of %llu is missing\n", actfast_get_op_info(r->op)->name,
                        r->ps.name, h_form_names[r->form], r->isa, (unsigned long long)s,
                        (unsigned long long)r->shards);
                exit(2);
            }
        }
        free(r->seen);
        r->seen = NULL;
        r->shard = 0;
        r->shards = 1;
    }
    return rs;
}

/* ---- the verdict ---------------------------------------------------------- */

static const known_defect *known(const row *r, defect_kind kind)
{
    for (int i = 0; i < KNOWN_DEFECTS; i++) {
        const known_defect *d = &known_defects[i];
        if (d->kind == kind && d->form == r->form && strcmp(d->op, actfast_get_op_info(r->op)->name) == 0 &&
            strcmp(d->params, r->ps.name) == 0)
            return d;
    }
    return NULL;
}

/* Does the witness still show the defect on this ISA? */
static int witness_shows(const known_defect *d, const row *r)
{
    float x[2] = {d->witness, nextafterf(d->witness, INFINITY)}, y[2];
    if (actfast_force_isa(r->isa) != ACTFAST_OK) /* merging on another CPU: every ISA has scalar's bits */
        actfast_force_isa("scalar");
    if (actfast_apply(r->op, r->form, ACTFAST_F32, x, NULL, y, 2, &r->ps.p) != ACTFAST_OK)
        return 0;
    if (d->kind == DEFECT_MONOTONE)
        return y[1] < y[0];
    mpfr_t ref, scale;
    mpfr_inits2(REF_PREC, ref, scale, (mpfr_ptr)0);
    task t = {.op = r->op, .form = r->form, .ps = r->ps};
    mpfr_reference(&t, x[0], ref, scale);
    const int over = ulp_error_mpfr(ref, scale, y[0], r->form == ACTFAST_FORWARD) > r->bound;
    mpfr_clears(ref, scale, (mpfr_ptr)0);
    return over;
}

static void print_examples(const char *what, const row *r, const finding *f, const known_defect *d)
{
    if (f->count == 0)
        return;
    printf("%s %s %s %s %s: %llu %s%s\n", d ? "known" : "FAIL ", actfast_get_op_info(r->op)->name, r->ps.name,
           h_form_names[r->form], r->isa, (unsigned long long)f->count, what, d ? " (known defect, issue 13)" : "");
    for (int i = 0; i < f->n; i++) {
        const double *v = f->ex[i].v;
        if (f == &r->st.over)
            printf("        x = %a: got %a, %.4g ulp\n", v[0], v[1], v[2]);
        else if (f == &r->st.mono)
            printf("        f(%a) = %a > f(%a) = %a\n", v[0], v[2], v[1], v[3]);
        else if (f == &r->st.range)
            printf("        f(%a) = %a\n", v[0], v[1]);
        else
            printf("        x = %a: %a, scalar %a\n", v[0], v[1], v[2]);
    }
}

/* Prints every finding; returns 1 if any fails the run. */
static int verdict(const rows *rs)
{
    int failed = 0;
    printf("\nfindings:\n");
    for (int i = 0; i < KNOWN_DEFECTS; i++) { /* an entry that names nothing would excuse nothing, unseen */
        const known_defect *d = &known_defects[i];
        const actfast_op op = actfast_op_from_name(d->op);
        sweep_params ps;
        if (op == ACTFAST_OP_COUNT || !find_params(op, d->params, &ps)) {
            printf("FAIL  known defect %s %s: no such op and parameter set (tests/sweep_params.c)\n", d->op, d->params);
            failed = 1;
        }
    }
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->r[i];
        const known_defect *over = known(r, DEFECT_ULP), *mono = known(r, DEFECT_MONOTONE);
        char what[64];
        snprintf(what, sizeof what, "inputs over the bound %g", r->bound);
        print_examples(what, r, &r->st.over, over);
        print_examples("decreases between neighbours", r, &r->st.mono, mono);
        print_examples("results outside the range", r, &r->st.range, NULL);
        print_examples("results whose bits differ from scalar's", r, &r->st.diff, NULL);
        failed |= (r->st.over.count && !over) || (r->st.mono.count && !mono) || r->st.range.count || r->st.diff.count;
    }
    for (int i = 0; i < KNOWN_DEFECTS; i++) {
        const known_defect *d = &known_defects[i];
        int covered = 0, shows = 0;
        for (size_t k = 0; k < rs->n; k++) {
            const row *r = &rs->r[k];
            if (known(r, d->kind) == d) {
                covered = 1;
                shows |= witness_shows(d, r);
            }
        }
        if (covered && !shows) {
            printf("FAIL  known defect %s %s %s (issue 13): its witness %a no longer shows it: if the kernel is "
                   "fixed, remove the entry from known_defects in tests/exhaustive.c; if the sweep still finds it, "
                   "give the entry one of the inputs it lists\n",
                   d->op, d->params, h_form_names[d->form], (double)d->witness);
            failed = 1;
        } else if (covered) {
            printf("known %s %s %s: still shown at its witness %a (issue 13)\n", d->op, d->params,
                   h_form_names[d->form], (double)d->witness);
        }
    }
    printf("%s\n", failed ? "FAIL" : "ok: no finding beyond the known defects");
    return failed;
}

/* ---- main ----------------------------------------------------------------- */

static void usage(const char *argv0)
{
    fprintf(stderr,
            "usage: %s [--op NAME[,NAME...]] [--form forward|grad] [--isa ISA[,ISA...]] [--params default|extra|all]\n"
            "          [--stride S] [--shard K/N] [--threads T] [--tsv FILE | --dir DIR]\n"
            "       %s --merge FILE... [--tsv FILE | --dir DIR]\n"
            "  --op        elementwise ops (default: all)       --form     one form (default: both)\n"
            "  --isa       ISAs besides scalar (default: all the CPU runs; others are skipped, saying so)\n"
            "  --params    defaults only, the extra sets of tests/sweep_params.c only, or both (default: all)\n"
            "  --stride    every S-th float, S a power of 2 up to 2^24 (default 1: all 2^32)\n"
            "  --shard     part K of N (K = 0 .. N-1) of the input space; --merge the N TSV files after\n"
            "  --threads   worker threads (default 2)\n"
            "  --tsv       where the TSV goes (default DIR/exhaustive.tsv, exhaustive-K-of-N.tsv or\n"
            "              exhaustive-merged.tsv; DIR .)\n",
            argv0, argv0);
    exit(2);
}

/* Every comma-separated name of list through fn; 0 if one is unknown. */
static int each_name(char *list, int (*fn)(config *, const char *), config *cfg)
{
    for (char *save = NULL, *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save))
        if (!fn(cfg, name))
            return 0;
    return 1;
}

static int want_op(config *cfg, const char *name)
{
    const actfast_op op = actfast_op_from_name(name);
    if (op == ACTFAST_OP_COUNT)
        return 0;
    cfg->want_op[op] = 1;
    return 1;
}

static int want_isa(config *cfg, const char *name)
{
    for (int i = 0; i < H_ISA_COUNT; i++) {
        if (strcmp(h_isas[i], name) != 0)
            continue;
        if (!actfast_isa_supported(name))
            printf("%s: skipped, this CPU cannot run it\n", name);
        else if (strcmp(name, "scalar") != 0)
            cfg->isas[cfg->nisas++] = h_isas[i];
        return 1;
    }
    return 0;
}

static uint64_t parse_u64(const char *s, const char *argv0)
{
    char *end;
    errno = 0;
    const unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end)
        usage(argv0);
    return v;
}

/* Every elementwise op, parameter set and form that cfg wants. */
static task *make_tasks(const config *cfg, size_t *count)
{
    task *tasks = malloc(ACTFAST_OP_COUNT * SWEEP_MAX_SETS * 2 * sizeof *tasks);
    size_t n = 0;
    for (int op = 0; op < ACTFAST_OP_COUNT; op++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
        if (info->rowwise || info->gated || !cfg->want_op[op])
            continue;
        sweep_params sets[SWEEP_MAX_SETS];
        const int all = sweep_param_sets((actfast_op)op, sets), nsets = cfg->params_all ? all : 1;
        for (int s = cfg->params_from; s < nsets; s++) {
            for (int form = ACTFAST_FORWARD; form <= ACTFAST_GRAD; form++) {
                if (!cfg->want_form[form])
                    continue;
                task *t = &tasks[n++];
                memset(t, 0, sizeof *t);
                t->op = (actfast_op)op;
                t->form = (actfast_form)form;
                t->ps = sets[s];
                t->bound = actfast_ulp_bound(t->op, t->form, ACTFAST_F32);
                t->mono = form == ACTFAST_FORWARD && sets[s].monotone;
                t->range = form == ACTFAST_FORWARD && sets[s].is_default;
            }
        }
    }
    *count = n;
    return tasks;
}

/* ACTFAST_TEST_SCALE < 1 (sanitizers, qemu): a sparser sample. */
static uint64_t scaled_stride(uint64_t stride)
{
    const char *env = getenv("ACTFAST_TEST_SCALE");
    const double scale = env ? strtod(env, NULL) : 1;
    uint64_t s = stride;
    while (scale > 0 && s < MAX_STRIDE && (double)s * scale < (double)stride)
        s *= 2;
    if (s != stride)
        printf("ACTFAST_TEST_SCALE: stride %llu instead of %llu\n", (unsigned long long)s, (unsigned long long)stride);
    return s;
}

/* The command line into cfg; *merge_from, *merge_count: --merge's files. */
static void parse_args(int argc, char **argv, config *cfg, const char **tsv, const char **dir, int *merge_from,
                       int *merge_count)
{
    int any_op = 0, any_isa = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const int more = i + 1 < argc;
        if (strcmp(a, "--merge") == 0) {
            *merge_from = i + 1;
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                i++;
            *merge_count = i + 1 - *merge_from;
            if (*merge_count == 0)
                usage(argv[0]);
        } else if (strcmp(a, "--op") == 0 && more) {
            any_op = 1;
            if (!each_name(argv[++i], want_op, cfg))
                usage(argv[0]);
        } else if (strcmp(a, "--form") == 0 && more) {
            const actfast_form form = strcmp(argv[++i], "forward") == 0 ? ACTFAST_FORWARD
                                      : strcmp(argv[i], "grad") == 0    ? ACTFAST_GRAD
                                                                        : ACTFAST_FORM_COUNT;
            if (form == ACTFAST_FORM_COUNT)
                usage(argv[0]);
            cfg->want_form[ACTFAST_FORWARD] = form == ACTFAST_FORWARD;
            cfg->want_form[ACTFAST_GRAD] = form == ACTFAST_GRAD;
        } else if (strcmp(a, "--isa") == 0 && more) {
            any_isa = 1;
            if (!each_name(argv[++i], want_isa, cfg))
                usage(argv[0]);
        } else if (strcmp(a, "--params") == 0 && more) {
            const char *v = argv[++i];
            cfg->params_all = strcmp(v, "default") != 0;
            cfg->params_from = strcmp(v, "extra") == 0;
            if (strcmp(v, "all") != 0 && strcmp(v, "default") != 0 && strcmp(v, "extra") != 0)
                usage(argv[0]);
        } else if (strcmp(a, "--stride") == 0 && more) {
            cfg->stride = parse_u64(argv[++i], argv[0]);
            if (cfg->stride == 0 || cfg->stride > MAX_STRIDE || (cfg->stride & (cfg->stride - 1)))
                usage(argv[0]);
        } else if (strcmp(a, "--shard") == 0 && more) {
            unsigned long long k, n;
            char tail;
            if (sscanf(argv[++i], "%llu/%llu%c", &k, &n, &tail) != 2 || n == 0 || k >= n || n > MAX_SHARDS)
                usage(argv[0]);
            cfg->shard = k;
            cfg->shards = n;
        } else if (strcmp(a, "--threads") == 0 && more) {
            cfg->threads = (int)parse_u64(argv[++i], argv[0]);
            if (cfg->threads < 1 || cfg->threads > PARALLEL_MAX_THREADS)
                usage(argv[0]);
        } else if (strcmp(a, "--tsv") == 0 && more) {
            *tsv = argv[++i];
        } else if (strcmp(a, "--dir") == 0 && more) {
            *dir = argv[++i];
        } else {
            usage(argv[0]);
        }
    }
    for (int i = 0; i < H_ISA_COUNT && !any_isa && !*merge_from; i++) /* every ISA the library has and the CPU runs */
        want_isa(cfg, h_isas[i]);
    for (int op = 0; op < ACTFAST_OP_COUNT && !any_op; op++)
        cfg->want_op[op] = 1;
}

/* Every task of cfg, its rows printed as it ends and written to tsv. */
static rows run_sweep(config *cfg, const char *tsv)
{
    rows rs = {0};
    printf("row-wise ops (softmax, log_softmax, softmin): out of scope, their inputs are rows (test_ulp covers "
           "them)\n");
    printf("gated units (glu, swiglu, geglu, geglu_tanh, reglu): out of scope, their inputs are pairs (test_gated "
           "covers them; their activations are swept here)\n");
    char every[64] = "every float";
    if (cfg->stride > 1)
        snprintf(every, sizeof every, "every %llu-th float", (unsigned long long)cfg->stride);
    printf("sweep: %s (%llu per task%s), ISAs", every, (unsigned long long)(blocks(cfg->stride) * RUN / cfg->shards),
           cfg->shards > 1 ? " in this shard" : "");
    for (int k = 0; k < cfg->nisas; k++)
        printf(" %s", cfg->isas[k]);
    printf(" (scalar always: the baseline of the bit comparison), %d threads, shard %llu/%llu\n\n", cfg->threads,
           (unsigned long long)cfg->shard, (unsigned long long)cfg->shards);
    size_t ntasks;
    task *tasks = make_tasks(cfg, &ntasks);
    double total = 0, estimate = 0, cpu_estimate = 0;
    print_header();
    for (size_t i = 0; i < ntasks; i++) {
        task *t = &tasks[i];
        run_task(cfg, t);
        for (int k = 0; k < cfg->nisas; k++) {
            row *r = rows_add(&rs);
            r->op = t->op;
            r->form = t->form;
            r->ps = t->ps;
            snprintf(r->isa, sizeof r->isa, "%s", cfg->isas[k]);
            r->bound = t->bound;
            r->seconds = t->seconds;
            r->cpu_seconds = t->cpu_seconds;
            r->mono = t->mono;
            r->range = t->range;
            r->stride = cfg->stride;
            r->shard = cfg->shard;
            r->shards = cfg->shards;
            r->st = t->st[k];
            print_row(r);
        }
        total += t->seconds;
        estimate += t->seconds * (double)((uint64_t)1 << 32) / (double)t->st[0].points;
        cpu_estimate += t->cpu_seconds * (double)((uint64_t)1 << 32) / (double)t->st[0].points;
        write_tsv(tsv, &rs); /* after every task: a long sweep keeps what it has done */
    }
    printf("\n%zu tasks in %.1f s on %d threads; all 2^32 floats of these tasks would take %.2f h at this "
           "speed, %.2f h on %d idle cores (%.2f CPU hours)\n",
           ntasks, total, cfg->threads, estimate / 3600, cpu_estimate / 3600 / cfg->threads, cfg->threads,
           cpu_estimate / 3600);
    free(tasks);
    return rs;
}

int main(int argc, char **argv)
{
    config cfg = {.stride = 1, .shards = 1, .threads = 2, .params_all = 1, .want_form = {1, 1}};
    const char *tsv = NULL, *dir = ".";
    int merge_from = 0, merge_count = 0;
    cfg.isas[cfg.nisas++] = "scalar";
    parse_args(argc, argv, &cfg, &tsv, &dir, &merge_from, &merge_count);
    ref_init();
    fr_init();
    char path[4096];
    if (!tsv) {
        if (merge_from)
            snprintf(path, sizeof path, "%s/exhaustive-merged.tsv", dir);
        else if (cfg.shards > 1)
            snprintf(path, sizeof path, "%s/exhaustive-%llu-of-%llu.tsv", dir, (unsigned long long)cfg.shard,
                     (unsigned long long)cfg.shards);
        else
            snprintf(path, sizeof path, "%s/exhaustive.tsv", dir);
        tsv = path;
    }
    rows rs;
    if (merge_from) {
        rs = merge_files(merge_count, argv + merge_from);
        print_header();
        for (size_t i = 0; i < rs.n; i++)
            print_row(&rs.r[i]);
        write_tsv(tsv, &rs);
    } else {
        cfg.stride = scaled_stride(cfg.stride);
        if (cfg.shards > blocks(cfg.stride)) {
            fprintf(stderr, "%llu shards of %llu runs of %d floats: some would be empty\n",
                    (unsigned long long)cfg.shards, (unsigned long long)blocks(cfg.stride), RUN);
            return 2;
        }
        rs = run_sweep(&cfg, tsv);
    }
    printf("TSV: %s\n", tsv);
    const int failed = verdict(&rs);
    free(rs.r);
    mpfr_free_cache();
    return failed;
}
