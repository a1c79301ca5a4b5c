/* Internal to the service: describing field changes for the logbook. */
#ifndef MK_SERVICE_FIELDS_H
#define MK_SERVICE_FIELDS_H

#include "base/buf.h"
#include "core/incident.h"
#include "service/service.h"

/* Appends one line per named field whose value differs between before and
 * after ("title: 'old' -> 'new'"); ret_changed gets the count. */
void mk_fields_describe_changes(const struct mk_incident *before, const struct mk_incident *after,
				const struct mk_field_value *values, size_t nvalues,
				struct mk_buf *out, size_t *ret_changed);

/* Parses ja/nee (also yes/no, true/false, 1/0, j/n, y) for field. */
enum mk_rc mk_fields_parse_bool(const char *field, const char *v, bool *ret, struct mk_error *err);

#endif
