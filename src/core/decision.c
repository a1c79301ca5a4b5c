/* BOBOC decision checks and their logbook text. */
#include "core/decision.h"

#include "base/limits.h"
#include "core/text.h"

enum mk_rc mk_decision_check(const struct mk_decision *d, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("beeldvorming", d->beeldvorming, MK_TEXT_MAX, MK_TEXT_MULTILINE, true, err)) ||
	    (rc = mk_text_check("opties", d->opties, MK_TEXT_MAX, MK_TEXT_MULTILINE, true, err)) ||
	    (rc = mk_text_check("besluit", d->besluit, MK_TEXT_MAX, MK_TEXT_MULTILINE, true, err)) ||
	    (rc = mk_text_check("opdracht_wie", d->opdracht_wie, MK_NAME_MAX, MK_TEXT_LINE, true, err)) ||
	    (rc = mk_text_check("controle_resultaat", d->controle_resultaat, MK_TEXT_MAX,
				MK_TEXT_MULTILINE, false, err)))
		return rc;
	if (d->opdracht_uiterlijk == MK_TIME_UNKNOWN)
		return mk_error_set(err, MK_EINVAL, "opdracht_uiterlijk",
				    "opdracht needs a deadline (by when)");
	if (d->decided_at != MK_TIME_UNKNOWN && d->opdracht_uiterlijk < d->decided_at)
		return mk_error_set(err, MK_EINVAL, "opdracht_uiterlijk",
				    "the opdracht deadline lies before the decision itself");
	if (d->controle_op != MK_TIME_UNKNOWN && d->decided_at != MK_TIME_UNKNOWN &&
	    d->controle_op < d->decided_at)
		return mk_error_set(err, MK_EINVAL, "controle_op",
				    "the controle lies before the decision itself");
	return MK_OK;
}

void mk_decision_log_text(const struct mk_decision *d, struct mk_buf *out)
{
	char t1[MK_TIME_TEXT], t2[MK_TIME_TEXT];
	mk_time check = d->controle_op != MK_TIME_UNKNOWN ? d->controle_op : d->opdracht_uiterlijk;
	mk_buf_addf(out, "Beeldvorming: %s\n", d->beeldvorming);
	mk_buf_addf(out, "Opties: %s\n", d->opties);
	mk_buf_addf(out, "Besluit: %s\n", d->besluit);
	mk_buf_addf(out, "Opdracht: %s, uiterlijk %s\n", d->opdracht_wie,
		    mk_time_format_local(d->opdracht_uiterlijk, t1));
	mk_buf_addf(out, "Controle: %s", mk_time_format_local(check, t2));
	if (d->controle_resultaat && d->controle_resultaat[0])
		mk_buf_addf(out, ", %s", d->controle_resultaat);
}
