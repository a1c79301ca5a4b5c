/* Shared scaffolding for the unit tests (tests/unit/test-*.c): cmocka's
 * headers in the order it needs, a teardown that switches the allocation
 * hook off after every test (so one failed fault loop cannot poison the
 * next test), and the fault-injection loop of STYLE.md "Tests".
 *
 * Include this first: cmocka and the system headers must be seen before
 * base/banned.h turns the banned functions into errors. */
#ifndef MK_TESTS_UNIT_H
#define MK_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"

static inline int unit_reset_alloc_hook(void **state)
{
	(void)state;
	mk_alloc_fail_reset();
	return 0;
}

/* Every test runs with the hook reset afterwards. */
#define UNIT_TEST(f) cmocka_unit_test_teardown(f, unit_reset_alloc_hook)

/* Expected times in the tests are literal UTC seconds, each computed
 * outside meldkamer (python3 calendar.timegm and zoneinfo, or
 * `date -u -d ... +%s`), with the ISO text beside it for the reader. */

/* The fault loop: for n = 0, 1, 2, ... let n allocations succeed and fail
 * the next one, until the operation succeeds. Every failing round must
 * return MK_ENOMEM (checked by the caller's body through `rc`), and
 * whatever the body allocated must be released by it (valgrind and ASan
 * prove that). The loop is bounded so a broken hook cannot spin forever. */
#define FAULT_LOOP_MAX 100000

#endif
