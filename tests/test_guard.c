/* Nothing outside [p, p + n) is read or written, at any length and alignment.
 *
 * Every array lives in a read-write page between two PROT_NONE pages, filled
 * with a canary. For each (op, form, dtype), length and alignment offset, the
 * arrays are placed `off` elements from the upper guard (so that off = 0 ends
 * exactly at it) and, separately, `off` elements after the lower guard; a read
 * or write past either end faults, one into the slack changes the canary.
 * Results must be bit-identical to the same ISA on plain buffers, out of place
 * and in place, and the inputs must come back unchanged.
 *
 * usage: test_guard <isa>; ACTFAST_TEST_SCALE < 1 shortens the length range. */
#include "harness.h"

#include "guard_pages.h"


enum { MAX_N = 130, MAX_COLS = 40, MAX_ROWS = 3, LINE_BYTES = 64 };
/* How far around an array the canary is checked: a kernel that strays does
 * so by a few vectors, and checking the whole page each call would dominate
 * the run time. */
enum { WINDOW = 4 * LINE_BYTES };
static const unsigned char CANARY = 0xCD;

/* A read-write stretch between two PROT_NONE pages. */
typedef struct slot {
    unsigned char *rw;
    size_t len;
} slot;

static slot slot_new(size_t page)
{
    slot s;
    s.rw = guarded_new(page, &s.len);
    memset(s.rw, CANARY, s.len);
    return s;
}

/* `off` elements after the lower guard, or ending `off` before the upper one. */
static unsigned char *place(const slot *s, int at_end, size_t off, size_t n, size_t size)
{
    return at_end ? s->rw + s->len - (n + off) * size : s->rw + off * size;
}

static unsigned char canaries[WINDOW]; /* what the window must hold */

/* The canary around [p, p + bytes) is intact; then the array's bytes become
 * canary again for the next call. */
static int intact_then_reset(const slot *s, unsigned char *p, size_t bytes)
{
    const size_t before = p - s->rw < WINDOW ? (size_t)(p - s->rw) : WINDOW;
    const size_t room = (size_t)(s->rw + s->len - (p + bytes)), after = room < WINDOW ? room : WINDOW;
    int ok = memcmp(p - before, canaries, before) == 0 && memcmp(p + bytes, canaries, after) == 0;
    memset(p, CANARY, bytes);
    return ok;
}

enum alias { SEPARATE, OUT_IS_IN, OUT_IS_DY };
static const char *const alias_names[] = {"out of place", "out = in", "out = dy"};

static slot slots[5]; /* in, dy, out; gated units: a, gate, dy, out, dgate */
/* The inputs and the reference result of the current shape, on plain buffers. */
static double x[MAX_N], dy[MAX_N], ref[MAX_N];

static void run_placed(const h_case *c, size_t n, const actfast_params *p, int at_end, size_t off, enum alias alias)
{
    const size_t line = LINE_BYTES / c->size, bytes = n * c->size;
    /* Each array gets every offset, but not the same one as the others. */
    unsigned char *in = place(&slots[0], at_end, off, n, c->size);
    unsigned char *d = place(&slots[1], at_end, (3 * off + 1) % line, n, c->size);
    unsigned char *out = alias == OUT_IS_IN   ? in
                         : alias == OUT_IS_DY ? d
                                              : place(&slots[2], at_end, (5 * off + 2) % line, n, c->size);
    memcpy(in, x, bytes);
    if (c->with_dy)
        memcpy(d, dy, bytes);
    snprintf(guard_where, sizeof guard_where, "%s n=%zu cols=%zu %s off=%zu %s", c->name, n, p->cols,
             at_end ? "at upper guard" : "after lower guard", off, alias_names[alias]);

    actfast_status st = h_apply(c, in, d, out, n, p);
    CHECK(st == ACTFAST_OK, "%s: status %d", guard_where, (int)st);
    CHECK_SAME(c, out, ref, n, guard_where);
    if (alias != OUT_IS_IN)
        CHECK(memcmp(in, x, bytes) == 0, "%s: input changed", guard_where);
    if (c->with_dy && alias != OUT_IS_DY)
        CHECK(memcmp(d, dy, bytes) == 0, "%s: dy changed", guard_where);
    CHECK(intact_then_reset(&slots[0], in, bytes), "%s: wrote around in", guard_where);
    if (c->with_dy)
        CHECK(intact_then_reset(&slots[1], d, bytes), "%s: wrote around dy", guard_where);
    if (alias == SEPARATE)
        CHECK(intact_then_reset(&slots[2], out, bytes), "%s: wrote around out", guard_where);
}

static void run_shape(const h_case *c, size_t n, size_t cols)
{
    const actfast_params p = h_params(c, cols);
    h_make_inputs(c, x, dy, n, &p, (unsigned)(n * 131 + cols));
    CHECK(h_apply(c, x, dy, ref, n, &p) == ACTFAST_OK, "%s n=%zu: reference", c->name, n);
    for (int at_end = 0; at_end < 2; at_end++)
        for (size_t off = 0; off < LINE_BYTES / c->size; off++)
            for (enum alias a = SEPARATE; a <= (c->with_dy ? OUT_IS_DY : OUT_IS_IN); a++)
                run_placed(c, n, &p, at_end, off, a);
}

/* ---- the gated units: a, gate, dy in, out (y or da) and dgate out ------- */

static double gate[MAX_N], ref_dgate[MAX_N];

/* in_place: forward y over a, backward da over dy and dgate over gate. */
static void run_gated_placed(const h_case *c, size_t n, int at_end, size_t off, int in_place)
{
    const size_t line = LINE_BYTES / c->size, bytes = n * c->size;
    unsigned char *arr[5];
    for (int k = 0; k < 5; k++)
        arr[k] = place(&slots[k], at_end, (off * (2 * k + 1) + k) % line, n, c->size);
    unsigned char *out = in_place ? (c->with_dy ? arr[2] : arr[0]) : arr[3];
    unsigned char *dgate = in_place ? arr[1] : arr[4];
    memcpy(arr[0], x, bytes);
    memcpy(arr[1], gate, bytes);
    memcpy(arr[2], dy, bytes);
    snprintf(guard_where, sizeof guard_where, "%s n=%zu %s off=%zu %s", c->name, n, at_end ? "at upper guard" : "after lower guard",
             off, in_place ? "in place" : "out of place");
    actfast_status st = h_apply_gated(c, arr[0], arr[1], arr[2], out, dgate, n);
    CHECK(st == ACTFAST_OK, "%s: status %d", guard_where, (int)st);
    CHECK_SAME(c, out, ref, n, guard_where);
    if (c->with_dy)
        CHECK_SAME(c, dgate, ref_dgate, n, guard_where);
    const double *inputs[3] = {x, gate, dy};
    for (int k = 0; k < 3; k++)
        if (!(in_place && (arr[k] == out || (c->with_dy && arr[k] == dgate))))
            CHECK(memcmp(arr[k], inputs[k], bytes) == 0, "%s: input %d changed", guard_where, k);
    for (int k = 0; k < 5; k++)
        CHECK(intact_then_reset(&slots[k], arr[k], bytes), "%s: wrote around array %d", guard_where, k);
}

static void run_gated_shape(const h_case *c, size_t n)
{
    h_fill(c->dtype, x, n, (unsigned)n * 7);
    h_fill(c->dtype, gate, n, (unsigned)n * 7 + 1);
    h_fill(c->dtype, dy, n, (unsigned)n * 7 + 2);
    CHECK(h_apply_gated(c, x, gate, dy, ref, ref_dgate, n) == ACTFAST_OK, "%s n=%zu: reference", c->name, n);
    for (int at_end = 0; at_end < 2; at_end++)
        for (size_t off = 0; off < LINE_BYTES / c->size; off++)
            for (int in_place = 0; in_place < 2; in_place++)
                run_gated_placed(c, n, at_end, off, in_place);
}

int main(int argc, char **argv)
{
    const char *isa = h_use_isa(argc, argv);
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (page < (MAX_N + LINE_BYTES) * sizeof(double)) {
        fprintf(stderr, "page of %zu bytes is too small\n", page);
        return 1;
    }
    for (int i = 0; i < 5; i++)
        slots[i] = slot_new(page);
    memset(canaries, CANARY, sizeof canaries);
    guard_install_handler();

    /* The scale only shortens: 0..130 already covers every tail of every ISA. */
    size_t n_max = h_scaled(MAX_N, 40), cols_max = h_scaled(MAX_COLS, 17);
    n_max = n_max < MAX_N ? n_max : MAX_N;
    cols_max = cols_max < MAX_COLS ? cols_max : MAX_COLS;
    H_FOR_EACH_CASE(c) {
        if (!c.info->rowwise) {
            for (size_t n = 0; n <= n_max; n++)
                run_shape(&c, n, 0);
            continue;
        }
        run_shape(&c, 0, 1);
        for (size_t cols = 1; cols <= cols_max; cols++)
            for (size_t rows = 1; rows <= MAX_ROWS; rows++)
                run_shape(&c, rows * cols, cols);
    }
    H_FOR_EACH_GATED_CASE(c) {
        for (size_t n = 0; n <= n_max; n++)
            run_gated_shape(&c, n);
    }
    printf("guard %s: n = 0..%zu, rows x cols up to %d x %zu, the gated units too\n", isa, n_max, MAX_ROWS, cols_max);
    return h_finish();
}
