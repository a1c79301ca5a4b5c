/* The notification matrix of Bijlage 3 "Incidenten en meldingsniveau
 * matrix": per table (gebruikers, beheer) a category and a possible
 * incident, and whether the helpdesk, the CISO and the directie must be
 * informed (X), informed when relevant ((X)) or not. The default is
 * data/matrix.tsv (75 rows: 32 gebruikers + 43 beheer), compiled in. */
#ifndef MK_CORE_MATRIX_H
#define MK_CORE_MATRIX_H

#include <stddef.h>

#include "base/rc.h"
#include "core/vocab.h"

struct mk_matrix_row {
	enum mk_matrix_table table;
	char *category;  /* owned */
	char *incident;  /* owned */
	enum mk_notify helpdesk, ciso, directie;
};

struct mk_matrix {
	struct mk_matrix_row *rows; /* owned, in table order */
	size_t count;
	size_t cap;
};

void mk_matrix_init(struct mk_matrix *m);
void mk_matrix_release(struct mk_matrix *m);

/* Appends a copy of row after checking it: category and incident are
 * non-empty single lines of at most MK_NAME_MAX bytes, and (table,
 * category, incident) is not yet in m (MK_ECONFLICT names the duplicate). */
enum mk_rc mk_matrix_add(struct mk_matrix *m, const struct mk_matrix_row *row,
			 struct mk_error *err);

/* Parses a matrix table in the format of data/matrix.tsv into an empty m.
 * Errors name the line. On failure m is left empty. */
enum mk_rc mk_matrix_parse(struct mk_matrix *m, const char *text, size_t len,
			   const char *what, struct mk_error *err);

/* Fills an empty m with the compiled-in default (data/matrix.tsv). */
enum mk_rc mk_matrix_load_default(struct mk_matrix *m, struct mk_error *err);

/* The row for table + category + incident (exact, case-sensitive text), or
 * NULL. Borrowed from m. */
const struct mk_matrix_row *mk_matrix_find(const struct mk_matrix *m,
					   enum mk_matrix_table table,
					   const char *category, const char *incident);

/* As mk_matrix_find, with MK_ENOTFOUND naming the unknown row, and a hint
 * when only the category exists. */
enum mk_rc mk_matrix_lookup(const struct mk_matrix *m, enum mk_matrix_table table,
			    const char *category, const char *incident,
			    const struct mk_matrix_row **ret_row, struct mk_error *err);

#endif
