/* Retention and purge (doc/closure.md "Retention and purge"): which
 * incidents a purge takes, the purge in one transaction with its audit
 * row, and the evidence files removed after the commit. The rules are
 * core/retention.h; the deleting goes through the store's purge pass. */
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "core/deadline.h"
#include "core/retention.h"
#include "service/internal.h"

void mk_purge_plan_release(struct mk_purge_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++)
		mk_free(p->items[i].title);
	mk_free(p->items);
	memset(p, 0, sizeof(*p));
}

struct plan_ctx {
	struct mk_purge_plan *plan;
	mk_time now;
	int years;
	bool auto_list; /* no keys: only the due ones */
};

static enum mk_rc plan_add(struct plan_ctx *pc, const struct mk_purge_row *r)
{
	bool due = mk_purge_due(r->closed_at, pc->years, pc->now);
	if (pc->auto_list && !due)
		return MK_OK;
	struct mk_purge_plan *p = pc->plan;
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct mk_purge_item *items = mk_realloc(p->items, cap * sizeof(*items));
		if (!items)
			return MK_ENOMEM;
		p->items = items;
		p->cap = cap;
	}
	struct mk_purge_item *it = &p->items[p->count];
	memset(it, 0, sizeof(*it));
	snprintf(it->key, sizeof(it->key), "%s", r->key);
	if (!(it->title = mk_strdup(r->title)))
		return MK_ENOMEM;
	it->id = r->id;
	it->closed_at = r->closed_at;
	it->held = r->held;
	it->due = due;
	p->count++;
	if (r->held)
		p->held++;
	return MK_OK;
}

static enum mk_rc plan_row(void *ctx, const struct mk_purge_row *r)
{
	return plan_add(ctx, r);
}

/* One named incident as a purge row. */
static enum mk_rc plan_key(struct mk_service *svc, struct plan_ctx *pc, const char *key,
			   struct mk_error *err)
{
	struct mk_incident inc;
	mk_incident_init(&inc);
	bool held = false;
	enum mk_rc rc = mk_store_incident_get(svc->store, key, &inc, NULL, err);
	if (rc == MK_OK)
		rc = mk_store_hold_get(svc->store, inc.id, NULL, NULL, &held, err);
	for (size_t i = 0; rc == MK_OK && i < pc->plan->count; i++)
		if (pc->plan->items[i].id == inc.id)
			goto out; /* named twice */
	if (rc == MK_OK) {
		struct mk_purge_row r = {.id = inc.id, .key = inc.key, .title = inc.title,
					 .closed_at = inc.closed_at, .held = held};
		if ((rc = plan_add(pc, &r)) == MK_ENOMEM)
			mk_error_set(err, rc, "", "out of memory");
	}
out:
	mk_incident_release(&inc);
	return rc;
}

struct child_ctx {
	const struct mk_purge_plan *plan;
	const bool *taken; /* per plan item: in the purge list */
	bool kept;         /* a child outside the list */
};

static enum mk_rc child_in_list(void *ctx, int64_t id)
{
	struct child_ctx *cc = ctx;
	for (size_t i = 0; i < cc->plan->count; i++)
		if (cc->plan->items[i].id == id && cc->taken[i])
			return MK_OK;
	cc->kept = true;
	return MK_OK;
}

/* Marks child_kept on every taken item with a sub-incident outside the
 * taken set. */
static enum mk_rc mark_children(struct mk_service *svc, struct mk_purge_plan *p,
				const bool *taken, struct mk_error *err)
{
	for (size_t i = 0; i < p->count; i++) {
		struct child_ctx cc = {p, taken, false};
		enum mk_rc rc = mk_store_children(svc->store, p->items[i].id, child_in_list, &cc, err);
		if (rc)
			return rc;
		p->items[i].child_kept = taken[i] && cc.kept;
	}
	return MK_OK;
}

static enum mk_rc make_plan(struct mk_service *svc, mk_time now, int years,
			    const char *const *keys, size_t nkeys, struct mk_purge_plan *plan,
			    struct mk_error *err)
{
	enum mk_rc rc = mk_purge_years_check(years, err);
	if (rc)
		return rc;
	memset(plan, 0, sizeof(*plan));
	struct plan_ctx pc = {plan, now, years, nkeys == 0};
	if (nkeys == 0) {
		/* A superset in SQL (a calendar year is at least 365 days and
		 * DST moves an Amsterdam time by at most an hour), the exact
		 * Amsterdam-calendar rule in mk_purge_due. */
		mk_time bound = now - (mk_time)years * 365 * MK_DAY + MK_HOUR;
		rc = mk_store_purge_candidates(svc->store, bound, plan_row, &pc, err);
	} else {
		for (size_t i = 0; rc == MK_OK && i < nkeys; i++)
			rc = plan_key(svc, &pc, keys[i], err);
	}
	if (rc == MK_OK && plan->count) {
		bool *taken = mk_calloc(plan->count, sizeof(bool));
		if (!taken)
			return mk_error_set(err, MK_ENOMEM, "", "out of memory");
		for (size_t i = 0; i < plan->count; i++)
			taken[i] = nkeys ? true : !plan->items[i].held;
		rc = mark_children(svc, plan, taken, err);
		mk_free(taken);
	}
	if (rc == MK_ENOMEM && err && !err->message[0])
		mk_error_set(err, MK_ENOMEM, "", "out of memory");
	return rc;
}

enum mk_rc mk_svc_purge_plan(struct mk_service *svc, mk_time now, int years,
			     const char *const *keys, size_t nkeys, struct mk_purge_plan *ret,
			     struct mk_error *err)
{
	enum mk_rc rc = make_plan(svc, now, years, keys, nkeys, ret, err);
	if (rc)
		mk_purge_plan_release(ret);
	return rc;
}

/* The evidence files of the purged rows, for after the commit. */
struct blobs {
	struct {
		char sha256[65];
		char *path;
	} *items;
	size_t count, cap;
};

static enum mk_rc blob_add(void *ctx, const char *sha256, const char *path)
{
	struct blobs *b = ctx;
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		void *items = mk_realloc(b->items, cap * sizeof(*b->items));
		if (!items)
			return MK_ENOMEM;
		b->items = items;
		b->cap = cap;
	}
	snprintf(b->items[b->count].sha256, sizeof(b->items[b->count].sha256), "%s", sha256);
	if (!(b->items[b->count].path = mk_strdup(path)))
		return MK_ENOMEM;
	b->count++;
	return MK_OK;
}

static void blobs_release(struct blobs *b)
{
	for (size_t i = 0; i < b->count; i++)
		mk_free(b->items[i].path);
	mk_free(b->items);
}

enum mk_rc mk_svc_purge(struct mk_service *svc, const struct mk_actor *actor, mk_time now,
			int years, const char *const *keys, size_t nkeys,
			struct mk_purge_result *ret, struct mk_error *err)
{
	if (!mk_access_role_may(actor->role, MK_ACT_PURGE))
		return mk_error_set(err, MK_EPERM, "role", "only admin purges, not %s",
				    mk_role_name(actor->role));
	struct mk_purge_plan plan = {0};
	struct mk_purge_candidate *list = NULL;
	int64_t *ids = NULL;
	struct blobs blobs = {0};
	struct mk_buf by;
	mk_buf_init(&by, MK_NAME_MAX + 64);
	mk_svc_actor_text(actor, &by);
	memset(ret, 0, sizeof(*ret));
	enum mk_rc rc = mk_store_begin(svc->store, true, err);
	if (rc)
		goto out;
	/* The plan again, under the write lock: what was listed to the
	 * person may have changed (a hold placed meanwhile). */
	if ((rc = make_plan(svc, now, years, keys, nkeys, &plan, err)))
		goto fail;
	list = mk_calloc(plan.count + 1, sizeof(*list));
	ids = mk_calloc(plan.count + 1, sizeof(*ids));
	if (!list || !ids || mk_buf_rc(&by)) {
		rc = mk_error_set(err, MK_ENOMEM, "", "out of memory");
		goto fail;
	}
	size_t n = 0;
	for (size_t i = 0; i < plan.count; i++) {
		const struct mk_purge_item *it = &plan.items[i];
		/* Without a list, held ones and parents of kept sub-incidents
		 * stay; a list the person named is taken whole or not at all. */
		if (!nkeys && (it->held || it->child_kept))
			continue;
		list[n] = (struct mk_purge_candidate){.key = it->key, .closed_at = it->closed_at,
						      .held = it->held, .child_kept = it->child_kept,
						      .named = nkeys > 0, .due = it->due};
		ids[n++] = it->id;
	}
	if ((rc = mk_purge_list_check(list, n, err)))
		goto fail;
	if ((rc = mk_store_purge(svc->store, ids, n, by.data, now, years, blob_add, &blobs,
				 &ret->counts, &ret->purge_id, err)))
		goto fail;
	if ((rc = mk_store_commit(svc->store, err)))
		goto fail;
	/* The rows are gone; a file no remaining evidence row names goes too
	 * (content-addressed: another incident may hold the same file). A
	 * failure here leaves a file without a row, which a later purge's
	 * check does not see: reported, not fatal. */
	for (size_t i = 0; i < blobs.count; i++) {
		bool removed = false;
		struct mk_error ferr;
		if (mk_store_blob_forget(svc->store, blobs.items[i].sha256, blobs.items[i].path,
					 &removed, &ferr))
			ret->files_failed++;
		else if (removed)
			ret->files_removed++;
	}
	goto out;
fail:
	mk_store_rollback(svc->store);
	if (rc == MK_ENOMEM && err && !err->message[0])
		mk_error_set(err, MK_ENOMEM, "", "out of memory");
out:
	mk_purge_plan_release(&plan);
	mk_free(list);
	mk_free(ids);
	blobs_release(&blobs);
	mk_buf_release(&by);
	return rc;
}

enum mk_rc mk_svc_purge_log(struct mk_service *svc, mk_purge_log_cb cb, void *ctx,
			    struct mk_error *err)
{
	return mk_store_purge_log_list(svc->store, cb, ctx, err);
}
