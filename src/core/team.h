/* The crisis team of H4.2 "Teamsamenstelling crisisteam": which groups of
 * roles the impact suggests. Impact midden suggests the basic team; impact
 * hoog adds the extended list; an incident that crosses the municipality
 * (organisatieprocessen, omgeving or keten at hoog) adds the safety region.
 * The roles themselves are data (data/team.tsv, compiled in). */
#ifndef MK_CORE_TEAM_H
#define MK_CORE_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"
#include "core/impact.h"

enum mk_team_group {
	MK_TEAM_BASIS,
	MK_TEAM_UITGEBREID,
	MK_TEAM_VEILIGHEIDSREGIO,
	MK_TEAM_GROUP_COUNT
};

const char *mk_team_group_name(enum mk_team_group g); /* "basis", ... */

/* Which groups the impact suggests: ret_groups[g] true or false. */
void mk_team_suggest(const struct mk_impact *impact, bool ret_groups[MK_TEAM_GROUP_COUNT]);

struct mk_team_role {
	enum mk_team_group group;
	const char *role;
};

struct mk_team {
	struct mk_team_role *roles; /* owned, in table order */
	size_t count;
	char *text;                 /* owned storage behind the strings */
	char **cells;
};

enum mk_rc mk_team_parse(struct mk_team *t, const char *text, size_t len, const char *what,
			 struct mk_error *err);
enum mk_rc mk_team_load_default(struct mk_team *t, struct mk_error *err);
void mk_team_release(struct mk_team *t);

#endif
