/* The notification matrix as data. */
#include "core/matrix.h"

#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/text.h"
#include "core/tsv.h"

extern const char mk_data_matrix_tsv[];
extern const unsigned long mk_data_matrix_tsv_len;

void mk_matrix_init(struct mk_matrix *m)
{
	memset(m, 0, sizeof(*m));
}

void mk_matrix_release(struct mk_matrix *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++) {
		mk_free(m->rows[i].category);
		mk_free(m->rows[i].incident);
	}
	mk_free(m->rows);
	mk_matrix_init(m);
}

const struct mk_matrix_row *mk_matrix_find(const struct mk_matrix *m,
					   enum mk_matrix_table table,
					   const char *category, const char *incident)
{
	if (!category || !incident)
		return NULL;
	for (size_t i = 0; i < m->count; i++) {
		const struct mk_matrix_row *r = &m->rows[i];
		if (r->table == table && strcmp(r->category, category) == 0 &&
		    strcmp(r->incident, incident) == 0)
			return r;
	}
	return NULL;
}

enum mk_rc mk_matrix_lookup(const struct mk_matrix *m, enum mk_matrix_table table,
			    const char *category, const char *incident,
			    const struct mk_matrix_row **ret_row, struct mk_error *err)
{
	const struct mk_matrix_row *r = mk_matrix_find(m, table, category, incident);
	if (r) {
		*ret_row = r;
		return MK_OK;
	}
	bool category_known = false;
	for (size_t i = 0; i < m->count && category; i++)
		if (m->rows[i].table == table && strcmp(m->rows[i].category, category) == 0)
			category_known = true;
	if (!category_known)
		return mk_error_set(err, MK_ENOTFOUND, "category",
				    "matrix table '%s' has no category '%.120s' (see 'meldkamer matrix list')",
				    mk_matrix_table_name(table), category ? category : "");
	return mk_error_set(err, MK_ENOTFOUND, "incident",
			    "matrix category '%.120s' has no incident '%.120s' (see 'meldkamer matrix list')",
			    category, incident ? incident : "");
}

enum mk_rc mk_matrix_add(struct mk_matrix *m, const struct mk_matrix_row *row,
			 struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("category", row->category, MK_NAME_MAX, MK_TEXT_LINE, true, err)) ||
	    (rc = mk_text_check("incident", row->incident, MK_NAME_MAX, MK_TEXT_LINE, true, err)))
		return rc;
	if ((unsigned)row->table >= MK_MATRIX_TABLE_COUNT || (unsigned)row->helpdesk >= MK_NOTIFY_COUNT ||
	    (unsigned)row->ciso >= MK_NOTIFY_COUNT || (unsigned)row->directie >= MK_NOTIFY_COUNT)
		return mk_error_set(err, MK_EINVAL, "", "matrix row has an invalid level");
	if (mk_matrix_find(m, row->table, row->category, row->incident))
		return mk_error_set(err, MK_ECONFLICT, "incident",
				    "matrix row '%s' / '%.120s' / '%.120s' appears twice",
				    mk_matrix_table_name(row->table), row->category, row->incident);
	if (m->count == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 128;
		struct mk_matrix_row *rows = mk_realloc(m->rows, cap * sizeof(*rows));
		if (!rows)
			return mk_error_set(err, MK_ENOMEM, "", "out of memory");
		m->rows = rows;
		m->cap = cap;
	}
	struct mk_matrix_row copy = *row;
	copy.category = mk_strdup(row->category);
	copy.incident = mk_strdup(row->incident);
	if (!copy.category || !copy.incident) {
		mk_free(copy.category);
		mk_free(copy.incident);
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	}
	m->rows[m->count++] = copy;
	return MK_OK;
}

enum mk_rc mk_matrix_parse(struct mk_matrix *m, const char *text, size_t len,
			   const char *what, struct mk_error *err)
{
	static const char *const columns[] = {"table", "category", "incident",
					      "helpdesk", "ciso", "directie"};
	struct mk_tsv t;
	enum mk_rc rc = mk_tsv_parse(text, len, what, columns, 6, &t, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < t.rows; i++) {
		struct mk_matrix_row row = {0};
		row.category = (char *)mk_tsv_cell(&t, i, 1);
		row.incident = (char *)mk_tsv_cell(&t, i, 2);
		struct mk_error cell_err;
		if ((rc = mk_matrix_table_parse(mk_tsv_cell(&t, i, 0), "table", &row.table, &cell_err)) ||
		    (rc = mk_notify_parse(mk_tsv_cell(&t, i, 3), "helpdesk", &row.helpdesk, &cell_err)) ||
		    (rc = mk_notify_parse(mk_tsv_cell(&t, i, 4), "ciso", &row.ciso, &cell_err)) ||
		    (rc = mk_notify_parse(mk_tsv_cell(&t, i, 5), "directie", &row.directie, &cell_err)) ||
		    (rc = mk_matrix_add(m, &row, &cell_err))) {
			mk_error_set(err, rc, cell_err.field, "%s line %zu: %s", what,
				     mk_tsv_line(&t, text, i), cell_err.message);
			mk_matrix_release(m);
			break;
		}
	}
	mk_tsv_release(&t);
	return rc;
}

enum mk_rc mk_matrix_load_default(struct mk_matrix *m, struct mk_error *err)
{
	return mk_matrix_parse(m, mk_data_matrix_tsv, mk_data_matrix_tsv_len,
			       "data/matrix.tsv", err);
}
