/* The per-thread JSON arena (see json-arena.h). */
#include "intake/json-arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

struct arena {
	char *base;
	size_t size, used;
	bool active;
};

static _Thread_local struct arena arena;

static bool in_arena(const void *p)
{
	const char *c = p;
	return arena.base && c >= arena.base && c < arena.base + arena.size;
}

static void *arena_malloc(size_t n)
{
	if (arena.active) {
		size_t need = (n + 15) & ~(size_t)15;
		if (need >= n && need <= arena.size - arena.used) {
			void *p = arena.base + arena.used;
			arena.used += need;
			return p;
		}
	}
	return malloc(n);
}

static void arena_free(void *p)
{
	/* Arena memory goes back all at once, at mk_json_arena_end. */
	if (!in_arena(p))
		free(p);
}

void mk_json_arena_install(void)
{
	json_set_alloc_funcs(arena_malloc, arena_free);
}

int mk_json_arena_begin(size_t size)
{
	if (!arena.base || arena.size < size) {
		free(arena.base);
		arena.base = malloc(size);
		arena.size = arena.base ? size : 0;
	}
	arena.used = 0;
	arena.active = arena.base != NULL;
	return arena.active ? 0 : -1;
}

void mk_json_arena_end(void)
{
	arena.active = false;
	arena.used = 0;
}

void mk_json_arena_release(void)
{
	free(arena.base);
	arena.base = NULL;
	arena.size = arena.used = 0;
	arena.active = false;
}
