/* Time entries, hourly rates and the cost report (core/cost.h). Pure:
 * integer cents throughout, no clock, no I/O. */
#include "core/cost.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/limits.h"
#include "core/text.h"

static const char *const activity_names[MK_ACTIVITY_COUNT] = {
	"analyse", "indammen", "herstel", "communicatie", "overleg",
	"coordinatie", "forensisch", "documentatie", "evaluatie", "overig",
};

static const char *const kind_names[MK_COST_KIND_COUNT] = {
	"forensisch", "hardware", "software", "extern", "juridisch", "overig",
};

static enum mk_rc parse_name(const char *const *names, int count, const char *s,
			     const char *field, int *ret, struct mk_error *err)
{
	for (int i = 0; s && i < count; i++) {
		if (strcmp(s, names[i]) == 0) {
			*ret = i;
			return MK_OK;
		}
	}
	struct mk_buf known;
	mk_buf_init(&known, 256);
	for (int i = 0; i < count; i++)
		mk_buf_addf(&known, "%s%s", i ? ", " : "", names[i]);
	/* The value is cut: a hostile one must not fill the message. */
	mk_error_set(err, MK_EINVAL, field, "unknown %s '%.40s' (known: %s)", field, s ? s : "",
		     known.data ? known.data : "");
	mk_buf_release(&known);
	return MK_EINVAL;
}

const char *mk_activity_name(enum mk_activity a)
{
	return (unsigned)a < MK_ACTIVITY_COUNT ? activity_names[a] : "?";
}

enum mk_rc mk_activity_parse(const char *s, const char *field, enum mk_activity *ret,
			     struct mk_error *err)
{
	int i;
	enum mk_rc rc = parse_name(activity_names, MK_ACTIVITY_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_activity)i;
	return rc;
}

const char *mk_cost_kind_name(enum mk_cost_kind k)
{
	return (unsigned)k < MK_COST_KIND_COUNT ? kind_names[k] : "?";
}

enum mk_rc mk_cost_kind_parse(const char *s, const char *field, enum mk_cost_kind *ret,
			      struct mk_error *err)
{
	int i;
	enum mk_rc rc = parse_name(kind_names, MK_COST_KIND_COUNT, s, field, &i, err);
	if (rc == MK_OK)
		*ret = (enum mk_cost_kind)i;
	return rc;
}

/* "YYYY-MM-DD", a real date within the range of mk_time. */
static bool valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	struct mk_civil c = {
		.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		.month = (s[5] - '0') * 10 + (s[6] - '0'),
		.day = (s[8] - '0') * 10 + (s[9] - '0'),
	};
	return c.year >= 1970 && c.year < 2100 && mk_civil_valid(&c);
}

/* The Amsterdam date of t as "YYYY-MM-DD". */
static void local_date(mk_time t, char buf[11])
{
	struct mk_civil c;
	mk_time_to_local(t, &c);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)c.year % 10000u, (unsigned)c.month % 100u,
		 (unsigned)c.day % 100u);
}

enum mk_rc mk_time_entry_check(struct mk_time_entry *e, mk_time now, struct mk_error *err)
{
	enum mk_rc rc;
	if ((rc = mk_text_check("person", e->person, MK_NAME_MAX, MK_TEXT_LINE, true, err)) ||
	    (rc = mk_text_check("note", e->note, MK_SHORT_TEXT_MAX, MK_TEXT_MULTILINE, false, err)))
		return rc;
	if (mk_text_blank(e->person))
		return mk_error_set(err, MK_EINVAL, "person", "person is empty");
	if ((unsigned)e->role >= MK_ROLE_COUNT)
		return mk_error_set(err, MK_EINVAL, "role", "role is out of range");
	if ((unsigned)e->activity >= MK_ACTIVITY_COUNT)
		return mk_error_set(err, MK_EINVAL, "activity", "activity is out of range");
	if (e->minutes < 1 || e->minutes > MK_TIME_ENTRY_MINUTES_MAX)
		return mk_error_set(err, MK_EINVAL, "minutes",
				    "minutes must be 1 to %d (one entry per day), not %d",
				    MK_TIME_ENTRY_MINUTES_MAX, e->minutes);
	if (e->started_at != MK_TIME_UNKNOWN) {
		if (e->started_at > now)
			return mk_error_set(err, MK_EINVAL, "start",
					    "the work cannot start in the future");
		local_date(e->started_at, e->worked_on);
		return MK_OK;
	}
	if (!e->worked_on[0])
		return mk_error_set(err, MK_EINVAL, "date",
				    "a time entry needs when the work was done: a start or a date");
	if (!valid_date(e->worked_on))
		return mk_error_set(err, MK_EINVAL, "date",
				    "date '%.16s' is not a date (YYYY-MM-DD, 1970 to 2099)",
				    e->worked_on);
	/* A date later than today (Amsterdam) is time not yet worked. */
	char t[11];
	local_date(now, t);
	if (strcmp(e->worked_on, t) > 0)
		return mk_error_set(err, MK_EINVAL, "date", "date '%s' lies in the future",
				    e->worked_on);
	return MK_OK;
}

int64_t mk_cost_of_minutes(int minutes, int64_t rate_cents)
{
	/* cents = minutes * rate / 60, half up: add half the divisor. */
	return ((int64_t)minutes * rate_cents + 30) / 60;
}

enum mk_rc mk_cents_parse(const char *s, const char *field, int64_t max, int64_t *ret,
			  struct mk_error *err)
{
	if (!s || !*s)
		return mk_error_set(err, MK_EINVAL, field, "%s is empty", field);
	int64_t euros = 0, cents = 0;
	size_t i = 0, digits = 0;
	for (; s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		/* 15 digits of euros are more than any max allows. */
		if (digits >= 15)
			return mk_error_set(err, MK_EINVAL, field, "%s '%.24s' is too large", field, s);
		euros = euros * 10 + (s[i] - '0');
	}
	if (!digits)
		goto bad;
	if (s[i] == '.' || s[i] == ',') {
		i++;
		size_t dec = strspn(s + i, "0123456789");
		/* Anything after the decimals (a second separator: "1.000,00")
		 * is not an amount, whatever the count. */
		if (!dec || s[i + dec])
			goto bad;
		if (dec > 2)
			return mk_error_set(err, MK_EINVAL, field,
					    "%s '%.24s' has more than two decimals: amounts are in "
					    "whole cents",
					    field, s);
		cents = (s[i] - '0') * 10 + (dec == 2 ? s[i + 1] - '0' : 0);
		i += dec;
	}
	if (s[i])
		goto bad;
	int64_t total = euros * 100 + cents;
	if (total > max) {
		char m[MK_CENTS_TEXT];
		return mk_error_set(err, MK_EINVAL, field, "%s '%.24s' is above the maximum of %s EUR",
				    field, s, mk_cents_format(max, m));
	}
	*ret = total;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, field,
			    "%s '%.24s' is not an amount in euros (like 87.50 or 87,50)", field, s);
}

char *mk_cents_format(int64_t cents, char *buf)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(buf, MK_CENTS_TEXT, "%s%llu.%02llu", cents < 0 ? "-" : "",
		 (unsigned long long)(a / 100), (unsigned long long)(a % 100));
	return buf;
}

char *mk_cents_format_nl(int64_t cents, char *buf)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	char digits[24];
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(a / 100));
	/* Thousands separated by points, the Dutch way. */
	char grouped[40];
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[o++] = '.';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(buf, MK_CENTS_TEXT, "%s\xe2\x82\xac %s,%02llu", cents < 0 ? "-" : "", grouped,
		 (unsigned long long)(a % 100));
	return buf;
}

void mk_cost_report_init(struct mk_cost_report *r)
{
	memset(r, 0, sizeof(*r));
}

static void groups_release(struct mk_cost_groups *g)
{
	for (size_t i = 0; i < g->count; i++)
		mk_free(g->items[i].name);
	mk_free(g->items);
	memset(g, 0, sizeof(*g));
}

void mk_cost_report_release(struct mk_cost_report *r)
{
	if (!r)
		return;
	groups_release(&r->by_role);
	groups_release(&r->by_person);
	groups_release(&r->by_activity);
	groups_release(&r->by_kind);
	mk_cost_report_init(r);
}

static enum mk_rc group_add(struct mk_cost_groups *g, const char *name, int64_t minutes,
			    int64_t cents)
{
	for (size_t i = 0; i < g->count; i++) {
		if (strcmp(g->items[i].name, name) == 0) {
			g->items[i].minutes += minutes;
			g->items[i].cents += cents;
			return MK_OK;
		}
	}
	if (g->count == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 8;
		struct mk_cost_group *items = mk_realloc(g->items, cap * sizeof(*items));
		if (!items)
			return MK_ENOMEM;
		g->items = items;
		g->cap = cap;
	}
	char *copy = mk_strdup(name);
	if (!copy)
		return MK_ENOMEM;
	g->items[g->count++] = (struct mk_cost_group){copy, minutes, cents};
	return MK_OK;
}

enum mk_rc mk_cost_report_add_time(struct mk_cost_report *r, const struct mk_time_entry *e,
				   int64_t rate_cents)
{
	int64_t cents = rate_cents >= 0 ? mk_cost_of_minutes(e->minutes, rate_cents) : 0;
	enum mk_rc rc;
	if ((rc = group_add(&r->by_role, mk_role_name(e->role), e->minutes, cents)) ||
	    (rc = group_add(&r->by_person, e->person, e->minutes, cents)) ||
	    (rc = group_add(&r->by_activity, mk_activity_name(e->activity), e->minutes, cents)))
		return rc;
	if (rate_cents < 0) {
		r->unrated++;
		if ((unsigned)e->role < MK_ROLE_COUNT)
			r->missing_rate[e->role] = true;
	}
	r->entries++;
	r->minutes += e->minutes;
	r->time_cents += cents;
	r->total_cents += cents;
	return MK_OK;
}

enum mk_rc mk_cost_report_add_other(struct mk_cost_report *r, enum mk_cost_kind kind,
				    int64_t cents)
{
	enum mk_rc rc = group_add(&r->by_kind, mk_cost_kind_name(kind), 0, cents);
	if (rc)
		return rc;
	r->other_cents += cents;
	r->total_cents += cents;
	return MK_OK;
}
