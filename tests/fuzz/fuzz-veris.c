/* libFuzzer harness for the VERIS intake: mk_veris_parse on arbitrary
 * bytes, then mk_veris_map_record on whatever parses. Beyond "no crash, no
 * leak, no undefined behaviour" it checks the mapping's promise: a record
 * that maps is a valid incident (mk_incident_check passes), so an import
 * can never store what the rest of meldkamer would refuse.
 *
 * Not built by default: meson setup build-fuzz -Dfuzz=true with CC=clang
 * (see tests/fuzz/README.md). Crashers found go to tests/intake/veris/ as
 * regression fixtures. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "core/incident.h"
#include "core/matrix.h"
#include "intake/veris.h"

#define NOW ((mk_time)1767225600) /* 2026-01-01T00:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mk_matrix matrix;
static struct mk_veris_map *map;

static void load(void)
{
	struct mk_error err;
	mk_matrix_init(&matrix);
	if (mk_matrix_load_default(&matrix, &err) || mk_veris_map_load_default(&matrix, &map, &err)) {
		fprintf(stderr, "fuzz-veris: %s\n", err.message);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!map)
		load();
	json_t *root = NULL;
	struct mk_error err;
	if (mk_veris_parse((const char *)data, size, "fuzz", &root, &err) != MK_OK)
		return 0;
	struct mk_incident inc;
	mk_incident_init(&inc);
	if (mk_veris_map_record(map, root, NOW, &inc, &err) == MK_OK) {
		if (mk_incident_check(&inc, NOW, &err) != MK_OK) {
			fprintf(stderr, "mapped record fails the check: %s [%s]\n", err.message,
				err.field);
			abort();
		}
		if (!inc.source_ref || !inc.title)
			abort();
	}
	mk_incident_release(&inc);
	json_decref(root);
	return 0;
}
