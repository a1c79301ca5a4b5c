/* Data table reader. The input is copied once and split in place; cells
 * point into the copy. */
#include "core/tsv.h"

#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/utf8.h"

void mk_tsv_release(struct mk_tsv *t)
{
	if (!t)
		return;
	mk_free(t->text);
	mk_free(t->cells);
	memset(t, 0, sizeof(*t));
}

const char *mk_tsv_cell(const struct mk_tsv *t, size_t row, size_t column)
{
	return t->cells[row * t->ncolumns + column];
}

size_t mk_tsv_line(const struct mk_tsv *t, const char *text, size_t row)
{
	/* The copy is byte for byte the input, split in place, so a cell's
	 * offset in the copy is its offset in the input. */
	size_t offset = (size_t)(t->cells[row * t->ncolumns] - t->text);
	size_t line = 1;
	for (size_t i = 0; i < offset; i++)
		line += text[i] == '\n';
	return line;
}

/* Splits line (NUL-terminated, no newline) at tabs into at most max
 * fields; returns the count found, which may exceed max. */
static size_t split(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (n < max)
			fields[n] = p;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static bool has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

enum mk_rc mk_tsv_parse(const char *text, size_t len, const char *what,
			const char *const *columns, size_t ncolumns,
			struct mk_tsv *ret_tsv, struct mk_error *err)
{
	struct mk_tsv t = {0};
	char *fields[16];
	enum mk_rc rc;

	if (ncolumns == 0 || ncolumns > 16)
		return mk_error_set(err, MK_EINVAL, "", "%s: bad column list", what);
	if (len > MK_TABLE_FILE_MAX)
		return mk_error_set(err, MK_ETOOBIG, "",
				    "%s is too big: %zu bytes, the limit is %d", what, len,
				    MK_TABLE_FILE_MAX);
	size_t bad = mk_utf8_first_invalid(text, len);
	if (bad < len) {
		size_t line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text[i] == '\n';
		return mk_error_set(err, MK_EINVAL, "",
				    "%s line %zu: invalid UTF-8 at byte %zu", what, line, bad);
	}
	if (memchr(text, '\0', len))
		return mk_error_set(err, MK_EINVAL, "", "%s contains a NUL byte", what);

	t.ncolumns = ncolumns;
	t.text = mk_strndup(text, len);
	t.cells = mk_calloc(MK_TABLE_ROWS_MAX * ncolumns, sizeof(char *));
	if (!t.text || !t.cells) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory reading %s", what);
		goto out;
	}

	bool header_seen = false;
	size_t lineno = 0;
	char *p = t.text;
	while (*p) {
		char *line = p;
		char *nl = strchr(p, '\n');
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p += strlen(p);
		}
		lineno++;
		size_t l = strlen(line);
		if (l > 0 && line[l - 1] == '\r')
			line[--l] = '\0';
		if (l == 0 || line[0] == '#')
			continue;
		size_t n = split(line, fields, 16);
		if (n != ncolumns) {
			rc = mk_error_set(err, MK_EINVAL, "",
					  "%s line %zu: %zu fields, expected %zu", what, lineno,
					  n, ncolumns);
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			if (has_control_chars(fields[i])) {
				rc = mk_error_set(err, MK_EINVAL, "",
						  "%s line %zu: control character in field %zu",
						  what, lineno, i + 1);
				goto out;
			}
		}
		if (!header_seen) {
			for (size_t i = 0; i < ncolumns; i++) {
				if (strcmp(fields[i], columns[i]) != 0) {
					rc = mk_error_set(err, MK_EINVAL, "",
							  "%s line %zu: column %zu is '%s', expected '%s'",
							  what, lineno, i + 1, fields[i], columns[i]);
					goto out;
				}
			}
			header_seen = true;
			continue;
		}
		if (t.rows == MK_TABLE_ROWS_MAX) {
			rc = mk_error_set(err, MK_ETOOBIG, "", "%s has more than %d rows", what,
					  MK_TABLE_ROWS_MAX);
			goto out;
		}
		memcpy(&t.cells[t.rows * ncolumns], fields, ncolumns * sizeof(char *));
		t.rows++;
	}
	if (!header_seen) {
		rc = mk_error_set(err, MK_EINVAL, "", "%s has no header line", what);
		goto out;
	}
	*ret_tsv = t;
	return MK_OK;
out:
	mk_tsv_release(&t);
	return rc;
}
