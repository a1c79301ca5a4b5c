/* The reader for meldkamer's data tables (data/ tables): tab-separated UTF-8
 * text, lines starting with '#' are comments, the first other line names
 * the columns. The compiled-in defaults and files an admin supplies go
 * through the same reader, so both get the same checks. */
#ifndef MK_CORE_TSV_H
#define MK_CORE_TSV_H

#include <stddef.h>

#include "base/rc.h"

struct mk_tsv {
	char *text;     /* owned copy of the input, split in place */
	char **cells;   /* rows * ncolumns pointers into text */
	size_t rows;
	size_t ncolumns;
};

/* Parses text[0..len) whose header must name exactly `columns` in that
 * order. Every row must have that many fields. Fails with MK_EINVAL naming
 * the line (invalid UTF-8, wrong field count, wrong header, control
 * characters), MK_ETOOBIG beyond MK_TABLE_FILE_MAX bytes or
 * MK_TABLE_ROWS_MAX rows, MK_ENOMEM. `what` names the table in messages.
 * On success ret_tsv owns its memory; release with mk_tsv_release. */
enum mk_rc mk_tsv_parse(const char *text, size_t len, const char *what,
			const char *const *columns, size_t ncolumns,
			struct mk_tsv *ret_tsv, struct mk_error *err);

/* The line number (from 1) of row (from 0) in text, the input t was parsed
 * from, so that checks on a cell's content can name the line as the
 * reader's own messages do (comments and blank lines count). */
size_t mk_tsv_line(const struct mk_tsv *t, const char *text, size_t row);

/* The cell at row, column (both from 0); never NULL, "" when empty. */
const char *mk_tsv_cell(const struct mk_tsv *t, size_t row, size_t column);

void mk_tsv_release(struct mk_tsv *t);

#endif
