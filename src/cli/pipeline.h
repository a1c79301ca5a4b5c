/* A reader pipeline for imports: files are read and prepared by worker
 * threads (parsing is most of the work and needs no database) while the
 * calling thread writes the records, in the order of the paths. Bounded
 * queues keep memory flat however many files there are. */
#ifndef MK_CLI_PIPELINE_H
#define MK_CLI_PIPELINE_H

#include <stddef.h>

#include "service/service.h"

/* One file, read and prepared. */
struct mk_pipeline_item {
	const char *path;
	struct mk_registration reg; /* filled and prepared when rc is MK_OK */
	enum mk_rc rc;
	struct mk_error err;
};

/* Reads path into item (item->reg is initialised by the pipeline; the
 * function sets rc and err). Called on a worker thread: it may only read
 * shared state. */
typedef void (*mk_pipeline_read_fn)(void *ctx, const char *path, struct mk_pipeline_item *item);

/* Called on each worker thread as it ends (to free per-thread memory). */
typedef void (*mk_pipeline_exit_fn)(void *ctx);

struct mk_pipeline;

/* Starts `workers` threads (1 to 4) over paths[0..n), which must outlive
 * the pipeline. at_exit may be NULL. Returns NULL if the threads could not
 * be started. */
struct mk_pipeline *mk_pipeline_start(char *const *paths, size_t n, int workers,
				      mk_pipeline_read_fn read, mk_pipeline_exit_fn at_exit,
				      void *ctx);

/* The next item in path order; call exactly once per path, or stop early.
 * The caller owns item->reg afterwards. */
void mk_pipeline_next(struct mk_pipeline *p, struct mk_pipeline_item *item);

/* Stops the workers, waits for them, releases what was read but not
 * taken, and frees the pipeline. Accepts NULL. */
void mk_pipeline_finish(struct mk_pipeline *p);

/* How many worker threads suit this machine: one per core, at most four. */
int mk_pipeline_workers(void);

#endif
