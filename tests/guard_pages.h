/* Arrays between PROT_NONE pages, for the tests that prove that nothing
 * outside an array is read or written (test_guard, test_rows_ex), and a
 * fault handler that names the call in progress (`guard_where`) before the
 * previous handler (the default, or a sanitizer's) reports the fault. */
#ifndef ACTFAST_TEST_GUARD_PAGES_H
#define ACTFAST_TEST_GUARD_PAGES_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A read-write stretch of at least `bytes` (whole pages, *len of them)
 * between two PROT_NONE pages. */
static unsigned char *guarded_new(size_t bytes, size_t *len)
{
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    *len = (bytes + page - 1) / page * page;
    unsigned char *m = mmap(NULL, *len + 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED || mprotect(m, page, PROT_NONE) != 0 || mprotect(m + page + *len, page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        exit(1);
    }
    return m + page;
}

static char guard_where[300];
static struct sigaction guard_previous_segv, guard_previous_bus;

static void guard_on_fault(int sig)
{
    char msg[sizeof guard_where + 16] = "FAULT in ";
    strcat(msg, guard_where);
    strcat(msg, "\n");
    ssize_t written = write(STDERR_FILENO, msg, strlen(msg));
    (void)written;
    /* the access faults again, into the previous handler */
    sigaction(sig, sig == SIGSEGV ? &guard_previous_segv : &guard_previous_bus, NULL);
}

static void guard_install_handler(void)
{
    struct sigaction sa = {.sa_handler = guard_on_fault};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &guard_previous_segv);
    sigaction(SIGBUS, &sa, &guard_previous_bus);
}

#endif
