/* Phishing mail intake: one RFC 5322 message, parsed with GMime into a
 * plain struct of what an incident handler needs (issue 4 "Mail"). A
 * message forwarded by staff (as a message/rfc822 attachment or inline
 * with a "Forwarded message" / "Oorspronkelijk bericht" block) is
 * unwrapped: the forwarder becomes the reporter and the original is
 * described. Attachments are hashed while they are decoded and are never
 * opened, unpacked or kept in memory. Every string in the result is valid
 * UTF-8 without control characters (tab and newline stay in bodies). */
#ifndef MK_INTAKE_MAIL_H
#define MK_INTAKE_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
#include "base/time.h"

#define MK_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* How the original message was found inside the one that arrived. */
enum mk_mail_forward {
	MK_MAIL_DIRECT,  /* not a forward: the message is the original */
	MK_MAIL_RFC822,  /* attached as message/rfc822 */
	MK_MAIL_INLINE,  /* forwarded inline, below a forward marker */
};

/* "direct", "rfc822", "inline". */
const char *mk_mail_forward_name(enum mk_mail_forward f);

struct mk_mail_address {
	char *addr; /* lower-cased "local@domain", or NULL when absent */
	char *name; /* display name, or NULL */
};

/* One Received header, in header order (index 0 is the newest, the last
 * the hop nearest the sender). */
struct mk_mail_hop {
	char *from;    /* the "from" host as the receiver wrote it, or NULL */
	char *by;      /* the receiving host, or NULL */
	char *ip;      /* the sending IP (v4 or v6) from the from clause, or NULL */
	char *date;    /* the text after the last ';', or NULL */
	mk_time time;  /* that date parsed, or MK_TIME_UNKNOWN */
};

struct mk_mail_url {
	char *url;          /* as found (HTML entities decoded), at most MK_MAIL_URL_MAX */
	char *host;         /* lower-cased host, without user info and port */
	bool from_html;     /* an href target in an HTML part */
	char *shown_host;   /* when the link's visible text is a URL with another
			     * host: that host (the mismatch a phisher uses); else NULL */
};

struct mk_mail_attachment {
	char *filename;            /* sanitised file name, or NULL when none given */
	char *mime_type;           /* lower case "type/subtype" */
	uint64_t size;             /* decoded bytes */
	char sha256[MK_SHA256_HEX]; /* of the decoded content */
};

/* The described message (the original when forwarded). */
struct mk_mail_message {
	struct mk_mail_address from;
	struct mk_mail_address reply_to;
	struct mk_mail_address return_path; /* addr only */
	char *subject;                      /* decoded (RFC 2047, charsets), or NULL */
	bool subject_guessed;               /* raw 8-bit bytes in no declared charset:
					     * decoded as best effort */
	char *date;                         /* the Date header as written, or NULL */
	mk_time time;                       /* Date parsed, or MK_TIME_UNKNOWN */
	struct mk_mail_hop *hops;
	size_t nhops;
	long first_external;                /* index in hops of the first hop from the
					     * bottom whose IP is public, or -1 */
	char *text;                         /* text/plain parts, decoded, joined; or NULL */
	char *html;                         /* text/html parts, decoded, joined; or NULL */
	bool body_truncated;                /* a body was cut at MK_MAIL_BODY_MAX */
	struct mk_mail_url *urls;           /* unique, in order of appearance */
	size_t nurls;
	char **domains;                     /* unique, lower case: URL hosts and address domains */
	size_t ndomains;
	char **ips;                         /* unique: Received hops and bodies */
	size_t nips;
	struct mk_mail_attachment *attachments;
	size_t nattachments;
};

struct mk_mail_report {
	char sha256[MK_SHA256_HEX]; /* of the raw message, as received */
	size_t size;                /* raw bytes */
	enum mk_mail_forward forward;
	struct mk_mail_address reporter; /* the forwarder (outer From) when forwarded */
	char *outer_subject;             /* the forward's own subject, when forwarded */
	struct mk_mail_message orig;
	bool charset_guessed;            /* some text in an unknown charset was guessed */
};

void mk_mail_report_init(struct mk_mail_report *r);
void mk_mail_report_release(struct mk_mail_report *r);

/* Parses the message data[0..len) into r (initialised by the caller; on
 * failure r is released and re-initialised). data is only read and must
 * stay valid during the call. Errors:
 *   MK_ETOOBIG  len above MK_MAIL_MAX ("message is N bytes, over
 *               MK_MAIL_MAX (52428800)"), MIME nesting deeper than
 *               MK_MAIL_DEPTH_MAX, more than MK_MAIL_PARTS_MAX parts
 *   MK_EINVAL   not a message (no header at all), an empty message
 *   MK_ENOMEM
 * The field is "message". Malformed parts (truncated MIME, broken base64
 * or QP) are decoded as far as they go, like a mail client would. */
enum mk_rc mk_mail_parse(const void *data, size_t len, struct mk_mail_report *r,
			 struct mk_error *err);

/* True if ip (IPv4 or IPv6 text) is a public address: not private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local, CGNAT
 * (100.64/10), "this network" (0/8, ::), multicast or reserved (224/3,
 * ff00::/8). The documentation ranges count as public (test messages use
 * them). Text that is no address counts as not public. */
bool mk_mail_ip_is_public(const char *ip);

#endif
