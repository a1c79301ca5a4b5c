/* The JSON API's route table (/api/v1). Empty until the API is written:
 * its owner (api-*.c) replaces this file. */
#include "http/http.h"

const struct mk_http_route mk_api_routes[] = {
	{"GET", "/api/v1/-", MK_ACT_INCIDENT_LIST, false, false, NULL}, /* never counted */
};
const size_t mk_api_nroutes = 0;
