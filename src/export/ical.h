/* The evaluation meeting as an iCalendar invitation (RFC 5545, written
 * with libical): one VCALENDAR with METHOD:REQUEST and one VEVENT. The
 * UID is stable per incident (evaluatie-<incident uuid>@meldkamer), so a
 * moved meeting updates the same event in the attendees' calendars, with
 * SEQUENCE counting the moves. Times are UTC (DTSTART:...Z): correct in
 * every client without shipping a VTIMEZONE; the description gives the
 * Amsterdam time for people. */
#ifndef MK_EXPORT_ICAL_H
#define MK_EXPORT_ICAL_H

#include <stddef.h>

#include "base/rc.h"
#include "base/time.h"

struct mk_ical_person {
	const char *name;    /* CN */
	const char *address; /* a cal-address URI: "mailto:..." or "urn:..." */
};

struct mk_ical_meeting {
	const char *key, *uuid, *title; /* the incident */
	mk_time start;
	int minutes;
	int sequence;
	mk_time stamp;                  /* DTSTAMP: when the invitation was made */
	struct mk_ical_person organizer;
	const struct mk_ical_person *attendees;
	size_t nattendees;
};

/* The invitation text (CRLF lines, folded by libical) into *ret (owned by
 * the caller, mk_free). MK_EINVAL if a value cannot go into iCalendar
 * (libical refuses it), MK_ENOMEM. */
enum mk_rc mk_ical_invitation(const struct mk_ical_meeting *m, char **ret,
			      struct mk_error *err);

/* A cal-address for an account: "mailto:LOGIN@DOMAIN" when a mail domain
 * is configured, else "urn:x-meldkamer:account:LOGIN" (an address no
 * client mails to, but one that names the person). Into buf of cap. */
void mk_ical_account_address(const char *login, const char *domain, char *buf, size_t cap);

#endif
