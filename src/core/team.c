/* Crisis team suggestions. */
#include "core/team.h"

#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/text.h"
#include "core/tsv.h"

extern const char mk_data_team_tsv[];
extern const unsigned long mk_data_team_tsv_len;

static const char *const group_names[MK_TEAM_GROUP_COUNT] = {
	"basis", "uitgebreid", "veiligheidsregio",
};

const char *mk_team_group_name(enum mk_team_group g)
{
	return (unsigned)g < MK_TEAM_GROUP_COUNT ? group_names[g] : "?";
}

void mk_team_suggest(const struct mk_impact *impact, bool ret_groups[MK_TEAM_GROUP_COUNT])
{
	enum mk_level overall = mk_impact_overall(impact);
	ret_groups[MK_TEAM_BASIS] = overall >= MK_LEVEL_MIDDEN;
	ret_groups[MK_TEAM_UITGEBREID] = overall >= MK_LEVEL_HOOG;
	/* H4.2: "indien er een escalatie plaatsvindt en/of impact gemeente
	 * overstijgend is"; Tabel 1 describes crossing the municipality at
	 * hoog for these three criteria. */
	ret_groups[MK_TEAM_VEILIGHEIDSREGIO] =
		impact->level[MK_CRITERION_ORGANISATIEPROCESSEN] == MK_LEVEL_HOOG ||
		impact->level[MK_CRITERION_OMGEVING] == MK_LEVEL_HOOG ||
		impact->level[MK_CRITERION_KETEN] == MK_LEVEL_HOOG;
}

void mk_team_release(struct mk_team *t)
{
	if (!t)
		return;
	mk_free(t->roles);
	mk_free(t->text);
	mk_free(t->cells);
	memset(t, 0, sizeof(*t));
}

enum mk_rc mk_team_parse(struct mk_team *t, const char *text, size_t len, const char *what,
			 struct mk_error *err)
{
	static const char *const columns[] = {"group", "role"};
	struct mk_tsv tsv;
	enum mk_rc rc = mk_tsv_parse(text, len, what, columns, 2, &tsv, err);
	if (rc)
		return rc;
	memset(t, 0, sizeof(*t));
	if (!(t->roles = mk_calloc(tsv.rows, sizeof(*t->roles)))) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < tsv.rows; i++) {
		const char *group = mk_tsv_cell(&tsv, i, 0);
		int g = 0;
		while (g < MK_TEAM_GROUP_COUNT && strcmp(group, group_names[g]) != 0)
			g++;
		if (g == MK_TEAM_GROUP_COUNT) {
			rc = mk_error_set(err, MK_EINVAL, "group",
					  "%s line %zu: group '%s' is not basis, uitgebreid or "
					  "veiligheidsregio",
					  what, mk_tsv_line(&tsv, text, i), group);
			goto fail;
		}
		struct mk_error cell_err;
		const char *role = mk_tsv_cell(&tsv, i, 1);
		if ((rc = mk_text_check("role", role, MK_NAME_MAX, MK_TEXT_LINE, true, &cell_err))) {
			mk_error_set(err, rc, "role", "%s line %zu: %s", what, mk_tsv_line(&tsv, text, i),
				     cell_err.message);
			goto fail;
		}
		t->roles[i] = (struct mk_team_role){(enum mk_team_group)g, role};
		t->count++;
	}
	t->text = tsv.text;
	t->cells = tsv.cells;
	return MK_OK;
fail:
	mk_free(t->roles);
	memset(t, 0, sizeof(*t));
	mk_tsv_release(&tsv);
	return rc;
}

enum mk_rc mk_team_load_default(struct mk_team *t, struct mk_error *err)
{
	return mk_team_parse(t, mk_data_team_tsv, mk_data_team_tsv_len, "data/team.tsv", err);
}
