/* Compiled-in web assets (stylesheet, script, icons) served under
 * /static/NAME. The table lives in ui-static.c (the web UI's files); the
 * router only looks names up in it, so a name that is not in the table,
 * whatever it spells, reaches nothing on disk. */
#ifndef MK_HTTP_STATIC_H
#define MK_HTTP_STATIC_H

#include <stddef.h>

struct mk_static_file {
	const char *name;         /* "style.css": one path segment */
	const char *content_type; /* "text/css; charset=utf-8" */
	const unsigned char *data;
	size_t len;
};

extern const struct mk_static_file mk_static_files[];
extern const size_t mk_static_nfiles;

/* The asset called name (exact, case-sensitive), or NULL. */
const struct mk_static_file *mk_static_find(const char *name);

#endif
