/* Error detail and the one table from error kind to exit status. */
#include "base/rc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

enum mk_rc mk_error_set(struct mk_error *e, enum mk_rc rc, const char *field,
			const char *fmt, ...)
{
	if (!e)
		return rc;
	e->rc = rc;
	e->temporary = rc == MK_ENOMEM;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	mk_utf8_truncate(e->field, sizeof(e->field));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	/* A quoted user value may have been cut in the middle of a character. */
	mk_utf8_truncate(e->message, sizeof(e->message));
	return rc;
}

void mk_error_clear(struct mk_error *e)
{
	if (!e)
		return;
	e->rc = MK_OK;
	e->temporary = false;
	e->field[0] = '\0';
	e->message[0] = '\0';
}

static const struct {
	const char *name;
	int exit_status;
} rc_table[] = {
	[MK_OK] = {"ok", 0},
	[MK_ENOMEM] = {"out-of-memory", 1},
	[MK_EINVAL] = {"invalid", 2},
	[MK_ENOTFOUND] = {"not-found", 2},
	[MK_ECONFLICT] = {"refused", 1},
	[MK_EPERM] = {"forbidden", 1},
	[MK_ETOOBIG] = {"too-big", 2},
	[MK_ECHAIN] = {"chain-broken", 1},
	[MK_ESTORE] = {"store", 1},
	[MK_ETHROTTLED] = {"throttled", 1},
};

const char *mk_rc_name(enum mk_rc rc)
{
	if ((size_t)rc >= sizeof(rc_table) / sizeof(rc_table[0]))
		return "unknown";
	return rc_table[rc].name;
}

int mk_rc_exit_status(enum mk_rc rc)
{
	if ((size_t)rc >= sizeof(rc_table) / sizeof(rc_table[0]))
		return 1;
	return rc_table[rc].exit_status;
}
