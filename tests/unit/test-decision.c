/* core/decision: BOBOC decision records (Beeldvorming, Opties, Besluit,
 * Opdracht, Controle): validation naming the BOBOC field, and the exact
 * logbook text. */
#include "unit.h"

#include "base/limits.h"
#include "core/decision.h"

#define DECIDED ((mk_time)1792839600)  /* 2026-10-24 13:00 CEST */
#define UITERLIJK ((mk_time)1793095200) /* 2026-10-27 11:00 CET */
#define CONTROLE ((mk_time)1793174400)  /* 2026-10-28 09:00 CET */

static struct mk_decision valid(void)
{
	struct mk_decision d = {
		.beeldvorming = "Phishingmail bij 40 medewerkers, 3 hebben ingelogd",
		.opties = "1. Wachtwoorden resetten\n2. Accounts blokkeren",
		.besluit = "Optie 1, vandaag",
		.opdracht_wie = "Servicedesk",
		.opdracht_uiterlijk = UITERLIJK,
		.controle_op = MK_TIME_UNKNOWN,
		.controle_resultaat = NULL,
		.decided_by = "CISO",
		.decided_at = DECIDED,
	};
	return d;
}

static void test_decision_complete_record_passes(void **state)
{
	(void)state;
	struct mk_decision d = valid();
	assert_int_equal(mk_decision_check(&d, NULL), MK_OK);
	d.controle_op = CONTROLE;
	d.controle_resultaat = "Alle drie de accounts gereset";
	assert_int_equal(mk_decision_check(&d, NULL), MK_OK);
	/* Deadlines on the decision's own second are fine. */
	d.opdracht_uiterlijk = DECIDED;
	d.controle_op = DECIDED;
	assert_int_equal(mk_decision_check(&d, NULL), MK_OK);
	/* Without decided_at there is nothing to compare the deadlines with. */
	d.decided_at = MK_TIME_UNKNOWN;
	d.opdracht_uiterlijk = 0;
	assert_int_equal(mk_decision_check(&d, NULL), MK_OK);
}

static void test_decision_missing_parts_are_named(void **state)
{
	(void)state;
	static const struct {
		int part;
		const char *field, *message;
	} cases[] = {
		{0, "beeldvorming", "beeldvorming is empty"},
		{1, "opties", "opties is empty"},
		{2, "besluit", "besluit is empty"},
		{3, "opdracht_wie", "opdracht_wie is empty"},
		{4, "opdracht_uiterlijk", "opdracht needs a deadline (by when)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_decision d = valid();
		switch (cases[i].part) {
		case 0: d.beeldvorming = NULL; break;
		case 1: d.opties = ""; break;
		case 2: d.besluit = " \n "; break;
		case 3: d.opdracht_wie = NULL; break;
		default: d.opdracht_uiterlijk = MK_TIME_UNKNOWN; break;
		}
		struct mk_error e;
		assert_int_equal(mk_decision_check(&d, &e), MK_EINVAL);
		assert_string_equal(e.field, cases[i].field);
		assert_string_equal(e.message, cases[i].message);
	}
}

static void test_decision_bad_text_is_named(void **state)
{
	(void)state;
	static char big[MK_TEXT_MAX + 2];
	memset(big, 'b', MK_TEXT_MAX + 1);
	static char long_who[MK_NAME_MAX + 2];
	memset(long_who, 'w', MK_NAME_MAX + 1);
	static const struct {
		int part;
		enum mk_rc rc;
		const char *field, *message;
	} cases[] = {
		{0, MK_ETOOBIG, "beeldvorming", "beeldvorming is too long: 65537 bytes, the limit is 65536"},
		{1, MK_EINVAL, "opties", "opties is not valid UTF-8 (at byte 2)"},
		{2, MK_EINVAL, "besluit", "besluit contains a control character (0x1b at byte 0)"},
		{3, MK_EINVAL, "opdracht_wie", "opdracht_wie contains a control character (0x0a at byte 11)"},
		{4, MK_ETOOBIG, "opdracht_wie", "opdracht_wie is too long: 201 bytes, the limit is 200"},
		{5, MK_EINVAL, "controle_resultaat", "controle_resultaat is not valid UTF-8 (at byte 0)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_decision d = valid();
		switch (cases[i].part) {
		case 0: d.beeldvorming = big; break;
		case 1: d.opties = "ok\xc0\xaf"; break;
		case 2: d.besluit = "\x1b[2J"; break;
		case 3: d.opdracht_wie = "Servicedesk\nen CISO"; break;
		case 4: d.opdracht_wie = long_who; break;
		default: d.controle_resultaat = "\xff"; break;
		}
		struct mk_error e;
		assert_int_equal(mk_decision_check(&d, &e), cases[i].rc);
		assert_string_equal(e.field, cases[i].field);
		assert_string_equal(e.message, cases[i].message);
	}
	/* The first three parts may span lines; the assignee may not. */
	struct mk_decision d = valid();
	d.beeldvorming = "regel 1\nregel 2\n\tingesprongen";
	d.besluit = "ja\r\nnee";
	assert_int_equal(mk_decision_check(&d, NULL), MK_OK);
}

static void test_decision_deadlines_not_before_the_decision(void **state)
{
	(void)state;
	struct mk_decision d = valid();
	struct mk_error e;
	d.opdracht_uiterlijk = DECIDED - 1;
	assert_int_equal(mk_decision_check(&d, &e), MK_EINVAL);
	assert_string_equal(e.field, "opdracht_uiterlijk");
	assert_string_equal(e.message, "the opdracht deadline lies before the decision itself");
	d = valid();
	d.controle_op = DECIDED - 1;
	assert_int_equal(mk_decision_check(&d, &e), MK_EINVAL);
	assert_string_equal(e.field, "controle_op");
	assert_string_equal(e.message, "the controle lies before the decision itself");
}

static void test_decision_log_text_is_one_line_per_part(void **state)
{
	(void)state;
	struct mk_decision d = valid();
	struct mk_buf b;
	mk_buf_init(&b, 4096);
	mk_decision_log_text(&d, &b);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	/* Without a controle date the check is at the opdracht deadline. */
	assert_string_equal(b.data,
			    "Beeldvorming: Phishingmail bij 40 medewerkers, 3 hebben ingelogd\n"
			    "Opties: 1. Wachtwoorden resetten\n2. Accounts blokkeren\n"
			    "Besluit: Optie 1, vandaag\n"
			    "Opdracht: Servicedesk, uiterlijk 2026-10-27 11:00 CET\n"
			    "Controle: 2026-10-27 11:00 CET");
	mk_buf_release(&b);

	d.controle_op = CONTROLE;
	d.controle_resultaat = "gereset";
	mk_buf_init(&b, 4096);
	mk_decision_log_text(&d, &b);
	assert_string_equal(b.data,
			    "Beeldvorming: Phishingmail bij 40 medewerkers, 3 hebben ingelogd\n"
			    "Opties: 1. Wachtwoorden resetten\n2. Accounts blokkeren\n"
			    "Besluit: Optie 1, vandaag\n"
			    "Opdracht: Servicedesk, uiterlijk 2026-10-27 11:00 CET\n"
			    "Controle: 2026-10-28 09:00 CET, gereset");
	mk_buf_release(&b);

	/* An empty result adds nothing. */
	d.controle_resultaat = "";
	mk_buf_init(&b, 4096);
	mk_decision_log_text(&d, &b);
	const char *tail = "Controle: 2026-10-28 09:00 CET";
	assert_string_equal(b.data + b.len - strlen(tail), tail);
	mk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_decision_complete_record_passes),
		UNIT_TEST(test_decision_missing_parts_are_named),
		UNIT_TEST(test_decision_bad_text_is_named),
		UNIT_TEST(test_decision_deadlines_not_before_the_decision),
		UNIT_TEST(test_decision_log_text_is_one_line_per_part),
	};
	return cmocka_run_group_tests_name("decision", tests, NULL, NULL);
}
