/* The data behind docs/gallery: f and f' of every op of the library, as the
 * library itself computes them, one CSV per op in the directory given.
 *
 *   actfast_gallery_data DIR      writes DIR/<name>.csv; scripts/run gallery plots them
 *
 * Every op comes from the op table through the generic entry (a gated unit
 * through actfast_apply_gated), with its default parameters, over the x range
 * of its test record (tests/ops/<name>.c). Each file opens with "# key: value"
 * lines that the captions need (name, index in the op table, parameter
 * defaults; for a row-wise op, which row is drawn; for a gated unit, the a it
 * is drawn at), then the columns x, f, df.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "actfast.h"
#include "record.h"

/* x = lo + i / STEPS_PER_UNIT over the record's [lo, hi]: a power-of-two step
 * puts every kink of the catalog (0, +-1/2, +-1, +-3, 6) exactly on the grid,
 * so the plots show the library's value at the kink itself. */
enum { STEPS_PER_UNIT = 64 };

/* A row-wise op is drawn on the row (x, 0, 0, 0): y_0 over x_0 and its
 * derivative dy_0/dx_0, which backward_from_y gives for dy = (1, 0, 0, 0). */
enum { COLS = 4 };

/* A gated unit y = a * act(gate) is drawn at a = 1 over x = gate: there y is
 * act(gate), and its backward with dy = 1 gives dgate = dy * a * act'(gate) =
 * act'(gate), both as the unit itself computes them. */
static const double GATED_A = 1;

static void check(actfast_status st, const char *name)
{
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast_gallery_data: %s: %s\n", name, actfast_status_string(st));
        exit(1);
    }
}

/* n doubles, or exit. */
static double *doubles(size_t n)
{
    double *p = malloc(n * sizeof(double));
    if (!p) {
        fprintf(stderr, "actfast_gallery_data: out of memory\n");
        exit(1);
    }
    return p;
}

static void elementwise(actfast_op op, const actfast_params *p, const double *x, size_t points, double *f,
                        double *df)
{
    const char *name = actfast_get_op_info(op)->name;
    check(actfast_apply(op, ACTFAST_FORWARD, ACTFAST_F64, x, NULL, f, points, p), name);
    check(actfast_apply(op, ACTFAST_GRAD, ACTFAST_F64, x, NULL, df, points, p), name);
}

static void rowwise(actfast_op op, const actfast_params *defaults, const double *x, size_t points, double *f,
                    double *df)
{
    double *rows = doubles(points * COLS), *y = doubles(points * COLS), *dy = doubles(points * COLS),
           *dx = doubles(points * COLS);
    const char *name = actfast_get_op_info(op)->name;
    for (size_t i = 0; i < points; i++)
        for (size_t j = 0; j < COLS; j++) {
            rows[i * COLS + j] = j == 0 ? x[i] : 0;
            dy[i * COLS + j] = j == 0;
        }
    actfast_params p = *defaults;
    p.cols = COLS;
    check(actfast_apply(op, ACTFAST_FORWARD, ACTFAST_F64, rows, NULL, y, points * COLS, &p), name);
    check(actfast_apply(op, ACTFAST_BACKWARD_FROM_Y, ACTFAST_F64, y, dy, dx, points * COLS, &p), name);
    for (size_t i = 0; i < points; i++) {
        f[i] = y[i * COLS];
        df[i] = dx[i * COLS];
    }
    free(rows);
    free(y);
    free(dy);
    free(dx);
}

static void gated(actfast_op op, const double *x, size_t points, double *f, double *df)
{
    double *a = doubles(points), *dy = doubles(points), *da = doubles(points);
    const char *name = actfast_get_op_info(op)->name;
    for (size_t i = 0; i < points; i++) {
        a[i] = GATED_A;
        dy[i] = 1;
    }
    check(actfast_apply_gated(op, ACTFAST_FORWARD, ACTFAST_F64, a, x, NULL, f, NULL, points), name);
    /* da = dy * act(gate) is f again: not drawn. */
    check(actfast_apply_gated(op, ACTFAST_BACKWARD, ACTFAST_F64, a, x, dy, da, df, points), name);
    free(a);
    free(dy);
    free(da);
}

static void write_table(const char *dir, actfast_op op, const double *x, size_t points, const double *f,
                        const double *df)
{
    const actfast_op_info *info = actfast_get_op_info(op);
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s.csv", dir, info->name) >= (int)sizeof path) {
        fprintf(stderr, "actfast_gallery_data: path too long: %s\n", dir);
        exit(1);
    }
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        exit(1);
    }
    fprintf(out, "# name: %s\n# index: %d\n# params:", info->name, (int)op);
    for (int k = 0; k < info->nparams; k++)
        fprintf(out, "%s %s=%.17g", k ? "," : "", info->param_names[k], info->param_defaults[k]);
    fprintf(out, "\n");
    if (info->rowwise) {
        fprintf(out, "# row: (x");
        for (int j = 1; j < COLS; j++)
            fprintf(out, ", 0");
        fprintf(out, ")\n");
    }
    if (info->gated)
        fprintf(out, "# a: %.17g\n", GATED_A);
    fprintf(out, "x,f,df\n");
    for (size_t i = 0; i < points; i++)
        fprintf(out, "%.17g,%.17g,%.17g\n", x[i], f[i], df[i]);
    if (fclose(out) != 0) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    for (actfast_op op = (actfast_op)0; op < ACTFAST_OP_COUNT; op++) {
        const test_record *r = test_records[op];
        const double lo = r->gallery.lo * STEPS_PER_UNIT, hi = r->gallery.hi * STEPS_PER_UNIT;
        if (!(lo < hi && isfinite(hi - lo) && lo == floor(lo) && hi == floor(hi))) {
            fprintf(stderr, "actfast_gallery_data: %s: the x range of its record is empty or off the grid of 1/64\n",
                    actfast_get_op_info(op)->name);
            return 1;
        }
        const size_t points = (size_t)(hi - lo) + 1;
        double *x = doubles(points), *f = doubles(points), *df = doubles(points);
        for (size_t i = 0; i < points; i++)
            x[i] = (lo + (double)i) / STEPS_PER_UNIT;
        actfast_params p = actfast_default_params(op);
        if (actfast_get_op_info(op)->gated)
            gated(op, x, points, f, df);
        else if (actfast_get_op_info(op)->rowwise)
            rowwise(op, &p, x, points, f, df);
        else
            elementwise(op, &p, x, points, f, df);
        write_table(argv[1], op, x, points, f, df);
        free(x);
        free(f);
        free(df);
    }
    return 0;
}
