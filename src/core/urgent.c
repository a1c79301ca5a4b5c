/* The most urgent deadlines of many incidents (core/urgent.h): a bounded
 * max-heap on urgency whose top is the least urgent kept, so that a new
 * deadline replaces it or is dropped in O(log cap). */
#include "core/urgent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"

/* Overdue first, then the soonest due; the key breaks ties so the order
 * is the same on every run. */
static int by_urgency(const void *a, const void *b)
{
	const struct mk_due *x = a, *y = b;
	int ox = x->d.state == MK_DEADLINE_OVERDUE, oy = y->d.state == MK_DEADLINE_OVERDUE;
	if (ox != oy)
		return oy - ox;
	if (x->d.due != y->d.due)
		return x->d.due < y->d.due ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void swap(struct mk_due *a, struct mk_due *b)
{
	struct mk_due t = *a;
	*a = *b;
	*b = t;
}

static void sift_up(struct mk_due *h, size_t i)
{
	while (i > 0 && by_urgency(&h[(i - 1) / 2], &h[i]) < 0) {
		swap(&h[(i - 1) / 2], &h[i]);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct mk_due *h, size_t n, size_t i)
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

enum mk_rc mk_dues_init(struct mk_dues *ds, size_t cap)
{
	memset(ds, 0, sizeof(*ds));
	ds->cap = cap;
	ds->items = mk_calloc(cap ? cap : 1, sizeof(*ds->items));
	return ds->items ? MK_OK : MK_ENOMEM;
}

void mk_dues_release(struct mk_dues *ds)
{
	if (!ds)
		return;
	mk_free(ds->items);
	ds->items = NULL;
	ds->n = ds->cap = 0;
}

void mk_dues_add(struct mk_dues *ds, const struct mk_incident *inc, const struct mk_deadline *d)
{
	struct mk_due x;
	snprintf(x.key, sizeof(x.key), "%s", inc->key);
	snprintf(x.title, sizeof(x.title), "%s", inc->title ? inc->title : "");
	mk_utf8_truncate(x.title, sizeof(x.title));
	x.d = *d;
	ds->pending++;
	ds->overdue += d->state == MK_DEADLINE_OVERDUE;
	if (ds->n < ds->cap) {
		ds->items[ds->n] = x;
		sift_up(ds->items, ds->n++);
	} else if (ds->cap && by_urgency(&x, &ds->items[0]) < 0) {
		ds->items[0] = x;
		sift_down(ds->items, ds->n, 0);
	}
}

void mk_dues_sort(struct mk_dues *ds)
{
	qsort(ds->items, ds->n, sizeof(*ds->items), by_urgency);
}
