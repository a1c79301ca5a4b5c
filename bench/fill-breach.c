/* Benchmark helper: gives every incident of a database a breach record
 * through the service (mk_svc_breach_set: checks, logbook entry and all),
 * and every other one a pre-notification to the AP (mk_svc_breach_notify),
 * all in one batch transaction, so that `meldkamer breach register` and
 * `deadlines` can be timed on 100 000 breaches. One command per breach
 * would measure fsync, not the register.
 *
 * usage: fill-breach DB */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "service/service.h"

struct keys {
	char (*k)[MK_KEY_TEXT];
	mk_time *detected;
	size_t n, cap;
};

static enum mk_rc collect(void *ctx, const struct mk_incident *inc)
{
	struct keys *ks = ctx;
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 1024;
		void *k = mk_realloc(ks->k, cap * sizeof(*ks->k));
		if (!k)
			return MK_ENOMEM;
		ks->k = k;
		void *d = mk_realloc(ks->detected, cap * sizeof(*ks->detected));
		if (!d)
			return MK_ENOMEM;
		ks->detected = d;
		ks->cap = cap;
	}
	memcpy(ks->k[ks->n], inc->key, MK_KEY_TEXT);
	ks->detected[ks->n++] = inc->detected_at;
	return MK_OK;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fill-breach DB\n");
		return 2;
	}
	struct mk_actor actor = {"bench", MK_ROLE_FG, "bench", NULL};
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	struct keys ks = {0};
	mk_time now = (mk_time)time(NULL);
	struct mk_incident_query q = {.borrow_text = true};
	if (mk_service_open(argv[1], MK_STORE_WRITE, now, &actor, &svc, NULL, &err) ||
	    mk_svc_incidents(svc, &q, collect, &ks, &err) || mk_svc_batch_begin(svc, &err))
		goto fail;
	char aware[MK_TIME_TEXT];
	size_t notified = 0;
	for (size_t i = 0; i < ks.n; i++) {
		/* An incident imported without a detection time became known
		 * a day ago. */
		mk_time t = ks.detected[i] != MK_TIME_UNKNOWN ? ks.detected[i] : now - 86400;
		mk_time_format_utc(t, aware);
		struct mk_field_value f[] = {
			{"aware_at", aware},
			{"categories", i % 3 ? "naw,email" : "naw,bsn"},
			{"subjects_min", "10"},
			{"subjects_max", "250"},
			{"risk", i % 4 ? "laag" : "hoog"},
			{"risk_reasoning", "bench"},
		};
		if (mk_svc_breach_set(svc, &actor, now, ks.k[i], f, 6, NULL, &err))
			goto fail;
		if (i % 2 == 0) {
			char ref[32];
			snprintf(ref, sizeof(ref), "M-BENCH-%06zu", i);
			struct mk_ap_notification n = {0, MK_AP_VOORLOPIG, t + 3600, ref, NULL, NULL};
			if (mk_svc_breach_notify(svc, &actor, now, ks.k[i], &n, &err))
				goto fail;
			notified++;
		}
	}
	if (mk_svc_batch_commit(svc, &err))
		goto fail;
	printf("%zu breaches, %zu notified\n", ks.n, notified);
	mk_free(ks.k);
	mk_free(ks.detected);
	mk_service_close(svc);
	return 0;
fail:
	fprintf(stderr, "fill-breach: %s\n", err.message);
	if (svc && mk_svc_in_batch(svc))
		mk_svc_batch_abort(svc);
	mk_free(ks.k);
	mk_free(ks.detected);
	mk_service_close(svc);
	return 1;
}
