/* JSON shapes of the chain of custody (evidence items, custody events,
 * file checks), shared by the CLI, the HTTP API and the signed manifest
 * (doc/custody.md). */
#ifndef MK_EXPORT_JSON_CUSTODY_H
#define MK_EXPORT_JSON_CUSTODY_H

#include <jansson.h>

#include "service/custody.h"

/* The archive member that holds an item's file. */
#define MK_ARCHIVE_FILE_PREFIX "evidence/"

json_t *mk_json_item(const struct mk_item_view *it);
json_t *mk_json_custody_event(const struct mk_custody_view *c);
json_t *mk_json_file_check(const struct mk_file_check *c);

#endif
