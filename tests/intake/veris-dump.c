/* Test helper: imports a folder of VERIS files the way the reference tool
 * (tools/veris-kpi-reference.py) describes — non-recursive, names ending in
 * .json or .JSON, byte order, first file per incident_id wins — through
 * src/intake/veris.c and src/core/kpi.c, and prints the same JSON document,
 * so that compare-reference.py can hold the two implementations against
 * each other. Not part of meldkamer; the real importer lives in the CLI.
 *
 * usage: veris-dump [--records] --now EPOCH FOLDER */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "base/alloc.h"
#include "core/kpi.h"
#include "core/matrix.h"
#include "intake/veris.h"

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static json_t *time_or_null(mk_time t)
{
	return t == MK_TIME_UNKNOWN ? json_null() : json_integer(t);
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *stat_json(const struct mk_kpi_stat *s)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "n", (json_int_t)s->n, "min",
			 (json_int_t)(s->n ? s->min : 0), "avg", (json_int_t)mk_kpi_stat_avg(s),
			 "max", (json_int_t)(s->n ? s->max : 0));
}

int main(int argc, char **argv)
{
	bool records = false;
	mk_time now = MK_TIME_UNKNOWN;
	const char *folder = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--records") == 0)
			records = true;
		else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			now = strtoll(argv[++i], NULL, 10);
		else
			folder = argv[i];
	}
	if (!folder || now == MK_TIME_UNKNOWN) {
		fprintf(stderr, "usage: veris-dump [--records] --now EPOCH FOLDER\n");
		return 2;
	}

	struct mk_matrix matrix;
	struct mk_veris_map *map = NULL;
	struct mk_error err;
	mk_matrix_init(&matrix);
	if (mk_matrix_load_default(&matrix, &err) || mk_veris_map_load_default(&matrix, &map, &err)) {
		fprintf(stderr, "veris-dump: %s\n", err.message);
		return 1;
	}

	DIR *d = opendir(folder);
	if (!d) {
		perror(folder);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || (strcmp(de->d_name + len - 5, ".json") != 0 &&
				strcmp(de->d_name + len - 5, ".JSON") != 0))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_bytes);

	json_t *out = json_object(), *dups = json_array(), *rejects = json_array();
	json_t *recs = json_array(), *seen = json_object();
	long files = 0, imported = 0;
	struct mk_kpi kpi;
	mk_kpi_init(&kpi);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", folder, names[i]);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		files++;
		json_t *root = NULL;
		struct mk_incident inc;
		mk_incident_init(&inc);
		enum mk_rc rc = mk_veris_read_file(path, &root, &err);
		if (!rc)
			rc = mk_veris_map_record(map, root, now, &inc, &err);
		if (!rc)
			rc = mk_incident_check(&inc, now, &err);
		json_decref(root);
		if (rc) {
			json_array_append_new(rejects, json_pack("{s:s, s:s, s:s}", "file", names[i],
								 "field", err.field, "reason", err.message));
		} else if (json_object_get(seen, inc.source_ref)) {
			json_array_append_new(dups, json_pack("{s:s, s:s, s:O}", "file", names[i],
							      "source_ref", inc.source_ref, "first",
							      json_object_get(seen, inc.source_ref)));
		} else {
			json_object_set_new(seen, inc.source_ref, json_string(names[i]));
			imported++;
			mk_kpi_add(&kpi, &inc);
			json_t *r = json_object();
			json_object_set_new(r, "source_ref", json_string(inc.source_ref));
			json_object_set_new(r, "occurred_at", time_or_null(inc.occurred_at));
			json_object_set_new(r, "occurred_estimated", json_boolean(inc.occurred_estimated));
			json_object_set_new(r, "detected_at", time_or_null(inc.detected_at));
			json_object_set_new(r, "contained_at", time_or_null(inc.contained_at));
			json_object_set_new(r, "source", json_string(mk_source_name(inc.source)));
			json_object_set_new(r, "personal_data", json_boolean(inc.personal_data));
			json_object_set_new(r, "people_affected",
					    inc.people_affected < 0 ? json_null()
								    : json_integer(inc.people_affected));
			json_object_set_new(r, "victim", text_or_null(inc.victim));
			json_object_set_new(r, "industry", text_or_null(inc.industry));
			json_object_set_new(r, "table", inc.classified
								 ? json_string(mk_matrix_table_name(inc.matrix_table))
								 : json_null());
			json_object_set_new(r, "category", text_or_null(inc.matrix_category));
			json_object_set_new(r, "incident", text_or_null(inc.matrix_incident));
			json_object_set_new(r, "file", json_string(names[i]));
			json_object_set_new(r, "title", json_string(inc.title));
			json_array_append_new(recs, r);
		}
		mk_incident_release(&inc);
	}
	json_t *cats = json_object();
	for (size_t i = 0; i < kpi.ncategories; i++)
		json_object_set_new(cats, kpi.categories[i].name,
				    json_integer(kpi.categories[i].count));
	json_object_set_new(out, "files", json_integer(files));
	json_object_set_new(out, "imported", json_integer(imported));
	json_object_set_new(out, "duplicates", json_integer((json_int_t)json_array_size(dups)));
	json_object_set_new(out, "rejected", json_integer((json_int_t)json_array_size(rejects)));
	json_object_set_new(out, "duplicate_files", dups);
	json_object_set_new(out, "rejected_files", rejects);
	json_object_set_new(out, "incidents", json_integer(kpi.incidents));
	json_object_set_new(out, "with_personal_data", json_integer(kpi.with_personal_data));
	json_object_set_new(out, "by_category", cats);
	json_object_set_new(out, "detection_lag_s", stat_json(&kpi.detection_lag));
	json_object_set_new(out, "containment_s", stat_json(&kpi.containment));
	if (records)
		json_object_set(out, "records", recs);
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);

	json_decref(recs);
	json_decref(seen);
	json_decref(out);
	mk_kpi_release(&kpi);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	mk_veris_map_free(map);
	mk_matrix_release(&matrix);
	return 0;
}
