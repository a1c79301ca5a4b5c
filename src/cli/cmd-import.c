/* meldkamer import veris PATH...: VERIS incident records into the
 * register. Files and folders (a folder's .json/.JSON files, not its
 * subfolders) in byte order of their names. Each record goes in whole or
 * not at all; a record that is not valid VERIS is named with its reason
 * and the others still go in; a record imported before (same VERIS
 * incident_id) adds nothing. doc/veris-mapping.md has the mapping. */
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "intake/json-arena.h"
#include "intake/veris.h"

enum { OPT_VERBOSE = MK_OPT_FIRST_OWN };

/* Records per transaction: large enough that commits cost little, small
 * enough that the write-ahead log stays small. */
#define IMPORT_BATCH 1000

struct paths {
	char **items;
	size_t n, cap;
	size_t skipped; /* files in folders that are not .json */
};

static bool add_path(struct paths *p, const char *dir, const char *name)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 128;
		char **items = mk_realloc(p->items, cap * sizeof(*items));
		if (!items)
			return false;
		p->items = items;
		p->cap = cap;
	}
	size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
	char *path = mk_malloc(len);
	if (!path)
		return false;
	snprintf(path, len, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	p->items[p->n++] = path;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_json_name(const char *name)
{
	size_t len = strlen(name);
	return len > 5 && strcasecmp(name + len - 5, ".json") == 0;
}

/* Adds the .json files of dir, sorted; returns false on OOM. */
static bool add_folder(struct mk_cli *cli, struct paths *p, const char *dir, size_t *ret_errors)
{
	DIR *d = opendir(dir);
	if (!d) {
		mk_cli_error("%s: %s: cannot read the folder: %s\n", cli->prog, dir, strerror(errno));
		(*ret_errors)++;
		return true;
	}
	size_t first = p->n;
	struct dirent *e;
	bool ok = true;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char full[4096];
		struct stat sb;
		snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		if (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue; /* subfolders are not walked */
		if (!is_json_name(e->d_name)) {
			p->skipped++;
			continue;
		}
		ok = add_path(p, dir, e->d_name);
	}
	closedir(d);
	qsort(p->items + first, p->n - first, sizeof(*p->items), by_name);
	return ok;
}

struct tally {
	size_t imported, duplicates, rejected;
	json_t *problems; /* for --json: [{file, problem}] */
	json_t *duplicate_files;
};

static void reject(struct mk_cli *cli, struct tally *t, const char *path, const char *why)
{
	t->rejected++;
	if (t->problems)
		json_array_append_new(t->problems, json_pack("{s:s, s:s}", "file", path, "problem", why));
	else if (strstr(why, path))
		mk_cli_error("%s: %s\n", cli->prog, why); /* the message names the file */
	else
		mk_cli_error("%s: %s: %s\n", cli->prog, path, why);
}

/* Reading and mapping a file (JSON parsing is a third of the work) runs
 * in a second thread while the main thread writes the previous records:
 * a bounded queue between them keeps memory flat. Each side wakes the
 * other only when a stretch of work is ready (WAKE_AFTER items), because
 * a thread switch per record costs as much as the record itself. */
#define QUEUE_SIZE 256
#define WAKE_AFTER 32
/* A parsed record takes a few times its text; records are at most
 * MK_VERIS_FILE_MAX, and one that needs more falls back to malloc. */
#define JSON_ARENA_SIZE (4 * 1024 * 1024)

struct parsed {
	const char *path;
	struct mk_registration reg; /* mapped and prepared when rc is MK_OK */
	enum mk_rc rc;
	struct mk_error err;
};

struct pipeline {
	struct mk_cli *cli;
	const struct mk_actor *actor;
	const struct mk_veris_map *map;
	const struct paths *paths;
	struct parsed slots[QUEUE_SIZE];
	size_t head, tail; /* items produced, consumed (both only grow) */
	bool stop;         /* the consumer gave up */
	bool done;         /* the producer has produced everything */
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
};

static void parse_file(struct pipeline *pl, struct parsed *item, const char *path)
{
	json_t *root = NULL;
	item->path = path;
	mk_registration_init(&item->reg);
	mk_error_clear(&item->err);
	/* The record's JSON lives in the thread's arena until it is mapped;
	 * the mapped incident is ordinary heap memory. */
	mk_json_arena_begin(JSON_ARENA_SIZE);
	item->rc = mk_veris_read_file(path, &root, &item->err);
	if (item->rc == MK_OK)
		item->rc = mk_veris_map_record(pl->map, root, pl->cli->now, &item->reg.inc, &item->err);
	json_decref(root);
	mk_json_arena_end();
	if (item->rc == MK_OK)
		item->rc = mk_svc_prepare_record(pl->cli->svc, pl->actor, pl->cli->now, &item->reg,
						 &item->err);
}

static void *producer(void *arg)
{
	struct pipeline *pl = arg;
	for (size_t i = 0; i < pl->paths->n; i++) {
		struct parsed item;
		parse_file(pl, &item, pl->paths->items[i]);
		pthread_mutex_lock(&pl->lock);
		while (pl->head - pl->tail == QUEUE_SIZE && !pl->stop)
			pthread_cond_wait(&pl->not_full, &pl->lock);
		if (pl->stop) {
			pthread_mutex_unlock(&pl->lock);
			mk_registration_release(&item.reg);
			break;
		}
		pl->slots[pl->head % QUEUE_SIZE] = item;
		pl->head++;
		if (pl->head - pl->tail == WAKE_AFTER)
			pthread_cond_signal(&pl->not_empty);
		pthread_mutex_unlock(&pl->lock);
	}
	pthread_mutex_lock(&pl->lock);
	pl->done = true;
	pthread_cond_signal(&pl->not_empty);
	pthread_mutex_unlock(&pl->lock);
	mk_json_arena_release();
	return NULL;
}

/* The next parsed file, in path order; the caller releases item->reg.
 * The caller asks only for as many items as there are paths. */
static void next_parsed(struct pipeline *pl, struct parsed *item)
{
	pthread_mutex_lock(&pl->lock);
	/* Waiting only on an empty queue: the producer signals once it has
	 * WAKE_AFTER items, or when it is done. */
	while (pl->head == pl->tail)
		pthread_cond_wait(&pl->not_empty, &pl->lock);
	*item = pl->slots[pl->tail % QUEUE_SIZE];
	pl->tail++;
	if (pl->head - pl->tail == QUEUE_SIZE - WAKE_AFTER)
		pthread_cond_signal(&pl->not_full);
	pthread_mutex_unlock(&pl->lock);
}

static void stop_producer(struct pipeline *pl)
{
	pthread_mutex_lock(&pl->lock);
	pl->stop = true;
	pthread_cond_signal(&pl->not_full);
	pthread_mutex_unlock(&pl->lock);
	/* Whatever was produced but not consumed is released here. */
}

static void drain(struct pipeline *pl)
{
	for (; pl->tail < pl->head; pl->tail++)
		mk_registration_release(&pl->slots[pl->tail % QUEUE_SIZE].reg);
}

/* Writes one parsed file inside the open batch. Returns MK_OK, or a
 * failure of the database that ends the whole import. */
static enum mk_rc import_one(struct mk_cli *cli, struct parsed *item, struct tally *t,
			     bool verbose, struct mk_error *fatal)
{
	if (item->rc) {
		reject(cli, t, item->path, item->err.message);
		return item->rc == MK_ENOMEM ? mk_error_set(fatal, item->rc, "", "out of memory") : MK_OK;
	}
	bool duplicate = false;
	char key[MK_KEY_TEXT];
	struct mk_error err = {0};
	enum mk_rc rc = mk_svc_register_prepared(cli->svc, cli->now, &item->reg, &duplicate, key,
						 &err);
	if (rc == MK_ESTORE || rc == MK_ENOMEM) {
		*fatal = err;
		return rc;
	}
	if (rc) {
		reject(cli, t, item->path, err.message);
		return MK_OK;
	}
	if (duplicate) {
		t->duplicates++;
		if (t->duplicate_files)
			json_array_append_new(t->duplicate_files,
					      json_pack("{s:s, s:s}", "file", item->path, "key", key));
		else
			printf("%s: already imported as %s (same VERIS incident_id)\n", item->path, key);
	} else {
		t->imported++;
		if (verbose && !cli->json)
			printf("%s: %s\n", item->path, key);
	}
	return MK_OK;
}

/* Imports every path through the pipeline, committing every
 * IMPORT_BATCH records. */
static enum mk_rc import_all(struct mk_cli *cli, const struct mk_veris_map *map,
			     const struct paths *p, struct tally *t, bool verbose,
			     struct mk_error *err)
{
	struct mk_actor actor = cli->actor;
	actor.via = "import veris";
	struct pipeline pl = {.cli = cli, .actor = &actor, .map = map, .paths = p};
	pthread_t thread;
	pthread_mutex_init(&pl.lock, NULL);
	pthread_cond_init(&pl.not_full, NULL);
	pthread_cond_init(&pl.not_empty, NULL);
	mk_json_arena_install();
	if (pthread_create(&thread, NULL, producer, &pl) != 0)
		return mk_error_set(err, MK_ENOMEM, "", "cannot start the reader thread");

	enum mk_rc rc = mk_svc_batch_begin(cli->svc, err);
	for (size_t i = 0; rc == MK_OK && i < p->n; i++) {
		struct parsed item;
		next_parsed(&pl, &item);
		rc = import_one(cli, &item, t, verbose, err);
		mk_registration_release(&item.reg);
		if (rc == MK_OK && (i + 1) % IMPORT_BATCH == 0 && i + 1 < p->n) {
			if ((rc = mk_svc_batch_commit(cli->svc, err)) == MK_OK)
				rc = mk_svc_batch_begin(cli->svc, err);
		}
	}
	if (rc == MK_OK)
		rc = mk_svc_batch_commit(cli->svc, err);
	else if (mk_svc_in_batch(cli->svc))
		mk_svc_batch_abort(cli->svc);
	stop_producer(&pl);
	pthread_join(thread, NULL);
	drain(&pl);
	pthread_mutex_destroy(&pl.lock);
	pthread_cond_destroy(&pl.not_full);
	pthread_cond_destroy(&pl.not_empty);
	return rc;
}

int mk_cmd_import_veris(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"verbose", no_argument, NULL, OPT_VERBOSE},
		{0},
	};
	bool verbose = false;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_VERBOSE)
			verbose = true;
	}
	if (optind == argc)
		return mk_cli_usage_error(cli, "give one or more VERIS files or folders");
	if ((status = mk_cli_open(cli, MK_STORE_WRITE)))
		return status;

	struct paths p = {0};
	struct tally t = {0};
	struct mk_veris_map *map = NULL;
	struct mk_error err = {0};
	size_t unreadable = 0;
	if (cli->json) {
		t.problems = json_array();
		t.duplicate_files = json_array();
	}
	if (mk_veris_map_load_default(&cli->svc->matrix, &map, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		bool ok = true;
		if (stat(argv[i], &sb) != 0) {
			reject(cli, &t, argv[i], strerror(errno));
			unreadable++;
		} else if (S_ISDIR(sb.st_mode)) {
			ok = add_folder(cli, &p, argv[i], &unreadable);
		} else {
			ok = add_path(&p, NULL, argv[i]);
		}
		if (!ok) {
			mk_cli_error("%s: out of memory listing files\n", cli->prog);
			status = 1;
			goto out;
		}
	}

	enum mk_rc rc = import_all(cli, map, &p, &t, verbose, &err);
	if (rc) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		status = mk_cli_print_json(json_pack(
			"{s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "files", (json_int_t)(p.n + unreadable),
			"imported", (json_int_t)t.imported, "duplicates", (json_int_t)t.duplicates,
			"rejected", (json_int_t)t.rejected, "skipped_not_json", (json_int_t)p.skipped,
			"problems", t.problems, "duplicate_files", t.duplicate_files));
		t.problems = t.duplicate_files = NULL;
	} else {
		printf("imported %zu, already there %zu, rejected %zu", t.imported, t.duplicates,
		       t.rejected);
		if (p.skipped)
			printf(", skipped %zu file%s that %s not .json", p.skipped, p.skipped == 1 ? "" : "s",
			       p.skipped == 1 ? "is" : "are");
		putchar('\n');
	}
	/* Bad input among good: the good records are in, the exit status
	 * still tells a script that something was refused. */
	if (status == 0 && t.rejected)
		status = 2;
out:
	for (size_t i = 0; i < p.n; i++)
		mk_free(p.items[i]);
	mk_free(p.items);
	json_decref(t.problems);
	json_decref(t.duplicate_files);
	mk_veris_map_free(map);
	return status;
}
