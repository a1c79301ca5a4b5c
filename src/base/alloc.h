/* Allocation through one door, so tests can make the Nth allocation fail
 * and prove that every error path frees what it took (STYLE.md "Tests"). */
#ifndef MK_BASE_ALLOC_H
#define MK_BASE_ALLOC_H

#include <stddef.h>

/* malloc/calloc/realloc/free with the test hook. mk_free accepts NULL. */
void *mk_malloc(size_t n);
void *mk_calloc(size_t count, size_t size);
void *mk_realloc(void *p, size_t n);
void mk_free(void *p);

/* Copies of strings; NULL in gives NULL out (not an error). On OOM the
 * result is NULL for a non-NULL input. */
char *mk_strdup(const char *s);
char *mk_strndup(const char *s, size_t n);

/* Test hook: after n more successful allocations, every allocation fails
 * until mk_alloc_fail_reset(). n < 0 disables the hook. */
void mk_alloc_fail_after(long n);
void mk_alloc_fail_reset(void);
/* How many allocations were made since the last reset (for fault loops). */
long mk_alloc_count(void);

#endif
