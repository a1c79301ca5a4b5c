/* core/logbook: the canonical form and the hash chain of DESIGN.md
 * "Logbook", and the verifier finding every kind of tampering.
 *
 * The expected hashes were computed outside meldkamer: the genesis with
 *   printf %s 0b5e8c2a-6f1d-4c3e-9a7b-2d4f6e8a1c3f | sha256sum
 * and the chain with python3 hashlib over the canonical bytes written out
 * below (hash(n) = SHA-256(raw hash(n-1) || canonical(n))). */
#include "unit.h"

#include "base/limits.h"
#include "core/logbook.h"

#define UUID "0b5e8c2a-6f1d-4c3e-9a7b-2d4f6e8a1c3f"
#define GENESIS "2043f8d86d85d1fa175ff747b9a2eb5e14b8d30e973daa60de4b7b0c616991f1"
#define HASH1 "6144f61eb34ac96dda81f60e7287c4eaf4755eec27d0984e68dd92ad2ff93fb5"
#define HASH2 "5d0ed4302566ca7c3140c007f8c642aff79b0189f1f1e467bd39bb9ddc303afb"
#define HASH3 "225b9d2130bfd8699060ea34e3cb2ef6789b6e2b49d269812f624832fcd77d34"

/* Three entries: ASCII; UTF-8 author and multi-line UTF-8 text with a
 * trailing newline; a text full of the separator characters. */
static struct mk_log_entry entry(int i)
{
	struct mk_log_entry e;
	memset(&e, 0, sizeof(e));
	switch (i) {
	case 1:
		e.seq = 1;
		e.at = 1792836000; /* 2026-10-24T10:00:00Z */
		e.author = "J. Jansen";
		e.role = MK_ROLE_SERVICEDESK;
		e.kind = MK_LOG_ACTION;
		e.text = "Incident geregistreerd na melding van phishing";
		break;
	case 2:
		e.seq = 2;
		e.at = 1792837205; /* 2026-10-24T10:20:05Z */
		e.author = "\xc3\x96mer Y\xc4\xb1lmaz";
		e.role = MK_ROLE_INCIDENTMANAGER;
		e.kind = MK_LOG_DECISION;
		e.text = "Besluit: netwerk loskoppelen\nDoor: CISO \xe2\x80\x94 ge\xc3\xafnformeerd\n";
		break;
	default:
		e.seq = 3;
		e.at = 1792891800; /* 2026-10-25T01:30:00Z, after the clocks went back */
		e.author = "systeem";
		e.role = MK_ROLE_ADMIN;
		e.kind = MK_LOG_SYSTEM;
		e.text = "text:with:colons:12:";
		break;
	}
	return e;
}

/* The three entries sealed in a chain. */
static void sealed_chain(struct mk_log_entry out[3])
{
	const char *prev = GENESIS;
	for (int i = 0; i < 3; i++) {
		out[i] = entry(i + 1);
		struct mk_error err;
		if (mk_logbook_seal(UUID, prev, &out[i], &err) != MK_OK)
			fail_msg("seal %d: %s", i + 1, err.message);
		prev = out[i].hash;
	}
}

static void test_logbook_genesis_is_sha256_of_the_uuid_text(void **state)
{
	(void)state;
	char hex[MK_HASH_HEX];
	mk_logbook_genesis(UUID, hex);
	assert_string_equal(hex, GENESIS);
	/* Of the empty string, for good measure (FIPS 180-2). */
	mk_logbook_genesis("", hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_logbook_canonical_form_is_exact(void **state)
{
	(void)state;
	static const char expected[] =
		"meldkamer-logbook-v1\n"
		"incident:" UUID "\n"
		"seq:2\n"
		"at:2026-10-24T10:20:05Z\n"
		"author:13:\xc3\x96mer Y\xc4\xb1lmaz\n"
		"role:incidentmanager\n"
		"kind:decision\n"
		"text:58:Besluit: netwerk loskoppelen\nDoor: CISO \xe2\x80\x94 ge\xc3\xafnformeerd\n\n";
	struct mk_log_entry e = entry(2);
	struct mk_buf b;
	mk_buf_init(&b, 4096);
	mk_logbook_canonical(UUID, &e, &b);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_int_equal(b.len, sizeof(expected) - 1);
	assert_memory_equal(b.data, expected, sizeof(expected) - 1);
	mk_buf_release(&b);

	/* Missing author and text are written as empty fields. */
	e.author = NULL;
	e.text = NULL;
	mk_buf_init(&b, 4096);
	mk_logbook_canonical(UUID, &e, &b);
	assert_non_null(strstr(b.data, "\nauthor:0:\nrole:"));
	assert_non_null(strstr(b.data, "\ntext:0:\n"));
	mk_buf_release(&b);
}

static void test_logbook_three_entry_chain_has_the_expected_hashes(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	assert_string_equal(c[0].prev_hash, GENESIS);
	assert_string_equal(c[0].hash, HASH1);
	assert_string_equal(c[1].prev_hash, HASH1);
	assert_string_equal(c[1].hash, HASH2);
	assert_string_equal(c[2].prev_hash, HASH2);
	assert_string_equal(c[2].hash, HASH3);
}

static void test_logbook_hash_depends_on_every_field(void **state)
{
	(void)state;
	/* Changing any one field of entry 1 changes its hash. */
	for (int field = 0; field < 7; field++) {
		struct mk_log_entry e = entry(1);
		switch (field) {
		case 0: e.seq = 2; break;
		case 1: e.at += 1; break;
		case 2: e.author = "J. Jansen "; break;
		case 3: e.role = MK_ROLE_CISO; break;
		case 4: e.kind = MK_LOG_NOTE; break;
		case 5: e.text = "Incident geregistreerd na melding van phishing."; break;
		default: break;
		}
		const char *uuid = field == 6 ? "0b5e8c2a-6f1d-4c3e-9a7b-2d4f6e8a1c3e" : UUID;
		const char *prev = GENESIS;
		assert_int_equal(mk_logbook_seal(uuid, prev, &e, NULL), MK_OK);
		if (strcmp(e.hash, HASH1) == 0)
			fail_msg("field %d does not enter the hash", field);
	}
}

static void test_logbook_seal_refuses_bad_entries_naming_the_field(void **state)
{
	(void)state;
	static char long_author[MK_NAME_MAX + 2];
	memset(long_author, 'a', MK_NAME_MAX + 1);
	static const struct {
		int change;
		enum mk_rc rc;
		const char *field, *message;
	} cases[] = {
		{0, MK_EINVAL, "author", "author is empty"},
		{1, MK_EINVAL, "author", "author contains a control character (0x0a at byte 2)"},
		{2, MK_ETOOBIG, "author", "author is too long: 201 bytes, the limit is 200"},
		{3, MK_EINVAL, "text", "text is empty"},
		{4, MK_EINVAL, "text", "text is not valid UTF-8 (at byte 3)"},
		{5, MK_EINVAL, "text", "text contains a control character (0x1b at byte 0)"},
		{6, MK_EINVAL, "kind", "log entry kind or role is out of range"},
		{7, MK_EINVAL, "kind", "log entry kind or role is out of range"},
		{8, MK_EINVAL, "seq", "log entry sequence must start at 1"},
		{9, MK_EINVAL, "seq", "log entry sequence must start at 1"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_log_entry e = entry(1);
		switch (cases[i].change) {
		case 0: e.author = " "; break;
		case 1: e.author = "J.\nJansen"; break;
		case 2: e.author = long_author; break;
		case 3: e.text = NULL; break;
		case 4: e.text = "abc\xed\xa0\x80"; break;
		case 5: e.text = "\x1b[2J"; break;
		case 6: e.kind = MK_LOG_KIND_COUNT; break;
		case 7: e.role = MK_ROLE_COUNT; break;
		case 8: e.seq = 0; break;
		default: e.seq = -5; break;
		}
		memcpy(e.hash, "untouched", 10);
		struct mk_error err;
		assert_int_equal(mk_logbook_seal(UUID, GENESIS, &e, &err), cases[i].rc);
		assert_string_equal(err.field, cases[i].field);
		assert_string_equal(err.message, cases[i].message);
		assert_string_equal(e.hash, "untouched");
	}
}

static void test_logbook_seal_refuses_a_malformed_previous_hash(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"2043f8d86d85d1fa175ff747b9a2eb5e14b8d30e973daa60de4b7b0c616991f",   /* 63 */
		"2043f8d86d85d1fa175ff747b9a2eb5e14b8d30e973daa60de4b7b0c616991f10", /* 65 */
		"g043f8d86d85d1fa175ff747b9a2eb5e14b8d30e973daa60de4b7b0c616991f1",
		"2043f8d86d85d1fa175ff747b9a2eb5e14b8d30e973daa60de4b7b0c616991 1",
		/* Upper case would seal, but the verifier compares lower-case
		 * text, so the entry could never verify. */
		"2043F8D86D85D1FA175FF747B9A2EB5E14B8D30E973DAA60DE4B7B0C616991F1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mk_log_entry e = entry(1);
		struct mk_error err;
		if (mk_logbook_seal(UUID, bad[i], &e, &err) != MK_EINVAL)
			fail_msg("previous hash '%s' was accepted", bad[i]);
		assert_string_equal(err.field, "prev_hash");
		assert_string_equal(err.message, "cannot seal log entry 1: bad previous hash or out of "
						 "memory");
	}
	struct mk_log_entry e = entry(1);
	assert_int_equal(mk_logbook_seal(UUID, NULL, &e, NULL), MK_EINVAL);
}

static void test_logbook_seal_takes_the_largest_entry(void **state)
{
	(void)state;
	static char author[MK_NAME_MAX + 1], text[MK_TEXT_MAX + 1];
	memset(author, 'a', MK_NAME_MAX);
	memset(text, 't', MK_TEXT_MAX);
	struct mk_log_entry e = entry(1);
	e.author = author;
	e.text = text;
	struct mk_error err;
	if (mk_logbook_seal(UUID, GENESIS, &e, &err) != MK_OK)
		fail_msg("%s", err.message);
	/* and the verifier takes it too */
	struct mk_chain_check c;
	mk_chain_begin(&c, UUID);
	assert_true(mk_chain_next(&c, &e));
	assert_int_equal(mk_chain_end(&c, 1, e.hash, NULL, NULL), MK_OK);
}

/* ---- verification ----------------------------------------------------- */

struct feed {
	const struct mk_log_entry *e[8];
	int n;
};

static enum mk_rc verify(const struct feed *f, int64_t head_count, const char *head_hash,
			 struct mk_error *err, struct mk_chain_check *ret_check)
{
	struct mk_chain_check c;
	mk_chain_begin(&c, UUID);
	for (int i = 0; i < f->n; i++)
		mk_chain_next(&c, f->e[i]);
	char head[MK_HASH_HEX];
	enum mk_rc rc = mk_chain_end(&c, head_count, head_hash, head, err);
	if (ret_check)
		*ret_check = c;
	return rc;
}

static void test_logbook_intact_chain_verifies(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	struct mk_chain_check check;
	mk_chain_begin(&check, UUID);
	for (int i = 0; i < 3; i++)
		assert_true(mk_chain_next(&check, &c[i]));
	char head[MK_HASH_HEX];
	assert_int_equal(mk_chain_end(&check, 3, HASH3, head, NULL), MK_OK);
	assert_string_equal(head, HASH3);
	assert_int_equal(check.count, 3);
	assert_int_equal(check.problem, MK_CHAIN_OK);
}

static void test_logbook_empty_chain_verifies_against_the_genesis_head(void **state)
{
	(void)state;
	struct feed f = {{NULL}, 0};
	char head[MK_HASH_HEX];
	struct mk_chain_check c;
	mk_chain_begin(&c, UUID);
	assert_int_equal(mk_chain_end(&c, 0, GENESIS, head, NULL), MK_OK);
	assert_string_equal(head, GENESIS);
	/* A head that claims entries the logbook does not hold. */
	struct mk_error err;
	assert_int_equal(verify(&f, 1, HASH1, &err, NULL), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 1 is missing: the incident records 1 "
					 "entries, the logbook holds 0");
}

static void test_logbook_rejects_edited_entry(void **state)
{
	(void)state;
	for (int field = 0; field < 5; field++) {
		struct mk_log_entry c[3];
		sealed_chain(c);
		switch (field) {
		case 0: c[1].text = "Besluit: netwerk aan laten"; break;
		case 1: c[1].author = "Iemand anders"; break;
		case 2: c[1].at += 3600; break;
		case 3: c[1].role = MK_ROLE_CISO; break;
		default: c[1].kind = MK_LOG_NOTE; break;
		}
		struct feed f = {{&c[0], &c[1], &c[2]}, 3};
		struct mk_error err;
		struct mk_chain_check check;
		assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
		assert_int_equal(check.problem, MK_CHAIN_CHANGED);
		assert_int_equal(check.bad_seq, 2);
		assert_string_equal(err.field, "logbook");
		assert_string_equal(err.message, "logbook entry 2 was changed after it was written");
	}
}

static void test_logbook_rejects_edited_hash(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	c[2].hash[0] = c[2].hash[0] == '0' ? '1' : '0';
	struct feed f = {{&c[0], &c[1], &c[2]}, 3};
	struct mk_error err;
	assert_int_equal(verify(&f, 3, HASH3, &err, NULL), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 3 was changed after it was written");
}

static void test_logbook_rejects_removed_entry(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	struct feed f = {{&c[0], &c[2]}, 2};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_MISSING);
	assert_string_equal(err.message, "logbook entry 2 is missing: it was removed");
	/* The first entry removed. */
	struct feed g = {{&c[1], &c[2]}, 2};
	assert_int_equal(verify(&g, 3, HASH3, &err, NULL), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 1 is missing: it was removed");
}

static void test_logbook_rejects_removed_entry_with_renumbering(void **state)
{
	(void)state;
	/* Entry 2 deleted and entry 3 renumbered to 2 (its stored hash kept):
	 * it no longer follows entry 1. */
	struct mk_log_entry c[3];
	sealed_chain(c);
	c[2].seq = 2;
	struct feed f = {{&c[0], &c[2]}, 2};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 2, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_BAD_LINK);
	assert_string_equal(err.message, "logbook entry 2 does not follow entry 1: an entry was "
					 "inserted, replaced or reordered");
}

static void test_logbook_rejects_inserted_entry(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	/* A forged entry with a repeated sequence number. */
	struct mk_log_entry x = entry(2);
	x.text = "Er is niets gebeurd";
	assert_int_equal(mk_logbook_seal(UUID, HASH1, &x, NULL), MK_OK);
	struct feed f = {{&c[0], &c[1], &x, &c[2]}, 4};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_DUPLICATE);
	assert_int_equal(check.bad_seq, 2);
	assert_string_equal(err.message, "logbook entry 2 appears again after entry 2: an entry was "
					 "inserted or reordered");

	/* The same forgery correctly sealed after entry 1 and the later
	 * entries renumbered: entry 3 (the old 2) no longer links. */
	struct mk_log_entry old2 = c[1], old3 = c[2];
	old2.seq = 3;
	old3.seq = 4;
	struct feed g = {{&c[0], &x, &old2, &old3}, 4};
	assert_int_equal(verify(&g, 4, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_BAD_LINK);
	assert_string_equal(err.message, "logbook entry 3 does not follow entry 2: an entry was "
					 "inserted, replaced or reordered");
}

static void test_logbook_rejects_reordered_entries(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	/* Read out of order: 1, 3, 2. */
	struct feed f = {{&c[0], &c[2], &c[1]}, 3};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.bad_seq, 2);
	assert_string_equal(err.message, "logbook entry 2 is missing: it was removed");

	/* Swapped sequence numbers, so a reader sorting by seq sees the old
	 * third entry second. */
	struct mk_log_entry a = c[2], b = c[1];
	a.seq = 2;
	b.seq = 3;
	struct feed g = {{&c[0], &a, &b}, 3};
	assert_int_equal(verify(&g, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_BAD_LINK);
	assert_int_equal(check.bad_seq, 2);
	assert_string_equal(err.message, "logbook entry 2 does not follow entry 1: an entry was "
					 "inserted, replaced or reordered");
}

static void test_logbook_rejects_truncated_tail(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	struct feed f = {{&c[0], &c[1]}, 2};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_TRUNCATED);
	assert_int_equal(check.bad_seq, 3);
	assert_string_equal(err.message, "logbook entry 3 is missing: the incident records 3 "
					 "entries, the logbook holds 2");
}

static void test_logbook_rejects_head_mismatch(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	struct feed f = {{&c[0], &c[1], &c[2]}, 3};
	struct mk_error err;
	struct mk_chain_check check;
	/* Same count, other last hash: the whole chain was rewritten. */
	assert_int_equal(verify(&f, 3, HASH2, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_EXTRA);
	assert_int_equal(check.bad_seq, 3);
	assert_string_equal(err.message, "logbook entry 3 does not match the head recorded on the "
					 "incident (3 entries): entries were added or replaced "
					 "outside meldkamer");
	assert_int_equal(verify(&f, 3, NULL, &err, NULL), MK_ECHAIN);
	/* More entries than the head records: one appended outside. */
	assert_int_equal(verify(&f, 2, HASH2, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_EXTRA);
	assert_string_equal(err.message, "logbook entry 3 does not match the head recorded on the "
					 "incident (2 entries): entries were added or replaced "
					 "outside meldkamer");
}

static void test_logbook_rewritten_chain_is_caught_by_the_head(void **state)
{
	(void)state;
	/* An attacker edits entry 2 and re-seals 2 and 3: every link holds,
	 * only the head on the incident tells. */
	struct mk_log_entry c[3];
	sealed_chain(c);
	c[1].text = "Besluit: niets doen";
	assert_int_equal(mk_logbook_seal(UUID, c[0].hash, &c[1], NULL), MK_OK);
	assert_int_equal(mk_logbook_seal(UUID, c[1].hash, &c[2], NULL), MK_OK);
	struct feed f = {{&c[0], &c[1], &c[2]}, 3};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, HASH3, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_EXTRA);
}

static void test_logbook_first_problem_is_kept(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	c[0].text = "changed";
	c[2].text = "changed too";
	struct mk_chain_check check;
	mk_chain_begin(&check, UUID);
	assert_false(mk_chain_next(&check, &c[0]));
	assert_false(mk_chain_next(&check, &c[1]));
	assert_false(mk_chain_next(&check, &c[2]));
	struct mk_error err;
	assert_int_equal(mk_chain_end(&check, 3, HASH3, NULL, &err), MK_ECHAIN);
	assert_string_equal(err.message, "logbook entry 1 was changed after it was written");
}

static void test_logbook_verifier_uses_the_uuid(void **state)
{
	(void)state;
	/* The same entries under another incident's UUID do not verify. */
	struct mk_log_entry c[3];
	sealed_chain(c);
	struct mk_chain_check check;
	mk_chain_begin(&check, "11111111-2222-4333-8444-555555555555");
	assert_false(mk_chain_next(&check, &c[0]));
	assert_int_equal(mk_chain_end(&check, 3, HASH3, NULL, NULL), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_BAD_LINK);
	assert_int_equal(check.bad_seq, 1);
}

/* ---- out of memory -------------------------------------------------------- */

static void test_logbook_seal_out_of_memory_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_log_entry e = entry(2);
		struct mk_error err;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_logbook_seal(UUID, HASH1, &e, &err);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_string_equal(e.hash, HASH2);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
		assert_string_equal(err.field, "prev_hash");
	}
	/* The 223-byte canonical form and its NUL in a buffer doubling from
	 * 64: 64, 128, 256 are three allocations. */
	assert_int_equal(n, 3);
}

static void test_logbook_verify_out_of_memory_is_enomem_not_tampering(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	sealed_chain(c);
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_chain_check check;
		struct mk_error err;
		mk_alloc_fail_after(n);
		mk_chain_begin(&check, UUID);
		for (int i = 0; i < 3; i++)
			mk_chain_next(&check, &c[i]);
		enum mk_rc rc = mk_chain_end(&check, 3, HASH3, NULL, &err);
		mk_alloc_fail_reset();
		if (rc == MK_OK)
			break;
		/* Running out of memory is not evidence of tampering. */
		if (rc != MK_ENOMEM)
			fail_msg("round %ld: %s: %s", n, mk_rc_name(rc), err.message);
		assert_string_equal(err.field, "logbook");
	}
	assert_int_equal(n, 3); /* the scratch buffer: 64, 128, 256 */
}

/* An entry sealed correctly but dated before its predecessor was written
 * with the clock set back: the chain holds, the order of events does not. */
static void test_logbook_rejects_backdated_entry(void **state)
{
	(void)state;
	struct mk_log_entry c[3];
	const char *prev = GENESIS;
	for (int i = 0; i < 3; i++) {
		c[i] = entry(i + 1);
		if (i == 2)
			c[i].at = c[1].at - 1; /* one second before entry 2 */
		assert_int_equal(mk_logbook_seal(UUID, prev, &c[i], NULL), MK_OK);
		prev = c[i].hash;
	}
	struct feed f = {{&c[0], &c[1], &c[2]}, 3};
	struct mk_error err;
	struct mk_chain_check check;
	assert_int_equal(verify(&f, 3, c[2].hash, &err, &check), MK_ECHAIN);
	assert_int_equal(check.problem, MK_CHAIN_BACKDATED);
	assert_int_equal(check.bad_seq, 3);
	assert_string_equal(err.message, "logbook entry 3 is dated before entry 2: it was written "
					 "with the clock set back");
	/* The same second as the entry before is fine. */
	c[2] = entry(3);
	c[2].at = c[1].at;
	assert_int_equal(mk_logbook_seal(UUID, c[1].hash, &c[2], NULL), MK_OK);
	assert_int_equal(verify(&f, 3, c[2].hash, &err, NULL), MK_OK);
}

/* doc/logbook.md works one entry out by hand for outside verifiers; the
 * code must agree with it to the byte. */
static void test_logbook_matches_the_worked_example_in_the_doc(void **state)
{
	(void)state;
	const char *uuid = "3f1e8c52-9a7b-4c1d-8e2f-0a1b2c3d4e5f";
	struct mk_log_entry e = {
		.seq = 1, .at = 1792836000, .author = "Anna de Vries", .role = MK_ROLE_SERVICEDESK,
		.kind = MK_LOG_NOTE, .text = "Melding ontvangen via de servicedesk",
	};
	char genesis[MK_HASH_HEX];
	mk_logbook_genesis(uuid, genesis);
	assert_string_equal(genesis, "5266a0b363b990dcefca92f88063b71cb525037d760e997b1894948d371201e8");
	struct mk_buf b;
	mk_buf_init(&b, 4096);
	mk_logbook_canonical(uuid, &e, &b);
	assert_int_equal(b.len, 193);
	mk_buf_release(&b);
	assert_int_equal(mk_logbook_seal(uuid, genesis, &e, NULL), MK_OK);
	assert_string_equal(e.hash, "98ff9f14b1221c5eb2f370939bcb000723df370ebd06411fb67d829dc7723d06");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_logbook_genesis_is_sha256_of_the_uuid_text),
		UNIT_TEST(test_logbook_matches_the_worked_example_in_the_doc),
		UNIT_TEST(test_logbook_rejects_backdated_entry),
		UNIT_TEST(test_logbook_canonical_form_is_exact),
		UNIT_TEST(test_logbook_three_entry_chain_has_the_expected_hashes),
		UNIT_TEST(test_logbook_hash_depends_on_every_field),
		UNIT_TEST(test_logbook_seal_refuses_bad_entries_naming_the_field),
		UNIT_TEST(test_logbook_seal_refuses_a_malformed_previous_hash),
		UNIT_TEST(test_logbook_seal_takes_the_largest_entry),
		UNIT_TEST(test_logbook_intact_chain_verifies),
		UNIT_TEST(test_logbook_empty_chain_verifies_against_the_genesis_head),
		UNIT_TEST(test_logbook_rejects_edited_entry),
		UNIT_TEST(test_logbook_rejects_edited_hash),
		UNIT_TEST(test_logbook_rejects_removed_entry),
		UNIT_TEST(test_logbook_rejects_removed_entry_with_renumbering),
		UNIT_TEST(test_logbook_rejects_inserted_entry),
		UNIT_TEST(test_logbook_rejects_reordered_entries),
		UNIT_TEST(test_logbook_rejects_truncated_tail),
		UNIT_TEST(test_logbook_rejects_head_mismatch),
		UNIT_TEST(test_logbook_rewritten_chain_is_caught_by_the_head),
		UNIT_TEST(test_logbook_first_problem_is_kept),
		UNIT_TEST(test_logbook_verifier_uses_the_uuid),
		UNIT_TEST(test_logbook_seal_out_of_memory_is_enomem_and_leaks_nothing),
		UNIT_TEST(test_logbook_verify_out_of_memory_is_enomem_not_tampering),
	};
	return cmocka_run_group_tests_name("logbook", tests, NULL, NULL);
}
