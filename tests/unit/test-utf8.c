/* base/utf8: strict validation after Unicode Table 3-7 (well-formed byte
 * sequences), cutting at a character boundary, counting code points. */
#include "unit.h"

#include "base/utf8.h"

struct utf8_case {
	const char *what;
	const char *bytes;
	size_t len;
	size_t first_invalid; /* == len when valid */
};

#define S(lit) lit, sizeof(lit) - 1

static const struct utf8_case cases[] = {
	/* well-formed, at every boundary of Table 3-7 */
	{"empty", S(""), 0},
	{"ascii", S("abc"), 3},
	{"NUL is allowed here", S("a\0b"), 3},
	{"U+007F", S("\x7f"), 1},
	{"U+0080", S("\xc2\x80"), 2},
	{"U+00E9 e-acute", S("\xc3\xa9"), 2},
	{"U+07FF", S("\xdf\xbf"), 2},
	{"U+0800", S("\xe0\xa0\x80"), 3},
	{"U+20AC euro", S("\xe2\x82\xac"), 3},
	{"U+D7FF last before surrogates", S("\xed\x9f\xbf"), 3},
	{"U+E000 first after surrogates", S("\xee\x80\x80"), 3},
	{"U+FFFF", S("\xef\xbf\xbf"), 3},
	{"U+10000", S("\xf0\x90\x80\x80"), 4},
	{"U+1D11E clef", S("\xf0\x9d\x84\x9e"), 4},
	{"U+10FFFF last", S("\xf4\x8f\xbf\xbf"), 4},
	{"Dutch text", S("co\xc3\xb6rdinator, ge\xc3\xafnformeerd"), 27},

	/* overlong forms */
	{"overlong NUL C0 80", S("\xc0\x80"), 0},
	{"overlong C1 BF", S("\xc1\xbf"), 0},
	{"overlong 3-byte E0 80 80", S("\xe0\x80\x80"), 0},
	{"overlong 3-byte E0 9F BF", S("\xe0\x9f\xbf"), 0},
	{"overlong 4-byte F0 80 80 80", S("\xf0\x80\x80\x80"), 0},
	{"overlong 4-byte F0 8F BF BF", S("\xf0\x8f\xbf\xbf"), 0},
	{"overlong after text", S("ok\xc0\xaf"), 2},
	/* UTF-16 surrogates */
	{"U+D800 high surrogate", S("\xed\xa0\x80"), 0},
	{"U+DFFF low surrogate", S("\xed\xbf\xbf"), 0},
	{"surrogate pair as CESU-8", S("x\xed\xa0\xbd\xed\xb2\xa9"), 1},
	/* beyond U+10FFFF and bytes that never occur */
	{"U+110000", S("\xf4\x90\x80\x80"), 0},
	{"F5 lead", S("\xf5\x80\x80\x80"), 0},
	{"F8 lead (5-byte form)", S("\xf8\x88\x80\x80\x80"), 0},
	{"FE", S("\xfe"), 0},
	{"FF", S("ab\xff"), 2},
	/* continuation bytes and truncation */
	{"lone continuation", S("\x80"), 0},
	{"continuation after ascii", S("abc\xbf"), 3},
	{"truncated 2-byte at end", S("a\xc3"), 1},
	{"truncated 3-byte at end", S("ab\xe2\x82"), 2},
	{"truncated 4-byte at end", S("\xf0\x9d\x84"), 0},
	{"truncated sequence before ascii", S("\xe2\x82" "a"), 0},
	{"bad second byte", S("\xc3\x28"), 0},
	{"bad third byte", S("\xe2\x82\x28"), 0},
	{"bad fourth byte", S("\xf0\x9d\x84\x28"), 0},
	{"valid then invalid", S("\xc3\xa9\xe2\x82\xac\x80"), 5},
};

static void test_utf8_first_invalid_finds_every_malformed_sequence(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct utf8_case *c = &cases[i];
		size_t got = mk_utf8_first_invalid(c->bytes, c->len);
		if (got != c->first_invalid)
			fail_msg("%s: first invalid byte %zu, expected %zu", c->what, got,
				 c->first_invalid);
		assert_int_equal(mk_utf8_valid(c->bytes, c->len), c->first_invalid == c->len);
	}
}

static void test_utf8_valid_checks_only_the_given_length(void **state)
{
	(void)state;
	/* The 2-byte character is cut by the length: invalid. */
	assert_false(mk_utf8_valid("\xc3\xa9", 1));
	assert_int_equal(mk_utf8_first_invalid("a\xc3\xa9", 2), 1);
	/* Bytes past len are not looked at. */
	assert_true(mk_utf8_valid("ab\xff", 2));
}

static void test_utf8_every_two_byte_lead_range_is_exact(void **state)
{
	(void)state;
	/* Leads C2..DF with any continuation 80..BF are valid, C0/C1 never. */
	for (int lead = 0x80; lead <= 0xff; lead++) {
		for (int cont = 0x00; cont <= 0xff; cont++) {
			char s[2] = {(char)lead, (char)cont};
			bool expected = lead >= 0xc2 && lead <= 0xdf && cont >= 0x80 && cont <= 0xbf;
			if (mk_utf8_valid(s, 2) != expected)
				fail_msg("%02x %02x: expected %s", lead, cont,
					 expected ? "valid" : "invalid");
		}
	}
}

/* The ASCII fast path reads 8 bytes at a time: a bad byte or a character
 * at every offset around a word boundary must still be found exactly. */
static void test_utf8_first_invalid_is_exact_around_word_boundaries(void **state)
{
	(void)state;
	char text[40];
	for (size_t at = 0; at < 24; at++) {
		memset(text, 'a', sizeof(text));
		text[at] = (char)0xff;
		assert_int_equal(mk_utf8_first_invalid(text, 32), at);
		/* A valid three-byte character (U+20AC) straddling the boundary,
		 * then a lone continuation byte right after it. */
		memset(text, 'a', sizeof(text));
		memcpy(text + at, "\xe2\x82\xac\x80", 4);
		assert_int_equal(mk_utf8_first_invalid(text, 32), at + 3);
		/* Cut in the middle of the character by the length. */
		assert_int_equal(mk_utf8_first_invalid(text, at + 2), at);
	}
	memset(text, 'a', sizeof(text));
	assert_int_equal(mk_utf8_first_invalid(text, 40), 40);
	assert_int_equal(mk_utf8_first_invalid(text, 0), 0);
}

static void test_utf8_truncate_drops_a_partial_last_character(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *out;
	} cut[] = {
		{"abc", "abc"},
		{"", ""},
		{"a\xc3", "a"},
		{"a\xc3\xa9", "a\xc3\xa9"},
		{"ab\xe2", "ab"},
		{"ab\xe2\x82", "ab"},
		{"ab\xe2\x82\xac", "ab\xe2\x82\xac"},
		{"\xf0\x9d\x84", ""},
		{"x\xf0\x9d", "x"},
		{"x\xf0\x9d\x84\x9e", "x\xf0\x9d\x84\x9e"},
	};
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		char buf[16];
		snprintf(buf, sizeof(buf), "%s", cut[i].in);
		mk_utf8_truncate(buf, sizeof(buf));
		assert_string_equal(buf, cut[i].out);
	}
}

static void test_utf8_truncate_terminates_within_cap(void **state)
{
	(void)state;
	/* Not NUL-terminated within cap: cut to cap - 1 bytes, then to the
	 * last whole character. */
	char buf[4] = {'a', 'b', '\xc3', '\xa9'};
	mk_utf8_truncate(buf, sizeof(buf));
	assert_string_equal(buf, "ab");
	char one[1] = {'x'};
	mk_utf8_truncate(one, 1);
	assert_int_equal(one[0], '\0');
	mk_utf8_truncate(one, 0); /* nothing to do, and no write */
}

static void test_utf8_length_counts_code_points(void **state)
{
	(void)state;
	const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e";
	assert_int_equal(mk_utf8_length(s, strlen(s)), 4);
	assert_int_equal(mk_utf8_length("", 0), 0);
	assert_int_equal(mk_utf8_length("abc", 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_utf8_first_invalid_finds_every_malformed_sequence),
		UNIT_TEST(test_utf8_valid_checks_only_the_given_length),
		UNIT_TEST(test_utf8_first_invalid_is_exact_around_word_boundaries),
		UNIT_TEST(test_utf8_every_two_byte_lead_range_is_exact),
		UNIT_TEST(test_utf8_truncate_drops_a_partial_last_character),
		UNIT_TEST(test_utf8_truncate_terminates_within_cap),
		UNIT_TEST(test_utf8_length_counts_code_points),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
