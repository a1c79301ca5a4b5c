/* VERIS import, the pure part: reading one VERIS JSON record (VERIS 1.2 up
 * to 1.4) with the limits of limits.h, and mapping it into a struct
 * mk_incident. Files, directories, duplicates and the store are the
 * importer's business (`meldkamer import veris`); nothing here does I/O
 * apart from mk_veris_read_file, and nothing reads the clock.
 * doc/veris-mapping.md is the mapping for an outside reader; the rules
 * from VERIS actions to rows of the notification matrix (Bijlage 3) are
 * data/veris-map.tsv. */
#ifndef MK_INTAKE_VERIS_H
#define MK_INTAKE_VERIS_H

#include <stddef.h>

#include <jansson.h>

#include "base/rc.h"
#include "base/time.h"
#include "core/incident.h"
#include "core/matrix.h"

/* The action -> matrix rules, checked against a matrix. Opaque; owns its
 * strings, so it outlives the matrix it was checked against. */
struct mk_veris_map;

/* Parses rules in the format of data/veris-map.tsv (columns action,
 * variety, asset, attribute, table, category, incident) and checks every
 * rule: a known VERIS action, an asset class letter or *, an attribute
 * (confidentiality, integrity, availability) or *, and a (table, category,
 * incident) that exists in matrix. Errors name the rule's line in `what`:
 * MK_EINVAL for a malformed rule, MK_ENOTFOUND for a row missing from the
 * matrix, MK_ETOOBIG, MK_ENOMEM. On success *ret is the caller's (free it
 * with mk_veris_map_free); on failure *ret is untouched. */
enum mk_rc mk_veris_map_parse(const struct mk_matrix *matrix, const char *text, size_t len,
			      const char *what, struct mk_veris_map **ret, struct mk_error *err);

/* mk_veris_map_parse over the compiled-in data/veris-map.tsv. */
enum mk_rc mk_veris_map_load_default(const struct mk_matrix *matrix, struct mk_veris_map **ret,
				     struct mk_error *err);

/* Number of rules (for listings and tests). */
size_t mk_veris_map_count(const struct mk_veris_map *m);

/* Frees m. Accepts NULL. */
void mk_veris_map_free(struct mk_veris_map *m);

/* Parses data[0..len) as one VERIS file. Refused before parsing: more than
 * MK_VERIS_FILE_MAX bytes (MK_ETOOBIG naming the limit), a NUL byte or
 * invalid UTF-8 (MK_EINVAL naming the byte offset). Then jansson parses it,
 * refusing duplicate keys, \u0000 in strings, integers beyond 64 bits and
 * trailing text (MK_EINVAL naming line and column); the result must be a
 * JSON object nested at most MK_JSON_DEPTH_MAX deep (MK_ETOOBIG). `name`
 * (the file name) goes into messages. On success *ret_root is a new
 * reference the caller must json_decref. */
enum mk_rc mk_veris_parse(const char *data, size_t len, const char *name, json_t **ret_root,
			  struct mk_error *err);

/* Reads the regular file at path and parses it with mk_veris_parse. A
 * file larger than MK_VERIS_FILE_MAX is refused before it is read.
 * MK_ENOTFOUND when it does not exist, MK_EINVAL when it cannot be read or
 * is not a regular file. */
enum mk_rc mk_veris_read_file(const char *path, json_t **ret_root, struct mk_error *err);

/* Maps the VERIS record root into ret, which the caller has initialised
 * (mk_incident_init) and releases afterwards, also on failure (then it may
 * be half-filled). Sets title, description, source, classified with
 * matrix_table/matrix_category/matrix_incident (when a rule matches),
 * people_affected, personal_data, occurred_at/occurred_estimated,
 * detected_at, contained_at, source_ref ("veris:" + incident_id), victim
 * and industry; leaves reported_at, key, uuid, phase and the rest alone.
 * now is the current time: no time may land more than a day after it
 * (MK_TIME_UNKNOWN skips that check). A record that is not valid VERIS
 * gives MK_EINVAL with the VERIS field in err->field and a message naming
 * the problem; MK_ENOMEM. The rules are in doc/veris-mapping.md. */
enum mk_rc mk_veris_map_record(const struct mk_veris_map *m, const json_t *root, mk_time now,
			       struct mk_incident *ret, struct mk_error *err);

#endif
