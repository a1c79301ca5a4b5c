/* core/breach: the vocabularies, the breach record's checks, the AP
 * notification life cycle (every kind after every kind), the 72-hour
 * refusal to the second, and the decision to inform data subjects.
 * Expected instants come from python3 zoneinfo "Europe/Amsterdam". */
#include "unit.h"

#include "base/limits.h"
#include "core/breach.h"
#include "core/deadline.h"

/* 2027-03-26 10:00 CET = 1806051600, the Friday before summer time. */
#define AWARE ((mk_time)1806051600)
/* + 72 elapsed hours = 2027-03-29 11:00 CEST. */
#define AP_DUE ((mk_time)1806310800)
#define NOW ((mk_time)1807000000)

static struct mk_breach good_breach(void)
{
	struct mk_breach b;
	mk_breach_init(&b);
	b.aware_at = AWARE;
	return b;
}

static void test_breach_vocab_set_parses_and_formats_in_vocabulary_order(void **state)
{
	(void)state;
	uint32_t set = 0;
	struct mk_error err = {0};
	assert_int_equal(mk_breach_set_parse(MK_BV_CATEGORY, " bsn , naw,email,naw ", "categories",
					     &set, &err),
			 MK_OK);
	struct mk_buf out;
	mk_buf_init(&out, 1000);
	mk_breach_set_format(MK_BV_CATEGORY, set, &out);
	assert_string_equal(out.data, "naw,email,bsn");
	assert_true(set & mk_breach_bsn_bit());
	mk_buf_reset(&out);
	mk_breach_set_labels(MK_BV_SPECIAL, 1u << 3, &out);
	assert_string_equal(out.data, "Gezondheid");
	mk_buf_release(&out);
	assert_int_equal(mk_breach_set_parse(MK_BV_GROUP, "", "groups", &set, &err), MK_OK);
	assert_int_equal(set, 0);
	assert_int_equal(mk_breach_set_parse(MK_BV_GROUP, "  ", "groups", &set, &err), MK_OK);
	assert_int_equal(set, 0);
}

static void test_breach_vocab_refuses_unknown_and_empty_names(void **state)
{
	(void)state;
	uint32_t set = 7;
	struct mk_error err = {0};
	assert_int_equal(mk_breach_set_parse(MK_BV_CATEGORY, "naw,paspoort", "categories", &set,
					     &err),
			 MK_EINVAL);
	assert_string_equal(err.field, "categories");
	assert_string_equal(err.message,
			    "categories 'paspoort' is unknown: use one of naw, telefoon, email, "
			    "inlog, financieel, id-kopie, geslacht-leeftijd, bsn, anders");
	assert_int_equal(set, 7);
	assert_int_equal(mk_breach_set_parse(MK_BV_NATURE, "gelezen,,gestolen", "nature", &set,
					     &err),
			 MK_EINVAL);
	assert_true(strstr(err.message, "nature has an empty name") == err.message);
	char big[1200];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(mk_breach_set_parse(MK_BV_NATURE, big, "nature", &set, &err), MK_EINVAL);
	assert_string_equal(err.message, "nature is too long (1199 bytes, at most 1000)");
	unsigned i = 99;
	assert_int_equal(mk_breach_vocab_parse(MK_BV_RISK, "middel", "risk", &i, &err), MK_EINVAL);
	assert_string_equal(err.message, "risk 'middel' is unknown: use one of geen, laag, hoog");
	assert_int_equal(i, 99);
	assert_int_equal(mk_breach_vocab_parse(MK_BV_RISK, "hoog", "risk", &i, &err), MK_OK);
	assert_int_equal(i, 2);
}

static void test_breach_vocab_counts_and_names(void **state)
{
	(void)state;
	assert_int_equal(mk_breach_vocab_count(MK_BV_CATEGORY), 9);
	assert_int_equal(mk_breach_vocab_count(MK_BV_SPECIAL), 8);
	assert_int_equal(mk_breach_vocab_count(MK_BV_NATURE), 6);
	assert_string_equal(mk_breach_vocab_name(MK_BV_NATURE, 0), "gelezen");
	assert_null(mk_breach_vocab_name(MK_BV_NATURE, 6));
	assert_null(mk_breach_vocab_name(MK_BV_COUNT, 0));
	assert_string_equal(mk_breach_vocab_field(MK_BV_SPECIAL), "special_categories");
}

static void test_breach_check_needs_aware_at_not_before_detection(void **state)
{
	(void)state;
	struct mk_breach b = good_breach();
	struct mk_error err = {0};
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_OK);
	assert_int_equal(mk_breach_check(&b, AWARE + 1, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "aware_at");
	assert_string_equal(err.message, "aware_at lies before the incident's detected_at");
	assert_int_equal(mk_breach_check(&b, AWARE, AWARE - 1, &err), MK_EINVAL);
	assert_string_equal(err.message, "aware_at lies in the future: one becomes aware of a "
					 "breach before recording it");
	b.aware_at = MK_TIME_UNKNOWN;
	assert_int_equal(mk_breach_check(&b, MK_TIME_UNKNOWN, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message, "aware_at is unknown: the 72-hour clock needs its start");
}

static void test_breach_check_names_each_field(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_breach b = good_breach();
	b.subjects_min = 100;
	b.subjects_max = 99;
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "subjects_max");
	assert_string_equal(err.message, "subjects_max (99) is below subjects_min (100)");

	b = good_breach();
	b.encrypted = MK_TRI_YES;
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "encryption");
	b.encryption = "BitLocker, AES-256";
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_OK);

	b = good_breach();
	b.risk = MK_RISK_HOOG;
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "risk_reasoning");
	b.risk_reasoning = "BSN en gezondheidsgegevens van 312 inwoners";
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_OK);

	b = good_breach();
	b.fg_name = "M. de Vries";
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "fg_consulted_at");
	b.fg_consulted_at = AWARE + 3600;
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_OK);

	b = good_breach();
	b.fg_name = "naam\nmet regel";
	b.fg_consulted_at = AWARE;
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "fg_name");

	b = good_breach();
	b.summary = "\xff\xfe";
	assert_int_equal(mk_breach_check(&b, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "summary");
}

/* --- the life cycle -------------------------------------------------------- */

static struct mk_ap_notification note(enum mk_ap_kind kind, mk_time at, const char *ref,
				      const char *late)
{
	struct mk_ap_notification n = {0, kind, at, ref, "fg", late};
	return n;
}

static void test_breach_first_notification_is_voorlopig_or_definitief(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_ap_notification n = note(MK_AP_AANVULLING, AWARE + 3600, "M2027-0001", NULL);
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "kind");
	assert_string_equal(err.message, "the first notification to the AP is voorlopig or "
					 "definitief, not aanvulling: there is nothing to "
					 "supplement yet");
	n.kind = MK_AP_INTREKKING;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the first notification to the AP is voorlopig or "
					 "definitief, not intrekking: there is nothing to "
					 "withdraw yet");
	n.kind = MK_AP_VOORLOPIG;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_OK);
	n.kind = MK_AP_DEFINITIEF;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_OK);
}

static void test_breach_72_hours_to_the_second_across_dst(void **state)
{
	(void)state;
	/* Aware Friday 26 March 2027 10:00 CET; summer time starts on the
	 * Sunday, so 72 elapsed hours end on Monday at 11:00 CEST. */
	char buf[MK_TIME_TEXT];
	assert_int_equal(mk_breach_ap_due(AWARE), AP_DUE);
	assert_string_equal(mk_time_format_local(AP_DUE, buf), "2027-03-29 11:00 CEST");
	assert_int_equal(mk_breach_ap_due(MK_TIME_UNKNOWN), MK_TIME_UNKNOWN);

	struct mk_error err = {0};
	struct mk_ap_notification n = note(MK_AP_VOORLOPIG, AP_DUE, "M2027-0001", NULL);
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_OK);
	n.filed_at = AP_DUE + 1;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "late_reason");
	assert_string_equal(err.message,
			    "late_reason is empty: the notification is filed after the 72 hours "
			    "(due 2027-03-29 11:00 CEST) and needs the reasons for the delay (AVG "
			    "art. 33(1))");
	n.late_reason = "  \n\t";
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_ECONFLICT);
	n.late_reason = "Pas na het forensisch onderzoek bleek dat er BSN's in de export zaten";
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_OK);
}

static void test_breach_later_notifications_follow_the_life_cycle(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_ap_notification prev[3] = {
		note(MK_AP_VOORLOPIG, AWARE + 3600, "M2027-0001", NULL),
	};
	/* After voorlopig: aanvulling, definitief, intrekking, under the same
	 * reference; a second voorlopig is refused. A supplement after the 72
	 * hours needs no reason: the notification stood in time. */
	struct mk_ap_notification n = note(MK_AP_AANVULLING, AP_DUE + 86400, "M2027-0001", NULL);
	assert_int_equal(mk_ap_notification_check(prev, 1, &n, AWARE, NOW, &err), MK_OK);
	n.kind = MK_AP_DEFINITIEF;
	assert_int_equal(mk_ap_notification_check(prev, 1, &n, AWARE, NOW, &err), MK_OK);
	n.kind = MK_AP_INTREKKING;
	assert_int_equal(mk_ap_notification_check(prev, 1, &n, AWARE, NOW, &err), MK_OK);
	n.kind = MK_AP_VOORLOPIG;
	assert_int_equal(mk_ap_notification_check(prev, 1, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the AP was notified already ('M2027-0001'): a later "
					 "notification is an aanvulling, definitief or intrekking");
	n.kind = MK_AP_AANVULLING;
	n.reference = "M2027-0002";
	assert_int_equal(mk_ap_notification_check(prev, 1, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "reference");
	assert_string_equal(err.message, "reference 'M2027-0002' is not the AP reference of the "
					 "first notification ('M2027-0001')");

	/* After definitief: aanvulling and intrekking only. */
	prev[1] = note(MK_AP_DEFINITIEF, AWARE + 7200, "M2027-0001", NULL);
	n = note(MK_AP_AANVULLING, AWARE + 9000, "M2027-0001", NULL);
	assert_int_equal(mk_ap_notification_check(prev, 2, &n, AWARE, NOW, &err), MK_OK);
	n.kind = MK_AP_DEFINITIEF;
	assert_int_equal(mk_ap_notification_check(prev, 2, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the final notification was filed already: what follows "
					 "is an aanvulling or intrekking");

	/* After intrekking: nothing. */
	prev[2] = note(MK_AP_INTREKKING, AWARE + 8000, "M2027-0001", NULL);
	n.kind = MK_AP_AANVULLING;
	assert_int_equal(mk_ap_notification_check(prev, 3, &n, AWARE, NOW, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the notification 'M2027-0001' was withdrawn: nothing "
					 "follows an intrekking");
	assert_string_equal(mk_ap_status(prev, 3), "ingetrokken");
	assert_string_equal(mk_ap_status(prev, 2), "definitief gemeld");
	assert_string_equal(mk_ap_status(prev, 1), "voorlopig gemeld");
	assert_string_equal(mk_ap_status(prev, 0), "niet gemeld");
	struct mk_ap_notification two[2] = {prev[0], note(MK_AP_AANVULLING, AWARE + 7200, "M2027-0001", NULL)};
	assert_string_equal(mk_ap_status(two, 2), "aangevuld");
}

static void test_breach_notification_bad_input_is_named(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_ap_notification n = note(MK_AP_VOORLOPIG, AWARE + 60, "", NULL);
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message, "reference is empty: give the AP's meldnummer");
	n.reference = "M 2027";
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message,
			    "reference holds a space, control or non-ASCII byte at offset 1");
	n.reference = "M2027\xc3\xa9";
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	char longref[80];
	memset(longref, 'X', sizeof(longref) - 1);
	longref[79] = '\0';
	n.reference = longref;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message, "reference is too long (79 bytes, at most 64)");
	n.reference = "M2027-0001";
	n.filed_at = AWARE - 1;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "filed_at");
	assert_string_equal(err.message, "filed_at lies before aware_at (2027-03-26 10:00 CET)");
	n.filed_at = NOW + 1;
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message, "filed_at lies in the future");
	n.filed_at = AWARE;
	n.late_reason = "\x01";
	assert_int_equal(mk_ap_notification_check(NULL, 0, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "late_reason");

	struct mk_ap_notification prev = note(MK_AP_VOORLOPIG, AWARE + 100, "M2027-0001", NULL);
	n = note(MK_AP_AANVULLING, AWARE + 99, "M2027-0001", NULL);
	assert_int_equal(mk_ap_notification_check(&prev, 1, &n, AWARE, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message,
			    "filed_at lies before the previous notification (2027-03-26 10:01 CET)");
	enum mk_ap_kind k = MK_AP_VOORLOPIG;
	assert_int_equal(mk_ap_kind_parse("final", "kind", &k, &err), MK_EINVAL);
	assert_string_equal(err.message, "kind 'final' is unknown: use one of voorlopig, "
					 "aanvulling, intrekking, definitief");
	assert_int_equal(mk_ap_kind_parse("intrekking", "kind", &k, &err), MK_OK);
	assert_int_equal(k, MK_AP_INTREKKING);
}

/* --- informing the data subjects ---------------------------------------------- */

static void test_breach_inform_no_needs_exception_and_reason(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_breach b = good_breach();
	b.inform = MK_TRI_NO;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "exception");
	b.inform_exception = 1;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "reason");
	assert_string_equal(err.message, "reason is empty: not informing the data subjects needs "
					 "a written reason (art. 34)");
	b.inform_reason = "De laptop was volledig versleuteld (BitLocker)";
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_OK);
	b.inform_channel = 0;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "channel");
}

static void test_breach_inform_yes_needs_channel_and_a_past_date(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_breach b = good_breach();
	b.inform = MK_TRI_YES;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "channel");
	b.inform_channel = 0;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_OK);
	b.informed_at = AWARE - 1;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.message, "informed_at lies before aware_at");
	b.informed_at = NOW + 60;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "informed_at");
	b.informed_at = AWARE + 86400;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_OK);
	b.inform = MK_TRI_UNKNOWN;
	assert_int_equal(mk_breach_inform_check(&b, NOW, &err), MK_EINVAL);
	assert_string_equal(err.field, "decision");
}

static void test_breach_log_texts_are_exact(void **state)
{
	(void)state;
	struct mk_buf out;
	mk_buf_init(&out, MK_TEXT_MAX);
	struct mk_ap_notification n = note(MK_AP_VOORLOPIG, AP_DUE + 60, "M2027-0001", "Ziek");
	mk_ap_notification_log_text(&n, AWARE, &out);
	assert_string_equal(out.data, "Melding aan de AP: voorlopig, meldnummer M2027-0001, "
				      "ingediend 2027-03-29 11:01 CEST (na de 72 uur)\n"
				      "Reden van de vertraging: Ziek");
	mk_buf_reset(&out);
	struct mk_breach b = good_breach();
	b.categories = 1u | mk_breach_bsn_bit();
	b.subjects_min = 10;
	b.subjects_max = 20;
	b.risk = MK_RISK_HOOG;
	mk_breach_log_text(&b, true, &out);
	assert_string_equal(out.data, "Datalek geregistreerd\nKennisname: 2027-03-26 10:00 CET\n"
				      "Categorieën: naw,bsn\nBetrokkenen minimaal: 10\n"
				      "Betrokkenen maximaal: 20\nRisico: hoog");
	mk_buf_reset(&out);
	b.inform = MK_TRI_YES;
	b.inform_channel = 0;
	b.informed_at = AWARE + 86400;
	mk_breach_inform_log_text(&b, &out);
	assert_string_equal(out.data, "Besluit: betrokkenen informeren via brief, geïnformeerd "
				      "2027-03-27 10:00 CET");
	mk_buf_release(&out);
}

/* --- the clocks with a breach record ------------------------------------------- */

static void test_breach_clocks_run_from_aware_at_and_stop(void **state)
{
	(void)state;
	/* Detected two days before the breach became known. */
	struct mk_deadline_facts f = {
		.detected_at = AWARE - 2 * 86400,
		.closed_at = MK_TIME_UNKNOWN,
		.personal_data = true,
		.ap_notified_at = MK_TIME_UNKNOWN,
		.subjects_informed_at = MK_TIME_UNKNOWN,
		.evaluated_at = MK_TIME_UNKNOWN,
		.has_breach = true,
		.breach_aware_at = AWARE,
	};
	struct mk_deadline d[MK_CLOCK_COUNT];
	mk_deadlines_compute(&f, AP_DUE, d);
	assert_int_equal(d[MK_CLOCK_AP].start, AWARE);
	assert_int_equal(d[MK_CLOCK_AP].due, AP_DUE);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_RUNNING);
	/* Seven calendar days: 2027-04-02 10:00 CEST, 167 hours. */
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due, 1806652800);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].due - AWARE, 167 * 3600);
	mk_deadlines_compute(&f, AP_DUE + 1, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_OVERDUE);

	f.ap_notified_at = AP_DUE + 10;
	mk_deadlines_compute(&f, AP_DUE + 20, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_MET_LATE);
	assert_int_equal(d[MK_CLOCK_AP].met_at, AP_DUE + 10);

	/* Risk geen: no notification due; not informing: no subject clock. */
	f.ap_notified_at = MK_TIME_UNKNOWN;
	f.ap_not_required = true;
	f.subjects_not_required = true;
	mk_deadlines_compute(&f, AP_DUE + 20, d);
	assert_int_equal(d[MK_CLOCK_AP].state, MK_DEADLINE_NOT_APPLICABLE);
	assert_int_equal(d[MK_CLOCK_SUBJECTS].state, MK_DEADLINE_NOT_APPLICABLE);

	/* A breach recorded on an incident without a detection time still
	 * runs its clocks. */
	f.detected_at = MK_TIME_UNKNOWN;
	f.ap_not_required = f.subjects_not_required = false;
	mk_deadlines_compute(&f, AWARE, d);
	assert_int_equal(d[MK_CLOCK_GOLDEN_HOUR].state, MK_DEADLINE_NOT_APPLICABLE);
	assert_int_equal(d[MK_CLOCK_AP].due, AP_DUE);
}

static void test_breach_closes_only_when_settled_with_the_ap(void **state)
{
	(void)state;
	struct mk_error err = {0};
	struct mk_breach b = good_breach();
	assert_int_equal(mk_breach_close_check(&b, 0, false, false, &err), MK_ECONFLICT);
	assert_string_equal(err.field, "breach");
	assert_string_equal(err.message, "the breach's risk is not assessed: record it (geen, laag or "
					 "hoog) before closing; every breach is documented (AVG art. "
					 "33(5))");
	b.risk = MK_RISK_GEEN;
	assert_int_equal(mk_breach_close_check(&b, 0, false, false, &err), MK_OK);
	b.risk = MK_RISK_LAAG;
	assert_int_equal(mk_breach_close_check(&b, 0, false, false, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the breach is reportable and the AP has no final or "
					 "withdrawn notification (status 'niet gemeld'): file the "
					 "definitief or the intrekking before closing");
	assert_int_equal(mk_breach_close_check(&b, 2, false, false, &err), MK_ECONFLICT);
	assert_string_equal(err.message, "the breach is reportable and the AP has no final or "
					 "withdrawn notification (status 'aangevuld'): file the "
					 "definitief or the intrekking before closing");
	assert_int_equal(mk_breach_close_check(&b, 2, true, false, &err), MK_OK);
	assert_int_equal(mk_breach_close_check(&b, 2, false, true, &err), MK_OK);
	/* A notification filed makes it reportable even if the risk was later
	 * judged geen: it is settled by a withdrawal. */
	b.risk = MK_RISK_GEEN;
	assert_int_equal(mk_breach_close_check(&b, 1, false, false, &err), MK_ECONFLICT);
	assert_int_equal(mk_breach_close_check(&b, 2, false, true, &err), MK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_breach_vocab_set_parses_and_formats_in_vocabulary_order),
		UNIT_TEST(test_breach_vocab_refuses_unknown_and_empty_names),
		UNIT_TEST(test_breach_vocab_counts_and_names),
		UNIT_TEST(test_breach_check_needs_aware_at_not_before_detection),
		UNIT_TEST(test_breach_check_names_each_field),
		UNIT_TEST(test_breach_first_notification_is_voorlopig_or_definitief),
		UNIT_TEST(test_breach_72_hours_to_the_second_across_dst),
		UNIT_TEST(test_breach_later_notifications_follow_the_life_cycle),
		UNIT_TEST(test_breach_notification_bad_input_is_named),
		UNIT_TEST(test_breach_inform_no_needs_exception_and_reason),
		UNIT_TEST(test_breach_inform_yes_needs_channel_and_a_past_date),
		UNIT_TEST(test_breach_log_texts_are_exact),
		UNIT_TEST(test_breach_clocks_run_from_aware_at_and_stop),
		UNIT_TEST(test_breach_closes_only_when_settled_with_the_ap),
	};
	return cmocka_run_group_tests_name("breach", tests, NULL, NULL);
}
