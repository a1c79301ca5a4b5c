/* base/rc: error kinds, their names and exit statuses, and the error
 * detail (field, message cut at a character boundary). */
#include "unit.h"

#include "base/rc.h"

static void test_rc_names_and_exit_statuses_are_fixed(void **state)
{
	(void)state;
	/* rc.h: exit 0 success, 1 refused or failed, 2 bad usage or input. */
	static const struct {
		enum mk_rc rc;
		const char *name;
		int exit_status;
	} cases[] = {
		{MK_OK, "ok", 0},
		{MK_ENOMEM, "out-of-memory", 1},
		{MK_EINVAL, "invalid", 2},
		{MK_ENOTFOUND, "not-found", 2},
		{MK_ECONFLICT, "refused", 1},
		{MK_EPERM, "forbidden", 1},
		{MK_ETOOBIG, "too-big", 2},
		{MK_ECHAIN, "chain-broken", 1},
		{MK_ESTORE, "store", 1},
		{MK_ETHROTTLED, "throttled", 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(mk_rc_name(cases[i].rc), cases[i].name);
		assert_int_equal(mk_rc_exit_status(cases[i].rc), cases[i].exit_status);
	}
	/* MK_OK is 0 so that `if (rc)` reads as "failed". */
	assert_int_equal(MK_OK, 0);
}

static void test_rc_unknown_value_is_named_unknown_and_fails(void **state)
{
	(void)state;
	assert_string_equal(mk_rc_name((enum mk_rc)99), "unknown");
	assert_int_equal(mk_rc_exit_status((enum mk_rc)99), 1);
	assert_string_equal(mk_rc_name((enum mk_rc)(MK_ETHROTTLED + 1)), "unknown");
}

static void test_error_set_fills_detail_and_returns_rc(void **state)
{
	(void)state;
	struct mk_error e;
	enum mk_rc rc = mk_error_set(&e, MK_EINVAL, "title", "title '%s' has %d problems", "x", 2);
	assert_int_equal(rc, MK_EINVAL);
	assert_int_equal(e.rc, MK_EINVAL);
	assert_string_equal(e.field, "title");
	assert_string_equal(e.message, "title 'x' has 2 problems");
}

static void test_error_set_without_detail_only_returns_rc(void **state)
{
	(void)state;
	assert_int_equal(mk_error_set(NULL, MK_ECONFLICT, "phase", "no %s", "way"), MK_ECONFLICT);
}

static void test_error_set_null_field_is_empty(void **state)
{
	(void)state;
	struct mk_error e;
	mk_error_set(&e, MK_ENOMEM, NULL, "out of memory");
	assert_string_equal(e.field, "");
	assert_string_equal(e.message, "out of memory");
}

static void test_error_message_is_cut_at_a_character_boundary(void **state)
{
	(void)state;
	struct mk_error e;
	/* 510 ASCII bytes then "é" (2 bytes): the buffer holds 511 bytes, so
	 * vsnprintf keeps only the lead byte 0xC3, which must be dropped. */
	char text[520];
	memset(text, 'a', 510);
	memcpy(text + 510, "\xc3\xa9", 3);
	mk_error_set(&e, MK_EINVAL, "text", "%s", text);
	assert_int_equal(strlen(e.message), 510);
	assert_int_equal((unsigned char)e.message[509], 'a');

	/* 509 ASCII and "€" (3 bytes): two of its bytes fit, both go. */
	memset(text, 'a', 509);
	memcpy(text + 509, "\xe2\x82\xac", 4);
	mk_error_set(&e, MK_EINVAL, "text", "%s", text);
	assert_int_equal(strlen(e.message), 509);

	/* 508 ASCII and "€": the whole character fits in 511 bytes. */
	memset(text, 'a', 508);
	memcpy(text + 508, "\xe2\x82\xac", 4);
	mk_error_set(&e, MK_EINVAL, "text", "%s", text);
	assert_int_equal(strlen(e.message), 511);
	assert_memory_equal(e.message + 508, "\xe2\x82\xac", 3);
}

static void test_error_field_is_cut_at_a_character_boundary(void **state)
{
	(void)state;
	struct mk_error e;
	char field[80];
	memset(field, 'f', 62);
	memcpy(field + 62, "\xc3\xa9", 3); /* bytes 62-63: only 0xC3 fits in 63 */
	mk_error_set(&e, MK_EINVAL, field, "bad");
	assert_int_equal(strlen(e.field), 62);
}

static void test_error_clear_resets_and_accepts_null(void **state)
{
	(void)state;
	struct mk_error e;
	mk_error_set(&e, MK_EPERM, "role", "forbidden");
	mk_error_clear(&e);
	assert_int_equal(e.rc, MK_OK);
	assert_string_equal(e.field, "");
	assert_string_equal(e.message, "");
	mk_error_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_rc_names_and_exit_statuses_are_fixed),
		UNIT_TEST(test_rc_unknown_value_is_named_unknown_and_fails),
		UNIT_TEST(test_error_set_fills_detail_and_returns_rc),
		UNIT_TEST(test_error_set_without_detail_only_returns_rc),
		UNIT_TEST(test_error_set_null_field_is_empty),
		UNIT_TEST(test_error_message_is_cut_at_a_character_boundary),
		UNIT_TEST(test_error_field_is_cut_at_a_character_boundary),
		UNIT_TEST(test_error_clear_resets_and_accepts_null),
	};
	return cmocka_run_group_tests_name("rc", tests, NULL, NULL);
}
