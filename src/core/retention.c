/* Retention and purge rules (core/retention.h). */
#include "core/retention.h"

#include "base/buf.h"
#include "core/deadline.h"
#include "core/text.h"

enum mk_rc mk_purge_years_check(int years, struct mk_error *err)
{
	if (years < MK_RETENTION_YEARS)
		return mk_error_set(err, MK_EINVAL, "before-years",
				    "incident records are kept at least %d years after closing: "
				    "--before-years %d is too few",
				    MK_RETENTION_YEARS, years);
	if (years > MK_PURGE_YEARS_MAX)
		return mk_error_set(err, MK_EINVAL, "before-years",
				    "--before-years is at most %d, not %d", MK_PURGE_YEARS_MAX, years);
	return MK_OK;
}

bool mk_purge_due(mk_time closed_at, int years, mk_time now)
{
	return closed_at != MK_TIME_UNKNOWN && now >= mk_retention_end(closed_at, years);
}

/* Appends the keys of the candidates that match, "A, B". */
static size_t keys_where(const struct mk_purge_candidate *c, size_t n, int which,
			 struct mk_buf *out)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		bool hit = which == 0 ? c[i].held : which == 1 ? !c[i].due : c[i].child_kept;
		if (hit)
			mk_buf_addf(out, "%s%s", found++ ? ", " : "", c[i].key);
	}
	return found;
}

enum mk_rc mk_purge_list_check(const struct mk_purge_candidate *c, size_t n,
			       struct mk_error *err)
{
	if (n == 0)
		return mk_error_set(err, MK_ENOTFOUND, "", "nothing to purge");
	struct mk_buf keys;
	mk_buf_init(&keys, 400);
	enum mk_rc rc = MK_OK;
	if (keys_where(c, n, 0, &keys))
		rc = mk_error_set(err, MK_ECONFLICT, "hold",
				  "the purge list names incidents under legal hold: %s; nothing "
				  "was purged (release the hold or leave them out)",
				  keys.data);
	else if (keys_where(c, n, 1, &keys))
		rc = mk_error_set(err, MK_ECONFLICT, "before-years",
				  "the purge list names incidents whose retention has not ended: "
				  "%s; nothing was purged",
				  keys.data);
	else if (keys_where(c, n, 2, &keys))
		rc = mk_error_set(err, MK_ECONFLICT, "children",
				  "the purge list names incidents with sub-incidents that are kept: "
				  "%s; nothing was purged (purge them together)",
				  keys.data);
	mk_buf_release(&keys);
	return rc;
}

enum mk_rc mk_hold_reason_check(const char *reason, struct mk_error *err)
{
	enum mk_rc rc = mk_text_check("reason", reason, MK_HOLD_REASON_MAX, MK_TEXT_MULTILINE,
				      true, err);
	if (rc == MK_OK && mk_text_blank(reason))
		rc = mk_error_set(err, MK_EINVAL, "reason", "reason is empty");
	return rc;
}
