/* meldkamer import veris PATH...: VERIS incident records into the
 * register. Files and folders (a folder's .json/.JSON files, not its
 * subfolders) in byte order of their names. Each record goes in whole or
 * not at all; a record that is not valid VERIS is named with its reason
 * and the others still go in; a record imported before (same VERIS
 * incident_id) adds nothing. doc/veris-mapping.md has the mapping. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/pipeline.h"
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
	size_t ignored; /* hidden files and ones that are not regular (FIFOs, devices) */
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
		if (e->d_name[0] == '.') {
			/* Hidden files are not imported, but counted. */
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				p->ignored++;
			continue;
		}
		char full[4096];
		struct stat sb;
		snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		if (stat(full, &sb) != 0 || S_ISDIR(sb.st_mode))
			continue; /* subfolders are not walked */
		if (!S_ISREG(sb.st_mode)) {
			p->ignored++;
			continue;
		}
		if (!is_json_name(e->d_name)) {
			p->skipped++;
			continue;
		}
		ok = add_path(p, dir, e->d_name);
	}
	closedir(d);
	if (p->n > first)
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

/* A parsed record takes a few times its text; records are at most
 * MK_VERIS_FILE_MAX, and one that needs more falls back to malloc. */
#define JSON_ARENA_SIZE (4 * 1024 * 1024)

struct reader {
	struct mk_cli *cli;
	const struct mk_actor *actor;
	const struct mk_veris_map *map;
};

/* Reads, maps and prepares one file, on a pipeline worker. */
static void read_file(void *ctx, const char *path, struct mk_pipeline_item *item)
{
	const struct reader *r = ctx;
	json_t *root = NULL;
	/* The record's JSON lives in the thread's arena until it is mapped;
	 * the mapped incident is ordinary heap memory. */
	mk_json_arena_begin(JSON_ARENA_SIZE);
	item->rc = mk_veris_read_file(path, &root, &item->err);
	if (item->rc == MK_OK)
		item->rc = mk_veris_map_record(r->map, root, r->cli->now, &item->reg.inc, &item->err);
	json_decref(root);
	mk_json_arena_end();
	if (item->rc == MK_OK)
		item->rc = mk_svc_prepare_record(r->cli->svc, r->actor, r->cli->now, &item->reg,
						 &item->err);
}

/* Writes one parsed file inside the open batch. Returns MK_OK, or a
 * failure of the database that ends the whole import. */
static enum mk_rc import_one(struct mk_cli *cli, struct mk_pipeline_item *item, struct tally *t,
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
			mk_cli_out("%s: already imported as %s (same VERIS incident_id)\n", item->path, key);
	} else {
		t->imported++;
		if (verbose && !cli->json)
			mk_cli_out("%s: %s\n", item->path, key);
	}
	return MK_OK;
}

static void reader_exit(void *ctx)
{
	(void)ctx;
	mk_json_arena_release();
}

/* Imports every path through the reader pipeline, committing every
 * IMPORT_BATCH records. */
static enum mk_rc import_all(struct mk_cli *cli, const struct mk_veris_map *map,
			     const struct paths *p, struct tally *t, bool verbose,
			     struct mk_error *err)
{
	struct mk_actor actor = cli->actor;
	actor.via = "import veris";
	struct reader r = {cli, &actor, map};
	mk_json_arena_install();
	struct mk_pipeline *pl = mk_pipeline_start(p->items, p->n, mk_pipeline_workers(), read_file,
						   reader_exit, &r);
	if (!pl)
		return mk_error_set(err, MK_ENOMEM, "", "cannot start the reader threads");

	enum mk_rc rc = mk_svc_batch_begin(cli->svc, err);
	for (size_t i = 0; rc == MK_OK && i < p->n; i++) {
		struct mk_pipeline_item item;
		mk_pipeline_next(pl, &item);
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
	mk_pipeline_finish(pl);
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
			"{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "files", (json_int_t)(p.n + unreadable),
			"imported", (json_int_t)t.imported, "duplicates", (json_int_t)t.duplicates,
			"rejected", (json_int_t)t.rejected, "skipped_not_json", (json_int_t)p.skipped,
			"skipped_hidden_or_special", (json_int_t)p.ignored,
			"problems", t.problems, "duplicate_files", t.duplicate_files));
		t.problems = t.duplicate_files = NULL;
	} else {
		printf("imported %zu, already there %zu, rejected %zu", t.imported, t.duplicates,
		       t.rejected);
		if (p.skipped)
			printf(", skipped %zu file%s that %s not .json", p.skipped, p.skipped == 1 ? "" : "s",
			       p.skipped == 1 ? "is" : "are");
		if (p.ignored)
			printf(", skipped %zu hidden or special file%s", p.ignored, p.ignored == 1 ? "" : "s");
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
