/* meldkamer deadlines: every running or overdue clock, most urgent first. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "export/json.h"

enum { OPT_LIMIT = MK_OPT_FIRST_OWN };

struct due {
	char key[MK_KEY_TEXT];
	char title[64];
	struct mk_deadline d;
};

/* The `limit` most urgent deadlines, kept in a heap whose top is the
 * least urgent of them, so memory stays bounded however many incidents
 * are open; plus the counts of all. */
struct dues {
	struct due *items;
	size_t n, cap;
	size_t pending, overdue;
};

/* Overdue first, then the soonest due; the key breaks ties so the order
 * is the same on every run. */
static int by_urgency(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	int ox = x->d.state == MK_DEADLINE_OVERDUE, oy = y->d.state == MK_DEADLINE_OVERDUE;
	if (ox != oy)
		return oy - ox;
	if (x->d.due != y->d.due)
		return x->d.due < y->d.due ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void swap(struct due *a, struct due *b)
{
	struct due t = *a;
	*a = *b;
	*b = t;
}

static void sift_up(struct due *h, size_t i)
{
	while (i > 0 && by_urgency(&h[(i - 1) / 2], &h[i]) < 0) {
		swap(&h[(i - 1) / 2], &h[i]);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct due *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, top = i;
		if (l < n && by_urgency(&h[l], &h[top]) > 0)
			top = l;
		if (r < n && by_urgency(&h[r], &h[top]) > 0)
			top = r;
		if (top == i)
			return;
		swap(&h[i], &h[top]);
		i = top;
	}
}

static enum mk_rc collect(void *ctx, const struct mk_incident *inc, const struct mk_deadline *d)
{
	struct dues *ds = ctx;
	struct due x;
	snprintf(x.key, sizeof(x.key), "%s", inc->key);
	snprintf(x.title, sizeof(x.title), "%s", inc->title);
	mk_utf8_truncate(x.title, sizeof(x.title));
	x.d = *d;
	ds->pending++;
	ds->overdue += d->state == MK_DEADLINE_OVERDUE;
	if (ds->n < ds->cap) {
		ds->items[ds->n] = x;
		sift_up(ds->items, ds->n++);
	} else if (by_urgency(&x, &ds->items[0]) < 0) {
		ds->items[0] = x;
		sift_down(ds->items, ds->n, 0);
	}
	return MK_OK;
}

int mk_cmd_deadlines(struct mk_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"limit", required_argument, NULL, OPT_LIMIT},
		{0},
	};
	int limit = MK_PAGE_DEFAULT;
	int c, status;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_LIMIT && (status = mk_cli_parse_limit(cli, optarg, &limit)))
			return status;
	}
	if (optind < argc)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct dues ds = {.cap = (size_t)limit};
	struct mk_error err = {0};
	if (!(ds.items = mk_calloc(ds.cap, sizeof(*ds.items))))
		return 1;
	if (mk_svc_deadlines(cli->svc, cli->now, collect, &ds, &err)) {
		mk_free(ds.items);
		if (!err.message[0])
			mk_error_set(&err, MK_ENOMEM, "", "out of memory collecting deadlines");
		return mk_cli_fail(cli, &err);
	}
	qsort(ds.items, ds.n, sizeof(*ds.items), by_urgency);
	size_t shown = ds.n, overdue = ds.overdue;
	if (cli->json) {
		json_t *rows = json_array();
		for (size_t i = 0; rows && i < shown; i++) {
			json_t *o = mk_json_deadline(&ds.items[i].d);
			json_object_set_new(o, "key", json_string(ds.items[i].key));
			json_object_set_new(o, "title", json_string(ds.items[i].title));
			json_array_append_new(rows, o);
		}
		mk_free(ds.items);
		return mk_cli_print_json(json_pack("{s:I, s:I, s:o}", "pending", (json_int_t)ds.pending,
						   "overdue", (json_int_t)overdue, "deadlines", rows));
	}
	printf("%zu clocks to act on, %zu of them overdue\n", ds.pending, overdue);
	for (size_t i = 0; i < shown; i++) {
		const struct due *x = &ds.items[i];
		char due[MK_TIME_TEXT], rel[64];
		mk_cli_relative(cli->now, x->d.due, rel, sizeof(rel));
		mk_cli_print_cell(x->key, 13);
		mk_cli_print_cell(x->d.state == MK_DEADLINE_OVERDUE ? "OVERDUE" : "running", 8);
		mk_cli_print_cell(mk_clock_name(x->d.clock), 12);
		mk_cli_print_cell(mk_time_format_local(x->d.due, due), 21);
		mk_cli_print_cell(rel, 22);
		printf("%s\n", x->title);
	}
	if (shown < ds.pending)
		printf("(%zu more: --limit)\n", ds.pending - shown);
	mk_free(ds.items);
	return 0;
}
