/* The evaluation meeting invitation (ical.h) with libical. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "export/ical.h"

void mk_ical_account_address(const char *login, const char *domain, char *buf, size_t cap)
{
	/* A name typed on the command line ("Anna de Vries") is percent-encoded
	 * so that the address stays one URI on one line. */
	struct mk_buf b;
	mk_buf_init(&b, cap);
	mk_buf_adds(&b, domain && domain[0] ? "mailto:" : "urn:x-meldkamer:account:");
	for (const unsigned char *p = (const unsigned char *)login; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-')
			mk_buf_addc(&b, (char)*p);
		else
			mk_buf_addf(&b, "%%%02X", *p);
	}
	if (domain && domain[0])
		mk_buf_addf(&b, "@%s", domain);
	snprintf(buf, cap, "%s", b.data && !mk_buf_rc(&b) ? b.data : "urn:x-meldkamer:account:-");
	mk_buf_release(&b);
}

static struct icaltimetype utc(mk_time t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

static icalproperty *person(icalproperty *p, const struct mk_ical_person *who, bool attendee)
{
	if (!p)
		return NULL;
	if (who->name && who->name[0])
		icalproperty_add_parameter(p, icalparameter_new_cn(who->name));
	if (attendee) {
		icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
		icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
		icalproperty_add_parameter(p, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
	}
	return p;
}

enum mk_rc mk_ical_invitation(const struct mk_ical_meeting *m, char **ret,
			      struct mk_error *err)
{
	enum mk_rc rc = MK_ENOMEM;
	char *text = NULL;
	struct mk_buf uid, summary, desc;
	mk_buf_init(&uid, 128);
	mk_buf_init(&summary, 1024);
	mk_buf_init(&desc, 4096);
	mk_buf_addf(&uid, "evaluatie-%s@meldkamer", m->uuid);
	mk_buf_addf(&summary, "Evaluatie %s: %s", m->key, m->title);
	char start[MK_TIME_TEXT];
	mk_buf_addf(&desc,
		    "Evaluatievergadering van incident %s (Bijlage 1 stap 7 van de IBD-handreiking): "
		    "geleerde lessen, de vragen van stap 7, hoe het proces verliep en "
		    "verbeteracties.\nAanvang: %s (Amsterdam), %d minuten.",
		    m->key, mk_time_format_local(m->start, start), m->minutes);
	if (mk_buf_rc(&uid) || mk_buf_rc(&summary) || mk_buf_rc(&desc))
		goto out;

	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	if (!cal || !ev) {
		if (cal)
			icalcomponent_free(cal);
		if (ev)
			icalcomponent_free(ev);
		goto out;
	}
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//meldkamer//evaluatie//NL"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_REQUEST));
	icalcomponent_add_property(ev, icalproperty_new_uid(uid.data));
	icalcomponent_add_property(ev, icalproperty_new_sequence(m->sequence));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(m->stamp)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(m->start)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(utc(m->start + (mk_time)m->minutes * 60)));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary.data));
	icalcomponent_add_property(ev, icalproperty_new_description(desc.data));
	icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(ev, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
	icalcomponent_add_property(
		ev, person(icalproperty_new_organizer(m->organizer.address), &m->organizer, false));
	for (size_t i = 0; i < m->nattendees; i++)
		icalcomponent_add_property(
			ev, person(icalproperty_new_attendee(m->attendees[i].address),
				   &m->attendees[i], true));
	icalcomponent_add_component(cal, ev);
	char *s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!s)
		goto out;
	text = mk_strdup(s);
	free(s);
	if (!text)
		goto out;
	*ret = text;
	rc = MK_OK;
out:
	if (rc == MK_ENOMEM)
		mk_error_set(err, MK_ENOMEM, "", "out of memory writing the invitation");
	mk_buf_release(&uid);
	mk_buf_release(&summary);
	mk_buf_release(&desc);
	return rc;
}
