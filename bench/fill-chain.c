/* Benchmark helper: appends N entries to one incident's logbook in a
 * single transaction, through the same sealing and store calls the
 * service uses, so that `meldkamer log verify` can be timed on a long
 * chain. Writing 100 000 entries one command at a time would measure
 * fsync, not verification.
 *
 * usage: fill-chain DB KEY N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/internal.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: fill-chain DB KEY N\n");
		return 2;
	}
	long n = strtol(argv[3], NULL, 10);
	struct mk_actor actor = {"bench", MK_ROLE_INCIDENTMANAGER, "bench", NULL};
	struct mk_service *svc = NULL;
	struct mk_incident inc;
	struct mk_error err = {0};
	mk_time now = (mk_time)time(NULL);
	mk_incident_init(&inc);
	if (mk_service_open(argv[1], MK_STORE_WRITE, now, &actor, &svc, NULL, &err) ||
	    mk_store_begin(svc->store, true, &err) ||
	    mk_store_incident_get(svc->store, argv[2], &inc, NULL, &err))
		goto fail;
	char text[128];
	for (long i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "Controle %ld: systemen gescand, geen nieuwe besmetting", i);
		if (mk_svc_log_append(svc, &inc, &actor, now + i, MK_LOG_ACTION, text, &err))
			goto fail;
	}
	if (mk_store_incident_update(svc->store, &inc, &err) || mk_store_commit(svc->store, &err))
		goto fail;
	printf("%s: %lld logbook entries\n", inc.key, (long long)inc.log_count);
	mk_incident_release(&inc);
	mk_service_close(svc);
	return 0;
fail:
	fprintf(stderr, "fill-chain: %s\n", err.message);
	mk_incident_release(&inc);
	mk_service_close(svc);
	return 1;
}
