/* The fields of the incident page's edit form ("Gegevens wijzigen"), in
 * one table for the form (ui-incident.c) and its post
 * (ui-incident-post.c), with each field's stored value as the form shows
 * it. The post sends only what differs from that text: a time shown to
 * the minute, sent back unchanged, must not change the seconds. */
#ifndef MK_HTTP_UI_EDIT_FIELDS_H
#define MK_HTTP_UI_EDIT_FIELDS_H

#include <stddef.h>

#include "base/buf.h"
#include "http/i18n.h"
#include "service/service.h"

enum mk_ui_edit_kind {
	MK_UI_EDIT_LINE,
	MK_UI_EDIT_TEXT,
	MK_UI_EDIT_TIME,
	MK_UI_EDIT_BOOL,
	MK_UI_EDIT_SOURCE,
	MK_UI_EDIT_TLP,
};

struct mk_ui_edit_field {
	const char *name; /* the service's field name (service/fields.c) */
	enum mk_ui_edit_kind kind;
	enum mk_msg label;
};

extern const struct mk_ui_edit_field mk_ui_edit_fields[];
extern const size_t mk_ui_edit_nfields;

/* Appends field f of inc as the form shows it: text as it is, a time as
 * datetime-local in Amsterdam time ("" when unknown), ja/nee, a source or
 * TLP by its code name. */
void mk_ui_edit_value(const struct mk_incident *inc, const struct mk_ui_edit_field *f,
		      struct mk_buf *out);

#endif
