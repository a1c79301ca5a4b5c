/* A per-thread arena for jansson's allocations while one record is parsed
 * and mapped. Parsing a VERIS record makes hundreds of small allocations
 * that all die together when the record is dropped; taking them from an
 * arena and freeing them at once cuts an import's malloc work by half.
 *
 * jansson's allocator is process-wide, so mk_json_arena_install() points
 * it at functions that use the calling thread's arena while one is active
 * (mk_json_arena_begin .. _end) and plain malloc otherwise: other threads
 * and other code see no difference. */
#ifndef MK_INTAKE_JSON_ARENA_H
#define MK_INTAKE_JSON_ARENA_H

#include <stddef.h>

/* Installs the allocator into jansson; call once, before any thread uses
 * jansson. Idempotent. */
void mk_json_arena_install(void);

/* Activates an arena of `size` bytes for this thread (allocated on first
 * use and kept). An allocation that does not fit falls back to malloc.
 * Returns 0, or -1 if the arena cannot be allocated (then malloc is used). */
int mk_json_arena_begin(size_t size);

/* Ends the thread's arena use: every JSON value made from it must have
 * been released already. Its memory is reused by the next begin. */
void mk_json_arena_end(void);

/* Frees this thread's arena memory (at thread exit). */
void mk_json_arena_release(void);

#endif
