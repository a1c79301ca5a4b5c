/* core/tsv: the reader behind every data table: comments, header,
 * field counts, UTF-8, control characters, limits, and line numbers in
 * every message. */
#include "unit.h"

#include "base/limits.h"
#include "core/tsv.h"

static const char *const cols3[] = {"a", "b", "c"};

static enum mk_rc parse(const char *text, struct mk_tsv *t, struct mk_error *e)
{
	return mk_tsv_parse(text, strlen(text), "t.tsv", cols3, 3, t, e);
}

static void test_tsv_reads_rows_skipping_comments_and_blank_lines(void **state)
{
	(void)state;
	const char *text = "# a comment\twith a tab\n"
			   "\n"
			   "a\tb\tc\n"
			   "1\t2\t3\n"
			   "# between\n"
			   "\n"
			   "x\t\tz\n"
			   "\t\t\n"
			   "last\tline\tno newline";
	struct mk_tsv t;
	assert_int_equal(parse(text, &t, NULL), MK_OK);
	assert_int_equal(t.rows, 4);
	assert_int_equal(t.ncolumns, 3);
	static const char *const expected[4][3] = {
		{"1", "2", "3"}, {"x", "", "z"}, {"", "", ""}, {"last", "line", "no newline"},
	};
	for (size_t r = 0; r < 4; r++)
		for (size_t c = 0; c < 3; c++)
			assert_string_equal(mk_tsv_cell(&t, r, c), expected[r][c]);
	mk_tsv_release(&t);
	assert_null(t.text);
	assert_null(t.cells);
	assert_int_equal(t.rows, 0);
	mk_tsv_release(&t); /* twice is fine */
	mk_tsv_release(NULL);
}

static void test_tsv_accepts_crlf_line_ends(void **state)
{
	(void)state;
	struct mk_tsv t;
	assert_int_equal(parse("a\tb\tc\r\n1\t2\t3\r\n\r\n4\t5\t6\r\n", &t, NULL), MK_OK);
	assert_int_equal(t.rows, 2);
	assert_string_equal(mk_tsv_cell(&t, 0, 2), "3");
	assert_string_equal(mk_tsv_cell(&t, 1, 2), "6");
	mk_tsv_release(&t);
}

static void test_tsv_header_only_gives_no_rows(void **state)
{
	(void)state;
	struct mk_tsv t;
	assert_int_equal(parse("a\tb\tc\n", &t, NULL), MK_OK);
	assert_int_equal(t.rows, 0);
	mk_tsv_release(&t);
}

static void test_tsv_keeps_utf8_cells(void **state)
{
	(void)state;
	struct mk_tsv t;
	assert_int_equal(parse("a\tb\tc\nIllegaal kopi\xc3\xabren\t\xe2\x82\xac\t\xf0\x9d\x84\x9e\n",
			       &t, NULL),
			 MK_OK);
	assert_string_equal(mk_tsv_cell(&t, 0, 0), "Illegaal kopi\xc3\xabren");
	assert_string_equal(mk_tsv_cell(&t, 0, 1), "\xe2\x82\xac");
	mk_tsv_release(&t);
}

/* Each refusal with its exact message: the line is the line in the file,
 * counting comments and blank lines. */
static void test_tsv_refuses_bad_tables_naming_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum mk_rc rc;
		const char *message;
	} cases[] = {
		{"# only a comment\n", MK_EINVAL, "t.tsv has no header line"},
		{"", MK_EINVAL, "t.tsv has no header line"},
		{"# c\na\tx\tc\n", MK_EINVAL, "t.tsv line 2: column 2 is 'x', expected 'b'"},
		{"a\tb\n", MK_EINVAL, "t.tsv line 1: 2 fields, expected 3"},
		{"A\tb\tc\n", MK_EINVAL, "t.tsv line 1: column 1 is 'A', expected 'a'"},
		{"a\tb\tc\td\n", MK_EINVAL, "t.tsv line 1: 4 fields, expected 3"},
		{"a\tb\tc\n1\t2\t3\n\n# c\n1\t2\n", MK_EINVAL, "t.tsv line 5: 2 fields, expected 3"},
		{"a\tb\tc\n1\t2\t3\t4\n", MK_EINVAL, "t.tsv line 2: 4 fields, expected 3"},
		{"a\tb\tc\n1\t2\t3\t\n", MK_EINVAL, "t.tsv line 2: 4 fields, expected 3"},
		{"a\tb\tc\n1\n", MK_EINVAL, "t.tsv line 2: 1 fields, expected 3"},
		{"a\tb\tc\n1\t2\t3\n1\t\xc0\xaf\t3\n", MK_EINVAL,
		 "t.tsv line 3: invalid UTF-8 at byte 14"},
		{"a\tb\tc\n\xed\xa0\x80\t2\t3\n", MK_EINVAL, "t.tsv line 2: invalid UTF-8 at byte 6"},
		{"a\tb\tc\n1\t2\t\xe2\x82", MK_EINVAL, "t.tsv line 2: invalid UTF-8 at byte 10"},
		{"a\tb\tc\n1\t2\x1b[31m\t3\n", MK_EINVAL,
		 "t.tsv line 2: control character in field 2"},
		{"a\tb\tc\n1\t2\t3\x7f\n", MK_EINVAL, "t.tsv line 2: control character in field 3"},
		{"a\tb\tc\n1\r2\t2\t3\n", MK_EINVAL, "t.tsv line 2: control character in field 1"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_tsv t;
		memset(&t, 0xa5, sizeof(t));
		struct mk_error e;
		enum mk_rc rc = parse(cases[i].text, &t, &e);
		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %d, expected %d", i, rc, cases[i].rc);
		assert_string_equal(e.message, cases[i].message);
		/* ret_tsv is written only on success. */
		assert_int_equal(t.rows, (size_t)0xa5a5a5a5a5a5a5a5u);
	}
}

static void test_tsv_refuses_a_nul_byte(void **state)
{
	(void)state;
	const char text[] = "a\tb\tc\n1\t\0\t3\n";
	struct mk_tsv t;
	struct mk_error e;
	assert_int_equal(mk_tsv_parse(text, sizeof(text) - 1, "t.tsv", cols3, 3, &t, &e),
			 MK_EINVAL);
	assert_string_equal(e.message, "t.tsv contains a NUL byte");
}

static void test_tsv_refuses_a_file_over_the_size_limit(void **state)
{
	(void)state;
	/* MK_TABLE_FILE_MAX bytes are fine, one more is not: a comment line
	 * of the right length after the header. */
	size_t max = MK_TABLE_FILE_MAX;
	char *text = malloc(max + 2);
	assert_non_null(text);
	memcpy(text, "a\tb\tc\n#", 7);
	memset(text + 7, 'x', max + 1 - 7);
	text[max + 1] = '\0';
	struct mk_tsv t;
	struct mk_error e;
	assert_int_equal(mk_tsv_parse(text, max, "t.tsv", cols3, 3, &t, &e), MK_OK);
	mk_tsv_release(&t);
	assert_int_equal(mk_tsv_parse(text, max + 1, "t.tsv", cols3, 3, &t, &e), MK_ETOOBIG);
	assert_string_equal(e.message, "t.tsv is too big: 262145 bytes, the limit is 262144");
	free(text);
}

static void test_tsv_refuses_more_rows_than_the_limit(void **state)
{
	(void)state;
	/* Header plus MK_TABLE_ROWS_MAX rows is fine; one row more is not. */
	size_t cap = 16 + (MK_TABLE_ROWS_MAX + 1) * 7;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t len = (size_t)snprintf(text, cap, "a\tb\tc\n");
	for (int i = 0; i < MK_TABLE_ROWS_MAX; i++)
		len += (size_t)snprintf(text + len, cap - len, "1\t2\t3\n");
	struct mk_tsv t;
	struct mk_error e;
	assert_int_equal(mk_tsv_parse(text, len, "t.tsv", cols3, 3, &t, &e), MK_OK);
	assert_int_equal(t.rows, MK_TABLE_ROWS_MAX);
	mk_tsv_release(&t);
	len += (size_t)snprintf(text + len, cap - len, "1\t2\t3\n");
	assert_int_equal(mk_tsv_parse(text, len, "t.tsv", cols3, 3, &t, &e), MK_ETOOBIG);
	assert_string_equal(e.message, "t.tsv has more than 1000 rows");
	free(text);
}

static void test_tsv_refuses_a_bad_column_list(void **state)
{
	(void)state;
	static const char *const many[17] = {"1", "2", "3", "4", "5", "6", "7", "8", "9",
					     "10", "11", "12", "13", "14", "15", "16", "17"};
	struct mk_tsv t;
	struct mk_error e;
	assert_int_equal(mk_tsv_parse("a\n", 2, "t.tsv", cols3, 0, &t, &e), MK_EINVAL);
	assert_string_equal(e.message, "t.tsv: bad column list");
	assert_int_equal(mk_tsv_parse("a\n", 2, "t.tsv", many, 17, &t, &e), MK_EINVAL);
	/* Sixteen columns are allowed. */
	const char *h16 = "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\n";
	assert_int_equal(mk_tsv_parse(h16, strlen(h16), "t.tsv", many, 16, &t, &e), MK_OK);
	mk_tsv_release(&t);
}

static void test_tsv_out_of_memory_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	const char *text = "a\tb\tc\n1\t2\t3\n4\t5\t6\n";
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_tsv t;
		struct mk_error e;
		mk_alloc_fail_after(n);
		enum mk_rc rc = parse(text, &t, &e);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_int_equal(t.rows, 2);
			assert_string_equal(mk_tsv_cell(&t, 1, 2), "6");
			mk_tsv_release(&t);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
		assert_string_equal(e.message, "out of memory reading t.tsv");
	}
	assert_int_equal(n, 2); /* the copy of the text and the cell array */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_tsv_reads_rows_skipping_comments_and_blank_lines),
		UNIT_TEST(test_tsv_accepts_crlf_line_ends),
		UNIT_TEST(test_tsv_header_only_gives_no_rows),
		UNIT_TEST(test_tsv_keeps_utf8_cells),
		UNIT_TEST(test_tsv_refuses_bad_tables_naming_the_line),
		UNIT_TEST(test_tsv_refuses_a_nul_byte),
		UNIT_TEST(test_tsv_refuses_a_file_over_the_size_limit),
		UNIT_TEST(test_tsv_refuses_more_rows_than_the_limit),
		UNIT_TEST(test_tsv_refuses_a_bad_column_list),
		UNIT_TEST(test_tsv_out_of_memory_is_enomem_and_leaks_nothing),
	};
	return cmocka_run_group_tests_name("tsv", tests, NULL, NULL);
}
