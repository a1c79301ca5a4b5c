/* The breach register of AVG art. 33(5): every breach, notified or not,
 * one line each, as CSV (RFC 4180), XLSX (libxlsxwriter) or JSON. Text
 * that came from people (titles, references) can hold what a spreadsheet
 * reads as a formula, so every text cell is neutralised (OWASP "CSV
 * injection") in both file formats. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/limits.h"
#include "export/breach.h"
#include "export/json.h"

static const char *const columns[MK_REGISTER_COLUMNS] = {
	"incident", "titel", "oefening", "kennisname", "categorieen",
	"bijzondere_categorieen", "bsn", "betrokkenen_min", "betrokkenen_max", "versleuteld",
	"risico", "ap_status", "ap_meldnummer", "ap_gemeld_op", "ap_uiterlijk", "ap_te_laat",
	"betrokkenen_informeren", "betrokkenen_geinformeerd_op", "fg_geraadpleegd",
};

const char *mk_register_column(size_t i)
{
	return i < MK_REGISTER_COLUMNS ? columns[i] : NULL;
}

void mk_cell_neutralise(const char *s, struct mk_buf *out)
{
	if (!s)
		return;
	/* The characters that start a formula in Excel, LibreOffice and
	 * Google Sheets, and tab and CR, which some of them skip before
	 * looking (OWASP "CSV Injection"). */
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]))
		mk_buf_addc(out, '\'');
	mk_buf_adds(out, s);
}

void mk_csv_record(const char *const *cells, size_t n, struct mk_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		const char *c = cells[i] ? cells[i] : "";
		if (i)
			mk_buf_addc(out, ',');
		if (!strpbrk(c, ",\"\r\n")) {
			mk_buf_adds(out, c);
			continue;
		}
		mk_buf_addc(out, '"');
		for (; *c; c++) {
			if (*c == '"')
				mk_buf_addc(out, '"');
			mk_buf_addc(out, *c);
		}
		mk_buf_addc(out, '"');
	}
	mk_buf_adds(out, "\r\n");
}

/* The cells of one line, as offsets into store until it stops growing. */
enum mk_rc mk_register_cells(const struct mk_breach_register_row *r, mk_time now,
			     struct mk_buf *store, const char *cells[MK_REGISTER_COLUMNS])
{
	const struct mk_breach *b = r->breach;
	size_t at[MK_REGISTER_COLUMNS];
	char t[MK_TIME_TEXT];
	size_t col = 0;
	mk_buf_reset(store);
#define START() (at[col] = store->len)
#define END() (mk_buf_addc(store, '\0'), col++)
#define PUT(text) (START(), mk_cell_neutralise((text), store), END())
	PUT(r->key);
	PUT(r->title);
	PUT(r->exercise ? "ja" : "nee");
	PUT(b->aware_at == MK_TIME_UNKNOWN ? "" : mk_time_format_local(b->aware_at, t));
	START();
	mk_breach_set_format(MK_BV_CATEGORY, b->categories, store);
	END();
	START();
	mk_breach_set_format(MK_BV_SPECIAL, b->special, store);
	END();
	PUT(b->categories & mk_breach_bsn_bit() ? "ja" : "nee");
	START();
	if (b->subjects_min >= 0)
		mk_buf_addf(store, "%lld", (long long)b->subjects_min);
	END();
	START();
	if (b->subjects_max >= 0)
		mk_buf_addf(store, "%lld", (long long)b->subjects_max);
	END();
	PUT(b->encrypted == MK_TRI_UNKNOWN ? "" : b->encrypted == MK_TRI_YES ? "ja" : "nee");
	PUT(b->risk == MK_RISK_UNKNOWN ? "" : mk_breach_vocab_name(MK_BV_RISK, (unsigned)b->risk - 1));
	PUT(mk_ap_status_of(r->notifications, r->ap_final, r->ap_withdrawn));
	PUT(r->ap_reference ? r->ap_reference : "");
	PUT(r->ap_first_filed_at == MK_TIME_UNKNOWN ? "" : mk_time_format_local(r->ap_first_filed_at, t));
	mk_time due = mk_breach_ap_due(b->aware_at);
	PUT(due == MK_TIME_UNKNOWN ? "" : mk_time_format_local(due, t));
	/* Late: filed after the 72 hours, or still not filed after them
	 * while the risk was not judged geen. */
	const char *late = "nee";
	if (r->ap_first_filed_at != MK_TIME_UNKNOWN)
		late = r->ap_first_filed_at > due ? "ja" : "nee";
	else if (b->risk == MK_RISK_GEEN)
		late = "n.v.t.";
	else if (now > due)
		late = "ja (nog niet gemeld)";
	PUT(late);
	if (b->inform == MK_TRI_YES)
		PUT("ja");
	else if (b->inform == MK_TRI_NO) {
		START();
		mk_buf_addf(store, "nee (%s)",
			    mk_breach_vocab_name(MK_BV_EXCEPTION, (unsigned)b->inform_exception));
		END();
	} else
		PUT("nog niet besloten");
	PUT(b->informed_at == MK_TIME_UNKNOWN ? "" : mk_time_format_local(b->informed_at, t));
	START();
	if (b->fg_name && b->fg_name[0]) {
		mk_cell_neutralise(b->fg_name, store);
		mk_buf_addf(store, ", %s", mk_time_format_local(b->fg_consulted_at, t));
	}
	END();
#undef PUT
#undef END
#undef START
	enum mk_rc rc = mk_buf_rc(store);
	if (rc)
		return rc;
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++)
		cells[i] = store->data + at[i];
	return MK_OK;
}

/* --- CSV ------------------------------------------------------------------------ */

struct csv_walk {
	FILE *out;
	mk_time now;
	struct mk_buf cells, line;
	size_t rows;
	struct mk_error *err;
};

static enum mk_rc write_line(struct csv_walk *w, const char *const *cells)
{
	mk_buf_reset(&w->line);
	mk_csv_record(cells, MK_REGISTER_COLUMNS, &w->line);
	if (mk_buf_rc(&w->line))
		return mk_error_set(w->err, MK_ENOMEM, "", "out of memory writing the register");
	if (fwrite(w->line.data, 1, w->line.len, w->out) != w->line.len)
		return mk_error_set(w->err, MK_ESTORE, "output", "writing the register failed: %s",
				    strerror(errno));
	return MK_OK;
}

static enum mk_rc csv_row(void *ctx, const struct mk_breach_register_row *r)
{
	struct csv_walk *w = ctx;
	const char *cells[MK_REGISTER_COLUMNS];
	if (mk_register_cells(r, w->now, &w->cells, cells))
		return mk_error_set(w->err, MK_ENOMEM, "", "out of memory writing the register");
	w->rows++;
	return write_line(w, cells);
}

enum mk_rc mk_register_write_csv(struct mk_service *svc, const struct mk_incident_query *scope,
				 mk_time now, FILE *out, size_t *ret_rows, struct mk_error *err)
{
	struct csv_walk w = {.out = out, .now = now, .err = err};
	mk_buf_init(&w.cells, 4 * MK_TEXT_MAX);
	mk_buf_init(&w.line, 8 * MK_TEXT_MAX);
	enum mk_rc rc = write_line(&w, columns);
	if (rc == MK_OK)
		rc = mk_svc_breach_register(svc, scope, csv_row, &w, err);
	if (rc == MK_OK && fflush(out) != 0)
		rc = mk_error_set(err, MK_ESTORE, "output", "writing the register failed: %s",
				  strerror(errno));
	mk_buf_release(&w.cells);
	mk_buf_release(&w.line);
	if (rc == MK_OK && ret_rows)
		*ret_rows = w.rows;
	return rc;
}

/* --- XLSX ------------------------------------------------------------------------ */

struct xlsx_walk {
	lxw_worksheet *ws;
	mk_time now;
	struct mk_buf cells;
	lxw_row_t row;
	struct mk_error *err;
};

/* The columns that hold counts go in as numbers, so that the sheet can
 * sum them; the rest as text. */
static bool numeric_column(size_t i)
{
	return i == 7 || i == 8;
}

static enum mk_rc xlsx_row(void *ctx, const struct mk_breach_register_row *r)
{
	struct xlsx_walk *w = ctx;
	const char *cells[MK_REGISTER_COLUMNS];
	/* Excel's own limit; a register of a million breaches is not ours. */
	if (w->row >= LXW_ROW_MAX - 1)
		return mk_error_set(w->err, MK_ETOOBIG, "", "the register has more rows than a "
							      "spreadsheet holds (%u)",
				    (unsigned)LXW_ROW_MAX);
	if (mk_register_cells(r, w->now, &w->cells, cells))
		return mk_error_set(w->err, MK_ENOMEM, "", "out of memory writing the register");
	w->row++;
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++) {
		lxw_error e;
		if (!cells[i][0])
			continue;
		if (numeric_column(i))
			e = worksheet_write_number(w->ws, w->row, (lxw_col_t)i, (double)strtoll(cells[i], NULL, 10), NULL);
		else
			e = worksheet_write_string(w->ws, w->row, (lxw_col_t)i, cells[i], NULL);
		if (e != LXW_NO_ERROR)
			return mk_error_set(w->err, MK_ESTORE, "output", "writing the spreadsheet "
									  "failed: %s",
					    lxw_strerror(e));
	}
	return MK_OK;
}

enum mk_rc mk_register_write_xlsx(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_time now, const char *path, size_t *ret_rows,
				  struct mk_error *err)
{
	/* Constant memory: each row goes to a temporary file as it is
	 * written, so 100 000 breaches take no more memory than one (the
	 * strings are stored inline, not in a shared table). */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb)
		return mk_error_set(err, MK_ENOMEM, "output", "cannot start the spreadsheet");
	struct xlsx_walk w = {.now = now, .err = err};
	enum mk_rc rc = MK_OK;
	w.ws = workbook_add_worksheet(wb, "Datalekkenregister");
	lxw_format *bold = workbook_add_format(wb);
	if (!w.ws || !bold) {
		rc = mk_error_set(err, MK_ENOMEM, "output", "cannot start the spreadsheet");
		goto out;
	}
	format_set_bold(bold);
	mk_buf_init(&w.cells, 4 * MK_TEXT_MAX);
	for (size_t i = 0; i < MK_REGISTER_COLUMNS; i++)
		if (worksheet_write_string(w.ws, 0, (lxw_col_t)i, columns[i], bold) != LXW_NO_ERROR) {
			rc = mk_error_set(err, MK_ESTORE, "output", "writing the spreadsheet failed");
			break;
		}
	if (rc == MK_OK)
		rc = mk_svc_breach_register(svc, scope, xlsx_row, &w, err);
	mk_buf_release(&w.cells);
out:;
	lxw_error e = workbook_close(wb);
	if (rc == MK_OK && e != LXW_NO_ERROR)
		rc = mk_error_set(err, MK_ESTORE, "output", "writing '%s' failed: %s", path,
				  lxw_strerror(e));
	if (rc == MK_OK && ret_rows)
		*ret_rows = w.row;
	return rc;
}

/* --- JSON ------------------------------------------------------------------------ */

struct json_walk {
	json_t *rows;
	mk_time now;
};

static json_t *row_json(const struct mk_breach_register_row *r)
{
	return json_pack("{s:s, s:s, s:b, s:b, s:o, s:I, s:s, s:s?, s:o}", "key", r->key,
			      "title", r->title, "exercise", r->exercise, "confidential",
			      r->confidential, "breach", mk_json_breach(r->breach), "notifications",
			      (json_int_t)r->notifications, "ap_status",
			      mk_ap_status_of(r->notifications, r->ap_final, r->ap_withdrawn),
			      "ap_reference", r->ap_reference, "ap_first_filed_at",
			      mk_json_time(r->ap_first_filed_at));
}

static enum mk_rc json_row(void *ctx, const struct mk_breach_register_row *r)
{
	struct json_walk *w = ctx;
	json_t *o = row_json(r);
	return !o || json_array_append_new(w->rows, o) ? MK_ENOMEM : MK_OK;
}

/* The JSON array written row by row: a register of 100 000 breaches is
 * never one document in memory. */
struct json_stream {
	FILE *out;
	size_t rows;
	struct mk_error *err;
};

static enum mk_rc json_stream_row(void *ctx, const struct mk_breach_register_row *r)
{
	struct json_stream *w = ctx;
	json_t *o = row_json(r);
	if (!o)
		return mk_error_set(w->err, MK_ENOMEM, "", "out of memory writing the register");
	fputs(w->rows++ ? ",\n" : "\n", w->out);
	int bad = json_dumpf(o, w->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (bad || ferror(w->out))
		return mk_error_set(w->err, MK_ESTORE, "output", "writing the register failed: %s",
				    strerror(errno));
	return MK_OK;
}

enum mk_rc mk_register_write_json(struct mk_service *svc, const struct mk_incident_query *scope,
				  mk_time now, FILE *out, size_t *ret_rows, struct mk_error *err)
{
	(void)now;
	struct json_stream w = {out, 0, err};
	fputc('[', out);
	enum mk_rc rc = mk_svc_breach_register(svc, scope, json_stream_row, &w, err);
	if (rc == MK_OK) {
		fputs(w.rows ? "\n]\n" : "]\n", out);
		if (fflush(out) != 0 || ferror(out))
			rc = mk_error_set(err, MK_ESTORE, "output", "writing the register failed: %s",
					  strerror(errno));
	}
	if (rc == MK_OK && ret_rows)
		*ret_rows = w.rows;
	return rc;
}

enum mk_rc mk_register_json(struct mk_service *svc, const struct mk_incident_query *scope,
			    mk_time now, json_t **ret, struct mk_error *err)
{
	struct json_walk w = {json_array(), now};
	if (!w.rows)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	enum mk_rc rc = mk_svc_breach_register(svc, scope, json_row, &w, err);
	if (rc == MK_ENOMEM)
		mk_error_set(err, rc, "", "out of memory listing the register");
	if (rc) {
		json_decref(w.rows);
		return rc;
	}
	*ret = w.rows;
	return MK_OK;
}
