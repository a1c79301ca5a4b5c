/* The reading thread of `intake alerts` (alert-reader.h). Two batches
 * take turns: the thread fills one while the caller empties the other.
 * An alert's strings are copied into its batch's text, since the line's
 * JSON lives in the thread's arena only while that line is parsed. */
#include "cli/alert-reader.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "intake/alerts.h"
#include "intake/json-arena.h"

/* Room for one parsed line's JSON; a bigger line falls back to malloc. */
#define ALERT_ARENA_SIZE (256 * 1024)
/* A batch is handed over at this much text, also short of its items. */
#define BATCH_TEXT (1024 * 1024)
#define NO_TEXT SIZE_MAX

struct batch {
	struct mk_alert_item items[MK_ALERT_BATCH_ITEMS];
	/* Where each alert's strings start in text, while it grows. */
	size_t off[MK_ALERT_BATCH_ITEMS][5];
	size_t n;
	struct mk_buf text;
	bool full; /* filled, not yet emptied by the caller */
	bool last; /* the file ends with it */
};

struct mk_alert_reader {
	struct mk_line_reader rd;
	pthread_t thread;
	pthread_mutex_t lock; /* guards full, last and stop */
	pthread_cond_t changed;
	bool stop;
	struct batch b[2];
	int cur;     /* the caller's batch */
	size_t next; /* the caller's next item in it */
	bool taken;  /* the caller holds b[cur] */
};

static size_t keep(struct batch *b, const char *s, size_t len)
{
	if (!s)
		return NO_TEXT;
	size_t at = b->text.len;
	mk_buf_add(&b->text, s, len);
	mk_buf_addc(&b->text, '\0');
	return at;
}

/* Reads one line into the next item; false at the end of the file. */
static bool read_item(struct mk_alert_reader *r, struct batch *b, struct mk_alert_parser *p)
{
	struct mk_alert_item *it = &b->items[b->n];
	size_t *off = b->off[b->n];
	const char *line;
	size_t len;
	bool more, truncated;
	memset(it, 0, sizeof(*it));
	enum mk_rc rc = mk_line_reader_next(&r->rd, &line, &len, &more, &truncated, &it->err);
	if (!more)
		return false;
	it->line = r->rd.line;
	it->truncated = truncated;
	b->n++;
	if (rc) {
		it->kind = MK_ALERT_ITEM_BAD;
		/* A read failure other than a line too long ends the file. */
		return !(r->rd.eof && rc != MK_ETOOBIG);
	}
	enum mk_alert_line kind;
	mk_json_arena_begin(ALERT_ARENA_SIZE);
	if (mk_alert_parse_line(p, line, len, &it->alert, &kind, &it->err) != MK_OK) {
		it->kind = MK_ALERT_ITEM_BAD;
	} else if (kind == MK_ALERT_LINE_SKIPPED) {
		it->kind = MK_ALERT_ITEM_SKIPPED;
	} else {
		struct mk_alert *a = &it->alert;
		it->kind = MK_ALERT_ITEM_ALERT;
		off[0] = keep(b, a->source_name, a->source_name ? strlen(a->source_name) : 0);
		off[1] = keep(b, a->signature, a->signature ? strlen(a->signature) : 0);
		off[2] = keep(b, a->category, a->category ? strlen(a->category) : 0);
		off[3] = keep(b, a->agent, a->agent ? strlen(a->agent) : 0);
		off[4] = keep(b, a->raw, a->raw_len);
	}
	mk_alert_parser_release(p);
	mk_json_arena_end();
	if (it->kind == MK_ALERT_ITEM_ALERT && mk_buf_rc(&b->text) != MK_OK) {
		it->kind = MK_ALERT_ITEM_BAD;
		mk_error_set(&it->err, MK_ENOMEM, "", "out of memory keeping the alert");
	}
	return true;
}

/* The batch's strings, now that its text no longer moves. */
static void fix_pointers(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct mk_alert *a = &b->items[i].alert;
		const size_t *off = b->off[i];
		if (b->items[i].kind != MK_ALERT_ITEM_ALERT)
			continue;
		const char *t = b->text.data;
		a->source_name = off[0] == NO_TEXT ? NULL : t + off[0];
		a->signature = off[1] == NO_TEXT ? NULL : t + off[1];
		a->category = off[2] == NO_TEXT ? NULL : t + off[2];
		a->agent = off[3] == NO_TEXT ? NULL : t + off[3];
		a->raw = off[4] == NO_TEXT ? NULL : t + off[4];
	}
}

static void *reader_main(void *arg)
{
	struct mk_alert_reader *r = arg;
	struct mk_alert_parser p;
	mk_alert_parser_init(&p);
	for (int i = 0;; i ^= 1) {
		struct batch *b = &r->b[i];
		pthread_mutex_lock(&r->lock);
		while (b->full && !r->stop)
			pthread_cond_wait(&r->changed, &r->lock);
		bool stop = r->stop;
		pthread_mutex_unlock(&r->lock);
		if (stop)
			break;
		b->n = 0;
		mk_buf_reset(&b->text);
		bool more = true;
		while (more && b->n < MK_ALERT_BATCH_ITEMS && b->text.len < BATCH_TEXT)
			more = read_item(r, b, &p);
		fix_pointers(b);
		pthread_mutex_lock(&r->lock);
		b->full = true;
		b->last = !more;
		pthread_cond_broadcast(&r->changed);
		pthread_mutex_unlock(&r->lock);
		if (!more)
			break;
	}
	mk_alert_parser_release(&p);
	mk_json_arena_release();
	return NULL;
}

enum mk_rc mk_alert_reader_start(const char *path, struct mk_alert_reader **ret,
				 struct mk_error *err)
{
	*ret = NULL;
	struct mk_alert_reader *r = mk_calloc(1, sizeof(*r));
	if (!r)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory");
	enum mk_rc rc = mk_line_reader_open(&r->rd, path, err);
	if (rc) {
		mk_free(r);
		return rc;
	}
	for (int i = 0; i < 2; i++)
		mk_buf_init(&r->b[i].text, BATCH_TEXT + 2 * MK_ALERT_LINE_MAX);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->changed, NULL);
	/* jansson seeds its hash tables on first use; do it here, before
	 * a second thread can race for it. */
	json_object_seed(0);
	if (pthread_create(&r->thread, NULL, reader_main, r) != 0) {
		pthread_cond_destroy(&r->changed);
		pthread_mutex_destroy(&r->lock);
		for (int i = 0; i < 2; i++)
			mk_buf_release(&r->b[i].text);
		mk_line_reader_close(&r->rd);
		mk_free(r);
		return mk_error_set(err, MK_ENOMEM, "", "cannot start the reading thread");
	}
	*ret = r;
	return MK_OK;
}

const struct mk_alert_item *mk_alert_reader_next(struct mk_alert_reader *r)
{
	for (;;) {
		struct batch *b = &r->b[r->cur];
		if (!r->taken) {
			pthread_mutex_lock(&r->lock);
			while (!b->full)
				pthread_cond_wait(&r->changed, &r->lock);
			pthread_mutex_unlock(&r->lock);
			r->taken = true;
			r->next = 0;
		}
		if (r->next < b->n)
			return &b->items[r->next++];
		if (b->last)
			return NULL;
		/* Emptied: give it back and go on with the other. */
		pthread_mutex_lock(&r->lock);
		b->full = false;
		pthread_cond_broadcast(&r->changed);
		pthread_mutex_unlock(&r->lock);
		r->taken = false;
		r->cur ^= 1;
	}
}

void mk_alert_reader_stop(struct mk_alert_reader *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->changed);
	pthread_mutex_destroy(&r->lock);
	for (int i = 0; i < 2; i++)
		mk_buf_release(&r->b[i].text);
	mk_line_reader_close(&r->rd);
	mk_free(r);
}
