/* core/text: the checks every typed or imported text passes before it is
 * stored: required, length in bytes, UTF-8, control characters. */
#include "unit.h"

#include "core/text.h"

static void test_text_required_empty_is_refused_naming_the_field(void **state)
{
	(void)state;
	const char *empties[] = {NULL, "", " ", "\t\n", " \r\n "};
	for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
		struct mk_error e;
		assert_int_equal(mk_text_check("title", empties[i], 400, MK_TEXT_LINE, true, &e),
				 MK_EINVAL);
		assert_string_equal(e.field, "title");
		assert_string_equal(e.message, "title is empty");
	}
}

static void test_text_optional_empty_is_fine(void **state)
{
	(void)state;
	assert_int_equal(mk_text_check("description", NULL, 10, MK_TEXT_MULTILINE, false, NULL),
			 MK_OK);
	assert_int_equal(mk_text_check("description", "", 10, MK_TEXT_MULTILINE, false, NULL),
			 MK_OK);
	assert_int_equal(mk_text_check("description", " \n", 10, MK_TEXT_MULTILINE, false, NULL),
			 MK_OK);
}

static void test_text_length_limit_is_in_bytes_and_inclusive(void **state)
{
	(void)state;
	struct mk_error e;
	char s[402];
	memset(s, 'a', 400);
	s[400] = '\0';
	assert_int_equal(mk_text_check("title", s, 400, MK_TEXT_LINE, true, &e), MK_OK);
	s[400] = 'a';
	s[401] = '\0';
	assert_int_equal(mk_text_check("title", s, 400, MK_TEXT_LINE, true, &e), MK_ETOOBIG);
	assert_string_equal(e.field, "title");
	assert_string_equal(e.message, "title is too long: 401 bytes, the limit is 400");
	/* Two characters of two bytes each are four bytes. */
	assert_int_equal(mk_text_check("name", "\xc3\xa9\xc3\xa9", 3, MK_TEXT_LINE, true, &e),
			 MK_ETOOBIG);
	assert_int_equal(mk_text_check("name", "\xc3\xa9\xc3\xa9", 4, MK_TEXT_LINE, true, &e),
			 MK_OK);
}

static void test_text_invalid_utf8_is_refused_naming_the_byte(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t at;
	} bad[] = {
		{"abc\xc0\x80", 3},        /* overlong */
		{"x\xed\xa0\x80", 1},      /* surrogate */
		{"\xf4\x90\x80\x80", 0},   /* above U+10FFFF */
		{"ok \xe2\x82", 3},        /* truncated */
		{"\xff", 0},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mk_error e;
		assert_int_equal(mk_text_check("text", bad[i].s, 100, MK_TEXT_MULTILINE, false, &e),
				 MK_EINVAL);
		assert_string_equal(e.field, "text");
		char expected[80];
		snprintf(expected, sizeof(expected), "text is not valid UTF-8 (at byte %zu)",
			 bad[i].at);
		assert_string_equal(e.message, expected);
	}
}

static void test_text_line_refuses_every_control_character(void **state)
{
	(void)state;
	for (int c = 1; c < 0x20; c++) {
		char s[4] = {'a', (char)c, 'b', '\0'};
		struct mk_error e;
		assert_int_equal(mk_text_check("title", s, 100, MK_TEXT_LINE, true, &e), MK_EINVAL);
		char expected[80];
		snprintf(expected, sizeof(expected),
			 "title contains a control character (0x%02x at byte 1)", c);
		assert_string_equal(e.message, expected);
		assert_string_equal(e.field, "title");
	}
	struct mk_error e;
	assert_int_equal(mk_text_check("title", "a\x7f", 100, MK_TEXT_LINE, true, &e), MK_EINVAL);
	assert_string_equal(e.message, "title contains a control character (0x7f at byte 1)");
}

static void test_text_multiline_allows_newline_tab_cr_only(void **state)
{
	(void)state;
	assert_int_equal(mk_text_check("text", "line 1\r\nline 2\n\tindented", 100,
				       MK_TEXT_MULTILINE, true, NULL),
			 MK_OK);
	for (int c = 1; c < 0x20; c++) {
		if (c == '\n' || c == '\t' || c == '\r')
			continue;
		char s[3] = {'x', (char)c, '\0'};
		assert_int_equal(mk_text_check("text", s, 100, MK_TEXT_MULTILINE, true, NULL),
				 MK_EINVAL);
	}
	/* ESC hides text on a terminal; DEL too. */
	struct mk_error e;
	assert_int_equal(mk_text_check("text", "a\x1b[2Jb", 100, MK_TEXT_MULTILINE, true, &e),
			 MK_EINVAL);
	assert_string_equal(e.message, "text contains a control character (0x1b at byte 1)");
	assert_int_equal(mk_text_check("text", "\x7f", 100, MK_TEXT_MULTILINE, false, NULL),
			 MK_EINVAL);
}

static void test_text_accepts_non_ascii_printable_text(void **state)
{
	(void)state;
	/* An en dash and a diaeresis: multi-byte, printable. */
	assert_int_equal(mk_text_check("title", "Phishing bij Burgerzaken \xe2\x80\x93 co\xc3\xb6rdinatie",
				       400, MK_TEXT_LINE, true, NULL),
			 MK_OK);
}

/* C1 controls and the bidirectional overrides hide or reorder text
 * ("Trojan Source"); marks that only hint direction (U+200E/F) stay. */
static void test_text_refuses_hidden_controls_in_every_kind(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t at;
	} bad[] = {
		{"a\xc2\x85" "b", 1},        /* U+0085 NEXT LINE (C1) */
		{"ab\xc2\x9b" "31m", 2},     /* U+009B CSI (C1) */
		{"x\xe2\x80\xae" "gnp.exe", 1}, /* U+202E RIGHT-TO-LEFT OVERRIDE */
		{"\xe2\x80\xaa" "a", 0},      /* U+202A LEFT-TO-RIGHT EMBEDDING */
		{"a\xe2\x81\xa6" "b", 1},     /* U+2066 LEFT-TO-RIGHT ISOLATE */
		{"a\xe2\x81\xa9", 1},         /* U+2069 POP DIRECTIONAL ISOLATE */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (int kind = MK_TEXT_LINE; kind <= MK_TEXT_MULTILINE; kind++) {
			struct mk_error e;
			assert_int_equal(mk_text_check("title", bad[i].text, 100, (enum mk_text_kind)kind,
						       true, &e), MK_EINVAL);
			char expected[160];
			snprintf(expected, sizeof(expected),
				 "title contains an invisible control character (at byte %zu) that can "
				 "change how the text reads",
				 bad[i].at);
			assert_string_equal(e.message, expected);
		}
	}
	/* Left-to-right and right-to-left marks, and text around the ranges. */
	static const char *const good[] = {
		"\xe2\x80\x8e" "a", "\xe2\x80\x8f" "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
		"\xc2\xa0" "nbsp", "\xe2\x80\xa9" "ps", "\xe2\x81\xa5" "x", "\xe2\x81\xaa" "x",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(mk_text_check("title", good[i], 100, MK_TEXT_LINE, true, NULL), MK_OK);
}

static void test_text_blank_means_only_whitespace(void **state)
{
	(void)state;
	assert_true(mk_text_blank(NULL));
	assert_true(mk_text_blank(""));
	assert_true(mk_text_blank(" \t\r\n"));
	assert_false(mk_text_blank(" x "));
	assert_false(mk_text_blank("\xc2\xa0x"));
}

/* The media types evidence is stored with (core/text.h). */
static void test_media_type_valid(void **state)
{
	(void)state;
	static const char *const good[] = {"message/rfc822", "application/octet-stream",
					   "application/vnd.ms-excel", "image/svg+xml", "a/b"};
	static const char *const bad[] = {"", "text", "/plain", "text/", "text/plain; charset=utf-8",
					  "text//plain", "te xt/plain", "text/pl\nain", "ê/b"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(mk_media_type_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(mk_media_type_valid(bad[i]));
	assert_false(mk_media_type_valid(NULL));
	char longest[257];
	memset(longest, 'a', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	longest[1] = '/';
	assert_false(mk_media_type_valid(longest)); /* 256 bytes */
	longest[255] = '\0';
	assert_true(mk_media_type_valid(longest)); /* 255 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_text_required_empty_is_refused_naming_the_field),
		UNIT_TEST(test_text_optional_empty_is_fine),
		UNIT_TEST(test_text_length_limit_is_in_bytes_and_inclusive),
		UNIT_TEST(test_text_invalid_utf8_is_refused_naming_the_byte),
		UNIT_TEST(test_text_line_refuses_every_control_character),
		UNIT_TEST(test_text_multiline_allows_newline_tab_cr_only),
		UNIT_TEST(test_text_accepts_non_ascii_printable_text),
		UNIT_TEST(test_text_blank_means_only_whitespace),
		UNIT_TEST(test_text_refuses_hidden_controls_in_every_kind),
		UNIT_TEST(test_media_type_valid),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
