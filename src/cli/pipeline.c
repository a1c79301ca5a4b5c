/* The import reader pipeline (pipeline.h). Worker k reads paths k, k+W,
 * k+2W... into its own queue; the writer takes path i from queue i mod W,
 * so the order of the paths is kept without any reordering. Each side
 * wakes the other only when a stretch of work is ready (WAKE_AFTER items):
 * a thread switch per record would cost as much as the record itself. */
#include "cli/pipeline.h"

#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

#include "base/alloc.h"

#define WORKERS_MAX 4
#define QUEUE_SIZE 128
#define WAKE_AFTER 16

struct queue {
	struct mk_pipeline_item slots[QUEUE_SIZE];
	size_t head, tail; /* items produced, taken (both only grow) */
	bool done;         /* the worker has read all of its paths */
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
};

struct worker {
	struct mk_pipeline *p;
	int index;
	pthread_t thread;
	bool started;
};

struct mk_pipeline {
	char *const *paths;
	size_t n;
	int nworkers;
	mk_pipeline_read_fn read;
	mk_pipeline_exit_fn at_exit;
	void *ctx;
	bool stop; /* the writer gave up; read under each queue's lock */
	size_t taken;
	struct queue queues[WORKERS_MAX];
	struct worker workers[WORKERS_MAX];
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct mk_pipeline *p = w->p;
	struct queue *q = &p->queues[w->index];
	for (size_t i = (size_t)w->index; i < p->n; i += (size_t)p->nworkers) {
		struct mk_pipeline_item item = {.path = p->paths[i]};
		mk_registration_init(&item.reg);
		p->read(p->ctx, p->paths[i], &item);
		pthread_mutex_lock(&q->lock);
		while (q->head - q->tail == QUEUE_SIZE && !p->stop)
			pthread_cond_wait(&q->not_full, &q->lock);
		if (p->stop) {
			pthread_mutex_unlock(&q->lock);
			mk_registration_release(&item.reg);
			break;
		}
		q->slots[q->head % QUEUE_SIZE] = item;
		q->head++;
		if (q->head - q->tail == WAKE_AFTER)
			pthread_cond_signal(&q->not_empty);
		pthread_mutex_unlock(&q->lock);
	}
	pthread_mutex_lock(&q->lock);
	q->done = true;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
	if (p->at_exit)
		p->at_exit(p->ctx);
	return NULL;
}

/* As many workers as cores: the writer spends part of its time waiting
 * for the disk, and on a two-core machine two readers kept it busier than
 * one (10 300 against 8 300 records a second in bench/run.py). */
int mk_pipeline_workers(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores < 1 ? 1 : cores > WORKERS_MAX ? WORKERS_MAX : (int)cores;
}

struct mk_pipeline *mk_pipeline_start(char *const *paths, size_t n, int workers,
				      mk_pipeline_read_fn read, mk_pipeline_exit_fn at_exit,
				      void *ctx)
{
	struct mk_pipeline *p = mk_calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->paths = paths;
	p->n = n;
	p->nworkers = workers < 1 ? 1 : workers > WORKERS_MAX ? WORKERS_MAX : workers;
	p->read = read;
	p->at_exit = at_exit;
	p->ctx = ctx;
	for (int k = 0; k < p->nworkers; k++) {
		pthread_mutex_init(&p->queues[k].lock, NULL);
		pthread_cond_init(&p->queues[k].not_full, NULL);
		pthread_cond_init(&p->queues[k].not_empty, NULL);
	}
	for (int k = 0; k < p->nworkers; k++) {
		p->workers[k] = (struct worker){.p = p, .index = k};
		if (pthread_create(&p->workers[k].thread, NULL, work, &p->workers[k]) != 0)
			break;
		p->workers[k].started = true;
	}
	if (!p->workers[0].started) {
		mk_pipeline_finish(p);
		return NULL;
	}
	/* Fewer threads than asked for: the paths of a missing worker would
	 * never be read, so stop and let the caller go without threads. */
	for (int k = 1; k < p->nworkers; k++) {
		if (!p->workers[k].started) {
			mk_pipeline_finish(p);
			return NULL;
		}
	}
	return p;
}

void mk_pipeline_next(struct mk_pipeline *p, struct mk_pipeline_item *item)
{
	struct queue *q = &p->queues[p->taken % (size_t)p->nworkers];
	pthread_mutex_lock(&q->lock);
	/* Waiting only on an empty queue: the worker signals once it has
	 * WAKE_AFTER items, or when it is done. */
	while (q->head == q->tail)
		pthread_cond_wait(&q->not_empty, &q->lock);
	*item = q->slots[q->tail % QUEUE_SIZE];
	q->tail++;
	if (q->head - q->tail == QUEUE_SIZE - WAKE_AFTER)
		pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
	p->taken++;
}

void mk_pipeline_finish(struct mk_pipeline *p)
{
	if (!p)
		return;
	for (int k = 0; k < p->nworkers; k++) {
		struct queue *q = &p->queues[k];
		pthread_mutex_lock(&q->lock);
		p->stop = true;
		pthread_cond_signal(&q->not_full);
		pthread_mutex_unlock(&q->lock);
	}
	for (int k = 0; k < p->nworkers; k++)
		if (p->workers[k].started)
			pthread_join(p->workers[k].thread, NULL);
	for (int k = 0; k < p->nworkers; k++) {
		struct queue *q = &p->queues[k];
		for (; q->tail < q->head; q->tail++)
			mk_registration_release(&q->slots[q->tail % QUEUE_SIZE].reg);
		pthread_mutex_destroy(&q->lock);
		pthread_cond_destroy(&q->not_full);
		pthread_cond_destroy(&q->not_empty);
	}
	mk_free(p);
}
