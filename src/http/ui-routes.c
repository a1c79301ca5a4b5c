/* The web UI's route table (the Dutch pages). Empty until the pages are
 * written: their owner (ui-*.c) replaces this file. */
#include "http/http.h"

const struct mk_http_route mk_ui_routes[] = {
	{"GET", "/-", MK_ACT_INCIDENT_LIST, false, true, NULL}, /* never counted */
};
const size_t mk_ui_nroutes = 0;
