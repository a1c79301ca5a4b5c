/* A reading thread for `intake alerts`: the lines of one file are read,
 * checked and parsed (jansson: half the work) on a thread of their own,
 * in batches, while the calling thread stores the alerts of the batch
 * before. Items come out in the file's order, so the report and the
 * stored alerts are exactly what a single thread gives. Memory stays
 * bounded: two batches of at most MK_ALERT_BATCH_ITEMS lines. */
#ifndef MK_CLI_ALERT_READER_H
#define MK_CLI_ALERT_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/rc.h"
#include "core/alert.h"

#define MK_ALERT_BATCH_ITEMS 256

enum mk_alert_item_kind {
	MK_ALERT_ITEM_ALERT,   /* alert holds one */
	MK_ALERT_ITEM_SKIPPED, /* an event that is no alert, or a blank line */
	MK_ALERT_ITEM_BAD,     /* err says why; truncated: the file ends inside it */
};

struct mk_alert_item {
	enum mk_alert_item_kind kind;
	int64_t line;          /* its number in the file, from 1 */
	bool truncated;
	struct mk_alert alert; /* its strings live in the reader until the next call */
	struct mk_error err;
};

struct mk_alert_reader;

/* Opens path and starts reading it. MK_OK, or the open's failure (no
 * thread then). */
enum mk_rc mk_alert_reader_start(const char *path, struct mk_alert_reader **ret,
				 struct mk_error *err);
/* The next item in the file's order, or NULL at its end; valid until the
 * next call. */
const struct mk_alert_item *mk_alert_reader_next(struct mk_alert_reader *r);
/* Stops reading (also halfway), waits for the thread, frees r. Accepts
 * NULL. */
void mk_alert_reader_stop(struct mk_alert_reader *r);

#endif
