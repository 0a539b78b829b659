/* A large array split between two threads, each calling the library on its
 * half: the results are the bits of one call on the whole array. For rrelu's
 * random slopes, each half passes its own starting index as the offset, so
 * the slopes depend on the element's index alone, not on the split. Exits
 * nonzero if a call fails or a bit differs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <actfast.h>

enum { COUNT = 1 << 20 };
static const uint64_t seed = 42;

typedef struct half {
    const float *x;
    float *gelu, *rrelu;
    size_t start, n;
    actfast_status status;
} half;

static void *work(void *arg)
{
    half *h = arg;
    h->status = actfast_gelu_f32(h->x + h->start, h->gelu + h->start, h->n);
    if (h->status == ACTFAST_OK) /* training mode: slopes drawn at index offset + i */
        h->status = actfast_rrelu_f32(h->x + h->start, h->rrelu + h->start, h->n, 0.125f, 1.0f / 3, 1, seed,
                                      h->start);
    return NULL;
}

int main(void)
{
    float *x = malloc(COUNT * sizeof *x), *whole = malloc(2 * COUNT * sizeof *whole),
          *split = malloc(2 * COUNT * sizeof *split);
    if (!x || !whole || !split)
        return 1;
    for (size_t i = 0; i < COUNT; i++)
        x[i] = (float)((int)(i * 2654435761u % 2001) - 1000) / 100.0f; /* in [-10, 10] */

    /* One call each on the whole array. */
    actfast_status st = actfast_gelu_f32(x, whole, COUNT);
    if (st == ACTFAST_OK)
        st = actfast_rrelu_f32(x, whole + COUNT, COUNT, 0.125f, 1.0f / 3, 1, seed, 0);

    /* The same, split at an odd place between two threads. */
    half halves[2] = {{x, split, split + COUNT, 0, 333333, ACTFAST_OK},
                      {x, split, split + COUNT, 333333, COUNT - 333333, ACTFAST_OK}};
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        if (pthread_create(&threads[t], NULL, work, &halves[t]) != 0)
            return 1;
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);

    for (int t = 0; t < 2 && st == ACTFAST_OK; t++)
        st = halves[t].status;
    if (st != ACTFAST_OK) {
        fprintf(stderr, "actfast: %s\n", actfast_status_string(st));
        return 1;
    }
    const int same = memcmp(whole, split, 2 * COUNT * sizeof *whole) == 0;
    printf("two threads on %d elements (%s): gelu and rrelu %s one call's bits\n", COUNT, actfast_active_isa(),
           same ? "match" : "DO NOT match");
    free(x);
    free(whole);
    free(split);
    return same ? 0 : 1;
}
