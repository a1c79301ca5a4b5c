/* The allocation door and its failure hook. The hook is process-global
 * state on purpose: it exists only for tests, and a global is the only
 * way to reach allocations deep inside a call. */
#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

static long fail_after = -1;
static long count;

static int should_fail(void)
{
	count++;
	if (fail_after < 0)
		return 0;
	if (fail_after == 0)
		return 1;
	fail_after--;
	return 0;
}

void *mk_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *mk_calloc(size_t count_, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(count_ ? count_ : 1, size ? size : 1);
}

void *mk_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void mk_free(void *p)
{
	free(p);
}

char *mk_strndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	size_t len = strnlen(s, n);
	char *copy = mk_malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *mk_strdup(const char *s)
{
	return s ? mk_strndup(s, strlen(s)) : NULL;
}

void mk_alloc_fail_after(long n)
{
	fail_after = n;
}

void mk_alloc_fail_reset(void)
{
	fail_after = -1;
	count = 0;
}

long mk_alloc_count(void)
{
	return count;
}
