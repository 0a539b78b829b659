/* Writes the parts of include/actfast.h that follow from the op table: the
 * prototypes of every ELEMENTWISE, ROWWISE and GATED row of src/ops.def, each op's
 * under its comment from src/ops_doc.def, and the actfast_op enum. By hand, a
 * forgotten prototype is only a warning in src/api.c, and the entry point
 * silently stays hidden in a shared libactfast.
 *
 *   actfast_gen_header elementwise    the ELEMENTWISE ops' comments and prototypes
 *   actfast_gen_header rowwise        the ROWWISE ops' comments and prototypes
 *   actfast_gen_header gated          the GATED ops' comments and prototypes
 *   actfast_gen_header rows_ex        the ROWWISE ops' strided, scaled and masked
 *                                     forms (_ex), under one comment in the header
 *   actfast_gen_header op_enum        typedef enum actfast_op, in the order of the rows
 *   actfast_gen_header entry_points   every entry point that a row names, one a line,
 *                                     ELEMENTWISE_OWN_API ops' forms included (the
 *                                     exports test's expected set)
 *
 * tools/gen_header.cmake puts the sections between their markers in the header
 * (scripts/run header) and checks them (ctest -R header_generated). The
 * program reads the table through the preprocessor, as src/api.c does, so
 * that the two cannot read it differently.
 */
#include <stdio.h>
#include <string.h>

enum kind { KIND_ELEMENTWISE, KIND_ELEMENTWISE_OWN_API, KIND_ROWWISE, KIND_GATED };

typedef struct op {
    const char *name;
    const char *enum_name;
    enum kind kind;
    int nparams;
    const char *param_names[2];
    int from_y;
} op;

#define AF_PARAM_NAMES(count, n0, d0, n1, d1) count, {#n0, #n1}
static const op ops[] = {
#define AF_OP(name, ENUM, kind, params, valid, from_y, valid_from_y, mono, lo, hi, ulp_f32, ulp_f64) \
    {#name, #ENUM, KIND_##kind, AF_PARAM_NAMES params, from_y},
#include "ops.def"
#undef AF_OP
};
enum { OP_COUNT = sizeof ops / sizeof ops[0] };

typedef struct doc {
    const char *name;
    const char *text;
} doc;

static const doc docs[] = {
#define AF_DOC(name, text) {#name, text},
#include "ops_doc.def"
#undef AF_DOC
};
enum { DOC_COUNT = sizeof docs / sizeof docs[0] };

/* The 16-bit forms take their parameters as floats (SPEC 6). */
typedef struct dtype {
    const char *suffix;
    const char *type;
    const char *param_type;
} dtype;

static const dtype dtypes[] = {
    {"f32", "float", "float"}, {"f64", "double", "double"}, {"bf16", "actfast_bf16", "float"}, {"f16", "actfast_f16", "float"}};
enum { DTYPE_COUNT = sizeof dtypes / sizeof dtypes[0] };

typedef struct array {
    int is_input;
    const char *name;
} array;

/* One public form: actfast_<name><suffix>_<dt>(arrays..., sizes, parameters). */
typedef struct form {
    const char *suffix;
    int array_count;
    array arrays[5];
} form;

/* SPEC §6; backward_from_y last, as only the rows with from_y = 1 have it. */
static const form elementwise_forms[] = {
    {"", 2, {{1, "x"}, {0, "y"}}},
    {"_grad", 2, {{1, "x"}, {0, "g"}}},
    {"_backward", 3, {{1, "x"}, {1, "dy"}, {0, "dx"}}},
    {"_backward_from_y", 3, {{1, "y"}, {1, "dy"}, {0, "dx"}}},
};
/* A row-wise backward always takes the saved output (src/api.c). */
static const form rowwise_forms[] = {
    {"", 2, {{1, "x"}, {0, "y"}}},
    {"_backward", 3, {{1, "y"}, {1, "dy"}, {0, "dx"}}},
};

/* SPEC §6's strided rows: every array with its leading dimension. */
static const form rows_ex_forms[] = {
    {"_ex", 2, {{1, "x"}, {0, "y"}}},
    {"_backward_ex", 3, {{1, "y"}, {1, "dy"}, {0, "dx"}}},
};

/* SPEC §6's gated units: two inputs forward, two outputs backward. */
static const form gated_forms[] = {
    {"", 3, {{1, "a"}, {1, "gate"}, {0, "y"}}},
    {"_backward", 5, {{1, "a"}, {1, "gate"}, {1, "dy"}, {0, "da"}, {0, "dgate"}}},
};

static const form *forms_of(const op *o, int *count)
{
    if (o->kind == KIND_GATED) {
        *count = sizeof gated_forms / sizeof gated_forms[0];
        return gated_forms;
    }
    if (o->kind == KIND_ROWWISE) {
        *count = sizeof rowwise_forms / sizeof rowwise_forms[0];
        return rowwise_forms;
    }
    *count = sizeof elementwise_forms / sizeof elementwise_forms[0] - !o->from_y;
    return elementwise_forms;
}

static int declared_here(const op *o) { return o->kind != KIND_ELEMENTWISE_OWN_API; }

static const op *op_named(const char *name)
{
    for (int i = 0; i < OP_COUNT; i++)
        if (strcmp(ops[i].name, name) == 0)
            return &ops[i];
    return NULL;
}

/* The first AF_DOC of that name, or DOC_COUNT. */
static int doc_index(const char *name)
{
    int i = 0;
    while (i < DOC_COUNT && strcmp(docs[i].name, name) != 0)
        i++;
    return i;
}

static const char *doc_of(const op *o)
{
    const int i = doc_index(o->name);
    return i < DOC_COUNT ? docs[i].text : NULL;
}

/* Every op declared here has exactly one usable comment, and every comment
 * belongs to such an op; says what is wrong on stderr otherwise. */
static int docs_complete(void)
{
    int complete = 1;
    for (int i = 0; i < OP_COUNT; i++)
        if (declared_here(&ops[i]) && !doc_of(&ops[i])) {
            fprintf(stderr, "actfast_gen_header: src/ops.def has op %s but src/ops_doc.def has no AF_DOC(%s, ...)\n",
                    ops[i].name, ops[i].name);
            complete = 0;
        }
    for (int i = 0; i < DOC_COUNT; i++) {
        const char *name = docs[i].name, *text = docs[i].text;
        const op *o = op_named(name);
        const char *problem = NULL;
        if (!o)
            problem = "src/ops.def has no such op";
        else if (!declared_here(o))
            problem = "an ELEMENTWISE_OWN_API op is documented beside its hand-written prototypes";
        else if (doc_index(name) != i)
            problem = "documented twice";
        else if (text[0] == '\0' || text[strlen(text) - 1] != '\n')
            problem = "the text must end each line, the last too, with \\n";
        else if (strstr(text, "/*") || strstr(text, "*/"))
            problem = "the text would open or close the comment it goes into";
        if (problem) {
            fprintf(stderr, "actfast_gen_header: src/ops_doc.def: AF_DOC(%s, ...): %s\n", name, problem);
            complete = 0;
        }
    }
    return complete;
}

static void put_comment(const char *text)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        const int first = line == text, last = end[1] == '\0', empty = end == line;
        printf("%s%.*s%s\n", first ? "/* " : empty ? " *" : " * ", (int)(end - line), line, last ? " */" : "");
        line = end + 1;
    }
}

static void put_name(const op *o, const form *f, const dtype *d)
{
    printf("actfast_%s%s_%s", o->name, f->suffix, d->suffix);
}

static void put_rows_ex_prototype(const op *o, const form *f, const dtype *d)
{
    printf("ACTFAST_API actfast_status ");
    put_name(o, f, d);
    printf("(");
    for (int i = 0; i < f->array_count; i++)
        printf("%s%s *%s, size_t ld%s, ", f->arrays[i].is_input ? "const " : "", d->type, f->arrays[i].name,
               f->arrays[i].name);
    printf("size_t rows, size_t cols, const actfast_rows_opts *o);\n");
}

static void put_prototype(const op *o, const form *f, const dtype *d)
{
    printf("ACTFAST_API actfast_status ");
    put_name(o, f, d);
    printf("(");
    for (int i = 0; i < f->array_count; i++)
        printf("%s%s *%s, ", f->arrays[i].is_input ? "const " : "", d->type, f->arrays[i].name);
    if (o->kind == KIND_ROWWISE) {
        printf("size_t rows, size_t cols");
    } else {
        printf("size_t n");
        for (int i = 0; i < o->nparams; i++)
            printf(", %s %s", d->param_type, o->param_names[i]);
    }
    printf(");\n");
}

static void put_declarations(enum kind kind)
{
    int first = 1;
    for (int i = 0; i < OP_COUNT; i++) {
        const op *o = &ops[i];
        if (o->kind != kind)
            continue;
        if (!first)
            printf("\n");
        first = 0;
        put_comment(doc_of(o));
        int form_count;
        const form *forms = forms_of(o, &form_count);
        for (int d = 0; d < DTYPE_COUNT; d++)
            for (int f = 0; f < form_count; f++)
                put_prototype(o, &forms[f], &dtypes[d]);
    }
}

static void put_rows_ex_declarations(void)
{
    int first = 1;
    for (int i = 0; i < OP_COUNT; i++) {
        if (ops[i].kind != KIND_ROWWISE)
            continue;
        if (!first)
            printf("\n");
        first = 0;
        for (int d = 0; d < DTYPE_COUNT; d++)
            for (size_t f = 0; f < sizeof rows_ex_forms / sizeof rows_ex_forms[0]; f++)
                put_rows_ex_prototype(&ops[i], &rows_ex_forms[f], &dtypes[d]);
    }
}

static void put_op_enum(void)
{
    printf("typedef enum actfast_op {\n");
    for (int i = 0; i < OP_COUNT; i++)
        printf("    ACTFAST_OP_%s,\n", ops[i].enum_name);
    printf("    ACTFAST_OP_COUNT\n} actfast_op;\n");
}

static void put_entry_points(void)
{
    for (int i = 0; i < OP_COUNT; i++) {
        int form_count;
        const form *forms = forms_of(&ops[i], &form_count);
        for (int d = 0; d < DTYPE_COUNT; d++)
            for (int f = 0; f < form_count; f++) {
                put_name(&ops[i], &forms[f], &dtypes[d]);
                printf("\n");
            }
        if (ops[i].kind == KIND_ROWWISE)
            for (int d = 0; d < DTYPE_COUNT; d++)
                for (size_t f = 0; f < sizeof rows_ex_forms / sizeof rows_ex_forms[0]; f++) {
                    put_name(&ops[i], &rows_ex_forms[f], &dtypes[d]);
                    printf("\n");
                }
    }
}

int main(int argc, char **argv)
{
    const char *section = argc == 2 ? argv[1] : "";
    if (!docs_complete())
        return 1;
    if (strcmp(section, "elementwise") == 0)
        put_declarations(KIND_ELEMENTWISE);
    else if (strcmp(section, "rowwise") == 0)
        put_declarations(KIND_ROWWISE);
    else if (strcmp(section, "gated") == 0)
        put_declarations(KIND_GATED);
    else if (strcmp(section, "rows_ex") == 0)
        put_rows_ex_declarations();
    else if (strcmp(section, "op_enum") == 0)
        put_op_enum();
    else if (strcmp(section, "entry_points") == 0)
        put_entry_points();
    else {
        fprintf(stderr, "usage: actfast_gen_header elementwise|rowwise|rows_ex|gated|op_enum|entry_points\n");
        return 2;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("actfast_gen_header: stdout");
        return 1;
    }
    return 0;
}
