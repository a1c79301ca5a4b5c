/* Every size a user controls has a maximum here, checked before anything
 * is allocated or written (STYLE.md "Memory ownership"). The values are
 * generous for real incidents and small enough that one bad input cannot
 * exhaust memory or bloat the database. */
#ifndef MK_BASE_LIMITS_H
#define MK_BASE_LIMITS_H

/* Bytes, not characters: UTF-8 text can take up to 4 bytes a character. */
#define MK_TITLE_MAX 400           /* an incident title: one line */
#define MK_NAME_MAX 200            /* a person, department, supplier, victim */
#define MK_SHORT_TEXT_MAX 1000     /* a reason, a phone number, a task note */
#define MK_TEXT_MAX (64 * 1024)    /* a description, a log entry, a BOBOC part */

/* A VERIS record is a few KB; the largest in the VCDB sample is 10 KB. */
#define MK_VERIS_FILE_MAX (1024 * 1024)
/* Nesting beyond this in a VERIS file is hostile, not a real record. */
#define MK_JSON_DEPTH_MAX 32

/* A data table file (matrix, checklist, impact criteria). */
#define MK_TABLE_FILE_MAX (256 * 1024)
#define MK_TABLE_ROWS_MAX 1000

/* Rows on one page of a listing. */
#define MK_PAGE_MAX 1000
#define MK_PAGE_DEFAULT 50

/* Intake (issue 4). One line of eve.json or a Wazuh alert is a few KB;
 * Suricata's largest (with payload and http bodies) stay far below 1 MB,
 * so a longer line is refused before it is parsed. */
#define MK_ALERT_LINE_MAX (1024 * 1024)
/* One evidence file kept in the content-addressed store: the largest
 * mail message intake accepts. */
#define MK_EVIDENCE_MAX (100 * 1024 * 1024)

/* A search query. */
#define MK_QUERY_MAX 200

/* Export: a single JSON document is streamed, but one incident's logbook in
 * memory for verification is bounded by this many entries at a time. */
#define MK_LOG_BATCH 4096

/* Mail intake (src/intake/mail.c). A raw message above MK_MAIL_MAX is
 * refused before it is parsed: mail servers commonly stop at 25 to 50 MB.
 * Real mail nests a few levels (a forward of a signed message with an
 * alternative part: 4 or 5); deeper is an attack on the parser. */
#define MK_MAIL_MAX (50 * 1024 * 1024)
#define MK_MAIL_DEPTH_MAX 16
#define MK_MAIL_PARTS_MAX 1000       /* MIME parts in one message */
#define MK_MAIL_BODY_MAX (2 * 1024 * 1024) /* text or HTML kept per message */
#define MK_MAIL_URL_MAX 2048         /* one URL; longer ones are cut */
#define MK_MAIL_ITEMS_MAX 1000       /* URLs, domains, IPs, hops, attachments each */

#endif
