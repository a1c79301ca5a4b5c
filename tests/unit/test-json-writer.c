/* The streaming JSON writer (src/export/json-writer.c): its output is
 * byte for byte what jansson's compact dump writes for the same value
 * (jansson is the reference here), it refuses what is not JSON, and the
 * incident summary it writes is the one the CLI prints. */
#include "unit.h"

#include <jansson.h>

#include "core/incident.h"
#include "export/json-writer.h"
#include "export/json.h"

/* jansson's compact dump of v (which it takes), as a new string. */
static char *jansson_text(json_t *v)
{
	assert_non_null(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	assert_non_null(s);
	return s;
}

static void assert_string_as_jansson(const char *in)
{
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, 1 << 16);
	mk_jw_init(&w, &b);
	mk_jw_string(&w, in);
	assert_int_equal(mk_jw_rc(&w), MK_OK);
	char *want = jansson_text(json_string(in));
	assert_string_equal(b.data, want);
	free(want);
	mk_buf_release(&b);
}

static void strings_escape_as_jansson(void **state)
{
	(void)state;
	assert_string_as_jansson("");
	assert_string_as_jansson("Phishing bij Burgerzaken");
	assert_string_as_jansson("quote \" backslash \\ slash / end");
	assert_string_as_jansson("\b\f\n\r\t");
	assert_string_as_jansson("\x01\x02\x1f\x7f");
	assert_string_as_jansson("<script>alert(1)</script>");
	assert_string_as_jansson("é ü € 😀 \xe2\x80\xae (RLO)");
	assert_string_as_jansson("'; DROP TABLE incident; --");
}

static void escapes_exact(void **state)
{
	(void)state;
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, 256);
	mk_jw_init(&w, &b);
	mk_jw_string(&w, "a\"b\\c\nd\x01");
	assert_int_equal(mk_jw_rc(&w), MK_OK);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"");
	mk_buf_release(&b);
}

static void nesting_and_scalars(void **state)
{
	(void)state;
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, 256);
	mk_jw_init(&w, &b);
	mk_jw_object(&w);
	mk_jw_key(&w, "a");
	mk_jw_array(&w);
	mk_jw_int(&w, -9223372036854775807LL - 1);
	mk_jw_int(&w, 0);
	mk_jw_bool(&w, true);
	mk_jw_bool(&w, false);
	mk_jw_null(&w);
	mk_jw_string(&w, NULL);
	mk_jw_object(&w);
	mk_jw_object_end(&w);
	mk_jw_array(&w);
	mk_jw_array_end(&w);
	mk_jw_array_end(&w);
	mk_jw_key(&w, "t");
	mk_jw_time(&w, 1792141200); /* 2026-10-16T09:00:00Z */
	mk_jw_key(&w, "u");
	mk_jw_time(&w, MK_TIME_UNKNOWN);
	mk_jw_object_end(&w);
	assert_int_equal(mk_jw_rc(&w), MK_OK);
	assert_string_equal(b.data, "{\"a\":[-9223372036854775808,0,true,false,null,null,{},[]],"
				    "\"t\":\"2026-10-16T09:00:00Z\",\"u\":null}");
	mk_buf_release(&b);
}

static enum mk_rc write_refused(void (*write)(struct mk_jw *), const char *kept)
{
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, 64);
	mk_jw_init(&w, &b);
	write(&w);
	enum mk_rc rc = mk_jw_rc(&w);
	/* After a failure nothing more is written. */
	mk_jw_string(&w, "more");
	assert_string_equal(b.data, kept);
	mk_buf_release(&b);
	return rc;
}

static void invalid_utf8(struct mk_jw *w)
{
	mk_jw_array(w);
	mk_jw_string(w, "ok\xff");
}

static void value_for_key(struct mk_jw *w)
{
	mk_jw_object(w);
	mk_jw_int(w, 1);
}

static void key_outside_object(struct mk_jw *w)
{
	mk_jw_key(w, "k");
}

static void key_in_array(struct mk_jw *w)
{
	mk_jw_array(w);
	mk_jw_key(w, "k");
}

static void mismatched_close(struct mk_jw *w)
{
	mk_jw_array(w);
	mk_jw_object_end(w);
}

static void too_deep(struct mk_jw *w)
{
	for (int i = 0; i <= MK_JW_DEPTH; i++)
		mk_jw_array(w);
}

static void close_unopened(struct mk_jw *w)
{
	mk_jw_array_end(w);
}

static void over_ceiling(struct mk_jw *w)
{
	mk_jw_string(w, "0123456789012345678901234567890123456789012345678901234567890123456789");
}

static void refusals(void **state)
{
	(void)state;
	/* A value inside an object is refused before it is written. */
	assert_int_equal(write_refused(invalid_utf8, "["), MK_EINVAL);
	assert_int_equal(write_refused(value_for_key, "{"), MK_EINVAL);
	assert_int_equal(write_refused(key_in_array, "["), MK_EINVAL);
	assert_int_equal(write_refused(mismatched_close, "["), MK_EINVAL);
	assert_int_equal(write_refused(key_outside_object, ""), MK_EINVAL);
	assert_int_equal(write_refused(too_deep, "[[[[[[[[[[[[[[[["), MK_EINVAL);
	assert_int_equal(write_refused(close_unopened, ""), MK_EINVAL);
	assert_int_equal(write_refused(over_ceiling, "\""), MK_ETOOBIG);
}

/* The summary as the writer writes it equals the same fields put
 * together with json_pack and dumped by jansson. */
static void summary_as_jansson(void **state)
{
	(void)state;
	struct mk_incident inc;
	mk_incident_init(&inc);
	snprintf(inc.key, sizeof(inc.key), "MK-2026-0042");
	inc.title = "Mail met \"BSN\"\n<b>\x01</b> é";
	inc.phase = MK_PHASE_ANALYSE;
	inc.priority = MK_PRIORITY_P1;
	inc.event_type = MK_EVENT_NOODSITUATIE;
	inc.personal_data = true;
	inc.reported_at = 1792141200;
	inc.detected_at = 1792137600;
	inc.version = 7;

	char *want = jansson_text(json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s, s:s, s:n, s:I}", "key", "MK-2026-0042",
		"title", inc.title, "phase", "analyse", "priority", "P1", "event_type",
		"noodsituatie", "personal_data", 1, "confidential", 0, "reported_at",
		"2026-10-16T09:00:00Z", "detected_at", "2026-10-16T08:00:00Z", "closed_at", "version",
		(json_int_t)7));
	struct mk_buf b;
	struct mk_jw w;
	mk_buf_init(&b, MK_JSON_SUMMARY_MAX);
	mk_jw_init(&w, &b);
	mk_jw_incident_summary(&w, &inc);
	assert_int_equal(mk_jw_rc(&w), MK_OK);
	assert_string_equal(b.data, want);

	char *tree = jansson_text(mk_json_incident_summary(&inc));
	assert_string_equal(tree, want);
	free(tree);
	free(want);
	mk_buf_release(&b);
	inc.title = NULL;
	mk_incident_release(&inc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(strings_escape_as_jansson),
		UNIT_TEST(escapes_exact),
		UNIT_TEST(nesting_and_scalars),
		UNIT_TEST(refusals),
		UNIT_TEST(summary_as_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
