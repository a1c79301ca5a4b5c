/* base/buf: the bounded string buffer. Invariants: data is never NULL and
 * always NUL-terminated, len never exceeds max, the first failure sticks. */
#include "unit.h"

#include "base/buf.h"

static void assert_invariants(const struct mk_buf *b)
{
	assert_non_null(b->data);
	assert_int_equal(b->data[b->len], '\0');
	assert_true(b->len <= b->max);
	assert_true(b->cap == 0 || b->len < b->cap);
}

static void test_buf_init_is_empty_and_allocates_nothing(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_alloc_fail_reset();
	mk_buf_init(&b, 100);
	assert_int_equal(mk_alloc_count(), 0);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 100);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	mk_buf_release(&b); /* nothing to free */
	assert_invariants(&b);
}

static void test_buf_appends_bytes_strings_chars_and_formats(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 1000);
	mk_buf_add(&b, "abc", 2);
	mk_buf_adds(&b, "-de");
	mk_buf_addc(&b, '!');
	mk_buf_addf(&b, "[%d|%s|%05.1f]", -42, "x", 3.5);
	mk_buf_adds(&b, "");
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_string_equal(b.data, "ab-de![-42|x|003.5]");
	assert_int_equal(b.len, strlen("ab-de![-42|x|003.5]"));
	assert_invariants(&b);
	mk_buf_release(&b);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 1000); /* release keeps the ceiling */
}

static void test_buf_keeps_binary_bytes_and_nul(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 16);
	mk_buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b\0", 4);
	mk_buf_release(&b);
}

static void test_buf_fills_exactly_to_its_ceiling(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 10);
	mk_buf_adds(&b, "0123456789");
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_int_equal(b.len, 10);
	assert_invariants(&b);
	/* An empty append at the ceiling is still fine. */
	mk_buf_add(&b, "", 0);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	mk_buf_release(&b);
}

static void test_buf_refuses_one_byte_over_its_ceiling_and_sticks(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 10);
	mk_buf_adds(&b, "01234");
	mk_buf_adds(&b, "567890"); /* 11 bytes in all */
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	/* The refused append changed nothing. */
	assert_string_equal(b.data, "01234");
	/* Sticky: a small append after the failure does nothing either. */
	mk_buf_addc(&b, 'x');
	mk_buf_addf(&b, "%d", 1);
	mk_buf_add(&b, "y", 1);
	assert_string_equal(b.data, "01234");
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	assert_invariants(&b);
	/* A failed buffer hands nothing over. */
	size_t len = 77;
	assert_null(mk_buf_detach(&b, &len));
	assert_int_equal(len, 77);
	mk_buf_release(&b);
}

static void test_buf_addf_respects_the_ceiling(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 5);
	mk_buf_addf(&b, "%s", "12345");
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	mk_buf_release(&b);
	mk_buf_init(&b, 5);
	mk_buf_addf(&b, "%d", 123456);
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	assert_string_equal(b.data, "");
	mk_buf_release(&b);
}

static void test_buf_zero_ceiling_takes_nothing(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 0);
	mk_buf_addc(&b, 'a');
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	assert_string_equal(b.data, "");
	mk_buf_release(&b);
}

static void test_buf_reset_empties_and_forgets_the_failure(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 8);
	mk_buf_adds(&b, "abcd");
	size_t cap = b.cap;
	mk_buf_adds(&b, "efghijkl");
	assert_int_equal(mk_buf_rc(&b), MK_ETOOBIG);
	mk_buf_reset(&b);
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, cap); /* the memory stays */
	mk_buf_adds(&b, "12345678");
	assert_string_equal(b.data, "12345678");
	mk_buf_release(&b);

	/* Reset of a buffer that never allocated. */
	mk_buf_init(&b, 8);
	mk_buf_reset(&b);
	assert_string_equal(b.data, "");
	mk_buf_release(&b);
}

static void test_buf_detach_hands_over_and_reinitialises(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 100);
	mk_buf_adds(&b, "logbook");
	size_t len = 0;
	char *p = mk_buf_detach(&b, &len);
	assert_non_null(p);
	assert_string_equal(p, "logbook");
	assert_int_equal(len, 7);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 100);
	mk_free(p);

	/* An empty buffer still hands over a real, freeable "". */
	p = mk_buf_detach(&b, NULL);
	assert_non_null(p);
	assert_string_equal(p, "");
	mk_free(p);
	mk_buf_release(&b);
}

static void test_buf_grows_through_many_appends(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 100000);
	for (int i = 0; i < 10000; i++)
		mk_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(mk_buf_rc(&b), MK_OK);
	assert_int_equal(b.len, 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_invariants(&b);
	mk_buf_release(&b);
}

static void test_buf_release_accepts_null_and_twice(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 10);
	mk_buf_adds(&b, "x");
	mk_buf_release(&b);
	mk_buf_release(&b);
	mk_buf_release(NULL);
}

/* Fault injection: growth that fails leaves MK_ENOMEM, the old content
 * intact, and nothing leaked once released. */
static void test_buf_growth_failure_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	char expected[2001];
	for (int i = 0; i < 2000; i++)
		expected[i] = (char)('0' + i % 10);
	expected[2000] = '\0';
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_buf b;
		mk_buf_init(&b, 4096);
		mk_alloc_fail_after(n);
		size_t good_len = 0;
		for (int i = 0; i < 200; i++) {
			mk_buf_add(&b, expected + i * 10, 10);
			if (mk_buf_rc(&b) == MK_OK)
				good_len = b.len;
		}
		mk_buf_addf(&b, "%s", "end");
		enum mk_rc rc = mk_buf_rc(&b);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_int_equal(b.len, 2003);
			assert_memory_equal(b.data, expected, 2000);
			assert_string_equal(b.data + 2000, "end");
			mk_buf_release(&b);
			break;
		}
		assert_int_equal(rc, MK_ENOMEM);
		/* What was there before the failure is still there. */
		assert_int_equal(b.len, good_len);
		assert_memory_equal(b.data, expected, good_len);
		assert_invariants(&b);
		assert_null(mk_buf_detach(&b, NULL));
		mk_buf_release(&b);
	}
	/* 2003 bytes and the NUL by doubling from 64: 64, 128, 256, 512,
	 * 1024, 2048 are 6 allocations; rounds 0-5 fail one each, round 6
	 * succeeds. */
	assert_int_equal(n, 6);
}

static void test_buf_detach_of_empty_buffer_fails_cleanly_without_memory(void **state)
{
	(void)state;
	struct mk_buf b;
	mk_buf_init(&b, 10);
	mk_alloc_fail_after(0);
	assert_null(mk_buf_detach(&b, NULL));
	mk_alloc_fail_reset();
	mk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_buf_init_is_empty_and_allocates_nothing),
		UNIT_TEST(test_buf_appends_bytes_strings_chars_and_formats),
		UNIT_TEST(test_buf_keeps_binary_bytes_and_nul),
		UNIT_TEST(test_buf_fills_exactly_to_its_ceiling),
		UNIT_TEST(test_buf_refuses_one_byte_over_its_ceiling_and_sticks),
		UNIT_TEST(test_buf_addf_respects_the_ceiling),
		UNIT_TEST(test_buf_zero_ceiling_takes_nothing),
		UNIT_TEST(test_buf_reset_empties_and_forgets_the_failure),
		UNIT_TEST(test_buf_detach_hands_over_and_reinitialises),
		UNIT_TEST(test_buf_grows_through_many_appends),
		UNIT_TEST(test_buf_release_accepts_null_and_twice),
		UNIT_TEST(test_buf_growth_failure_is_enomem_and_leaks_nothing),
		UNIT_TEST(test_buf_detach_of_empty_buffer_fails_cleanly_without_memory),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
