/* base/alloc: the allocation door, string copies and the hook that fails
 * the Nth allocation (which every other fault test relies on). */
#include "unit.h"

static void test_alloc_fail_after_zero_fails_the_next_allocation(void **state)
{
	(void)state;
	mk_alloc_fail_after(0);
	assert_null(mk_malloc(10));
	assert_null(mk_calloc(2, 10));
	assert_null(mk_realloc(NULL, 10));
	assert_null(mk_strdup("x"));
	mk_alloc_fail_reset();
	void *p = mk_malloc(10);
	assert_non_null(p);
	mk_free(p);
}

static void test_alloc_fail_after_n_lets_n_succeed_then_fails_until_reset(void **state)
{
	(void)state;
	mk_alloc_fail_after(2);
	void *a = mk_malloc(1), *b = mk_calloc(1, 1);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(mk_malloc(1)); /* the third */
	assert_null(mk_malloc(1)); /* and every one after */
	assert_null(mk_realloc(a, 100));
	/* A failed realloc leaves the block alone: it is still ours to free. */
	mk_free(a);
	mk_free(b);
	mk_alloc_fail_reset();
	void *c = mk_malloc(1);
	assert_non_null(c);
	mk_free(c);
}

static void test_alloc_negative_disables_the_hook(void **state)
{
	(void)state;
	mk_alloc_fail_after(-1);
	for (int i = 0; i < 100; i++) {
		void *p = mk_malloc(8);
		assert_non_null(p);
		mk_free(p);
	}
}

static void test_alloc_count_counts_attempts_since_reset(void **state)
{
	(void)state;
	mk_alloc_fail_reset();
	assert_int_equal(mk_alloc_count(), 0);
	void *a = mk_malloc(1);
	void *b = mk_calloc(3, 4);
	void *c = mk_realloc(NULL, 5);
	assert_int_equal(mk_alloc_count(), 3);
	mk_free(a);
	mk_free(b);
	mk_free(c);
	mk_free(NULL); /* freeing counts nothing and accepts NULL */
	assert_int_equal(mk_alloc_count(), 3);
	mk_alloc_fail_after(0);
	assert_null(mk_malloc(1)); /* failed attempts count too */
	assert_int_equal(mk_alloc_count(), 4);
	mk_alloc_fail_reset();
	assert_int_equal(mk_alloc_count(), 0);
}

static void test_alloc_zero_sizes_give_a_freeable_block(void **state)
{
	(void)state;
	void *a = mk_malloc(0), *b = mk_calloc(0, 0), *c = mk_realloc(NULL, 0);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	mk_free(a);
	mk_free(b);
	mk_free(c);
}

static void test_alloc_calloc_zeroes(void **state)
{
	(void)state;
	unsigned char *p = mk_calloc(64, 4);
	assert_non_null(p);
	for (size_t i = 0; i < 256; i++)
		assert_int_equal(p[i], 0);
	mk_free(p);
}

static void test_alloc_strdup_and_strndup_copy(void **state)
{
	(void)state;
	char *a = mk_strdup("incident");
	char *b = mk_strndup("incident", 3);
	char *c = mk_strndup("ab", 10);
	char *d = mk_strdup("");
	assert_string_equal(a, "incident");
	assert_string_equal(b, "inc");
	assert_string_equal(c, "ab");
	assert_string_equal(d, "");
	mk_free(a);
	mk_free(b);
	mk_free(c);
	mk_free(d);
	/* NULL in gives NULL out, and is not an allocation. */
	mk_alloc_fail_reset();
	assert_null(mk_strdup(NULL));
	assert_null(mk_strndup(NULL, 5));
	assert_int_equal(mk_alloc_count(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_alloc_fail_after_zero_fails_the_next_allocation),
		UNIT_TEST(test_alloc_fail_after_n_lets_n_succeed_then_fails_until_reset),
		UNIT_TEST(test_alloc_negative_disables_the_hook),
		UNIT_TEST(test_alloc_count_counts_attempts_since_reset),
		UNIT_TEST(test_alloc_zero_sizes_give_a_freeable_block),
		UNIT_TEST(test_alloc_calloc_zeroes),
		UNIT_TEST(test_alloc_strdup_and_strndup_copy),
	};
	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
