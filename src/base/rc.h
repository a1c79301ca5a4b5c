/* Error kinds shared by every layer. A function that can fail returns an
 * enum mk_rc; details travel in an optional struct mk_error. One table maps
 * each kind to a CLI exit status (and, in http/, to an HTTP status), so the front
 * ends never guess. */
#ifndef MK_BASE_RC_H
#define MK_BASE_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/banned.h"

enum mk_rc {
	MK_OK = 0,
	MK_ENOMEM,    /* an allocation failed */
	MK_EINVAL,    /* bad input: a field is malformed, missing or out of range */
	MK_ENOTFOUND, /* the named object does not exist */
	MK_ECONFLICT, /* refused by a rule: the object's state does not allow it */
	MK_EPERM,     /* refused: the actor's role may not do this */
	MK_ETOOBIG,   /* input exceeds a limit from limits.h */
	MK_ECHAIN,    /* the logbook hash chain does not verify */
	MK_ESTORE,    /* the database failed: read-only, corrupt, busy, full */
	MK_ETHROTTLED, /* refused for now: too many recent attempts (logins) */
};

/* Detail of a failure. Filled only on failure, by the function that failed
 * first; callers higher up keep it as it is. */
struct mk_error {
	enum mk_rc rc;
	char field[64];    /* the input field at fault, or "" */
	char message[512]; /* lower case, no final full stop, user values quoted */
	/* The failure may pass by itself: the database busy or locked by
	 * another process, the disk full, memory short. Set by the store
	 * after mk_error_set (which clears it); an MTA pipe exits 75
	 * (EX_TEMPFAIL) on it so the mail is retried, not bounced. */
	bool temporary;
};

/* Fills e (if not NULL) and returns rc, so a failure reads
 * `return mk_error_set(err, MK_EINVAL, "title", "title is empty");`.
 * A message longer than the buffer is cut at a UTF-8 character boundary. */
enum mk_rc mk_error_set(struct mk_error *e, enum mk_rc rc, const char *field,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Clears e to "no error". Accepts NULL. */
void mk_error_clear(struct mk_error *e);

/* A stable lower-case name for rc ("invalid", "not-found", ...). */
const char *mk_rc_name(enum mk_rc rc);

/* The CLI exit status for rc: 0 success, 1 refused or failed, 2 bad usage
 * or input. */
int mk_rc_exit_status(enum mk_rc rc);

#endif
