/* Impact criteria, the overall impact, the priority matrix and who may
 * declare an emergency. */
#include "core/impact.h"

#include <stdbool.h>
#include <string.h>

#include "base/alloc.h"
#include "core/tsv.h"

extern const char mk_data_impact_tsv[];
extern const unsigned long mk_data_impact_tsv_len;

static const char *const criterion_names[MK_CRITERION_COUNT] = {
	"mensen", "apparatuur", "programmatuur", "gegevens", "organisatieprocessen",
	"omgeving", "diensten", "betrokkenen", "reputatie", "financieel",
	"herstelwerk", "verspreiding", "keten", "beschikbaarheid",
};

const char *mk_criterion_name(enum mk_criterion c)
{
	return (unsigned)c < MK_CRITERION_COUNT ? criterion_names[c] : "?";
}

enum mk_rc mk_criterion_parse(const char *s, enum mk_criterion *ret, struct mk_error *err)
{
	for (int i = 0; s && i < MK_CRITERION_COUNT; i++) {
		if (strcmp(s, criterion_names[i]) == 0) {
			*ret = (enum mk_criterion)i;
			return MK_OK;
		}
	}
	return mk_error_set(err, MK_EINVAL, "impact",
			    "impact criterion '%.80s' is unknown: use one of mensen, apparatuur, "
			    "programmatuur, gegevens, organisatieprocessen, omgeving, diensten, "
			    "betrokkenen, reputatie, financieel, herstelwerk, verspreiding, keten, "
			    "beschikbaarheid",
			    s ? s : "");
}

enum mk_level mk_impact_overall(const struct mk_impact *impact)
{
	enum mk_level highest = MK_LEVEL_NONE;
	for (int i = 0; i < MK_CRITERION_COUNT; i++)
		if (impact->level[i] > highest)
			highest = impact->level[i];
	return highest;
}

enum mk_level mk_impact_level_for_people(int64_t people)
{
	if (people < 0)
		return MK_LEVEL_NONE;
	if (people < 10)
		return MK_LEVEL_LAAG;
	if (people < 100)
		return MK_LEVEL_MIDDEN;
	return MK_LEVEL_HOOG;
}

static const char level_codes[MK_LEVEL_COUNT] = {'-', 'L', 'M', 'H'};

void mk_impact_encode(const struct mk_impact *impact, char *buf)
{
	for (int i = 0; i < MK_CRITERION_COUNT; i++)
		buf[i] = level_codes[(unsigned)impact->level[i] < MK_LEVEL_COUNT ? impact->level[i] : 0];
	buf[MK_CRITERION_COUNT] = '\0';
}

enum mk_rc mk_impact_decode(const char *s, struct mk_impact *ret, struct mk_error *err)
{
	struct mk_impact impact;
	if (!s || strlen(s) != MK_CRITERION_COUNT)
		goto bad;
	for (int i = 0; i < MK_CRITERION_COUNT; i++) {
		const char *p = memchr(level_codes, s[i], MK_LEVEL_COUNT);
		if (!p)
			goto bad;
		impact.level[i] = (enum mk_level)(p - level_codes);
	}
	*ret = impact;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, "impact", "stored impact '%.40s' is malformed",
			    s ? s : "");
}

void mk_impact_table_release(struct mk_impact_table *t)
{
	if (!t)
		return;
	mk_free(t->text);
	mk_free(t->cells);
	memset(t, 0, sizeof(*t));
}

enum mk_rc mk_impact_table_parse(struct mk_impact_table *t, const char *text, size_t len,
				 const char *what, struct mk_error *err)
{
	static const char *const columns[] = {"key", "label", "laag", "midden", "hoog"};
	struct mk_tsv tsv;
	enum mk_rc rc = mk_tsv_parse(text, len, what, columns, 5, &tsv, err);
	if (rc)
		return rc;
	if (tsv.rows != MK_CRITERION_COUNT) {
		rc = mk_error_set(err, MK_EINVAL, "", "%s has %zu criteria, expected %d", what,
				  tsv.rows, MK_CRITERION_COUNT);
		goto out;
	}
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < tsv.rows; i++) {
		if (strcmp(mk_tsv_cell(&tsv, i, 0), criterion_names[i]) != 0) {
			rc = mk_error_set(err, MK_EINVAL, "", "%s line %zu: criterion '%s', expected '%s'",
					  what, mk_tsv_line(&tsv, text, i), mk_tsv_cell(&tsv, i, 0),
					  criterion_names[i]);
			goto out;
		}
		struct mk_impact_criterion_text *row = &t->rows[i];
		row->criterion = (enum mk_criterion)i;
		row->label = mk_tsv_cell(&tsv, i, 1);
		row->example[MK_LEVEL_NONE] = "";
		row->example[MK_LEVEL_LAAG] = mk_tsv_cell(&tsv, i, 2);
		row->example[MK_LEVEL_MIDDEN] = mk_tsv_cell(&tsv, i, 3);
		row->example[MK_LEVEL_HOOG] = mk_tsv_cell(&tsv, i, 4);
	}
	/* The strings point into the tsv's storage, which the table keeps. */
	t->text = tsv.text;
	t->cells = tsv.cells;
	return MK_OK;
out:
	mk_tsv_release(&tsv);
	return rc;
}

enum mk_rc mk_impact_table_load_default(struct mk_impact_table *t, struct mk_error *err)
{
	return mk_impact_table_parse(t, mk_data_impact_tsv, mk_data_impact_tsv_len,
				     "data/impact.tsv", err);
}

void mk_priority_matrix_default(struct mk_priority_matrix *m)
{
	memset(m, 0, sizeof(*m));
	enum mk_level H = MK_LEVEL_HOOG, M = MK_LEVEL_MIDDEN, L = MK_LEVEL_LAAG;
	m->cell[H][H] = MK_PRIORITY_P1;
	m->cell[H][M] = MK_PRIORITY_P2;
	m->cell[H][L] = MK_PRIORITY_P3;
	m->cell[M][H] = MK_PRIORITY_P2;
	m->cell[M][M] = MK_PRIORITY_P3;
	m->cell[M][L] = MK_PRIORITY_P4;
	m->cell[L][H] = MK_PRIORITY_P3;
	m->cell[L][M] = MK_PRIORITY_P4;
	m->cell[L][L] = MK_PRIORITY_P4;
}

enum mk_priority mk_priority_of(const struct mk_priority_matrix *m, enum mk_level impact,
				enum mk_level urgency)
{
	if (impact <= MK_LEVEL_NONE || impact >= MK_LEVEL_COUNT || urgency <= MK_LEVEL_NONE ||
	    urgency >= MK_LEVEL_COUNT)
		return MK_PRIORITY_NONE;
	return m->cell[impact][urgency];
}

enum mk_event_type mk_event_type_suggested(enum mk_priority priority)
{
	return priority == MK_PRIORITY_P1 || priority == MK_PRIORITY_P2 ? MK_EVENT_ESCALATIE
									  : MK_EVENT_NORMAAL;
}

enum mk_rc mk_event_type_check(enum mk_role role, enum mk_event_type from, enum mk_event_type to,
			       struct mk_error *err)
{
	bool coordinator = role == MK_ROLE_INCIDENTMANAGER || role == MK_ROLE_CISO;
	if (to == MK_EVENT_NOODSITUATIE && from != MK_EVENT_NOODSITUATIE && !coordinator)
		return mk_error_set(err, MK_EPERM, "event_type",
				    "only an incidentmanager or the ciso may declare a noodsituatie, "
				    "not a %s",
				    mk_role_name(role));
	if (from == MK_EVENT_NOODSITUATIE && to != MK_EVENT_NOODSITUATIE && !coordinator)
		return mk_error_set(err, MK_EPERM, "event_type",
				    "only an incidentmanager or the ciso may end a noodsituatie, "
				    "not a %s",
				    mk_role_name(role));
	return MK_OK;
}
