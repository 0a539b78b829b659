/* The data behind docs/gallery: f and f' of every op of the library, as the
 * library itself computes them, one CSV per op in the directory given.
 *
 *   actfast_gallery_data DIR      writes DIR/<name>.csv; scripts/run gallery plots them
 *
 * Every op comes from the op table through the generic entry, with its default
 * parameters, so a new function appears here without an edit. Each file opens
 * with "# key: value" lines that the captions need (name, index in the op
 * table, parameter defaults; for a row-wise op, which row is drawn), then the
 * columns x, f, df.
 */
#include <stdio.h>
#include <stdlib.h>

#include "actfast.h"

/* x = (i - HALF) / STEPS_PER_UNIT over [-7, 7]: a power-of-two step puts every
 * kink of the catalog (0, +-1/2, +-1, +-3, 6) exactly on the grid, so the
 * plots show the library's value at the kink itself, and the range reaches past
 * relu6's clip at 6. */
enum { STEPS_PER_UNIT = 64, HALF = 7 * STEPS_PER_UNIT, POINTS = 2 * HALF + 1 };

/* A row-wise op is drawn on the row (x, 0, 0, 0): y_0 over x_0 and its
 * derivative dy_0/dx_0, which backward_from_y gives for dy = (1, 0, 0, 0). */
enum { COLS = 4 };

static void check(actfast_status st, const char *name)
{
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast_gallery_data: %s: %s\n", name, actfast_status_string(st));
        exit(1);
    }
}

static void elementwise(actfast_op op, const actfast_params *p, const double *x, double *f, double *df)
{
    const char *name = actfast_get_op_info(op)->name;
    check(actfast_apply(op, ACTFAST_FORWARD, ACTFAST_F64, x, NULL, f, POINTS, p), name);
    check(actfast_apply(op, ACTFAST_GRAD, ACTFAST_F64, x, NULL, df, POINTS, p), name);
}

static void rowwise(actfast_op op, const actfast_params *defaults, const double *x, double *f, double *df)
{
    static double rows[POINTS * COLS], y[POINTS * COLS], dy[POINTS * COLS], dx[POINTS * COLS];
    const char *name = actfast_get_op_info(op)->name;
    for (size_t i = 0; i < POINTS; i++)
        for (size_t j = 0; j < COLS; j++) {
            rows[i * COLS + j] = j == 0 ? x[i] : 0;
            dy[i * COLS + j] = j == 0;
        }
    actfast_params p = *defaults;
    p.cols = COLS;
    check(actfast_apply(op, ACTFAST_FORWARD, ACTFAST_F64, rows, NULL, y, POINTS * COLS, &p), name);
    check(actfast_apply(op, ACTFAST_BACKWARD_FROM_Y, ACTFAST_F64, y, dy, dx, POINTS * COLS, &p), name);
    for (size_t i = 0; i < POINTS; i++) {
        f[i] = y[i * COLS];
        df[i] = dx[i * COLS];
    }
}

static void write_table(const char *dir, actfast_op op, const double *x, const double *f, const double *df)
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
    fprintf(out, "x,f,df\n");
    for (size_t i = 0; i < POINTS; i++)
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
    static double x[POINTS], f[POINTS], df[POINTS];
    for (size_t i = 0; i < POINTS; i++)
        x[i] = ((double)i - HALF) / STEPS_PER_UNIT;
    for (actfast_op op = (actfast_op)0; op < ACTFAST_OP_COUNT; op++) {
        actfast_params p = actfast_default_params(op);
        if (actfast_get_op_info(op)->rowwise)
            rowwise(op, &p, x, f, df);
        else
            elementwise(op, &p, x, f, df);
        write_table(argv[1], op, x, f, df);
    }
    return 0;
}
