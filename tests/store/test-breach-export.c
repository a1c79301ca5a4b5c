/* export/breach: the cell neutraliser (every character OWASP names, and
 * nothing else), RFC 4180 quoting, and the register cells of one row. */
#include "fixture.h"

#include "export/breach.h"

static void expect_cell(const char *in, const char *want)
{
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	mk_cell_neutralise(in, &b);
	assert_string_equal(b.data ? b.data : "", want);
	mk_buf_release(&b);
}

static void test_register_neutralises_formula_starts(void **state)
{
	(void)state;
	expect_cell("=1+1", "'=1+1");
	expect_cell("+31 6", "'+31 6");
	expect_cell("-2", "'-2");
	expect_cell("@SUM(A1)", "'@SUM(A1)");
	expect_cell("\t=1", "'\t=1");
	expect_cell("\r=1", "'\r=1");
	expect_cell("a=1", "a=1");
	expect_cell(" =1", " =1");
	expect_cell("'=1", "'=1");
	expect_cell("", "");
}

static void test_register_csv_quotes_rfc4180(void **state)
{
	(void)state;
	const char *cells[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "", "cr\r"};
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	mk_csv_record(cells, 6, &b);
	assert_string_equal(b.data, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"cr\r\"\r\n");
	mk_buf_release(&b);
}

static void test_register_cells_of_an_unreported_overdue_breach(void **state)
{
	(void)state;
	struct mk_breach br;
	mk_breach_init(&br);
	br.aware_at = 1806051600; /* 2027-03-26 10:00 CET */
	br.categories = mk_breach_bsn_bit();
	br.fg_name = "=evil";
	br.fg_consulted_at = 1806051600;
	struct mk_breach_register_row r = {.key = "MK-2027-0001", .title = "@t", .breach = &br,
					   .ap_first_filed_at = MK_TIME_UNKNOWN};
	struct mk_buf store;
	mk_buf_init(&store, 10000);
	const char *cells[MK_REGISTER_COLUMNS];
	assert_int_equal(mk_register_cells(&r, 1806310801, &store, cells), MK_OK);
	assert_string_equal(cells[0], "MK-2027-0001");
	assert_string_equal(cells[1], "'@t");
	assert_string_equal(cells[4], "bsn");
	assert_string_equal(cells[6], "ja");
	assert_string_equal(cells[11], "niet gemeld");
	assert_string_equal(cells[14], "2027-03-29 11:00 CEST");
	assert_string_equal(cells[15], "ja (nog niet gemeld)");
	assert_string_equal(cells[16], "nog niet besloten");
	assert_string_equal(cells[18], "'=evil, 2027-03-26 10:00 CET");
	/* One second earlier the 72 hours still run. */
	assert_int_equal(mk_register_cells(&r, 1806310800, &store, cells), MK_OK);
	assert_string_equal(cells[15], "nee");
	mk_buf_release(&store);
	assert_string_equal(mk_register_column(18), "fg_geraadpleegd");
	assert_null(mk_register_column(19));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_neutralises_formula_starts),
		cmocka_unit_test(test_register_csv_quotes_rfc4180),
		cmocka_unit_test(test_register_cells_of_an_unreported_overdue_breach),
	};
	return cmocka_run_group_tests_name("breach-export", tests, NULL, NULL);
}
