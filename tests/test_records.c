/* The test records (record.h) are complete: each holds what its row of
 * src/ops.def asks for.
 *
 *   test_records
 *
 * An op of the table without a record never gets this far: the configure
 * step wants tests/ops/<name>.c for every row (records.cmake), and without
 * its definition record_<name> is undefined when tests/records.c links. What
 * is checked here is the rest: an elementwise op has its forward reference,
 * one of grad and grad_terms, grad_from_y exactly if its row has from_y, and
 * no row references; a row-wise op has both row references and nothing of
 * the elementwise ones; a gated unit has its activation's record and no
 * references of its own; every op has a textbook loop for each form it has
 * (a gated unit: forward only, its backward has two outputs) and none for
 * the others, and a gallery range that is not empty. */
#include "harness.h"

#include "record.h"

static void check_textbook(const actfast_op_info *info, const textbook_loops *textbook)
{
    if (!CHECK(textbook != NULL, "%s: no textbook loops", info->name))
        return;
    for (int dt = 0; dt < 2; dt++)
        for (int form = 0; form < ACTFAST_FORM_COUNT; form++) {
            const int wanted = info->has_form[form] && (!info->gated || form == ACTFAST_FORWARD);
            CHECK(!textbook->loop[dt][form] == !wanted, "%s: a textbook loop for %s %s %s", info->name,
                  h_form_names[form], dt ? "f64" : "f32", wanted ? "is missing" : "that the op does not have");
        }
}

static void check_elementwise(const actfast_op_info *info, const test_record *r)
{
    CHECK(r->forward != NULL, "%s: no forward reference", info->name);
    CHECK(!r->grad != !r->grad_terms, "%s: %s", info->name,
          r->grad ? "both grad and grad_terms" : "neither grad nor grad_terms");
    CHECK(!r->grad_from_y == !info->has_form[ACTFAST_BACKWARD_FROM_Y], "%s: %s", info->name,
          r->grad_from_y ? "a grad_from_y reference, but no from_y in its row" : "no grad_from_y reference");
    CHECK(!r->rows_forward && !r->rows_backward, "%s: row references for an elementwise op", info->name);
    CHECK(!r->gate_act, "%s: an activation record for an op that is not gated", info->name);
}

static void check_gated(const actfast_op_info *info, const test_record *r)
{
    if (CHECK(r->gate_act != NULL, "%s: no activation record", info->name))
        CHECK(r->gate_act->forward && (r->gate_act->grad || r->gate_act->grad_terms),
              "%s: its activation's record lacks forward or grad references", info->name);
    CHECK(!r->forward && !r->grad && !r->grad_terms && !r->grad_from_y && !r->flat && !r->extra_params[0].name &&
              !r->rows_forward && !r->rows_backward,
          "%s: references of its own for a gated unit", info->name);
}

static void check_rowwise(const actfast_op_info *info, const test_record *r)
{
    CHECK(r->rows_forward && r->rows_backward, "%s: a row reference is missing", info->name);
    CHECK(!r->forward && !r->grad && !r->grad_terms && !r->grad_from_y && !r->flat && !r->extra_params[0].name,
          "%s: elementwise references for a row-wise op", info->name);
}

int main(void)
{
    for (int op = 0; op < ACTFAST_OP_COUNT; op++) {
        const actfast_op_info *info = actfast_get_op_info((actfast_op)op);
        const test_record *r = test_records[op];
        if (info->gated)
            check_gated(info, r);
        else if (info->rowwise)
            check_rowwise(info, r);
        else
            check_elementwise(info, r);
        check_textbook(info, r->textbook);
        CHECK(isfinite(r->gallery.lo) && isfinite(r->gallery.hi) && r->gallery.lo < r->gallery.hi,
              "%s: the gallery range [%g, %g] is empty", info->name, r->gallery.lo, r->gallery.hi);
    }
    return h_finish();
}
